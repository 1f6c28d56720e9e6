"""The continuum API: the frameworks (public), an organisation's results, and the partnership's summary.

Frameworks are public: anyone may read what the self-assessment asks. An organisation's
completed rounds need a personal token from one of its people or a partnership admin;
the partnership summary needs a partnership admin's token. Results are what the round
found (stages and scores, how many people answered, where people disagreed); no one's
own answers are ever returned.

A round fewer than the minimum number of people answered (GOLDENTHREAD_MINIMUM_RESPONDENTS,
never fewer than 3) is still listed, with how many answered, but with no figures:
`figures_withheld` is true, `withheld_reason` says why, the score and stage are null and
`domains` is empty. A statement fewer than the minimum gave an answer to keeps its count of
answers, with its own score null (`figures_withheld` true on the statement).
"""

import re
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.permissions import is_partnership_admin
from goldenthread.partnership.models import Organisation

from . import permissions, queries, results
from .frameworks import stage_name
from .models import BAND_ORDER, Assessment, Domain, Framework, Item

router = Router(tags=["Continuum"])

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
LARGEST_VERSION = 2**31 - 1


class ItemOut(Schema):
    code: str
    text: str
    guidance: str


class DomainOut(Schema):
    code: str
    title: str
    description: str
    items: list[ItemOut]


class ScaleStepOut(Schema):
    value: int
    label: str
    description: str = ""


class StageOut(Schema):
    code: str
    name: str
    minimum: float = Field(..., description="The score (0 to 4) where this stage starts.")
    description: str = ""


class FrameworkOut(Schema):
    code: str
    version: int
    kind: str
    title: str
    description: str
    is_current: bool
    published_on: date
    scale: list[ScaleStepOut]
    stages: list[StageOut]
    domains: list[DomainOut]


class ItemResultOut(Schema):
    code: str
    score: float | None = Field(None, description="The middle (median) of the answers given; null when nobody answered, or too few people did to show it.")
    answers: int = Field(..., description="How many people answered it (not counting 'I don't know').")
    disagreement: bool = Field(..., description="True when answers were two or more points apart (never shown for too few answers).")
    figures_withheld: bool = Field(False, description="True when too few people gave an answer to it for its own score to be shown.")


class DomainResultOut(Schema):
    code: str
    title: str
    score: float | None
    stage: str | None
    stage_name: str
    answered_items: int
    total_items: int
    items: list[ItemResultOut]


class AssessmentOut(Schema):
    id: str
    title: str
    started_on: date
    completed_on: date | None
    framework_code: str
    framework_version: int
    respondents: int
    score: float | None
    stage: str | None = Field(None, description="The overall self-assessed stage: aware, sensitive, responsive or informed.")
    stage_name: str
    capped: bool = Field(..., description="True when the overall stage was held to one above the lowest area's stage.")
    figures_withheld: bool = Field(
        False, description="True when too few people answered the round for any of its figures to be shown: no score, stage or domains."
    )
    withheld_reason: str = Field("", description="Why the figures are withheld, in words a person can read; empty when they are shown.")
    domains: list[DomainResultOut]


class DomainStandingOut(Schema):
    code: str
    title: str
    score: float | None
    stage: str | None


class EarlierOut(Schema):
    title: str
    completed_on: date
    stage: str | None


class StandingOut(Schema):
    organisation: str
    slug: str
    sector: str
    sector_label: str
    assessment_id: str
    completed_on: date
    framework_code: str
    framework_version: int
    respondents: int
    score: float | None
    stage: str | None
    domains: list[DomainStandingOut]
    earlier: EarlierOut | None = Field(None, description="The round compared with: about a year earlier, else the round before.")
    movement: str = Field(..., description="up, same, down, or first (no earlier round).")


class SectorStagesOut(Schema):
    sector: str
    sector_label: str
    organisations: int
    stages: dict[str, int]
    not_assessed: int


class BrightSpotOut(Schema):
    organisation: str
    slug: str
    framework_code: str
    domain_code: str
    domain_title: str
    stage: str
    others: int
    early_others: list[str] = Field(..., description="Slugs of the other organisations at Trauma Aware or Trauma Sensitive in this area.")


