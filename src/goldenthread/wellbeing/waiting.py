"""What waits for a person in wellbeing: the check-in reminder they asked for, once its day comes, and a space offered to their team after a hard event."""

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    notices = []
    reminder = queries.reminder_for(user)
    if reminder is not None and reminder.every_weeks and reminder.next_on and reminder.next_on <= timezone.localdate():
        notices.append(
            Waiting(
                what="Take your check-in, when you are ready",
                about="You asked for a reminder. Nobody else sees your answers.",
                link=reverse("wellbeing:check-in"),
                since=reminder.next_on,
            )
        )
    for space in queries.team_offers_waiting_for(user):
        notices.append(
            Waiting(
                what=f"A space offered to your team: {space.title}",
                about=f"On {queries.when_words(space)}. Taking it up is your choice, and your lead will not see who does.",
                link=reverse("wellbeing:space", args=[space.public_id]),
                since=space.created_at,
                due=timezone.localtime(space.starts_at).date(),
            )
        )
    return notices
