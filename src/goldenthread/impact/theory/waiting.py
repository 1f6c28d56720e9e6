"""What waits for a person in the theory part: a draft of the theory of change waiting to be published waits for the partnership team."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import permissions, queries


def waiting(user) -> list:
    if not permissions.can_keep(user):
        return []
    draft = queries.draft()
    if draft is None:
        return []
    started = f"started by {draft.made_by.full_name}" if draft.made_by else "started"
    return [
        Waiting(
            what=f"Publish the draft of the theory of change, version {draft.number}, or discard it",
            about=f"The draft was {started}. Nobody else reads it until it is published.",
            link=reverse("impact:theory_draft"),
            since=draft.made_at,
        )
    ]
