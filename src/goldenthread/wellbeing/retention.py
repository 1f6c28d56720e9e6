"""The retention rule: a check-in is deleted a set number of months after it was taken (`data/privacy.toml`).

Here, not in `services`, so that the background task that applies the rule (`tasks.forget_check_in`)
and the services that queue it can both use it: `services` imports `tasks`, both import this,
and `tasks` imports no service. Nothing here queues a task.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import record
from goldenthread.core.models import AuditEvent

from . import questions
from .models import CheckIn

RETENTION = "The retention rule"


def months_later(moment: datetime, months: int) -> datetime:
    """The same moment so many months on (or back, for a negative number), on the 28th at the latest."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


def forget_after(check_in: CheckIn) -> datetime:
    """When a check-in is deleted by the retention rule."""
    return months_later(check_in.taken_at, questions.privacy().keep_check_ins_for_months)


def log_deletion(how_many: int, *, by_whom: str) -> None:
    """Log that check-ins were deleted: what and how many, and by whom in words ("the person it belonged to"), never a name."""
    what = "A private check-in" if how_many == 1 else f"{how_many} private check-ins"
    record(AuditEvent.Action.DELETE, object_type="wellbeing.checkin", object_label=f"{what}, deleted with everything in them", unnamed_actor=by_whom)


@transaction.atomic
def forget_old_check_ins(*, now: datetime | None = None) -> int:
    """The retention rule: delete every check-in older than the months the partnership keeps them; returns how many."""
    now = now or timezone.now()
    cutoff = months_later(now, -questions.privacy().keep_check_ins_for_months)
    how_many, _ = CheckIn.objects.filter(taken_at__lt=cutoff).delete()
    if how_many:
        log_deletion(how_many, by_whom=RETENTION)
    return how_many
