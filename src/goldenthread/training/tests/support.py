"""What the training tests share: sessions put on, moved into the past and registered through the services, signed-in clients, the e-mails queued.

The fixtures themselves (programmes, courses, sessions) are in conftest.py. No test lives here.
"""

from datetime import datetime, time, timedelta

from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.training import services
from goldenthread.training.models import Booking, TrainingSession

EMAIL_TASK = "goldenthread.core.mail.send_email"
SKILLS = ["Noticing the impact of trauma", "Using words that do not blame"]
VENUE = "Riverbend Civic Centre, 1 Market Street (fictional)"
LINK = "https://meet.example/riverbend-essentials"


def starts_in(days: int, *, hour: int = 9, minute: int = 30, hours: int = 6) -> tuple[datetime, datetime]:
    """A local start and end `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    start = timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return start, start + timedelta(hours=hours)


def put_on(course, by, *, part=1, days=7, capacity=12, online=False, trainers=(), **overrides) -> TrainingSession:
    start, end = starts_in(days)
    fields = {
        "part": part,
        "starts_at": start,
        "ends_at": end,
        "format": TrainingSession.Format.ONLINE if online else TrainingSession.Format.IN_PERSON,
        "venue": "" if online else VENUE,
        "room": "" if online else "The Willow Room, second floor",
        "accessibility": "" if online else "Step-free entrance and a hearing loop. Quiet room on the same floor.",
        "joining_link": LINK if online else "",
        "capacity": capacity,
        "trainers": list(trainers),
    }
    fields.update(overrides)
    return services.schedule_session(course, by=by, **fields)


def held(session, *, days_ago: int = 1) -> TrainingSession:
    """Move a session into the past, as time would (the services rightly refuse a start in the past)."""
    start, end = starts_in(-days_ago)
    if days_ago == 0:
        start, end = timezone.now() - timedelta(hours=2), timezone.now() + timedelta(hours=1)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=start, ends_at=end)
    session.refresh_from_db()
    return session


def came(session, trainer, *people, how=Booking.Attendance.ATTENDED):
    """Take the register: these people came (to the whole session, unless told)."""
    bookings = {b.person_id: b for b in session.bookings.filter(status=Booking.Status.BOOKED)}
    return services.take_register(session, by=trainer, attendance={str(bookings[p.pk].public_id): how for p in people})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queued_emails() -> list[tuple[list, str, str]]:
    """The e-mails waiting for the task worker, as (to, subject, body), oldest first."""
    return [tuple(result.args_kwargs["args"]) for result in DBTaskResult.objects.filter(task_path=EMAIL_TASK).order_by("id")]


def emails_to(user) -> list[tuple[str, str]]:
    return [(subject, body) for to, subject, body in queued_emails() if to == [user.email]]


def queued(task_path: str):
    return list(DBTaskResult.objects.filter(task_path=task_path).order_by("run_after", "id"))
