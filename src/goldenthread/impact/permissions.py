"""Who is who in impact, shared by its parts (each part's own rules are in its `permissions.py`). Plain functions, tested as a matrix.

- The partnership team (partnership admins) keeps the theory of change, the indicators and
  the board reports, and sees every organisation's figures.
- An organisation's lead sees the partnership's figures and their own organisation's.
- Everyone else in the workforce reads the theory of change; a family member's own account
  sees none of this (a family answers surveys through its own link).
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Organisation, Role
from goldenthread.partnership.permissions import leads, leads_an_organisation
from goldenthread.partnership.queries import memberships_of


def is_staff(user) -> bool:
    """Signed in, and not a family member's own account."""
    return is_signed_in(user) and not getattr(user, "is_family_account", False)


def is_partnership_team(user) -> bool:
    return is_staff(user) and is_partnership_admin(user)


def is_workforce(user) -> bool:
    """Anyone with a role in a member organisation, and the partnership team."""
    return is_partnership_team(user) or (is_staff(user) and bool(memberships_of(user, active_only=False)))


def sees_figures(user) -> bool:
    """Sees the partnership's figures (the golden thread, indicators, feedback results): the partnership team and organisation leads."""
    return is_partnership_team(user) or (is_staff(user) and leads_an_organisation(user))


def sees_organisation(user, organisation) -> bool:
    """Sees one organisation's own figures: the partnership team, or that organisation's lead."""
    return organisation is not None and (is_partnership_team(user) or (is_staff(user) and leads(user, organisation)))


def organisations_seen(user):
    """The organisations whose own figures the person sees, by name."""
    if is_partnership_team(user):
        return Organisation.objects.filter(is_active=True).order_by("name")
    if not is_staff(user):
        return Organisation.objects.none()
    led = [membership.organisation_id for membership in memberships_of(user, active_only=False) if membership.role == Role.ORGANISATION_LEAD]
    return Organisation.objects.filter(pk__in=led).order_by("name")


def keeps_the_framework(user) -> bool:
    """Edits the theory of change and the indicators, writes board reports: the partnership team."""
    return is_partnership_team(user)
