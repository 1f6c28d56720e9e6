"""Background work for sessions, run by the task worker (`manage.py db_worker`).

Each action gets two reminders, queued when it is agreed or moved: a day before it is due and
a day after. By the time one runs the action may be done, cancelled or moved (and new
reminders queued for the new date); then it sends nothing. The e-mail (`emails.reminder`)
holds no family detail and not even the action's words: the owner reads those once signed in.
It goes out through the kernel's one sender, `core.mail.send_email`.
"""

from django_tasks import task

from goldenthread.core.mail import send_email

from . import emails
from .models import AgreedAction, Session

WHEN = ("before", "after")


@task()
def send_action_reminder(action_id: int, due_on: str, when: str) -> int:
    """E-mail the owner before or after the due date; nothing if the action is no longer open or has moved."""
    if when not in WHEN:
        return 0
    action = AgreedAction.objects.select_related("owner", "session").filter(pk=action_id).first()
    if action is None or action.status != AgreedAction.Status.OPEN or action.due_on.isoformat() != due_on:
        return 0
    if action.session.status == Session.Status.CANCELLED or not action.owner.is_active:
        return 0
    subject, body = emails.reminder(action, when)
    # Already a background task at its time: it sends now, through the kernel's one sender.
    return send_email.call([action.owner.email], subject, body)
