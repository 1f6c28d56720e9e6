"""What waits for a person in the roadmap part (gathered by ../waiting.py): a milestone they keep whose date has passed while it is still planned.

An organisation's lead is told of their organisation's own milestones; the partnership team of
the whole-system and sector milestones, which they keep. Marking it reached, moving it to a new
date or dropping it ends the notice.
"""

from datetime import timedelta

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    return [
        Waiting(
            what=f"A milestone’s date has passed: {milestone.title}",
            about=f"For {queries.for_whom(milestone)}, planned for {queries.long_date(milestone.due_on)}. Mark it reached, or move it to a new date.",
            link=reverse("programme:roadmap-milestone", args=[milestone.public_id]),
            since=milestone.due_on + timedelta(days=1),
        )
        for milestone in queries.milestones_past_their_date(user)
    ]
