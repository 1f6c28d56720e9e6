"""The roadmap part of the programme API (mounted under /api/v1/programme/roadmap by ../api.py): the milestones, and one milestone with its history.

For anyone in the workforce, as on the pages: the whole shared roadmap, filtered by programme,
sector (or `whole-system`) and continuum area. A filter that names nothing we know answers 400
with what to send instead; the pages leave such a filter out and say so.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Sector

from .. import principles as shared
from . import permissions, queries

router = Router(tags=["Programme"])

NOT_FOUND = "There is no milestone with that id."
NO_PROGRAMME = "There is no programme with that id. Leave `programme` out for every programme."
NO_SECTOR = f"Send `sector` as one of: {queries.WHOLE_SYSTEM}, " + ", ".join(Sector.values) + "; or leave it out for every sector."
NO_DOMAIN = "Send `domain` as the code of a continuum area (for example `leadership`), or leave it out for every area."


class RoadmapProgrammeBriefOut(Schema):
    id: str
    name: str


class RoadmapAreaOut(Schema):
    code: str
    title: str


class RoadmapOrganisationOut(Schema):
    slug: str
    name: str


class RoadmapMilestoneOut(Schema):
    id: str
    programme: RoadmapProgrammeBriefOut
    title: str
    description: str = Field(..., description="What it means.")
    due_on: date
    status: str = Field(..., description="planned, reached, moved (to a new date) or dropped")
    status_label: str
    reached_on: date | None
    dropped_reason: str
    for_whom: str = Field(..., description="Who it is for, in words: the whole system, a sector, or an organisation.")
    sector: str | None = Field(..., description="The sector's code; null for a whole-system milestone. An organisation's milestone has its sector.")
    organisation: RoadmapOrganisationOut | None = Field(..., description="Set for an organisation's own milestone.")
    domains: list[RoadmapAreaOut] = Field(..., description="The continuum's areas it moves forward.")
    principles: list[RoadmapAreaOut] = Field(..., description="The principles it serves: each one's key (as `code`) and name (as `title`).")


class RoadmapChangeOut(Schema):
    kind: str = Field(..., description="added, changed, moved, reached or dropped")
    kind_label: str
    from_date: date | None = Field(..., description="For a move: the date it had.")
    to_date: date | None = Field(..., description="For a move: the new date; when added: its date; when reached: the day.")
    note: str
    by: str | None
    at: datetime


class RoadmapActionOut(Schema):
    id: str
    description: str
    workstream: str
    due_on: date
    status: str = Field(..., description="How far it has got, in words: Not started, In progress, Done or Cancelled.")


class RoadmapMilestoneDetailOut(RoadmapMilestoneOut):
    history: list[RoadmapChangeOut] = Field(..., description="Every step, oldest first.")
    actions: list[RoadmapActionOut] = Field(..., description="The workstream actions linked to it, soonest first.")


def _out(item: queries.Shown) -> dict:
    milestone = item.milestone
    principle_names = dict(shared.principle_choices())
    return {
        "id": str(milestone.public_id),
        "programme": {"id": str(milestone.programme.public_id), "name": milestone.programme.name},
        "title": milestone.title,
        "description": milestone.description,
        "due_on": milestone.due_on,
        "status": milestone.status,
        "status_label": milestone.get_status_display(),
        "reached_on": milestone.reached_on,
        "dropped_reason": milestone.dropped_reason,
        "for_whom": item.for_whom,
        "sector": milestone.sector or None,
        "organisation": {"slug": milestone.organisation.slug, "name": milestone.organisation.name} if milestone.organisation_id else None,
        "domains": [{"code": code, "title": title} for code, title in item.domains],
        "principles": [{"code": key, "title": principle_names[key]} for key in milestone.principles or [] if key in principle_names],
    }


def _workforce(user) -> None:
    if not permissions.can_see_roadmap(user):
        raise Refused(permissions.NOT_FOR_YOU)


@router.get(
    "/milestones", response={200: list[RoadmapMilestoneOut], 400: Error, 403: Error}, auth=personal_token, summary="The shared roadmap's milestones, by date"
)
def milestones(request, programme: UUID | None = None, sector: str | None = None, domain: str | None = None):
    _workforce(request.auth)
    chosen = None
    if programme is not None:
        chosen = queries.programme_by_id(programme)
        if chosen is None:
            return 400, {"detail": NO_PROGRAMME}
    if sector and sector not in (queries.WHOLE_SYSTEM, *Sector.values):
        return 400, {"detail": NO_SECTOR}
    if domain and domain not in dict(shared.domain_choices()):
        return 400, {"detail": NO_DOMAIN}
    found = queries.roadmap(programme=chosen, sector=sector or "", domain=domain or "")
    return 200, [_out(item) for item in queries.shown(found)]


@router.get(
    "/milestones/{milestone_id}",
    response={200: RoadmapMilestoneDetailOut, 403: Error, 404: Error},
    auth=personal_token,
    summary="One milestone, with its history",
)
def milestone(request, milestone_id: UUID):
    _workforce(request.auth)
    found = queries.milestone_by_id(milestone_id)
    if found is None:
        return 404, {"detail": NOT_FOUND}
    item = queries.shown([found])[0]
    history = [
        {
            "kind": change.kind,
            "kind_label": change.get_kind_display(),
            "from_date": change.from_date,
            "to_date": change.to_date,
            "note": change.note,
            "by": change.by.full_name if change.by else None,
            "at": change.at,
        }
        for change in queries.history(found)
    ]
    actions = [
        {
            "id": str(action.public_id),
            "description": action.description,
            "workstream": action.workstream.name,
            "due_on": action.due_on,
            "status": action.state_words,
        }
        for action in queries.actions_for(found)
    ]
    return 200, {**_out(item), "history": history, "actions": actions}
