"""The e-mails wellbeing sends: (subject, body). None names anything a person answered, and none goes to anyone but the person it is for."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.identity import partnership_identity


def _site(path: str) -> str:
    return settings.GOLDENTHREAD_SITE_URL + path


def _when(space) -> str:
    start, end = timezone.localtime(space.starts_at), timezone.localtime(space.ends_at)
    return f"{start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to {end:%H:%M}"


def _space_link(space) -> str:
    return _site(reverse("wellbeing:space", args=[space.public_id]))


def _signed(body: str) -> str:
    return f"{body}\n\n{partnership_identity().name}"


def check_in_reminder():
    return (
        "A reminder you asked for: your check-in",
        _signed(
            "You asked to be reminded to take a moment for your own check-in.\n\n"
            "It takes a few minutes and nobody else sees your answers. If now is not a good time, that is fine.\n\n"
            f"{_site(reverse('wellbeing:check-in'))}\n\n"
            f"You can change or stop these reminders here: {_site(reverse('wellbeing:reminders'))}"
        ),
    )


def place_booked(space):
    return (
        f"Your place: {space.title}",
        _signed(f"You have a place in {space.title} on {_when(space)}.\n\nThe details, and a way to give up the place, are here: {_space_link(space)}"),
    )


def place_reminder(space):
    return (
        f"Tomorrow: {space.title}",
        _signed(f"A reminder that {space.title} is on {_when(space)}.\n\nThe details are here: {_space_link(space)}"),
    )


def space_changed(space):
    return (
        f"{space.title} has changed",
        _signed(f"{space.title}, where you have a place, has changed. It is now on {_when(space)}.\n\nThe details are here: {_space_link(space)}"),
    )


def space_cancelled(space, reason: str):
    return (
        f"{space.title} is cancelled",
        _signed(
            f"{space.title}, on {_when(space)}, is cancelled. {reason}\n\nWe are sorry for the change. Other reflective spaces are listed here: {_site(reverse('wellbeing:spaces'))}"
        ),
    )


def offered_after_hard_event(space):
    return (
        f"A space for your team: {space.title}",
        _signed(
            f"After a hard time for your team, a space has been set aside for you: {space.title}, on {_when(space)}.\n\n"
            "Taking it up is your choice. Your lead will not see who takes a place, nor how many people do.\n\n"
            f"{_space_link(space)}"
        ),
    )
