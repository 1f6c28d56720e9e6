"""The menu of a family member's own account: their pages only."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import permissions


def navigation(user):
    if not permissions.is_family_account(user):
        return []
    return [
        (_("Home"), reverse("family_door:home")),
        (_("My story"), reverse("family_door:story")),
        (_("About me"), reverse("family_door:profile")),
        (_("My team"), reverse("family_door:team")),
        (_("Sharing"), reverse("family_door:sharing")),
        (_("Who has looked"), reverse("family_door:who-looked")),
    ]
