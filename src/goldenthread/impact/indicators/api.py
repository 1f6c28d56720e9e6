"""The indicators API (mounted at /api/v1/impact/indicators by impact/api.py): the indicators with their figures for a period, and one indicator's figure month by month.

A personal token, and the same rules as the pages: the partnership team and organisation leads;
an organisation's own figures only for its lead and the partnership team. The period is
`from` and `to` (year-month-day); a date that cannot be read answers 400 saying what to write.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.impact import periods
from goldenthread.partnership.models import Organisation

from . import permissions, queries

router = Router(tags=["Impact: indicators"])


class IndicatorFigureOut(Schema):
    value: float | None = Field(..., description="None when there is no figure, or it is held back for a small group.")
    words: str
    numerator: int | None
    denominator: int | None
    held_back: bool


class IndicatorOut(Schema):
    id: str
    name: str
    definition: str
    outcome_key: str
    source: str = Field(..., description="computed or by-hand")
    computation_key: str
    unit: str = Field(..., description="percent, count or score")
    baseline: float | None
    baseline_on: date | None
    target: float | None
    direction: str = Field(..., description="higher or lower: which way is better")
    amber_margin: float
    frequency: str = Field(..., description="monthly, quarterly or yearly")


class ReadingOut(IndicatorOut):
    period_from: date
    period_to: date
    figure: IndicatorFigureOut
    rag: str = Field(..., description="green, amber, red or none")
    rag_words: str
    source_words: str = Field(..., description="How the figure is made, in words.")


class IndicatorMonthOut(Schema):
    period_from: date
    period_to: date
    figure: IndicatorFigureOut


class HandValueOut(Schema):
    period_from: date
    period_to: date
    value: float
    evidence: str
    entered_by: str
    entered_at: str


class TrendOut(ReadingOut):
    months: list[IndicatorMonthOut]
    entered_by_hand: list[HandValueOut] = Field(..., description="For an indicator entered by hand: every figure entered in the period, corrections included.")


def _allowed(user) -> None:
    if not permissions.can_see_indicators(user):
        raise Refused(permissions.NOT_FOR_YOU)


def _period(request) -> periods.Period:
    try:
        return periods.from_query(request.GET)
    except periods.BadPeriod as bad:
        raise _BadRequest(str(bad)) from None


class _BadRequest(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def _organisation(request, user):
    slug = (request.GET.get("organisation") or "").strip()
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug[:220]).first()
    if organisation is None:
        raise _BadRequest(NO_SUCH_ORGANISATION)
    if not permissions.can_see_organisation(user, organisation):
        raise Refused(permissions.NOT_YOUR_ORGANISATION)
    return organisation


def _figure(figure) -> dict:
    return {"value": figure.value, "words": figure.words, "numerator": figure.numerator, "denominator": figure.denominator, "held_back": figure.held_back}


def _indicator(indicator) -> dict:
    return {
        "id": str(indicator.public_id),
        "name": indicator.name,
        "definition": indicator.definition,
        "outcome_key": indicator.outcome_key,
        "source": indicator.source,
        "computation_key": indicator.computation_key,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "baseline_on": indicator.baseline_on,
        "target": indicator.target,
        "direction": indicator.direction,
        "amber_margin": indicator.amber_margin,
        "frequency": indicator.frequency,
    }


def _reading(reading, period) -> dict:
    return {
        **_indicator(reading.indicator),
        "period_from": period.start,
        "period_to": period.end,
        "figure": _figure(reading.figure),
        "rag": reading.rag,
        "rag_words": reading.rag_words,
        "source_words": reading.source_words,
    }


NO_SUCH_ORGANISATION = "No such organisation. Give an organisation's slug, or leave it out for the whole partnership."
QUERY_HELP = "Optional query: from and to (year-month-day; the twelve whole months before this one by default), organisation (its slug)."


@router.get(
    "",
    response={200: list[ReadingOut], 400: Error, 403: Error},
    auth=personal_token,
    summary="The indicators in use, each with its figure for a period",
    description=QUERY_HELP,
)
def list_indicators(request):
    _allowed(request.auth)
    try:
        period = _period(request)
        organisation = _organisation(request, request.auth)
    except _BadRequest as bad:
        return 400, {"detail": bad.message}
    return [_reading(reading, period) for reading in queries.readings(period, organisation, with_trend=False)]


@router.get(
    "/{indicator_id}",
    response={200: TrendOut, 400: Error, 403: Error, 404: Error},
    auth=personal_token,
    summary="One indicator: its figure for a period, and month by month",
    description=QUERY_HELP,
)
def get_indicator(request, indicator_id: UUID):
    _allowed(request.auth)
    try:
        period = _period(request)
    except _BadRequest as bad:
        return 400, {"detail": bad.message}
    indicator = queries.indicator_by_id(indicator_id)
    if indicator is None:
        raise Http404
    try:
        organisation = _organisation(request, request.auth)
    except _BadRequest as bad:
        return 400, {"detail": bad.message}
    reading = queries.reading(indicator, period, organisation)
    entered = []
    if not indicator.is_computed:
        entered = [
            {
                "period_from": row.period_start,
                "period_to": row.period_end,
                "value": row.value,
                "evidence": row.evidence,
                "entered_by": row.entered_by.full_name if row.entered_by else "",
                "entered_at": row.entered_at.isoformat(),
            }
            for row in queries.history(indicator).filter(period_start__gte=period.start, period_end__lte=period.end)
        ]
    return {
        **_reading(reading, period),
        "months": [{"period_from": point.month.start, "period_to": point.month.end, "figure": _figure(point.figure)} for point in reading.trend],
        "entered_by_hand": entered,
    }


@router.get(
    "/{indicator_id}/values",
    response={200: TrendOut, 400: Error, 403: Error, 404: Error},
    auth=personal_token,
    summary="One indicator's values for a period, month by month (the same as the indicator itself)",
    description=QUERY_HELP,
)
def get_indicator_values(request, indicator_id: UUID):
    return get_indicator(request, indicator_id)