class SummaryOut(Schema):
    generated_on: date
    sector: str = Field("", description="The sector the summary was narrowed to, if any.")
    framework: str = Field("", description="The framework code it was narrowed to, if any.")
    organisations: int
    assessed: int
    not_assessed: int | None
    open_rounds: int
    stages: dict[str, int]
    movement: dict[str, int]
    sectors: list[SectorStagesOut]
    standings: list[StandingOut]
    bright_spots: list[BrightSpotOut]


def _frameworks():
    items = Prefetch("items", queryset=Item.objects.order_by("order", "id"))
    domains = Prefetch("domains", queryset=Domain.objects.order_by("order", "id").prefetch_related(items))
    return Framework.objects.order_by("code", "-version").prefetch_related(domains)


def framework_out(framework: Framework) -> dict:
    return {
        "code": framework.code,
        "version": framework.version,
        "kind": framework.kind,
        "title": framework.title,
        "description": framework.description,
        "is_current": framework.is_current,
        "published_on": framework.published_on,
        "scale": [{"value": step["value"], "label": step.get("label", ""), "description": step.get("description", "")} for step in framework.scale],
        "stages": [
            {"code": band["code"], "name": stage_name(band), "minimum": float(band["minimum"]), "description": band.get("description", "")}
            for band in sorted(framework.bands, key=lambda band: float(band["minimum"]))
        ],
        "domains": [
            {
                "code": domain.code,
                "title": domain.title,
                "description": domain.description,
                "items": [{"code": item.code, "text": item.text, "guidance": item.guidance} for item in domain.items.all()],
            }
            for domain in framework.domains.all()
        ],
    }


@router.get("/frameworks", response=list[FrameworkOut], auth=None, summary="Self-assessment frameworks, every version")
def list_frameworks(request, current_only: bool = False):
    """Each framework version with its answer scale, stages, domains and statements. `current_only` keeps the versions new rounds use."""
    frameworks = _frameworks()
    if current_only:
        frameworks = frameworks.filter(is_current=True)
    return [framework_out(framework) for framework in frameworks]


@router.get("/frameworks/{code}/{version}", response={200: FrameworkOut, 404: Error}, auth=None, summary="One framework version")
def get_framework(request, code: str, version: int):
    if not SLUG.fullmatch(code) or not 0 < version <= LARGEST_VERSION:
        return 404, {"detail": "There is no framework version at this address."}
    framework = _frameworks().filter(code=code, version=version).first()
    if framework is None:
        return 404, {"detail": "There is no framework version at this address."}
    return 200, framework_out(framework)


def assessment_out(assessment: Assessment) -> dict:
    """A completed round as the API gives it; with no figures at all where too few people answered it."""
    if not permissions.can_show_figures(assessment):
        return {
            "id": str(assessment.public_id),
            "title": assessment.title,
            "started_on": assessment.started_on,
            "completed_on": assessment.completed_on,
            "framework_code": assessment.framework.code,
            "framework_version": assessment.framework.version,
            "respondents": permissions.respondents_of(assessment),
            "score": None,
            "stage": None,
            "stage_name": "Not shown",
            "capped": False,
            "figures_withheld": True,
            "withheld_reason": results.why_no_result(assessment),
            "domains": [],
        }
    result = assessment.result
    return {
        "id": str(assessment.public_id),
        "title": assessment.title,
        "started_on": assessment.started_on,
        "completed_on": assessment.completed_on,
        "framework_code": assessment.framework.code,
        "framework_version": assessment.framework.version,
        "respondents": int(result.get("respondents") or 0),
        "score": result.get("score"),
        "stage": result.get("band"),
        "stage_name": results.band_name(result.get("band")),
        "capped": bool(result.get("capped")),
        "figures_withheld": False,
        "withheld_reason": "",
        "domains": [
            {
                "code": domain.get("code", ""),
                "title": domain.get("title", ""),
                "score": domain.get("score"),
                "stage": domain.get("band"),
                "stage_name": results.band_name(domain.get("band")),
                "answered_items": int(domain.get("answered_items") or 0),
                "total_items": int(domain.get("total_items") or 0),
                "items": [_item_out(item) for item in domain.get("items") or []],
            }
            for domain in result.get("domains") or []
        ],
    }


