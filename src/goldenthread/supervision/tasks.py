"""Background work for sessions, run by the task worker (`manage.py db_worker`).

Each action gets two reminders, queued when it is agreed or moved: a day before it is due and
a day after. By the time one runs the action may be done, cancelled or moved (and new
reminders queued for the new date); then it sends nothing. The e-mail holds no family
detail and not even the action's words: the owner reads those once signed in.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django_tasks import task

from .models import Action, Session

WHEN = ("before", "after")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def action_url(action) -> str:
    """The page for the action (or the person's sessions if that page is not there)."""
    for name, args in (("supervision:action", [action.public_id]), ("supervision:session", [action.session.public_id]), ("supervision:index", [])):
        try:
            return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)
        except NoReverseMatch:
            continue
    return settings.GOLDENTHREAD_SITE_URL + "/supervision/"


def reminder_message(action, when: str) -> tuple[str, str]:
    """The subject and body of one reminder: a date and a link, nothing about the family."""
    due = _long_date(action.due_on)
    kind = action.session.get_kind_display().lower()
    if when == "before":
        subject = f"An action from a {kind} is due tomorrow, {due}"
        opening = f"An action you agreed to in a {kind} is due tomorrow, {due}."
    else:
        subject = f"An action from a {kind} was due on {due}"
        opening = (
            f"An action you agreed to in a {kind} was due yesterday, {due}. "
            "If it is done, please mark it done with a short note. If it needs more time, you can give it a new date with a reason."
        )
    body = (
        f"Hello {action.owner.full_name},\n\n{opening}\n\n"
        f"You can see the action once you have signed in:\n{action_url(action)}\n\n"
        "This e-mail holds no details of the family on purpose.\n"
    )
    return subject, body


@task()
def send_action_reminder(action_id: int, due_on: str, when: str) -> int:
    """E-mail the owner before or after the due date; nothing if the action is no longer open or has moved."""
    if when not in WHEN:
        return 0
    action = Action.objects.select_related("owner", "session").filter(pk=action_id).first()
    if action is None or action.status != Action.Status.OPEN or action.due_on.isoformat() != due_on:
        return 0
    if action.session.status == Session.Status.CANCELLED or not action.owner.is_active:
        return 0
    subject, body = reminder_message(action, when)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [action.owner.email])
