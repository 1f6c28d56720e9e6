"""Who may see which writing figures. Plain functions, no logging, tested as a matrix.

- A partnership lead (a partnership admin): the figures for every organisation.
- An organisation lead: the figures for the organisations they lead, and nothing of others.
- Anyone else who works in the partnership: the figures for their own writing only.
- A family member's own account: nothing.

Nobody's figures name or rank a practitioner: a lead sees organisations, kinds of record and
months, never people.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Organisation
from goldenthread.partnership.permissions import leads_an_organisation, led_organisations


def is_staff_member(user) -> bool:
    """Signed in with a workforce account (not a family member's own account)."""
    return is_signed_in(user) and not getattr(user, "is_family_account", False)


def can_see_own_writing(user) -> bool:
    """The figures for what they wrote themselves: anyone in the workforce."""
    return is_staff_member(user)


def can_see_partnership_figures(user) -> bool:
    """Every organisation's figures, and the partnership's as a whole: partnership admins."""
    return is_staff_member(user) and is_partnership_admin(user)


def organisations_for_figures(user):
    """The organisations whose figures a person may see: all for a partnership admin, the ones they lead for an organisation lead."""
    if not is_staff_member(user):
        return Organisation.objects.none()
    if is_partnership_admin(user):
        return Organisation.objects.all()
    return led_organisations(user)


def can_see_organisation_figures(user) -> bool:
    """The figures page for organisations: a partnership admin, or the lead of an organisation."""
    return can_see_partnership_figures(user) or (is_staff_member(user) and leads_an_organisation(user))


def can_see_figures_for(user, organisation) -> bool:
    if organisation is None:
        return can_see_partnership_figures(user)
    return organisations_for_figures(user).filter(pk=organisation.pk).exists()
