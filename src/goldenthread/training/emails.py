"""The words of the e-mails training sends: each returns (subject, body), sent with `core.mail.send_later`.

Each e-mail says what happened, when and where, and the page to go to. None carries an
online session's joining link: that is on the session's page, for the people booked on it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .queries import long_date, when_words, where_words


def link(name: str, *args) -> str:
    """The full address of one of our pages, on the partnership's own address."""
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def _hello(person) -> str:
    return f"Hello {person.full_name or person.email},"


def _what(session) -> str:
    """'Trauma-informed practice: the essentials, Day 1'."""
    if session.course.part_count > 1:
        return f"{session.course.title}, {session.part_name}"
    return session.course.title


def _time_and_place(session) -> str:
    where = where_words(session)
    if session.is_online:
        where = "Online. The joining link is on the session's page once you have signed in"
    return f"When: {when_words(session)}\nWhere: {where}"


def _offer_closes(booking) -> str:
    closes = timezone.localtime(booking.offer_expires_at)
    return f"{long_date(closes.date())} at {closes:%H:%M}"


def booked(booking) -> tuple[str, str]:
    """A place is booked (straight away, or by accepting an offer)."""
    session = booking.session
    subject = f"Your place is booked: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"You have a place on {_what(session)}.\n\n"
        f"{_time_and_place(session)}\n\n"
        f"You can add it to your calendar, read about access, or cancel your place here:\n{link('training:session', session.public_id)}\n\n"
        "If you can no longer come, please cancel your place, so that someone on the waiting list can have it.\n"
    )
    return subject, body


def waiting(booking, place_in_list: int) -> tuple[str, str]:
    """The session is full: they are on its waiting list."""
    session = booking.session
    subject = f"You are on the waiting list: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"{_what(session)} is full at the moment, so you are on its waiting list (number {place_in_list}).\n\n"
        f"{_time_and_place(session)}\n\n"
        "If a place comes free, we will offer it to you by e-mail, and keep it for you for a while so that you can say yes or no.\n\n"
        f"You can see the session, or leave the waiting list, here:\n{link('training:session', session.public_id)}\n"
    )
    return subject, body


def offered(booking) -> tuple[str, str]:
    """A place came free and is kept for them until the offer closes."""
    session = booking.session
    subject = f"A place has come free for you: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"A place has come free on {_what(session)}, and it is yours if you would like it.\n\n"
        f"{_time_and_place(session)}\n\n"
        f"We will keep the place for you until {_offer_closes(booking)}. After that it goes to the next person waiting.\n\n"
        f"Please say yes or no here, once you have signed in:\n{link('training:offer', session.public_id)}\n"
    )
    return subject, body


def offer_lapsed(booking) -> tuple[str, str]:
    """The time to accept passed: the place has gone to the next person. Gently, with a way back."""
    session = booking.session
    subject = f"The place we kept for you has passed on: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"We kept a place for you on {_what(session)} until {_offer_closes(booking)}. "
        "That time has passed, so the place has gone to the next person waiting.\n\n"
        "If you would still like to come, you can join the waiting list again, or choose another date:\n"
        f"{link('training:course', session.course.public_id)}\n"
    )
    return subject, body


def session_changed(booking, what_changed: list[str]) -> tuple[str, str]:
    """The session moved, or its place changed: what is new."""
    session = booking.session
    subject = f"A training session has changed: {_what(session)}"
    changes = "\n".join(f"- {line}" for line in what_changed)
    body = (
        f"{_hello(booking.person)}\n\n"
        f"{_what(session)} has changed:\n{changes}\n\n"
        f"{_time_and_place(session)}\n\n"
        f"If it no longer suits you, you can cancel your place here:\n{link('training:session', session.public_id)}\n"
    )
    return subject, body


def session_cancelled(booking) -> tuple[str, str]:
    """The session is called off: the reason, and where to choose another date."""
    session = booking.session
    subject = f"A training session is cancelled: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"We are sorry: {_what(session)} on {when_words(session)} is cancelled.\n\n"
        f"Why: {session.cancellation_reason}\n\n"
        "You do not need to do anything. Your place has been released. You can choose another date here:\n"
        f"{link('training:course', session.course.public_id)}\n"
    )
    return subject, body


def reminder(booking) -> tuple[str, str]:
    """A couple of days before: when and where, and how to cancel."""
    session = booking.session
    day = long_date(timezone.localtime(session.starts_at).date())
    subject = f"Coming up on {day}: {_what(session)}"
    body = (
        f"{_hello(booking.person)}\n\n"
        f"This is a reminder of your place on {_what(session)}.\n\n"
        f"{_time_and_place(session)}\n\n"
        f"{'Access: ' + session.accessibility + chr(10) + chr(10) if session.accessibility and not session.is_online else ''}"
        f"You can see the details, or cancel your place if you can no longer come, here:\n{link('training:session', session.public_id)}\n"
    )
    return subject, body
