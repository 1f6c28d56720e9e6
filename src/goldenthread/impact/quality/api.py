"""The quality API (mounted at /api/v1/impact/quality by impact/api.py): results per question for a period, counts only.

For the partnership team and organisation leads, as the results page. Never a family, never a
note: counts by grade, and a group of fewer than 5 records is held back (its counts are null).
"""

from __future__ import annotations

import uuid

from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.impact import periods
from goldenthread.impact import permissions as impact_permissions

from . import permissions, queries, questions, rules

router = Router(tags=["Impact: quality assurance of records"])


class GroupOut(Schema):
    label: str = Field(..., description="'All records', an organisation's name, or a month ('April 2026').")
    records: int | None = Field(..., description="How many records were graded; null when held back.")
    held_back: bool = Field(..., description=f"True when fewer than {rules.MIN_GROUP} records were graded: the counts are not given.")
    counts: dict[str, int] | None = Field(..., description="Records by grade key (clearly, in-part, not-yet, not-applicable); null when held back.")


class AuditQuestionOut(Schema):
    key: str
    question: str
    overall: GroupOut
    by_organisation: list[GroupOut]
    by_month: list[GroupOut]


class AuditResultsOut(Schema):
    start: str
    end: str
    organisation: str | None
    grades: dict[str, str] = Field(..., description="Each grade key and its words.")
    questions: list[AuditQuestionOut]


def _group(counts: queries.Counts) -> dict:
    if counts.held_back:
        return {"label": counts.label, "records": None, "held_back": True, "counts": None}
    return {"label": counts.label, "records": counts.records, "held_back": False, "counts": {g.key: counts.by_grade.get(g.key, 0) for g in questions.grades()}}


@router.get(
    "/results",
    response={200: AuditResultsOut, 400: Error, 403: Error},
    auth=personal_token,
    summary="Audit results per question for a period (counts only, held back under 5 records)",
)
def results(
    request,
    start: str = Query("", alias="from", description="The period's first day, 2026-04-01"),
    end: str = Query("", alias="to", description="The period's last day"),
    organisation: str = Query("", description="An organisation's id, for its own results; leave it out for the whole partnership."),
):
    user = request.auth
    if not permissions.can_see_results(user):
        raise Refused(rules.NOT_FOR_YOU)
    try:
        period = periods.from_query({"from": start, "to": end})
    except periods.BadPeriod as problem:
        return 400, {"detail": str(problem)}
    chosen = None
    organisation = (organisation or "").strip()
    if organisation:
        try:
            key = uuid.UUID(organisation)
        except ValueError:
            return 400, {"detail": "No such organisation. Give an organisation's id, or leave it out for the whole partnership."}
        chosen = impact_permissions.organisations_seen(user).filter(public_id=key).first()
        if chosen is None:
            return 400, {"detail": "No such organisation. Give an organisation's id, or leave it out for the whole partnership."}
    seen = impact_permissions.organisations_seen(user)
    shown = None if impact_permissions.is_partnership_team(user) else set(seen.values_list("pk", flat=True))
    return 200, {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "organisation": chosen.name if chosen else None,
        "grades": dict(questions.grade_choices()),
        "questions": [
            {
                "key": found.question.key,
                "question": found.question.title,
                "overall": _group(found.overall),
                "by_organisation": [_group(each) for each in found.by_organisation],
                "by_month": [_group(each) for each in found.by_month],
            }
            for found in queries.results(period, chosen, shown)
        ],
    }
