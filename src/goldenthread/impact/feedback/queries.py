"""Reads for the feedback pages, CSV and API: results by organisation and month, and by survey and question.

Every figure is made from a group of answers and shown only when the group has at least
`rules.MINIMUM_ANSWERS` (`rules.shown`); a group under that says so and gives neither its
average nor its count. An answer is counted in the month it was given (answers keep the month,
never the day), so a period is counted by whole months: from the month of its first day to
the month of its last.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum

from goldenthread.impact.periods import Period

from . import rules, surveys
from .models import FeedbackAnswer, FeedbackRequest, OpenSurveyLink


def answers_in(period: Period, organisations=None, survey: str = ""):
    """The answers given in the period's months, for some organisations (None: all) and one survey ("" for all)."""
    found = FeedbackAnswer.objects.filter(month__gte=period.start.replace(day=1), month__lte=period.end)
    if organisations is not None:
        found = found.filter(organisation__in=organisations)
    if survey:
        found = found.filter(survey=survey)
    return found


@dataclass(frozen=True)
class Cell:
    """A group's figures: its count and average score, both None when the group is too small to show."""

    answers: int | None
    average: float | None
    reason: str = rules.HELD_BACK_SHORT

    @property
    def held_back(self) -> bool:
        return self.answers is None

    @property
    def average_words(self) -> str:
        if self.held_back:
            return self.reason
        return "No scores" if self.average is None else f"{self.average:.1f}"

    @property
    def answers_words(self) -> str:
        return self.reason if self.held_back else str(self.answers)


def cell(answers: int, total: int, scored: int) -> Cell:
    """The figures of a group of `answers` answers holding `scored` scores adding up to `total`, held back when small."""
    if not rules.shown(answers):
        return Cell(None, None)
    return Cell(answers, round(total / scored, 2) if scored else None)


@dataclass
class Row:
    name: str
    cells: list[Cell]
    total: Cell
    organisation: object = None
    months: list = field(default_factory=list)

    @property
    def month_cells(self):
        return list(zip(self.months, self.cells, strict=True))


@dataclass
class QuestionRow:
    asks: str
    cell: Cell


@dataclass
class SurveyResult:
    survey: object
    answers: Cell
    questions: list[QuestionRow] = field(default_factory=list)


@dataclass
class Results:
    period: Period
    months: list[Period]
    rows: list[Row]
    partnership: Row | None
    by_survey: list[SurveyResult]
    words: list[tuple[str, str]]
    words_held_back: bool


def _grouped(answers, *keys):
    return {
        tuple(row[key] for key in keys): (row["answers"], row["total"] or 0, row["scored"] or 0)
        for row in answers.values(*keys).annotate(answers=Count("id"), total=Sum("score_total"), scored=Sum("score_count"))
    }


def _month_of(value: date) -> date:
    return value.replace(day=1)


def guarded(whole: Cell, part_counts: list[int]) -> Cell:
    """A figure made of parts (a period of months, a month of organisations), held back when the parts held back add up to 1 to 4 answers.

    Otherwise the whole, less the parts shown, would give away a small group's figures.
    """
    hidden = sum(count for count in part_counts if not rules.shown(count))
    if whole.held_back or not hidden or rules.shown(hidden):
        return whole
    return Cell(None, None, rules.GIVES_AWAY)


def partnership_month(whole: tuple, parts: list[tuple]) -> Cell:
    """The partnership's figure for a month: every answer, unless the organisations held back add up to 1 to 4 answers;
    then only the organisations shown are counted (as the wellbeing figures do), so nothing can be worked out from it."""
    hidden = sum(count for count, _, _ in parts if not rules.shown(count))
    if not hidden or rules.shown(hidden):
        return cell(*whole)
    shown = [part for part in parts if rules.shown(part[0])]
    return cell(sum(p[0] for p in shown), sum(p[1] for p in shown), sum(p[2] for p in shown))


