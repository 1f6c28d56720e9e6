"""Template tags the families app's record page loads, so the family's voice shows there without the
families app importing this one: what waits from the family, and each person's own sign-in."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from .. import permissions, services
from ..models import Invitation, Question, ShareRequest, Suggestion, Waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def from_the_family_link(context, family):
    """ "From the family (2 waiting)": a link for anyone in the team around the family, or nothing."""
    user = context["request"].user
    if not permissions.can_see_from_the_family(user, family):
        return ""
    waiting = sum(model.objects.filter(family=family, status=Waiting.WAITING).count() for model in (Suggestion, Question, ShareRequest))
    words = f"From the family: what they suggested, asked and requested on their own pages ({waiting} waiting)"
    return format_html('<li><a class="govuk-link" href="{}">{}</a></li>', reverse("from_the_family:list", args=[family.public_id]), words)


@register.simple_tag(takes_context=True)
def own_sign_in(context, person):
    """For one person in the household: whether they have their own sign-in, and the link to invite them or stop it."""
    user = context["request"].user
    may = permissions.can_invite(user, person)
    family = person.family
    if person.account_id is not None:
        if not may:
            return "Has their own sign-in"
        link = reverse("from_the_family:stop-sign-in", args=[family.public_id, person.public_id])
        return format_html(
            'Has their own sign-in. <a class="govuk-link" href="{}">Stop their sign-in<span class="govuk-visually-hidden">: {}</span></a>', link, person
        )
    if not may or not services.may_be_invited(person):
        return ""
    link = reverse("from_the_family:invite", args=[family.public_id, person.public_id])
    invited = Invitation.objects.filter(person=person, accepted_at__isnull=True, cancelled_at__isnull=True).exists()
    words = "Invite again" if invited else "Invite to their own sign-in"
    return format_html('<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">: {}</span></a>', link, words, person)
