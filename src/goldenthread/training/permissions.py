"""Who may see and do what in training. Plain functions, no logging, tested as a matrix.

Running the programme (programmes, courses, sessions, registers, certificates for anyone) is
for the partnership's trainers (the trainer role in a member organisation) and its partnership
leads. Anyone signed in may find courses and read a session; people in a member organisation
book places. A person's bookings, record, certificates and feedback are their own: nobody
else sees who booked except the trainers. A session's joining link is shown only to the
people booked on it and to the trainers. Aha moments kept private are read only by the
person who wrote them; shared ones are read by the partnership, without a name if so chosen.

Reach: the figures across the partnership (counts, never names) are for the partnership leads
and the trainers who plan the sessions; who in an organisation is trained, booked or not
reached yet, by name, is for that organisation's lead and the partnership leads.
"""

from django.utils import timezone

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.permissions import leads
from goldenthread.partnership.queries import memberships_of, roles_of

from .models import Booking, TrainingSession

ATTENDED_SOME = (Booking.Attendance.ATTENDED, Booking.Attendance.PART)
LIVE_PLACES = (Booking.Status.BOOKED, Booking.Status.WAITING, Booking.Status.OFFERED)


def _is(user, other_id) -> bool:
    return is_signed_in(user) and other_id is not None and user.pk == other_id


def is_trainer(user) -> bool:
    """Has the trainer role in a member organisation."""
    if not is_signed_in(user):
        return False
    return Role.TRAINER in roles_of(user)


def is_member(user) -> bool:
    """Works in a member organisation (any role)."""
    if not is_signed_in(user):
        return False
    return bool(memberships_of(user, active_only=False))


def can_run_training(user) -> bool:
    """Programmes, courses, sessions and their registers: the partnership's trainers and partnership leads."""
    return is_partnership_admin(user) or is_trainer(user)


def can_find_courses(user) -> bool:
    """Find courses and read a session's page: anyone signed in."""
    return is_signed_in(user)


def can_view_session(user, session) -> bool:
    return is_signed_in(user) and session is not None


def is_bookable(session) -> bool:
    """Going ahead, not started, and its course and programme open for booking."""
    course = session.course
    return not session.is_cancelled and not session.has_started and course.is_open and course.programme.is_open


def can_book(user, session) -> bool:
    """Book a place or join the waiting list: someone in a member organisation, on a session still open."""
    return is_member(user) and is_bookable(session)


def own_booking(user, session) -> Booking | None:
    """The person's booking on this session, cancelled or not, or None."""
    if not is_signed_in(user) or session is None or session.pk is None:
        return None
    return Booking.objects.filter(session=session, person=user).first()


def can_see_joining_link(user, session) -> bool:
    """An online session's link: the people booked on it, and the trainers."""
    if not session.is_online or session.is_cancelled:
        return False
    if can_run_training(user):
        return True
    booking = own_booking(user, session)
    return booking is not None and booking.status == Booking.Status.BOOKED


def can_cancel_place(user, booking) -> bool:
    """Cancel a place, an offer or a place in the waiting list before the session starts: the person, or a trainer."""
    if booking is None or booking.status not in LIVE_PLACES or booking.session.has_started:
        return False
    return _is(user, booking.person_id) or can_run_training(user)


def can_answer_offer(user, booking) -> bool:
    """Accept or say no to a place offered from the waiting list: the person it is offered to."""
    return booking is not None and booking.status == Booking.Status.OFFERED and _is(user, booking.person_id)


def can_see_register(user, session) -> bool:
    """Who is booked, offered a place or waiting, and how the session went: the trainers."""
    return can_run_training(user)


def can_take_register(user, session) -> bool:
    """Record who came: the trainers, for a session going ahead, from its day on."""
    if not can_run_training(user) or session.is_cancelled:
        return False
    return timezone.localtime(session.starts_at).date() <= timezone.localdate()


def can_change_session(user, session) -> bool:
    return can_run_training(user) and session.status == TrainingSession.Status.SCHEDULED


def came_to(user, session) -> bool:
    """Came to the whole of the session or to part of it."""
    booking = own_booking(user, session)
    return booking is not None and booking.status == Booking.Status.BOOKED and booking.attendance in ATTENDED_SOME


def can_give_feedback(user, session) -> bool:
    """Say how the session went: the people who came to it."""
    return came_to(user, session)


def can_share_aha_moment(user, session) -> bool:
    """Write an aha moment from a session: the people who came to it."""
    return came_to(user, session)


def can_browse_aha_moments(user) -> bool:
    """Read the aha moments people chose to share: everyone in the partnership."""
    return is_partnership_admin(user) or is_member(user)


def can_see_own_record(user) -> bool:
    return is_signed_in(user)


def can_download_certificate(user, completion) -> bool:
    """A certificate: the person who completed the course, and the trainers."""
    return completion is not None and (_is(user, completion.person_id) or can_run_training(user))


def can_see_reach(user) -> bool:
    """Reach across the partnership, by organisation, sector and role (counts, no names): partnership leads and trainers."""
    return can_run_training(user)


def can_see_organisation_reach(user, organisation) -> bool:
    """Who in an organisation is trained, booked or not reached yet, by name: its organisation lead, and the partnership leads."""
    return organisation is not None and (is_partnership_admin(user) or leads(user, organisation))


# --- bring your own learning system, the Kirkpatrick page and the three-month follow-up --------


def can_import_from_lms(user, kind: str) -> bool:
    """Check and import a file from a council's learning system.

    Courses and completed courses: the trainers and partnership leads. People: the partnership
    leads only, because a person new to Golden Thread is invited to make a sign-in, and that
    is the partnership's say, never a trainer's.
    """
    if kind == "people":
        return is_partnership_admin(user)
    return can_run_training(user)


def can_export_to_lms(user, kind: str) -> bool:
    """Download people, courses or completed courses as CSV, for a council's learning system: as for importing them."""
    return can_import_from_lms(user, kind)


def can_see_evaluation(user) -> bool:
    """What people said at each level (reaction, confidence, practice three months on), in counts and without names: trainers and partnership leads."""
    return can_run_training(user)


def can_answer_follow_up(user, follow_up) -> bool:
    """The three-month follow-up on practice: only the person it was sent to."""
    return follow_up is not None and _is(user, follow_up.person_id)


def organisations_led(user) -> list:
    """The organisations whose people's training this person sees as their organisation lead."""
    return [membership.organisation for membership in memberships_of(user) if membership.role == Role.ORGANISATION_LEAD]
