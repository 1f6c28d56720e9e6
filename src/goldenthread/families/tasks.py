"""Background work for family records, run by the task worker (`manage.py db_worker`).

- `apply_retention`: records closed for longer than the partnership's retention period are
  erased or anonymised (through `services.erase_family` and `services.anonymise_family`),
  with a record of what was done; it then queues itself for a day later, so once started
  (`manage.py start_retention_schedule`) the worker keeps it going.

The e-mail that tells the data protection lead about an emergency access is sent by
`core.mail.send_email`, queued by `services.start_emergency_access` once it is saved.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django_tasks import task

from goldenthread.core.audit import acting_as

from . import access, queries, services
from .models import RetentionRule, RetentionRun

RETENTION_TASK_PATH = "goldenthread.families.tasks.apply_retention"
RETENTION_INTERVAL = timedelta(hours=24)


def run_retention(today: date | None = None) -> RetentionRun:
    """Apply the retention rule once, now, as the partnership (no person); returns the record of what was done."""
    rule = queries.retention_rule()
    reason = f"closed for more than {rule.years_after_closure} years"
    erased, anonymised = [], []
    with acting_as(None):
        for family in queries.families_due(today, rule).order_by("pk"):
            if rule.outcome == RetentionRule.Outcome.ERASE:
                erased.append(services.erase_family(family, by=None, reason=reason))
            else:
                services.anonymise_family(family, by=None, reason=reason)
                anonymised.append(family.reference)
        run = services.record_retention_run(by=None, erased=erased, anonymised=anonymised)
    access.forget()
    return run


def _next_run_is_queued() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, so queue the next run
        return False
    from django_tasks.base import TaskResultStatus

    return DBTaskResult.objects.filter(task_path=RETENTION_TASK_PATH, status=TaskResultStatus.READY).exists()


def schedule_retention(run_after=None) -> bool:
    """Queue the next run of `apply_retention` unless one is queued already; True if one was queued now."""
    if _next_run_is_queued():
        return False
    apply_retention.using(run_after=run_after).enqueue()
    return True


@task()
def apply_retention() -> dict:
    """Erase or anonymise records past their retention period, then queue the next run for a day later."""
    run = run_retention()
    schedule_retention(run_after=timezone.now() + RETENTION_INTERVAL)
    return {"erased": len(run.erased), "anonymised": len(run.anonymised)}
