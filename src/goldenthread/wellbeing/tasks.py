"""Background work for wellbeing: forgetting check-ins when they are due, and the reminders people asked for.

This is the one place wellbeing's tasks are queued: the services call the `schedule_...`
functions below. The tasks import no service (the retention rule they apply is in
`retention`), so `services` imports `tasks` and never the other way round.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from goldenthread.core.mail import send_email

from . import emails, retention
from .models import CheckIn, Place, Reminder

REMINDER_HOUR = 9
SPACE_REMINDER_BEFORE = timedelta(days=1)


@task()
def forget_check_in(check_in_id: int) -> int:
    """When a check-in's time is up, delete it (and any other past theirs): the retention rule. Nothing if it was deleted already."""
    if not CheckIn.objects.filter(pk=check_in_id).exists():
        return 0
    return retention.forget_old_check_ins()


@task()
def remind_to_check_in(person_id: int, due_on: str) -> int:
    """E-mail the reminder a person asked for; nothing if they changed or stopped their reminders since."""
    reminder = Reminder.objects.select_related("person").filter(person_id=person_id).first()
    if reminder is None or not reminder.every_weeks or reminder.next_on != date.fromisoformat(due_on) or not reminder.person.is_active:
        return 0
    subject, body = emails.check_in_reminder()
    return send_email.call([reminder.person.email], subject, body)


@task()
def remind_of_place(place_id: int, starts_at: str) -> int:
    """The day before a reflective space, remind the person with a place; nothing if the place or the space changed."""
    place = Place.objects.select_related("person", "space").filter(pk=place_id).first()
    if place is None or place.space.is_cancelled or not place.person.is_active:
        return 0
    if place.space.starts_at != datetime.fromisoformat(starts_at) or place.space.starts_at <= timezone.now():
        return 0
    subject, body = emails.place_reminder(place.space)
    return send_email.call([place.person.email], subject, body)


def schedule_forgetting(check_in: CheckIn) -> None:
    """Queue the retention rule for the day this check-in is due to be forgotten."""
    forget_check_in.using(run_after=retention.forget_after(check_in)).enqueue(check_in.pk)


def schedule_check_in_reminder(reminder: Reminder) -> None:
    """Queue the reminder to check in for the morning of its next day (`reminder.next_on`)."""
    when = timezone.make_aware(datetime.combine(reminder.next_on, time(REMINDER_HOUR, 0)))
    remind_to_check_in.using(run_after=when).enqueue(reminder.person_id, reminder.next_on.isoformat())


def schedule_place_reminder(place: Place) -> None:
    """Queue the reminder the day before the space, unless that moment has passed already."""
    when = place.space.starts_at - SPACE_REMINDER_BEFORE
    if when > timezone.now():
        remind_of_place.using(run_after=when).enqueue(place.pk, place.space.starts_at.isoformat())
