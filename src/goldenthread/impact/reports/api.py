"""The golden thread and board reports in the API (mounted under /api/v1/impact by ../api.py).

Everything needs a personal token and follows the pages' rules: the partnership's thread for
the partnership team and organisation leads, one organisation's for the team and that
organisation's lead, every board report for the team, and final ones about the partnership
or their own organisation for a lead. A period that cannot be used answers 400 with what to
change; something that is not there, 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.impact import periods

from . import figures, permissions, queries

router = Router(tags=["Impact: the golden thread and board reports"])


class ThreadOut(Schema):
    period: dict[str, str]
    period_before: dict[str, str]
    organisation: dict[str, Any] | None = Field(..., description="Empty for the whole partnership.")
    reading: str = Field(..., description="The thread in plain words.")
    summary: str = Field(..., description="Where the thread is strongest, and where it is weakest or breaks.")
    strongest: str | None
    weakest: str | None
    steps: list[dict[str, Any]] = Field(..., description="Each step: its figure now and before, each month, the other figures it shows, and how it holds.")


class BoardReportBriefOut(Schema):
    id: str
    title: str
    starts_on: date
    ends_on: date
    organisation: str | None = Field(..., description="Who it is about; empty for the whole partnership.")
    state: str = Field(..., description="draft or final")
    digest: str = Field(..., description="A fingerprint of the figures: the same figures give the same digest.")
    figures_at: datetime


class BoardReportOut(BoardReportBriefOut):
    commentary: str
    snapshot: dict[str, Any] = Field(..., description="Every figure as it was worked out: the golden thread and the indicators against their targets.")


def _period(request):
    try:
        return periods.from_query(request.GET)
    except periods.BadPeriod as bad:
        return bad


def _brief(report) -> dict:
    return {
        "id": str(report.public_id),
        "title": report.title,
        "starts_on": report.starts_on,
        "ends_on": report.ends_on,
        "organisation": report.organisation.name if report.organisation_id else None,
        "state": report.state,
        "digest": report.digest,
        "figures_at": report.figures_at,
    }


@router.get("/thread", response={200: ThreadOut, 400: Error, 403: Error}, auth=personal_token, summary="The partnership's golden thread for a period")
def partnership_thread(
    request,
    start: str = Query("", alias="from", description="The period's first day, 2026-04-01"),
    end: str = Query("", alias="to", description="The period's last day"),
):
    if not permissions.can_see_thread(request.auth):
        raise Refused(permissions.NOT_FOR_YOU)
    period = _period(request)
    if isinstance(period, periods.BadPeriod):
        return 400, {"detail": str(period)}
    return figures.thread_for(period, None)


@router.get(
    "/thread/{organisation_id}",
    response={200: ThreadOut, 400: Error, 403: Error, 404: Error},
    auth=personal_token,
    summary="One organisation's golden thread for a period",
)
def organisation_thread(
    request,
    organisation_id: int,
    start: str = Query("", alias="from", description="The period's first day, 2026-04-01"),
    end: str = Query("", alias="to", description="The period's last day"),
):
    if not permissions.can_see_thread(request.auth):
        raise Refused(permissions.NOT_FOR_YOU)
    organisation = queries.organisation_by_id(organisation_id)
    if organisation is None:
        raise Http404
    if not permissions.can_see_organisation_thread(request.auth, organisation):
        raise Refused(permissions.NOT_YOUR_ORGANISATION)
    period = _period(request)
    if isinstance(period, periods.BadPeriod):
        return 400, {"detail": str(period)}
    return figures.thread_for(period, organisation)


@router.get("/reports", response={200: list[BoardReportBriefOut], 403: Error}, auth=personal_token, summary="The board reports you may read")
def list_reports(request):
    if not permissions.can_see_reports(request.auth):
        raise Refused(permissions.NOT_FOR_YOU)
    return [_brief(report) for report in queries.reports_for(request.auth)[:200]]


@router.get(
    "/reports/{report_id}", response={200: BoardReportOut, 403: Error, 404: Error}, auth=personal_token, summary="A board report with every figure it keeps"
)
def get_report(request, report_id: UUID):
    if not permissions.can_see_reports(request.auth):
        raise Refused(permissions.NOT_FOR_YOU)
    report = queries.report_by_id(report_id)
    if report is None:
        raise Http404
    if not permissions.can_see_report(request.auth, report):
        raise Refused(permissions.NOT_FINAL_YET)
    return {**_brief(report), "commentary": report.commentary, "snapshot": report.snapshot}
