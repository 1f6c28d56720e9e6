"""The feedback API (/api/v1/impact/feedback): results by organisation and month, with the same holding back as the pages.

A group of fewer than `rules.MINIMUM_ANSWERS` answers gives `held_back: true` and null for
both its count and its average, never a number. Families' own words are not in the API.
"""

from __future__ import annotations

from datetime import date

from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.impact.periods import BadPeriod, from_query

from . import permissions, queries, rules, surveys

router = Router(tags=["Impact"])


class FeedbackMonthOut(Schema):
    organisation: str = Field(..., description="The organisation's name, or 'Across the partnership'.")
    organisation_slug: str | None
    month: date = Field(..., description="The first day of the month.")
    answers: int | None = Field(..., description=f"Null when held back (fewer than {rules.MINIMUM_ANSWERS} answers).")
    average_score: float | None = Field(..., description="The average score from 1 to 5; null when held back or there is no score.")
    held_back: bool


class FeedbackResultsOut(Schema):
    start: date
    end: date
    minimum_answers: int
    months: list[FeedbackMonthOut]


@router.get(
    "/results",
    response={200: FeedbackResultsOut, 400: Error, 403: Error},
    auth=personal_token,
    summary="Family feedback results by organisation and month, small groups held back",
)
def results(request, start: str = Query("", alias="from"), end: str = Query("", alias="to"), organisation: str = "", survey: str = ""):
    user = request.auth
    if not permissions.sees_results(user):
        raise Refused(rules.RESULTS_ONLY)
    try:
        period = from_query({"from": start, "to": end})
    except BadPeriod as problem:
        return 400, {"detail": str(problem)}
    if survey and surveys.survey(survey) is None:
        return 400, {"detail": "Give a survey's key, or leave it out for every survey."}
    seen = list(permissions.organisations_seen(user))
    organisations = seen
    if organisation:
        organisations = [each for each in seen if each.slug == organisation]
        if not organisations:
            raise Refused(rules.RESULTS_ONLY)
    found = queries.results(period, organisations, with_partnership=not organisation and permissions.sees_partnership(user), survey=survey)
    rows = ([found.partnership] if found.partnership else []) + found.rows
    months = [
        {
            "organisation": row.name,
            "organisation_slug": row.organisation.slug if row.organisation is not None else None,
            "month": month.start.replace(day=1),
            "answers": cell.answers,
            "average_score": cell.average,
            "held_back": cell.held_back,
        }
        for row in rows
        for month, cell in zip(found.months, row.cells, strict=True)
    ]
    return {"start": period.start, "end": period.end, "minimum_answers": rules.MINIMUM_ANSWERS, "months": months}
