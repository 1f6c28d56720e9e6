"""Who may do what with a group supervision or learning conversation. Plain functions, no logging.

A session belongs to the people in it: the attendees (the requester, those invited, the
facilitator and the accountable manager each have a place). Nobody sees a session by role
alone, the partnership lead included; partnership admins see only the anonymised figures.
Seeing the record needs a place that was not declined and confidentiality acknowledged.
Family detail on the page needs, on top, the families access rule for that part.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.families import access
from goldenthread.families.permissions import does_casework

from .models import AgreedAction, Attendee, Session

CHANGEABLE_STATUSES = (Session.Status.REQUESTED, Session.Status.SCHEDULED)
RECORDABLE_STATUSES = (Session.Status.SCHEDULED, Session.Status.HELD)
LIVE_ACTION_STATUSES = (AgreedAction.Status.PROPOSED, AgreedAction.Status.OPEN)


def _is(user, other_id) -> bool:
    return is_signed_in(user) and other_id is not None and user.pk == other_id


def place(user, session) -> Attendee | None:
    """The person's place in the session (declined places too), or None."""
    if not is_signed_in(user) or session is None or session.pk is None:
        return None
    return Attendee.objects.filter(session=session, user=user).first()


def is_participant(user, session) -> bool:
    """Has a place they have not declined."""
    found = place(user, session)
    return found is not None and found.response != Attendee.Response.DECLINED


def has_acknowledged(user, session) -> bool:
    found = place(user, session)
    return found is not None and found.response != Attendee.Response.DECLINED and found.acknowledged_confidentiality_at is not None


def can_request(user) -> bool:
    """Anyone who does casework in a member organisation may ask for a session."""
    return does_casework(user)


def can_view_session(user, session) -> bool:
    """See that the session exists, when and where, and answer the invitation: anyone with a place."""
    if not is_signed_in(user) or session is None:
        return False
    if _is(user, session.facilitator_id) or _is(user, session.accountable_manager_id) or _is(user, session.requested_by_id):
        return True
    return place(user, session) is not None


def can_acknowledge(user, session) -> bool:
    return session.status != Session.Status.CANCELLED and is_participant(user, session)


def can_read_record(user, session) -> bool:
    """The record of the session (the four questions, the plan, actions): participants who acknowledged confidentiality."""
    return has_acknowledged(user, session)


def can_invite(user, session) -> bool:
    if session.status not in CHANGEABLE_STATUSES:
        return False
    return _is(user, session.requested_by_id) or _is(user, session.facilitator_id)


def can_schedule(user, session) -> bool:
    return can_invite(user, session)


def can_cancel_session(user, session) -> bool:
    return can_invite(user, session)


def can_respond(user, attendee) -> bool:
    return _is(user, attendee.user_id) and attendee.session.status in CHANGEABLE_STATUSES


def can_facilitate(user, session) -> bool:
    """Run and record the session: its facilitator, once they have acknowledged confidentiality."""
    if session.status not in RECORDABLE_STATUSES or not _is(user, session.facilitator_id):
        return False
    return has_acknowledged(user, session)


def can_add_commitment(user, session) -> bool:
    """What an agency will do differently belongs to a learning conversation, recorded by its facilitator."""
    return session.kind == Session.Kind.LEARNING_CONVERSATION and can_facilitate(user, session)


def can_see_family_detail(user, session, part) -> bool:
    """A part of the family's record on the session page: an acknowledged participant whom the families rule lets see it."""
    if session.family_id is None or not can_read_record(user, session):
        return False
    return access.decide(user, session.family, part).allowed


def can_add_to_chronology(user, session) -> bool:
    if session.family_id is None or not can_facilitate(user, session):
        return False
    return access.decide(user, session.family, access.Part.CHRONOLOGY).allowed


def can_see_wellbeing(user, session) -> bool:
    """The practitioners in the room only: never by role, and once attendance is marked only those who came."""
    if not can_read_record(user, session):
        return False
    if _is(user, session.facilitator_id):
        return True
    marked = Attendee.objects.filter(session=session, attended=True)
    if not marked.exists():
        return True
    return marked.filter(user=user).exists()


def can_confirm(user, action) -> bool:
    """Actions that change the child's plan are confirmed by the session's accountable manager."""
    session = action.session
    return action.status == AgreedAction.Status.PROPOSED and _is(user, session.accountable_manager_id) and has_acknowledged(user, session)


def can_update_action(user, action) -> bool:
    """Mark done, cancel or move: the owner or the facilitator; for a proposed action, the accountable manager too."""
    if action.status not in LIVE_ACTION_STATUSES:
        return False
    session = action.session
    if _is(user, action.owner_id) or _is(user, session.facilitator_id):
        return True
    return action.status == AgreedAction.Status.PROPOSED and _is(user, session.accountable_manager_id)


def can_read_action_details(action, *, verified: bool) -> bool:
    """What an action says, shown outside its session's page: an action agreed about a family
    is about a child, so it needs a session verified with two steps (or, through the API, a
    token made to read family records); any other action needs only a sign-in."""
    return action.session.family_id is None or verified


def can_see_figures(user) -> bool:
    """The anonymised figures across sessions: partnership admins."""
    return is_partnership_admin(user)
