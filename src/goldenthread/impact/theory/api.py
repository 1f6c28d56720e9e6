"""The theory of change API (mounted under /api/v1/impact/theory-of-change by ../api.py): the version in force, and any earlier version.

For anyone in the workforce, as on the pages. Each outcome carries its `key`, which stays the
same from version to version: the indicators API names outcomes by it.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import permissions, queries

router = Router(tags=["Impact"])

NO_SUCH_VERSION = "There is no published version with that number. Ask for /versions to see the numbers."


class TheoryIndicatorOut(Schema):
    name: str
    url: str


class TheoryOutcomeOut(Schema):
    key: str = Field(..., description="Stays the same from version to version; the indicators name the outcome by it.")
    title: str
    horizon: str = Field(..., description="short, medium or long")
    horizon_label: str
    for_whom: str = Field(..., description="children, families, workforce or system")
    for_whom_label: str
    description: str
    indicators: list[TheoryIndicatorOut]


class TheoryActivityOut(Schema):
    title: str
    description: str
    leads_to: list[str] = Field(..., description="The keys of the outcomes it leads to.")


class TheoryVersionBriefOut(Schema):
    number: int
    published_at: datetime | None
    note: str = Field(..., description="What changed in this version.")


class TheoryOut(TheoryVersionBriefOut):
    in_force: bool
    outcomes: list[TheoryOutcomeOut]
    activities: list[TheoryActivityOut]
    assumptions: list[str]


def _reader(user) -> None:
    if not permissions.can_read(user):
        raise Refused(permissions.NOT_FOR_YOU)


def _brief(theory) -> dict:
    return {"number": theory.number, "published_at": theory.published_at, "note": theory.note}


def _out(theory, *, in_force: bool) -> dict:
    found = queries.contents(theory)
    return {
        **_brief(theory),
        "in_force": in_force,
        "outcomes": [
            {
                "key": outcome.key,
                "title": outcome.title,
                "horizon": outcome.horizon,
                "horizon_label": outcome.get_horizon_display(),
                "for_whom": outcome.for_whom,
                "for_whom_label": outcome.get_for_whom_display(),
                "description": outcome.description,
                "indicators": [{"name": indicator.name, "url": indicator.url} for indicator in outcome.indicators],
            }
            for outcome in found.outcomes
        ],
        "activities": [
            {"title": activity.title, "description": activity.description, "leads_to": [outcome.key for outcome in activity.outcomes]}
            for activity in found.activities
        ],
        "assumptions": [assumption.text for assumption in found.assumptions],
    }


@router.get(
    "",
    response={200: TheoryOut | None, 403: Error},
    auth=personal_token,
    summary="The theory of change in force",
    description="null while the partnership has published none yet.",
)
def in_force(request):
    _reader(request.auth)
    found = queries.in_force()
    return 200, (_out(found, in_force=True) if found is not None else None)


@router.get("/versions", response={200: list[TheoryVersionBriefOut], 403: Error}, auth=personal_token, summary="Every published version, newest first")
def versions(request):
    _reader(request.auth)
    return 200, [_brief(theory) for theory in queries.published_versions()]


@router.get("/versions/{number}", response={200: TheoryOut, 403: Error, 404: Error}, auth=personal_token, summary="One published version")
def version(request, number: int):
    _reader(request.auth)
    found = queries.published_version(number)
    if found is None:
        return 404, {"detail": NO_SUCH_VERSION}
    current = queries.in_force()
    return 200, _out(found, in_force=current is not None and current.pk == found.pk)