def _item_out(item: dict) -> dict:
    answers = item.get("answers")
    answers = answers if isinstance(answers, int) and not isinstance(answers, bool) else 0
    shown = permissions.enough_respondents(answers)
    return {
        "code": item.get("code", ""),
        "score": item.get("score") if shown else None,
        "answers": answers,
        "disagreement": bool(item.get("disagreement")) and shown,
        "figures_withheld": answers > 0 and not shown,
    }


@router.get(
    "/organisations/{slug}/assessments",
    response={200: list[AssessmentOut], 403: Error, 404: Error},
    auth=personal_token,
    summary="An organisation's completed self-assessments and their results (its people and partnership admins)",
)
def organisation_assessments(request, slug: str):
    """Completed rounds, latest first: stages and scores per area and overall. Never anyone's own answers."""
    organisation = Organisation.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if organisation is None:
        return 404, {"detail": "There is no member organisation at this address."}
    if not permissions.can_view_results(request.auth, organisation):
        return 403, {"detail": "Only the organisation's own people and the partnership admin can see its results."}
    rounds = (
        Assessment.objects.filter(organisation=organisation, status=Assessment.Status.SUBMITTED, result__isnull=False)
        .select_related("framework")
        .order_by("-completed_on", "-id")
    )
    return 200, [assessment_out(assessment) for assessment in rounds]


def _standing_out(standing: queries.Standing) -> dict:
    earlier = standing.earlier
    return {
        "organisation": standing.name,
        "slug": standing.slug,
        "sector": standing.sector,
        "sector_label": standing.sector_label,
        "assessment_id": standing.assessment_public_id,
        "completed_on": standing.completed_on,
        "framework_code": standing.framework_code,
        "framework_version": standing.framework_version,
        "respondents": standing.respondents,
        "score": standing.score,
        "stage": standing.band,
        "domains": [{"code": d.code, "title": d.title, "score": d.score, "stage": d.band} for d in standing.domains],
        "earlier": {"title": earlier.title, "completed_on": earlier.completed_on, "stage": earlier.band} if earlier else None,
        "movement": standing.movement,
    }


@router.get(
    "/summary",
    response={200: SummaryOut, 403: Error},
    auth=personal_token,
    summary="Where the partnership stands: stages by sector, movement, bright spots (partnership admins)",
)
def summary(request, sector: str = "", framework: str = ""):
    """The partnership's map as data, from each organisation's latest completed round; narrow it by `sector` or `framework` code."""
    if not is_partnership_admin(request.auth):
        return 403, {"detail": "Only partnership admins can see the whole partnership's summary."}
    found = queries.partnership_map(sector=sector, framework=framework)
    stage_codes = [band.value for band in BAND_ORDER]
    return 200, {
        "generated_on": timezone.localdate(),
        "sector": found.sector,
        "framework": found.framework,
        "organisations": found.active_organisations,
        "assessed": found.assessed,
        "not_assessed": found.not_assessed if found.counts_unassessed else None,
        "open_rounds": found.open_rounds,
        "stages": {code: count for code, _, count in found.band_counts},
        "movement": {code: count for code, _, count in found.movement_counts},
        "sectors": [
            {
                "sector": row.sector,
                "sector_label": row.label,
                "organisations": row.organisations,
                "stages": dict(zip(stage_codes, row.band_counts, strict=True)),
                "not_assessed": row.not_assessed,
            }
            for row in found.sectors
        ],
        "standings": [_standing_out(standing) for standing in found.standings],
        "bright_spots": [
            {
                "organisation": spot.standing.name,
                "slug": spot.standing.slug,
                "framework_code": spot.standing.framework_code,
                "domain_code": spot.domain_code,
                "domain_title": spot.domain_title,
                "stage": spot.band,
                "others": spot.others,
                "early_others": [other.slug for other in spot.early_others],
            }
            for spot in found.bright_spots
        ],
    }
