"""The stories part of the programme API (mounted at /api/v1/programme/stories by ../api.py).

Only approved stories are ever answered: the workforce reads every approved story, anyone
else with a token the public ones. A draft, a story waiting for approval, one sent back and
one withdrawn answer 404, exactly as a story that does not exist. The person who shared a
story is named only to the workforce.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token

from . import permissions, queries

router = Router(tags=["Programme: stories"])

NOT_FOUND = "There is no story with that id that you can read."
MOST = 200


class StoryOut(Schema):
    id: str
    title: str
    organisation: str
    shared_by: str | None = Field(None, description="The person who shared it: for the workforce only; null otherwise.")
    what_we_did: str
    what_changed: str
    what_families_said: str
    areas: list[str] = Field(..., description="Codes of the continuum's areas (domains) the story is about.")
    principles: list[str] = Field(..., description="Keys of the principles it shows.")
    reach: str = Field(..., description="'partnership': everyone who works in the partnership; 'public': anyone.")
    approved_at: datetime | None


def _out(story, user) -> dict:
    return {
        "id": str(story.public_id),
        "title": story.title,
        "organisation": story.organisation.name,
        "shared_by": (story.author.full_name if story.author else None) if permissions.can_see_author(user, story) else None,
        "what_we_did": story.what_we_did,
        "what_changed": story.what_changed,
        "what_families_said": story.what_families_said,
        "areas": list(story.domains or []),
        "principles": list(story.principles or []),
        "reach": story.reach,
        "approved_at": story.approved_at,
    }


@router.get("", response=list[StoryOut], auth=personal_token, summary="Approved stories of practice you may read, newest first")
def stories(request, area: str = ""):
    found = queries.visible_to(request.auth)
    if area:
        found = queries.approved_for_workforce(domain=area[:80]).filter(pk__in=found.values("pk"))
    return [_out(story, request.auth) for story in found[:MOST]]


@router.get("/{story_id}", response={200: StoryOut, 404: Error}, auth=personal_token, summary="One approved story of practice")
def story(request, story_id: UUID):
    found = queries.visible_to(request.auth).filter(public_id=story_id).first()
    if found is None:
        return 404, {"detail": NOT_FOUND}
    return _out(found, request.auth)
