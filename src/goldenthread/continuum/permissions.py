"""Who may see and do what in the self-assessment. Plain functions, tested as a matrix.

An organisation's lead runs its rounds and owns its action plan; everyone in the
organisation (and the partnership lead) sees its results; each respondent sees and changes
only their own answers, which are never shown to anyone else.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.permissions import is_member, leads


def can_start(user, organisation) -> bool:
    """Start a new round of self-assessment: the organisation's leads."""
    return leads(user, organisation)


def can_view_results(user, organisation) -> bool:
    """See the organisation's results, rounds and action plan: its people and the partnership lead."""
    return is_partnership_admin(user) or is_member(user, organisation)


def can_answer(user, response) -> bool:
    """Answer, save and submit a response: only the person it belongs to."""
    return is_signed_in(user) and response.respondent_id == user.pk


def can_manage_assessment(user, assessment) -> bool:
    """Invite people, follow who has answered and complete the round: the organisation's leads."""
    return leads(user, assessment.organisation)


def can_manage_actions(user, organisation) -> bool:
    """Add and change actions in the organisation's action plan: its leads."""
    return leads(user, organisation)
