"""The work part of the programme API (mounted under /api/v1/programme by ../api.py): programmes, workstreams and asking to join.

Everything needs a personal token, and is for the workforce, as on the pages: anyone else is
refused (403) before anything is looked up. Asking to join goes through the same service as
the page, with the same checks: something that cannot happen now (already on it, already
asked, the workstream has finished) answers 409 with why, and a message too long 400.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.programme import principles as programme_principles

from . import permissions, queries, rules, services

router = Router(tags=["Programme: workstreams"])


class WorkstreamPrincipleOut(Schema):
    key: str
    name: str


class WorkstreamProgressOut(Schema):
    done: int
    open: int = Field(..., description="Open and not yet due.")
    overdue: int = Field(..., description="Open and past their due date.")
    cancelled: int
    moved: int = Field(..., description="Actions moved to a new date at least once.")
    last_met_on: date | None
    next_meeting_on: date | None


class WorkProgrammeBriefOut(Schema):
    id: str
    name: str
    purpose: str
    starts_on: date
    ends_on: date | None
    is_open: bool = Field(..., description="A closed programme keeps its history.")


class WorkstreamBriefOut(Schema):
    id: str
    name: str
    purpose: str
    principles: list[WorkstreamPrincipleOut]
    lead: str | None = Field(..., description="The lead's name.")
    members: int = Field(..., description="How many people are on it now, the lead included.")
    rhythm: str = Field(..., description="weekly, fortnightly or monthly")
    meets_on: str = Field(..., description="The weekday it meets.")
    is_open: bool
    progress: WorkstreamProgressOut


class WorkProgrammeOut(WorkProgrammeBriefOut):
    workstreams: list[WorkstreamBriefOut]


class WorkstreamMemberOut(Schema):
    name: str
    organisation: str
    joined_on: date


class WorkstreamActionOut(Schema):
    id: str
    description: str
    owner: str
    due_on: date
    status: str = Field(..., description="not-started or in-progress (open actions only)")
    is_overdue: bool
    meeting_held_on: date | None = Field(..., description="The meeting it came from, if any.")


class WorkstreamOut(WorkstreamBriefOut):
    programme: WorkProgrammeBriefOut
    members_now: list[WorkstreamMemberOut]
    open_actions: list[WorkstreamActionOut]


class WorkstreamJoinRequestIn(Schema):
    message: str = Field(
        "", description=f"A few words for the lead: why you would like to join, or what you could offer (up to {rules.JOIN_MESSAGE.max_length:,} characters)."
    )


class WorkstreamJoinRequestOut(Schema):
    id: str
    workstream_id: str
    status: str = Field(..., description="waiting, accepted or declined")
    asked_at: datetime


def _workforce(user) -> None:
    if not permissions.can_see_programmes(user):
        raise Refused(permissions.NOT_FOR_YOU)


def _programme_brief(programme) -> dict:
    return {
        "id": str(programme.public_id),
        "name": programme.name,
        "purpose": programme.purpose,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "is_open": programme.is_open,
    }


def _progress(row) -> dict:
    return {
        "done": row.done,
        "open": row.open,
        "overdue": row.overdue,
        "cancelled": row.cancelled,
        "moved": row.moved,
        "last_met_on": row.last_met_on,
        "next_meeting_on": row.next_meeting_on,
    }


def _workstream_brief(row, members: int) -> dict:
    workstream = row.workstream
    names = dict(programme_principles.principle_choices())
    return {
        "id": str(workstream.public_id),
        "name": workstream.name,
        "purpose": workstream.purpose,
        "principles": [{"key": key, "name": names[key]} for key in workstream.principles if key in names],
        "lead": workstream.lead.full_name if workstream.lead else None,
        "members": members,
        "rhythm": workstream.rhythm,
        "meets_on": workstream.get_meeting_weekday_display(),
        "is_open": workstream.is_open,
        "progress": _progress(row),
    }


def _workstream_or_404(workstream_id):
    found = queries.workstream_by_id(workstream_id)
    if found is None:
        raise Http404
    return found


@router.get("/programmes", response={200: list[WorkProgrammeBriefOut], 403: Error}, auth=personal_token, summary="Every programme, the open ones first")
def list_programmes(request):
    _workforce(request.auth)
    return [_programme_brief(programme) for programme in queries.programmes()]


@router.get(
    "/programmes/{programme_id}",
    response={200: WorkProgrammeOut, 403: Error, 404: Error},
    auth=personal_token,
    summary="A programme, with its workstreams and their progress",
)
def get_programme(request, programme_id: UUID):
    _workforce(request.auth)
    programme = queries.programme_by_id(programme_id)
    if programme is None:
        raise Http404
    workstreams = list(queries.workstreams_of(programme))
    rows = queries.progress_of(workstreams)
    return {**_programme_brief(programme), "workstreams": [_workstream_brief(row, row.workstream.member_count) for row in rows]}


@router.get(
    "/workstreams/{workstream_id}",
    response={200: WorkstreamOut, 403: Error, 404: Error},
    auth=personal_token,
    summary="A workstream, with its members and open actions",
)
def get_workstream(request, workstream_id: UUID):
    _workforce(request.auth)
    workstream = _workstream_or_404(workstream_id)
    [row] = queries.progress_of([workstream])
    members = list(queries.current_members(workstream))
    actions = queries.open_actions(workstream).select_related("meeting").order_by("due_on", "id")
    return {
        **_workstream_brief(row, len(members)),
        "programme": _programme_brief(workstream.programme),
        "members_now": [{"name": m.person.full_name, "organisation": m.organisation_name, "joined_on": m.joined_at.date()} for m in members],
        "open_actions": [
            {
                "id": str(action.public_id),
                "description": action.description,
                "owner": action.owner,
                "due_on": action.due_on,
                "status": action.status,
                "is_overdue": action.is_overdue,
                "meeting_held_on": action.meeting.held_on if action.meeting else None,
            }
            for action in actions
        ],
    }


@router.post(
    "/workstreams/{workstream_id}/join-requests",
    response={201: WorkstreamJoinRequestOut, 400: Error, 403: Error, 404: Error, 409: Error},
    auth=personal_token,
    summary="Ask to join a workstream; its lead is told and will answer",
)
def ask_to_join(request, workstream_id: UUID, payload: WorkstreamJoinRequestIn):
    _workforce(request.auth)
    workstream = _workstream_or_404(workstream_id)
    try:
        made = services.ask_to_join(workstream, by=request.auth, message=payload.message)
    except ValidationError as problem:
        status = 400 if "message" in getattr(problem, "error_dict", {}) else 409
        return status, {"detail": " ".join(problem.messages)}
    return 201, {"id": str(made.public_id), "workstream_id": str(workstream.public_id), "status": made.status, "asked_at": made.asked_at}
