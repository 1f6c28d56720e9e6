"""Background work for wellbeing: forgetting check-ins when they are due, and the reminders people asked for."""

from datetime import date, datetime

from django.utils import timezone
from django_tasks import task

from goldenthread.core.mail import send_email

from . import emails, services
from .models import CheckIn, Place, Reminder


@task()
def forget_check_in(check_in_id: int) -> int:
    """When a check-in's time is up, delete it (and any other past theirs): the retention rule. Nothing if it was deleted already."""
    if not CheckIn.objects.filter(pk=check_in_id).exists():
        return 0
    return services.forget_old_check_ins()


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
