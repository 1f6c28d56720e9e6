"""Who may do what at the family's own door, as plain functions, tested as a matrix.

A family member acts only for themselves: their own suggestions, questions and requests, in
their own family. The team answers: the lead practitioner or the team in the organisation
holding the record decides on suggestions and answers questions; only the organisation holding
the record records a new agreement, as it records every other.
"""

from goldenthread.core.permissions import is_signed_in
from goldenthread.families import access
from goldenthread.families import permissions as family_permissions
from goldenthread.families.models import Person


def is_family_account(user) -> bool:
    return is_signed_in(user) and bool(getattr(user, "is_family_account", False))


def own_person(user):
    """The family member this account belongs to (one person, in one family), or None."""
    if not is_family_account(user):
        return None
    cached = getattr(user, "_gt_own_person", None)
    if cached is None:
        cached = Person.objects.select_related("family").filter(account=user, family__anonymised_at__isnull=True).order_by("pk").first()
        user._gt_own_person = cached or False
    return cached or None


def acts_for(user, person) -> bool:
    """The person is this account's own family member."""
    own = own_person(user)
    return own is not None and person is not None and own.pk == person.pk


def answers_for_family(user, family) -> bool:
    """Decide on the family's suggestions and answer their questions: the lead practitioner, or the recording team."""
    return family_permissions.is_lead_practitioner(user, family) or family_permissions.in_recording_team(user, family)


def can_invite(user, person) -> bool:
    """Invite a family member to their own sign-in, or stop it: the recording team or the lead practitioner."""
    return answers_for_family(user, person.family)


def can_decide_share_request(user, family) -> bool:
    """Confirm or decline a family member's request to share: the team that records agreements."""
    return family_permissions.can_record_consent(user, family)


def can_see_from_the_family(user, family) -> bool:
    """See what the family has suggested, asked and requested: anyone in the team around them."""
    return access.team_place(user, family) is not None
