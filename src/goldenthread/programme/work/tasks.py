"""Background work for workstreams, run by the task worker (`manage.py db_worker`).

The weekly digest: at 8am each Monday, each member of a running workstream gets one e-mail
with the actions due that week, the ones past their date, and when the group last met. A
quiet week (nothing due, nothing overdue) sends nothing. Each digest plans the next one, for
the Monday after; starting a workstream plans the first. A digest whose week is no longer the
one the workstream expects (a newer one was planned since) does nothing, so there is only ever
one chain of digests per workstream; a finished workstream's chain stops.

This is the one place the digest is queued (`schedule_weekly_digest`, which the services call
too); the task imports no service, so `services` imports `tasks` and never the other way round.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from goldenthread.core.audit import acting_as
from goldenthread.core.mail import send_email

from . import emails, queries
from .models import Workstream

DIGEST_HOUR = 8  # the weekly digest goes at 8am on Monday


@task()
def send_weekly_digest(workstream_id: int, week_of: str) -> int:
    """E-mail each member the week ahead for their workstream, then plan next week's; returns how many e-mails went."""
    workstream = Workstream.objects.select_related("programme").filter(pk=workstream_id).first()
    if workstream is None or workstream.next_digest_on is None or workstream.next_digest_on.isoformat() != week_of:
        return 0
    monday = date.fromisoformat(week_of)
    with acting_as(None):
        if not workstream.is_running:
            stop_weekly_digest(workstream)
            return 0
        digest = queries.digest_for(workstream, monday)
        sent = 0
        if digest.has_news:
            subject, body = emails.weekly_digest(workstream, week_of=monday, due=digest.due, overdue=digest.overdue, last_meeting=digest.last_meeting)
            for member in queries.current_members(workstream):
                if member.person.is_active:
                    # Already a background task at its time: it sends now, through the kernel's one sender.
                    sent += send_email.call([member.person.email], subject, body)
        schedule_weekly_digest(workstream, next_monday(max(monday, timezone.localdate())))
    return sent


def next_monday(day: date) -> date:
    """The Monday after `day` (a week on, when `day` is a Monday)."""
    return day + timedelta(days=7 - day.weekday())


def digest_moment(week_of: date) -> datetime:
    return timezone.make_aware(datetime.combine(week_of, time(DIGEST_HOUR, 0)))


def schedule_weekly_digest(workstream: Workstream, week_of: date) -> None:
    """Plan the digest for the week starting `week_of` (a Monday), at 8am that day. A digest planned before is replaced: only the latest one sends."""
    workstream.next_digest_on = week_of
    workstream.save(update_fields=["next_digest_on"])
    send_weekly_digest.using(run_after=digest_moment(week_of)).enqueue(workstream.pk, week_of.isoformat())


def stop_weekly_digest(workstream: Workstream) -> None:
    """No more digests for a workstream that has finished (or whose programme has closed)."""
    if workstream.next_digest_on is not None:
        workstream.next_digest_on = None
        workstream.save(update_fields=["next_digest_on"])
