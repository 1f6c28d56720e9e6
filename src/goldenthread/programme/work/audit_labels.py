"""How the audit log names the work part's records (gathered by ../audit_labels.py). Never by what a meeting's notes or a request's message say."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PLANNED_STEP_FIELDS, PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import ActionChange, JoinRequest, Meeting, Programme, Workstream, WorkstreamAction, WorkstreamMember

LABELS = {
    Programme: AuditLabel(
        kind="programme",
        describe=lambda programme: programme.name,
        fields={
            "public_id": PUBLIC_ID,
            "name": "name",
            "purpose": "what it is for",
            "starts_on": "when it starts",
            "ends_on": "when it ends",
            "is_open": "whether it is running",
            "created_by": "who started it",
            "created_at": "when it was started",
        },
    ),
    Workstream: AuditLabel(
        kind="workstream",
        describe=lambda workstream: f"{workstream.name}, {workstream.programme.name}",
        fields={
            "public_id": PUBLIC_ID,
            "programme": "programme",
            "name": "name",
            "purpose": "what it is for",
            "principles": "the principles it serves",
            "lead": "lead",
            "rhythm": "how often it meets",
            "meeting_weekday": "the day it meets",
            "is_open": "whether it is running",
            "next_digest_on": "the week of its next weekly e-mail",
            "created_by": "who started it",
            "created_at": "when it was started",
        },
    ),
    WorkstreamMember: AuditLabel(
        kind="place on a workstream",
        describe=lambda member: f"{member.person.full_name} on {member.workstream.name}",
        fields={
            "public_id": PUBLIC_ID,
            "workstream": "workstream",
            "person": "who",
            "organisation": "the organisation they bring",
            "joined_at": "when they joined",
            "left_at": "when they stepped back",
        },
    ),
    Meeting: AuditLabel(
        kind="workstream meeting",
        describe=lambda meeting: f"{meeting.workstream.name}, on {day(meeting.held_on)}",
        fields={
            "public_id": PUBLIC_ID,
            "workstream": "workstream",
            "held_on": "date of the meeting",
            "notes": "notes",
            "attended": "who came",
            "recorded_by": "who recorded it",
            "recorded_at": "when it was recorded",
        },
    ),
    WorkstreamAction: AuditLabel(
        kind="workstream action",
        describe=lambda action: f"An action of {action.workstream.name}, due {day(action.due_on)}",
        fields={
            **PLANNED_STEP_FIELDS,
            "workstream": "workstream",
            "meeting": "the meeting it came from",
            "cancelled_at": "when it was cancelled",
            "cancelled_by": "who cancelled it",
            "created_by": "who added it",
            "created_at": "when it was added",
        },
    ),
    ActionChange: AuditLabel(
        kind="change to a workstream action",
        describe=lambda change: f"{change.get_what_display()}: an action of {change.action.workstream.name}",
        fields={
            "action": "action",
            "what": "what happened",
            "field": "what changed",
            "from_value": "from",
            "to_value": "to",
            "note": "why",
            "by": "who",
            "at": "when",
        },
    ),
    JoinRequest: AuditLabel(
        kind="request to join a workstream",
        describe=lambda join_request: f"{join_request.person.full_name} asking to join {join_request.workstream.name}",
        fields={
            "public_id": PUBLIC_ID,
            "workstream": "workstream",
            "person": "who asked",
            "organisation": "their organisation",
            "message": "what they would like to bring",
            "status": "the answer",
            "asked_at": "when they asked",
            "decided_by": "who answered",
            "decided_at": "when it was answered",
            "reply": "the note to them",
        },
    ),
}
