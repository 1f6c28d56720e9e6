"""What waits for a person in group supervision, for the "Waiting for you" list on their home page.

Two hand-overs: an invitation to a session still to answer, and an action that changes a
child's plan, waiting for the accountable manager to confirm it. Neither notice says anything
about the family or the situation (the home page asks for no second step); the page behind
the link does. Each is gone once the person answers, or confirms or changes the action.
"""

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.registry import Waiting

from . import queries


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def _when(start) -> str:
    local = timezone.localtime(start)
    return f"{_day(local.date())} at {local:%H:%M}"


def _name(user) -> str:
    return (user.full_name or user.email) if user is not None else "Someone"


def waiting(user) -> list[Waiting]:
    notices = []
    for place in queries.invitations_for(user):
        session = place.session
        kind = session.get_kind_display().lower()
        notices.append(
            Waiting(
                what=f"Say whether you can take part in a {kind}",
                about=f"{_name(place.invited_by)} invited you to a {kind} on {_when(session.proposed_start)} ({session.get_format_display().lower()}).",
                link=reverse("supervision:respond", args=[session.public_id]),
                due=timezone.localtime(session.proposed_start).date(),
            )
        )
    for action in queries.actions_to_confirm(user):
        kind = action.session.get_kind_display().lower()
        notices.append(
            Waiting(
                what="Confirm an action that changes a child's plan",
                about=f"Agreed in a {kind} where you are the accountable manager, for {_name(action.owner)} to do by {_day(action.due_on)}.",
                link=reverse("supervision:session", args=[action.session.public_id]),
                since=action.created_at,
                due=action.due_on,
            )
        )
    return notices
