"""A session as a calendar file (.ics, RFC 5545), for people to add to their own calendar.

Written with the `icalendar` library, so text is escaped and long lines folded as calendars
expect. The event's UID is the session's public id, so downloading it again after the session
moves updates the event instead of adding a second one; a cancelled session is marked
cancelled. An online session's joining link is written only for someone who may see it.
"""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from goldenthread.core.identity import partnership_identity

from .queries import where_words

PRODUCT_ID = "-//Golden Thread//Training//EN"


def uid_for(session) -> str:
    return f"training-session-{session.public_id}@goldenthread"


def session_ics(session, *, with_link: bool) -> bytes:
    """One event for the session, in UTC, with where it is, how to get in and the page it comes from."""
    page = settings.GOLDENTHREAD_SITE_URL + reverse("training:session", args=[session.public_id])
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid_for(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    title = session.course.title if session.course.part_count == 1 else f"{session.course.title}, {session.part_name}"
    event.add("summary", title)
    lines = [f"Training from {partnership_identity().name}."]
    if session.is_online:
        event.add("location", "Online")
        if with_link and session.joining_link:
            lines.append(f"Joining link: {session.joining_link}")
        else:
            lines.append("The joining link is on the session's page once you have signed in.")
    else:
        event.add("location", where_words(session))
        if session.accessibility:
            lines.append(f"Access: {session.accessibility}")
    lines.append(f"About the session, or to cancel your place: {page}")
    event.add("description", "\n".join(lines))
    event.add("url", page)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
