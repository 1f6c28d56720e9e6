"""Who may do the things around a family's record that are not reading a part of it.

Reading and changing the parts themselves is `access.py`'s rule; these are the team, the
family's agreements, emergency access, retention and closing. Plain functions, no logging.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Membership, Organisation, Role
from goldenthread.partnership.queries import memberships_of

from . import access
from .models import Part, TeamMember

# Roles that do casework with families: they may search, record, join a team and use emergency access.
CASEWORK_ROLES = (Role.PRACTITIONER, Role.CHAMPION, Role.ORGANISATION_LEAD)
# Roles that find the family pages in the menu: the caseworkers, and trainers, who may open
# the pages but see no family by that role (the menu has always shown them the link).
FAMILY_PAGES_ROLES = (*CASEWORK_ROLES, Role.TRAINER)


def casework_organisations(user):
    """The organisations in which the person does casework (and so may record or join a family)."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(is_active=True, memberships__user=user, memberships__role__in=CASEWORK_ROLES).distinct().order_by("name")


def does_casework(user) -> bool:
    """Whether `casework_organisations` holds any organisation, from the memberships read once per request."""
    return is_signed_in(user) and any(membership.role in CASEWORK_ROLES for membership in memberships_of(user))


def does_casework_in(user, organisation) -> bool:
    if not is_signed_in(user) or organisation is None:
        return False
    return Membership.objects.filter(user=user, organisation=organisation, role__in=CASEWORK_ROLES, organisation__is_active=True).exists()


def can_search(user) -> bool:
    """Search before create: anyone who does casework in a member organisation."""
    return casework_organisations(user).exists()


def can_create_family(user, organisation) -> bool:
    return does_casework_in(user, organisation)


def can_start_emergency_access(user) -> bool:
    return can_search(user)


def in_recording_team(user, family) -> bool:
    found = access.team_place(user, family)
    return found is not None and found.in_recording_organisation


def is_lead_practitioner(user, family) -> bool:
    found = access.team_place(user, family)
    return found is not None and found.is_lead


def has_lead(family) -> bool:
    return TeamMember.objects.filter(family=family, left_on__isnull=True, is_lead=True).exists()


def can_decide_join_requests(user, family) -> bool:
    """The lead practitioner; a team member of the recording organisation when there is no lead."""
    if is_lead_practitioner(user, family):
        return True
    return in_recording_team(user, family) and not has_lead(family)


def can_manage_team(user, family) -> bool:
    """Choose the lead, or take someone's place away: as for deciding who joins."""
    return can_decide_join_requests(user, family)


def acts_as_family_member(user, family) -> bool:
    """A member of the family, not also in the recording organisation's team: they withdraw an agreement themselves."""
    return access.is_family_member(user, family) and not in_recording_team(user, family)


def can_record_consent(user, family) -> bool:
    """Record the family's agreement: the recording organisation's team (a family member asks them, on their own pages)."""
    return in_recording_team(user, family)


def can_withdraw_consent(user, family) -> bool:
    """Withdraw an agreement, with effect at once: the recording organisation's team, or any family member with their own account."""
    return in_recording_team(user, family) or access.is_family_member(user, family)


def can_edit_family_details(user, family) -> bool:
    """The family's name, lawful basis and status belong to the organisation holding the record."""
    return in_recording_team(user, family)


def can_change_contact_details(user, family) -> bool:
    """The contact details alone: anyone who may see them (`access.decide_change`), the recording team included."""
    return access.decide_change(user, family, Part.CONTACT).allowed


def can_close_family(user, family) -> bool:
    """Close the record, or open it again: the organisation holding the record, as for its details."""
    return in_recording_team(user, family)


def can_review_emergency_access(user) -> bool:
    return is_signed_in(user) and bool(getattr(user, "is_data_protection_lead", False))


def can_set_retention_rule(user) -> bool:
    return is_signed_in(user) and is_partnership_admin(user)


def who_to_ask(user) -> str | None:
    """Who a family member asks when something is not open to them: their lead practitioner, by name.

    None for anyone who works in an organisation (the partnership app answers for them).
    """
    if not is_signed_in(user) or Membership.objects.filter(user=user).exists():
        return None
    families = access.own_families(user)
    leads = TeamMember.objects.filter(family__in=families, is_lead=True, left_on__isnull=True).order_by("user__full_name")
    names = list(dict.fromkeys(leads.values_list("user__full_name", flat=True)[:2]))
    if names:
        return f"ask your lead practitioner, {' or '.join(names)}"
    return "ask your lead practitioner" if families.exists() else None
