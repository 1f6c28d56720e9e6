"""The supervision API: the partnership's anonymised figures, and a person's own open actions.

Both need a personal token. The figures are for partnership admins and carry counts,
months, organisations and theme names only. A person's actions come without any family
detail: no situation reference, no family reference, nothing from the record.
"""

from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import permissions, queries

router = Router(tags=["Supervision"])

NOT_ADMIN = "Only partnership admins can see the partnership's supervision figures."


class MonthCountOut(Schema):
    month: str = Field(..., description="Year and month, for example 2025-04.")
    kind: str
    kind_label: str
    sessions: int


class AgencyOut(Schema):
    organisation: str
    sector: str
    sector_label: str
    sessions: int = Field(..., description="Sessions held in the period that someone from the organisation took part in.")


class SectorFiguresOut(Schema):
    sector: str
    sector_label: str
    organisations: int
    sessions: int


class ActionsOut(Schema):
    due: int = Field(..., description="Actions due in the period, up to today (not counting cancelled or unconfirmed ones).")
    done_on_time: int
    done_late: int
    on_time_share: float | None = Field(None, description="done_on_time / due, from 0 to 1; null when none were due.")


class ThemeOut(Schema):
    code: str
    name: str
    sessions: int
    by_month: dict[str, int]


class FiguresOut(Schema):
    start: date
    end: date
    months: list[str]
    sessions_total: int
    sessions_by_month: list[MonthCountOut]
    agencies: list[AgencyOut]
    sectors: list[SectorFiguresOut]
    actions: ActionsOut
    themes: list[ThemeOut]


class SessionBriefOut(Schema):
    id: str
    kind: str
    kind_label: str
    held_on: date | None


class MyActionOut(Schema):
    id: str
    description: str = Field(..., description="Empty when the action was agreed about a family and the token may not read family records.")
    description_withheld: bool
    due_on: date
    status: str
    changes_childs_plan: bool
    overdue: bool
    session: SessionBriefOut


@router.get("/figures", response={200: FiguresOut, 403: Error}, auth=personal_token, summary="Anonymised figures across sessions")
def figures(request, months: int = Query(queries.FIGURE_MONTHS, ge=1, le=queries.MAX_FIGURE_MONTHS)):
    """Sessions held by kind and month, agencies and sectors taking part, actions done on time and the most common themes."""
    if not permissions.can_see_figures(request.auth):
        raise Refused(NOT_ADMIN)
    return 200, queries.figures_data(queries.figures(months=months))


@router.get(
    "/figures.csv",
    response={403: Error},
    auth=personal_token,
    summary="The same figures as CSV",
    openapi_extra={"responses": {200: {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def figures_csv(request, months: int = Query(queries.FIGURE_MONTHS, ge=1, le=queries.MAX_FIGURE_MONTHS)):
    if not permissions.can_see_figures(request.auth):
        raise Refused(NOT_ADMIN)
    response = HttpResponse(queries.figures_csv(queries.figures(months=months)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="supervision-figures.csv"'
    return response


@router.get("/my-actions", response=list[MyActionOut], auth=personal_token, summary="Your own open actions")
def my_actions(request):
    """The actions you agreed to in sessions that are still open, soonest first; nothing about the family."""
    today = timezone.localdate()
    may_read_families = request.api_token.reads_family_records
    return [
        {
            "id": str(action.public_id),
            "description": action.description if permissions.can_read_action_details(action, verified=may_read_families) else "",
            "description_withheld": not permissions.can_read_action_details(action, verified=may_read_families),
            "due_on": action.due_on,
            "status": action.status,
            "changes_childs_plan": action.changes_childs_plan,
            "overdue": action.due_on < today,
            "session": {
                "id": str(action.session.public_id),
                "kind": action.session.kind,
                "kind_label": action.session.get_kind_display(),
                "held_on": action.session.held_on,
            },
        }
        for action in queries.my_open_actions(request.auth)
    ]
