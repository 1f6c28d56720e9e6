"""A task whose worker died mid-way is put back in the queue, so it runs again.

The task worker (`manage.py db_worker`, django-tasks' database backend) claims a task by setting
its row to RUNNING, with the time (`started_at`) and its own id added to `worker_ids`, then runs
it and sets SUCCESSFUL or FAILED. It keeps no heartbeat, and nothing looks at a RUNNING row again:
if the worker is killed (`kill -9`, the machine stops, the memory runs out) the task stays
RUNNING for ever and never runs.

`requeue_stalled` puts such a task back: every RUNNING task that started more than `older_than`
ago goes back to READY, and the next worker runs it. Each claim adds the worker's id to
`worker_ids`, so the attempts are counted there (`TaskResult.attempts`); a task that has been
started `max_attempts` times already is set FAILED instead, with a note that its workers stopped,
so a task that itself kills the worker cannot go round for ever.

Without a heartbeat, "started long ago" is the only sign of a dead worker: choose `older_than`
longer than any task takes (ours take seconds; the default is 15 minutes), or a slow task still
running will be started a second time alongside.

Run it with `manage.py requeue_stalled_tasks --older-than 15` (from cron or a timer), or start
the worker with `manage.py run_worker`, which does it first, then runs `db_worker`.

**Every task must be idempotent** for "its effect happens once" to be true: a task killed after
its effect but before it was marked SUCCESSFUL runs again, whole. The project's tasks check
before they act (a reminder sends nothing if what it reminds of changed; the practice follow-up
is written once per person and course; the retention run queues its next run only if none is
queued). What cannot be checked is an e-mail already handed to the mail server: `send_email`
sends again if its worker died between sending and being marked done, so an e-mail is sent at
least once, rarely twice, never lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

DEFAULT_OLDER_THAN = timedelta(minutes=15)
DEFAULT_MAX_ATTEMPTS = 5
GAVE_UP = "goldenthread.operations.tasks_recovery.WorkerStopped"


class WorkerStopped(Exception):
    """Recorded on a task given up on: each worker that started it stopped before it finished."""


@dataclass
class Requeued:
    requeued: list[str] = field(default_factory=list)  # task ids put back in the queue
    gave_up: list[str] = field(default_factory=list)  # task ids set FAILED after too many attempts


def requeue_stalled(older_than: timedelta = DEFAULT_OLDER_THAN, *, max_attempts: int = DEFAULT_MAX_ATTEMPTS, now=None) -> Requeued:
    """Put back in the queue every RUNNING task started more than `older_than` ago (see the module's docstring)."""
    cutoff = (now or timezone.now()) - older_than
    done = Requeued()
    stalled = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    with exclusive_transaction(stalled.db):
        for result in stalled.select_for_update(skip_locked=True).order_by("started_at"):
            if len(result.worker_ids) >= max_attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.exception_class_path = GAVE_UP
                result.traceback = f"{GAVE_UP}: started {len(result.worker_ids)} times; each time its worker stopped before it finished.\n"
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                done.gave_up.append(str(result.pk))
            else:
                # started_at stays: it is the last attempt's time (TaskResult.last_attempted_at) until the next claim.
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                done.requeued.append(str(result.pk))
    return done
