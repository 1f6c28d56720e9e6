"""Read queries for one organisation's self-assessment: its rounds, results and progress.

A stored result (scoring.Result as JSON) names items and domains by code; these functions
put the words of the framework version the round was answered on back beside them, and
pick out what a reader needs: strengths, next steps, where people disagree, and progress
over time. Pages, the PDF and the API can share them; none of them writes anything.

A round's figures are read only where `permissions.can_show_figures` allows (enough people
answered it), and a statement's own figures only where enough people gave an answer to
it: `read_result` and `progress_over_time` leave out everything else, and
`why_no_result` says why, in words a page can show.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format

from goldenthread.core.action_plan import overdue
from goldenthread.core.charts import Bar, BarGroup, Chart, DataTable, Guide, bar_chart, shorten

from . import permissions, scoring
from .models import BAND_ORDER, Answer, Assessment, Band, ContinuumAction, Item, Response

REASSESS_EVERY_MONTHS = 6
STRONG_ITEM_SCORE = 3
NEXT_STEPS_SHOWN = 5
STRONG_BANDS = {Band.RESPONSIVE.value, Band.INFORMED.value}


NO_BAND = "Not enough answers"


def band_name(code: str | None, *, missing: str = NO_BAND) -> str:
    """A stage's name from its code, such as ‘Trauma Responsive’: the one helper every page, file and the API use.

    Where there is no stage (too few answers), `missing`; a code that is not one of the
    continuum's stages is shown as it is.
    """
    if code in Band.values:
        return Band(code).label
    return str(code) if code else missing


def band_rank(code: str | None) -> int:
    values = [band.value for band in BAND_ORDER]
    return values.index(code) if code in values else -1


def framework_bands(framework) -> list[dict]:
    """Each band of a framework version, lowest first: code, name, minimum and what it looks like."""
    bands = []
    for band in sorted(framework.bands or [], key=lambda b: float(b.get("minimum", 0))):
        bands.append(
            {
                "code": band.get("code"),
                "name": band.get("name") or band_name(band.get("code")),
                "minimum": float(band.get("minimum", 0)),
                "description": band.get("description") or band.get("looks_like") or band.get("what_it_looks_like") or "",
            }
        )
    return bands


def band_description(framework, code: str | None) -> str:
    for band in framework_bands(framework):
        if band["code"] == code:
            return band["description"]
    return ""


def scale_labels(framework) -> dict[int, str]:
    return {int(point["value"]): point.get("label", str(point["value"])) for point in framework.scale or []}


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Rounds -------------------------------------------------------------------------------


def completed_rounds(organisation):
    """Every completed round, whether or not enough people answered it for its figures to show."""
    return Assessment.objects.filter(organisation=organisation, status=Assessment.Status.SUBMITTED, result__isnull=False).select_related("framework")


def rounds_with_figures(organisation):
    """The completed rounds whose figures may be shown: enough people answered them."""
    return completed_rounds(organisation).filter(permissions.figures_shown())


def latest_completed(organisation) -> Assessment | None:
    """The latest completed round with a result to show."""
    return rounds_with_figures(organisation).order_by("-completed_on", "-id").first()


def open_round(organisation) -> Assessment | None:
    return Assessment.objects.filter(organisation=organisation, status=Assessment.Status.OPEN).select_related("framework").first()


def next_assessment_due(organisation) -> date | None:
    """Six months after the latest completed round (with a result to show or not); None before the first one."""
    latest = completed_rounds(organisation).order_by("-completed_on", "-id").first()
    if latest is None:
        return None
    return add_months(latest.completed_on or latest.started_on, REASSESS_EVERY_MONTHS)


def overdue_actions(organisation):
    """The organisation's actions past their due date and not done."""
    return overdue(ContinuumAction.objects.filter(organisation=organisation))


def respondent_statuses(assessment) -> list[Response]:
    """Who was invited and how far they have got; never their answers."""
    return list(assessment.responses.select_related("respondent").order_by("respondent__full_name"))


def status_counts(assessment) -> dict[str, int]:
    counts = {value: 0 for value in Response.Status.values}
    for status in assessment.responses.values_list("status", flat=True):
        counts[status] += 1
    return counts


# When a round has no figures to show --------------------------------------------------


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def showing_rule() -> str:
    """The minimum, in words: the same sentence wherever a result is held back."""
    return f"Results are shown once at least {permissions.minimum_respondents()} people have answered, so that nobody's answers can be picked out."


def answered_so_far(count: int) -> str:
    if count == 0:
        return "No one has answered so far."
    return f"{people(count)} {'has' if count == 1 else 'have'} answered so far."


