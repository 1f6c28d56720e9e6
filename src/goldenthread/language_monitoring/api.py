"""The writing figures through the API: the same figures and the same rules as the pages.

`/figures` is for organisation leads (their own organisations) and the partnership team (every
organisation); `/yours` is a person's own writing. Both need a personal token. They carry counts,
months, organisations, kinds of record and the rules' own words: never a record's words, a
family, or a practitioner's name.
"""

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import permissions, queries
from .views import FAMILY_ACCOUNT

router = Router(tags=["Writing"])

LEADS_ONLY = (
    "These figures are for organisation leads (their own organisation) and the partnership team; your own writing's figures are at /api/v1/writing/yours."
)
MONTH = "A month as YYYY-MM, within the last 36 months."


class WritingShareOut(Schema):
    key: str = Field(..., description="The organisation's slug, the kind of record's label or the month (YYYY-MM); 'all' for every record.")
    label: str
    records: int
    meeting_standard: int = Field(..., description="Records in which the check found nothing to change.")
    share: float | None = Field(None, description="meeting_standard / records, from 0 to 1; null when there are no records.")


class WritingFindingOut(Schema):
    rule: str
    message: str = Field(..., description="The rule's own words: never words from a record.")
    suggestions: list[str]
    found: int = Field(..., description="How often the rule found something.")
    records: int = Field(..., description="In how many records.")


class WritingFiguresOut(Schema):
    organisation: str | None
    record_type: str | None
    from_month: str
    to_month: str
    overall: WritingShareOut
    by_organisation: list[WritingShareOut]
    by_record_type: list[WritingShareOut]
    by_month: list[WritingShareOut]
    commonest: list[WritingFindingOut]
    findings_held_back: bool = False


def _found(request, *, own, organisation, record_type, from_month, to_month):
    user = request.auth
    if own:
        if not permissions.can_see_own_writing(user):
            raise Refused(FAMILY_ACCOUNT)
    elif not permissions.can_see_organisation_figures(user):
        raise Refused(LEADS_ONLY)
    filters = queries.make_filters(user, organisation=organisation or "", record_type=record_type or "", start=from_month or "", end=to_month or "", own=own)
    return queries.figures(queries.checks_seen_by(user, own=own), filters, by_organisation=not own)


def _answer(request, **asked):
    try:
        return 200, queries.figures_data(_found(request, **asked))
    except queries.FilterProblem as problem:
        return 400, {"detail": str(problem)}


@router.get(
    "/figures", response={200: WritingFiguresOut, 400: Error, 403: Error}, auth=personal_token, summary="How the writing of your organisations measures up"
)
def figures(
    request,
    organisation: str | None = None,
    record_type: str | None = None,
    from_month: str | None = Query(None, description=MONTH),
    to_month: str | None = Query(None, description=MONTH),
):
    """The share of records meeting the shared language standard: overall, by organisation, kind of record and month, and the commonest findings."""
    return _answer(request, own=False, organisation=organisation, record_type=record_type, from_month=from_month, to_month=to_month)


@router.get(
    "/figures.csv",
    response={400: Error, 403: Error},
    auth=personal_token,
    summary="The writing figures as CSV",
    openapi_extra={"responses": {200: {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def figures_csv(
    request,
    organisation: str | None = None,
    record_type: str | None = None,
    from_month: str | None = Query(None, description=MONTH),
    to_month: str | None = Query(None, description=MONTH),
):
    try:
        found = _found(request, own=False, organisation=organisation, record_type=record_type, from_month=from_month, to_month=to_month)
    except queries.FilterProblem as problem:
        return 400, {"detail": str(problem)}
    response = HttpResponse(queries.figures_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="writing-figures.csv"'
    return response


@router.get("/yours", response={200: WritingFiguresOut, 400: Error, 403: Error}, auth=personal_token, summary="How your own writing measures up")
def yours(
    request, record_type: str | None = None, from_month: str | None = Query(None, description=MONTH), to_month: str | None = Query(None, description=MONTH)
):
    """The same figures for the records you wrote yourself."""
    return _answer(request, own=True, organisation=None, record_type=record_type, from_month=from_month, to_month=to_month)
