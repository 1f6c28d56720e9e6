"""E-mail in tests, as it really goes: queued on commit, then sent by the task worker."""

from django.core import mail
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from goldenthread.core.mail import send_email

TASK_PATH = "goldenthread.core.mail.send_email"


def sent_by_the_worker() -> list:
    """Send every queued e-mail as `manage.py db_worker` would, and return the outbox."""
    for queued in DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).order_by("enqueued_at"):
        send_email.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
        queued.status = TaskResultStatus.SUCCESSFUL
        queued.save(update_fields=["status"])
    return mail.outbox
