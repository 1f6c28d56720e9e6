"""What waits for a person in the indicators part: a figure entered by hand that is due, for the partnership team."""

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.registry import Waiting

from . import permissions, queries


def waiting(user) -> list:
    if not permissions.can_keep_indicators(user):
        return []
    today = timezone.localdate()
    return [
        Waiting(
            what=f"Enter the figure for {indicator.name}",
            about=f"The figure for {due.words()} has not been entered yet.",
            link=reverse("impact:indicator_value_add", args=[indicator.public_id]),
            since=due.end,
        )
        for indicator, due in queries.waiting_for_a_figure(today)
    ]