def why_no_result(assessment) -> str:
    """Why a round shows no figures yet, calmly; empty when it shows them, or is open with enough answers."""
    if permissions.can_show_figures(assessment):
        return ""
    if assessment.status == Assessment.Status.OPEN:
        submitted = assessment.responses.filter(status=Response.Status.SUBMITTED).count()
        return "" if permissions.enough_respondents(submitted) else f"{showing_rule()} {answered_so_far(submitted)}"
    answered = permissions.respondents_of(assessment)
    if permissions.enough_respondents(answered) and not permissions.scored_under_todays_minimum(assessment):
        return (
            f"‘{assessment.title}’ was worked out under an older rule and is waiting to be worked out again. "
            "Ask your partnership's admin to run the re-scoring of completed rounds."
        )
    return f"{showing_rule()} {people(answered).capitalize()} answered ‘{assessment.title}’, so it has no result to show."


def rule_in_words() -> list[str]:
    """The scoring rule in words, and the minimum that keeps everyone's answers their own."""
    return [
        *scoring.RULE_IN_WORDS,
        (
            f"A result, and each statement's own figures, are shown only once at least {permissions.minimum_respondents()} people "
            "have answered, so that nobody's answers can be picked out."
        ),
    ]


# One person's answers -----------------------------------------------------------------


@dataclass
class DomainProgress:
    domain: object
    items: list
    answered: int

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def is_complete(self) -> bool:
        return self.answered >= self.total


def answer_progress(response) -> list[DomainProgress]:
    """Each domain of the round's framework with how many of its statements this person has answered."""
    answered_ids = set(response.answers.values_list("item_id", flat=True))
    items = Item.objects.filter(domain__framework=response.assessment.framework_id).select_related("domain")
    by_domain: dict[int, DomainProgress] = {}
    for item in items:
        progress = by_domain.setdefault(item.domain_id, DomainProgress(domain=item.domain, items=[], answered=0))
        progress.items.append(item)
        progress.answered += item.pk in answered_ids
    return sorted(by_domain.values(), key=lambda p: (p.domain.order, p.domain.pk))


def answers_of(response) -> dict[int, Answer]:
    return {answer.item_id: answer for answer in response.answers.all()}


# A completed round's result -----------------------------------------------------------


@dataclass
class ItemReading:
    code: str
    text: str
    guidance: str
    domain_code: str
    domain_title: str
    score: float | None
    answers: int
    lowest: int | None
    highest: int | None
    lowest_label: str = ""
    highest_label: str = ""
    withheld: bool = False  # too few people gave an answer to it for its own figures to show
    spread_shown: bool = False  # enough answers that the lowest and highest pick out nobody

    @property
    def disagreement(self) -> bool:
        return self.lowest is not None and self.highest - self.lowest >= scoring.DISAGREEMENT_SPREAD


@dataclass
class DomainReading:
    code: str
    title: str
    score: float | None
    band: str | None
    band_name: str
    band_description: str
    answered_items: int
    total_items: int
    items: list[ItemReading] = field(default_factory=list)


@dataclass
class ResultReading:
    assessment: Assessment
    respondents: int
    score: float | None
    band: str | None
    band_name: str
    band_description: str
    capped: bool
    domains: list[DomainReading]
    bands: list[dict]

    @property
    def items(self) -> list[ItemReading]:
        return [item for domain in self.domains for item in domain.items]

    @property
    def disagreements(self) -> list[ItemReading]:
        return [item for item in self.items if item.disagreement]

    @property
    def strong_domains(self) -> list[DomainReading]:
        return [domain for domain in self.domains if domain.band in STRONG_BANDS]

    @property
    def strong_items(self) -> list[ItemReading]:
        return [item for item in self.items if item.score is not None and item.score >= STRONG_ITEM_SCORE]

    @property
    def next_steps(self) -> list[ItemReading]:
        """The lowest-scoring statements: those under ‘mostly’, lowest first (or the lowest few if none)."""
        scored = sorted((item for item in self.items if item.score is not None), key=lambda item: (item.score, item.domain_title))
        below = [item for item in scored if item.score < STRONG_ITEM_SCORE]
        return (below or scored[:3])[:NEXT_STEPS_SHOWN]