def results(period: Period, organisations, *, with_partnership: bool, survey: str = "") -> Results:
    """Results for the organisations (by name) over the period: by organisation and month, and by survey and question."""
    organisations = list(organisations)
    months = period.months()
    firsts = [_month_of(month.start) for month in months]
    answers = answers_in(period, organisations, survey)
    by_month = _grouped(answers, "organisation", "month")
    by_organisation = _grouped(answers, "organisation")
    rows = []
    answered = {key[0] for key in by_organisation}
    for organisation in organisations:
        if len(organisations) > 1 and organisation.pk not in answered:
            continue  # an organisation with no answers at all in the period is left out of a list of many
        raw = [by_month.get((organisation.pk, first), (0, 0, 0)) for first in firsts]
        total = guarded(cell(*by_organisation.get((organisation.pk,), (0, 0, 0))), [each[0] for each in raw])
        rows.append(Row(organisation.name, [cell(*each) for each in raw], total, organisation, months))
    partnership = None
    if with_partnership:
        everyone = _grouped(answers, "month")
        overall = answers.aggregate(answers=Count("id"), total=Sum("score_total"), scored=Sum("score_count"))
        raw = [everyone.get((first,), (0, 0, 0)) for first in firsts]
        cells = [
            partnership_month(each, [by_month.get((organisation.pk, first), (0, 0, 0)) for organisation in organisations])
            for each, first in zip(raw, firsts, strict=True)
        ]
        whole = cell(overall["answers"], overall["total"] or 0, overall["scored"] or 0)
        by_organisation_counts = [by_organisation.get((organisation.pk,), (0, 0, 0))[0] for organisation in organisations]
        total = guarded(guarded(whole, [each[0] for each in raw]), by_organisation_counts)
        partnership = Row("Across the partnership", cells, total, None, months)
    return Results(
        period=period,
        months=months,
        rows=rows,
        partnership=partnership,
        by_survey=by_survey(answers, survey),
        words=[],
        words_held_back=False,
    )


def by_survey(answers, survey_key: str = "") -> list[SurveyResult]:
    """For each survey: how many answered, and each question's average, each held back under the smallest group."""
    counts = dict(answers.values_list("survey").annotate(n=Count("id")))
    scores_by_survey = defaultdict(list)
    for key, scores in answers.values_list("survey", "scores"):
        scores_by_survey[key].append(scores)
    found = []
    for survey in surveys.all_surveys():
        if survey_key and survey.key != survey_key:
            continue
        given = scores_by_survey.get(survey.key, [])
        questions = []
        for question in survey.questions:
            values = [scores[question.key] for scores in given if isinstance(scores.get(question.key), int)]
            questions.append(QuestionRow(question.asks, cell(len(values), sum(values), len(values))))
        found.append(SurveyResult(survey, cell(counts.get(survey.key, 0), 0, 0), questions))
    return found


def own_words(period: Period, organisations, survey: str = "") -> tuple[list[tuple[str, str]], bool]:
    """The families' own words for the group, with the survey's name; none (and True) when the group is under the smallest size.

    The group is every answer in the period for these organisations (and survey), so words are
    never shown from a month or a service that holds back its figures on its own; they carry no
    date, and come in no order that says when they were given.
    """
    answers = answers_in(period, organisations, survey)
    if not rules.shown(answers.count()):
        return [], answers.exists()
    words = answers.exclude(in_own_words="").order_by("id").values_list("survey", "in_own_words")
    return [(surveys.name_of(key), text) for key, text in words], False


def csv_rows(found: Results) -> list[list]:
    """The results as spreadsheet rows: organisation, month, answers, average score; held back as words, never a number."""
    rows = [["Organisation", "Month", "Answers", "Average score (1 to 5)"]]
    groups = ([found.partnership] if found.partnership else []) + found.rows
    for row in groups:
        for month, each in zip(found.months, row.cells, strict=True):
            rows.append([row.name, f"{month.start:%Y-%m}", each.answers_words, each.average_words])
        rows.append([row.name, "The whole period", row.total.answers_words, row.total.average_words])
    return rows


def requests_sent_by(user, limit: int = 20):
    return FeedbackRequest.objects.filter(sent_by=user).select_related("organisation").order_by("-sent_at")[:limit]


def waiting_requests_for(user):
    """The surveys waiting for a family member's own account: sent to them, not answered, not run out."""
    from django.utils import timezone

    return FeedbackRequest.objects.filter(person__account=user, answered_at__isnull=True, expires_at__gt=timezone.now()).select_related("organisation")


def open_links_for(organisations):
    return OpenSurveyLink.objects.filter(organisation__in=organisations).select_related("organisation").order_by("organisation__name", "-made_at")
