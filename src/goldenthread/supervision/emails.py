"""What group supervision's e-mails say: an invitation, a cancellation, an action to confirm, and an action's reminders.

Each returns (subject, body). None holds anything about the family or the situation: no
family or situation reference, no purpose, no reason, not even an action's words. Those are
read on the page once signed in (and, for a family's session, verified with two steps).
The services send them with `core.mail.send_later`; the reminders are sent by their task.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

NO_FAMILY_DETAIL = "This e-mail holds no details of the family on purpose.\n"


def link(name: str, *args) -> str:
    """The full address of one of our pages, on the partnership's own address."""
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _when(start) -> str:
    local = timezone.localtime(start)
    return f"{long_date(local.date())} at {local:%H:%M}"


def _person(user, organisation_name: str = "") -> str:
    name = user.full_name or user.email
    return f"{name} ({organisation_name})" if organisation_name else name


def invitation(session, invitee, *, by, by_organisation: str = "") -> tuple[str, str]:
    """An invitation: who invites, to what kind of session and when, and the page to answer on."""
    kind = session.get_kind_display().lower()
    inviter = _person(by, by_organisation)
    subject = f"{by.full_name or by.email} invites you to a {kind}"
    body = (
        f"Hello {invitee.full_name},\n\n"
        f"{inviter} has invited you to a {kind} on {_when(session.proposed_start)} ({session.get_format_display().lower()}).\n\n"
        f"Please say whether you can take part, once you have signed in:\n{link('supervision:respond', session.public_id)}\n\n"
        "You can see what the session is about on that page.\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body


def cancellation(session, person, *, by) -> tuple[str, str]:
    """A session is called off: who cancelled it and when it was to be; the reason is on the page."""
    kind = session.get_kind_display().lower()
    subject = f"A {kind} you were invited to is cancelled"
    body = (
        f"Hello {person.full_name},\n\n"
        f"{by.full_name or by.email} has cancelled the {kind} planned for {_when(session.proposed_start)}.\n\n"
        f"You can see why once you have signed in:\n{link('supervision:session', session.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body


def confirmation_needed(action, *, by) -> tuple[str, str]:
    """To the accountable manager: an action that changes the child's plan waits for them to confirm it. Who agreed it, for whom, the page."""
    session = action.session
    kind = session.get_kind_display().lower()
    manager = session.accountable_manager
    subject = f"An action from a {kind} is waiting for you to confirm it"
    body = (
        f"Hello {manager.full_name},\n\n"
        f"{_person(by)} agreed an action in a {kind} that changes the child's plan, "
        f"for {_person(action.owner)} to do by {long_date(action.due_on)}. "
        "As the accountable manager, you confirm it before it is final. You can also change its date, or cancel it with a reason.\n\n"
        f"You can read the action and confirm it once you have signed in:\n{link('supervision:session', session.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body


def reminder(action, when: str) -> tuple[str, str]:
    """One of an action's reminders ("before" or "after" it is due): a date and a link, nothing about the family."""
    due = long_date(action.due_on)
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
        f"You can see the action once you have signed in:\n{link('supervision:session', action.session.public_id)}\n\n"
        f"{NO_FAMILY_DETAIL}"
    )
    return subject, body
