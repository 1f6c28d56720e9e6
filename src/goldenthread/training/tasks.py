"""Background work for training, run by the task worker (`manage.py db_worker`).

- A reminder two days before a booked session, queued when the place is booked (or the
  session moves). By the time it runs the place may be cancelled or the session moved (and a
  new reminder queued for the new time); then it sends nothing.
- The end of an offer: queued for the moment a place offered from the waiting list stops
  being kept. If it was not answered, the place passes to the next person waiting; if it was
  answered, or the offer changed, nothing happens.
- The three-month follow-up on practice, queued when a course is completed here for three
  months after its day; nothing if the completion was taken back or its day moved since.
- A day after a file from a council's learning system was checked and kept for confirming:
  its text is forgotten if nobody imported it or set it aside.

This is the one place training's tasks are queued: the services call the `schedule_...`
functions at the end of this module. The work a task shares with the services is in
`places`, `follow_up.services` and `lms.keeping`, which queue nothing and import neither
`services` nor `tasks`: so the services import `tasks`, and nothing here imports them back.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from goldenthread.core.audit import acting_as
from goldenthread.core.mail import send_email

from . import emails, places, rules
from .follow_up.services import follow_up_time, send_follow_up
from .lms.keeping import KEPT_FOR, forget_unconfirmed
from .models import Booking, Completion, LmsImport, TrainingSession


def _same_moment(value, text: str) -> bool:
    """The moment a task was queued for (ISO text) is still the record's: compared as moments, whatever the time zone written."""
    try:
        return value is not None and datetime.fromisoformat(text) == value
    except (TypeError, ValueError):
        return False


@task()
def send_session_reminder(booking_id: int, starts_at: str) -> int:
    """E-mail the person a couple of days before their session; nothing if the place or the session changed since."""
    booking = Booking.objects.select_related("person", "session", "session__course").filter(pk=booking_id).first()
    if booking is None or booking.status != Booking.Status.BOOKED or not booking.person.is_active:
        return 0
    session = booking.session
    if session.status != TrainingSession.Status.SCHEDULED or not _same_moment(session.starts_at, starts_at):
        return 0
    subject, body = emails.reminder(booking)
    # Already a background task at its time: it sends now, through the kernel's one sender.
    return send_email.call([booking.person.email], subject, body)


@task()
def pass_on_lapsed_offer(booking_id: int, expires_at: str) -> bool:
    """When an offer's time is up: pass the place to the next person waiting, unless the offer was answered or changed."""
    booking = Booking.objects.select_related("session").filter(pk=booking_id).first()
    if booking is None or booking.status != Booking.Status.OFFERED or not _same_moment(booking.offer_expires_at, expires_at):
        return False
    with acting_as(None), transaction.atomic():
        offered = places.pass_on_lapsed_offer(booking)
        if offered is None:
            return False
        schedule_offer_ends(offered)
    return True


@task()
def send_practice_follow_up(completion_id: int, completed_on: str) -> bool:
    """Three months after a course is completed: e-mail the short follow-up on practice, unless the completion was taken back or moved."""
    completion = Completion.objects.select_related("person", "course").filter(pk=completion_id).first()
    if completion is None or completion.completed_on.isoformat() != completed_on:
        return False
    with acting_as(None):
        return send_follow_up(completion) is not None


@task()
def forget_unconfirmed_import(lms_import_id: int) -> bool:
    """A day after a file from a learning system was checked and kept: forget its text if nobody imported it or set it aside."""
    kept = LmsImport.objects.filter(pk=lms_import_id).first()
    if kept is None:
        return False
    with acting_as(None):
        return forget_unconfirmed(kept)


# Queueing the tasks: called by the services (and by the tasks above), inside the change's transaction.


def reminder_time(session) -> datetime:
    """When the reminder goes: at 9 in the morning, two days before the session's day."""
    day = timezone.localtime(session.starts_at).date() - timedelta(days=rules.REMINDER_DAYS_BEFORE)
    return timezone.make_aware(datetime.combine(day, time(rules.REMINDER_HOUR, 0)))


def schedule_session_reminder(booking) -> None:
    """Queue the reminder for a booked place, if its time is still to come (a late booking has its confirmation instead)."""
    when = reminder_time(booking.session)
    if when > timezone.now():
        send_session_reminder.using(run_after=when).enqueue(booking.pk, booking.session.starts_at.isoformat())


def schedule_offer_ends(offered) -> None:
    """Queue the end of each place just offered from the waiting list, for the moment the offer stops being kept."""
    for booking in offered:
        pass_on_lapsed_offer.using(run_after=booking.offer_expires_at).enqueue(booking.pk, booking.offer_expires_at.isoformat())


def schedule_follow_up(completion) -> None:
    """Queue the follow-up for a course completed here; none for one imported from a council's own system."""
    if completion.imported_in_id is not None:
        return
    when = max(follow_up_time(completion), timezone.now())
    send_practice_follow_up.using(run_after=when).enqueue(completion.pk, completion.completed_on.isoformat())


def schedule_forgetting_unconfirmed(lms_import) -> None:
    """Queue forgetting a checked file's text, a day after it was kept, in case nobody confirms it."""
    forget_unconfirmed_import.using(run_after=lms_import.checked_at + KEPT_FOR).enqueue(lms_import.pk)