def read_result(assessment: Assessment) -> ResultReading | None:
    """The stored result of a completed round, in the words of the framework version it used.

    None where the round's figures may not be shown (`permissions.can_show_figures`). A
    statement fewer than the minimum number of people gave an answer to keeps its count of
    answers but not its score or range, so no one's answer to it can be picked out.
    """
    if not permissions.can_show_figures(assessment):
        return None
    result = scoring.Result.from_json(assessment.result)
    framework = assessment.framework
    labels = scale_labels(framework)
    items = {(item.domain.code, item.code): item for item in Item.objects.filter(domain__framework=framework).select_related("domain")}
    domains = []
    for domain in result.domains:
        readings = []
        for item in domain.items:
            row = items.get((domain.code, item.code))
            shown = permissions.enough_respondents(item.answers) and item.score is not None
            spread_shown = shown and permissions.can_show_spread(item.answers)
            readings.append(
                ItemReading(
                    code=item.code,
                    text=row.text if row else item.code,
                    guidance=row.guidance if row else "",
                    domain_code=domain.code,
                    domain_title=domain.title,
                    score=item.score if shown else None,
                    answers=item.answers,
                    lowest=item.lowest if shown else None,
                    highest=item.highest if shown else None,
                    lowest_label=labels.get(item.lowest, "") if spread_shown and item.lowest is not None else "",
                    highest_label=labels.get(item.highest, "") if spread_shown and item.highest is not None else "",
                    spread_shown=spread_shown,
                    withheld=item.answers > 0 and not shown,
                )
            )
        domains.append(
            DomainReading(
                code=domain.code,
                title=domain.title,
                score=domain.score,
                band=domain.band,
                band_name=band_name(domain.band),
                band_description=band_description(framework, domain.band),
                answered_items=domain.answered_items,
                total_items=domain.total_items,
                items=readings,
            )
        )
    return ResultReading(
        assessment=assessment,
        respondents=result.respondents,
        score=result.score,
        band=result.band,
        band_name=band_name(result.band),
        band_description=band_description(framework, result.band),
        capped=result.capped,
        domains=domains,
        bands=framework_bands(framework),
    )


# Progress over time -------------------------------------------------------------------


@dataclass
class ProgressCell:
    assessment: Assessment
    score: float | None
    band: str | None

    @property
    def band_name(self) -> str:
        return band_name(self.band) if self.score is not None else "Not assessed"


@dataclass
class ProgressRow:
    code: str
    title: str
    cells: list[ProgressCell]


@dataclass
class Progress:
    rounds: list[Assessment]
    rows: list[ProgressRow]
    overall: list[ProgressCell]
    chart: Chart | None


def progress_over_time(organisation) -> Progress:
    """Every completed round with figures to show, oldest first, with each domain's score and stage: a chart and its table."""
    rounds = list(rounds_with_figures(organisation).order_by("completed_on", "id"))
    results = [scoring.Result.from_json(round_.result) for round_ in rounds]
    titles: dict[str, str] = {}
    for result in reversed(results):  # the latest round's order and words come first
        for domain in result.domains:
            titles.setdefault(domain.code, domain.title)
    rows = []
    for code, title in titles.items():
        cells = []
        for round_, result in zip(rounds, results, strict=True):
            domain = next((d for d in result.domains if d.code == code), None)
            cells.append(ProgressCell(round_, domain.score if domain else None, domain.band if domain else None))
        rows.append(ProgressRow(code, title, cells))
    overall = [ProgressCell(round_, result.score, result.band) for round_, result in zip(rounds, results, strict=True)]
    chart = _chart(rounds, rows, overall) if rounds else None
    return Progress(rounds=rounds, rows=rows, overall=overall, chart=chart)


SCALE_MAX = 4


def _cell_words(cell: ProgressCell) -> str:
    return cell.band_name + ("" if cell.score is None else f" ({cell.score:.1f})")


def _chart(rounds, rows, overall) -> Chart:
    """The core chart: a bar for each round in each area, with the stages marked, and its table."""
    groups = [
        BarGroup(
            row.title,
            [
                Bar(
                    f"{shorten(cell.assessment.title, 30)}: " + ("not assessed" if cell.score is None else f"{cell.score:.1f}, {band_name(cell.band)}"),
                    cell.score,
                )
                for cell in row.cells
            ],
        )
        for row in rows
    ]
    guides = [Guide(band["minimum"], band["name"].replace("Trauma ", "")) for band in framework_bands(rounds[-1].framework) if 0 < band["minimum"] <= SCALE_MAX]
    table = DataTable(
        caption="Progress over time: self-assessed stage and score (0 to 4) in each area",
        headings=["Area", *(f"{round_.title} ({date_format(round_.completed_on, 'M Y')})" for round_ in rounds)],
        rows=[(row.title, [_cell_words(cell) for cell in row.cells]) for row in rows] + [("Overall", [_cell_words(cell) for cell in overall])],
    )
    return bar_chart(
        groups,
        id="progress-chart",
        title="Progress over time, area by area",
        description="A bar for each completed round in each area, longer bars for higher scores; the dashed lines mark where each stage starts.",
        scale_max=SCALE_MAX,
        guides=guides,
        table=table,
        shaded=True,
        intro="Each area's score, from 0 to 4, in every completed round. The lines mark where each stage starts. The same figures are in the table after the chart.",
    )
