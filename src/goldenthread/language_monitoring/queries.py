"""The writing figures: reads only, shared by the pages, the CSV files and the API.

A figure is a count of records and how many of them meet the standard (the check found
nothing to change), with the share beside it. Under `FEW` records a share means little, so
the pages say so beside it. The commonest findings are named by the rule's own words (its
message and what to write instead), never by anything written in a record.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from goldenthread.core import registry
from goldenthread.core.language import site_engine
from goldenthread.core.spreadsheets import safe_cell

from . import permissions
from .models import WritingCheck

FEW = 5  # fewer records than this: the share is shown, with a word that it means little
MONTHS_SHOWN = 12  # the months the figures cover unless asked otherwise, this month included
MOST_MONTHS = 36  # the furthest back the figures go
COMMONEST = 10
NO_ORGANISATION = "Organisation not known"
RULE_GONE = "A rule the partnership no longer uses."


class FilterProblem(ValueError):
    """A filter that cannot be used, with a message saying what to do."""


@dataclass
class Share:
    """One group of records: how many, and how many meet the standard."""

    key: str
    label: str
    records: int
    meeting: int

    @property
    def share(self) -> float | None:
        return self.meeting / self.records if self.records else None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def few(self) -> bool:
        return 0 < self.records < FEW


@dataclass
class CommonFinding:
    """A rule the check found often: its id, its own words, how often and in how many records."""

    rule: str
    message: str
    suggestions: tuple[str, ...]
    found: int
    records: int


@dataclass
class Filters:
    organisation: object | None = None
    record_type: str = ""  # a model label ("families.storyentry"), or "" for every kind
    start: date = field(default_factory=lambda: default_months()[0])
    end: date = field(default_factory=lambda: default_months()[1])


@dataclass
class Figures:
    filters: Filters
    overall: Share
    by_organisation: list[Share]
    by_record_type: list[Share]
    by_month: list[Share]
    commonest: list[CommonFinding]
    findings_held_back: bool = False  # too few records for a lead to be shown which rules were found in them


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def default_months(today: date | None = None) -> tuple[date, date]:
    this_month = month_start(today or timezone.localdate())
    return add_months(this_month, -(MONTHS_SHOWN - 1)), this_month


def months_offered(today: date | None = None) -> list[date]:
    """The months a person may choose from, oldest first, this month last."""
    this_month = month_start(today or timezone.localdate())
    return [add_months(this_month, -back) for back in range(MOST_MONTHS - 1, -1, -1)]


def month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_words(month: date) -> str:
    return f"{month:%B %Y}"


def parse_month(text: str, *, today: date | None = None) -> date:
    """A month written as YYYY-MM, one of `months_offered`; otherwise FilterProblem saying what to write."""
    offered = months_offered(today)
    try:
        year, month = (int(part) for part in str(text).strip().split("-"))
        chosen = date(year, month, 1)
    except (ValueError, TypeError, OverflowError):
        raise FilterProblem("Write a month as a year and month, for example 2026-03.") from None
    if not offered[0] <= chosen <= offered[-1]:
        raise FilterProblem(f"Choose a month from {month_words(offered[0])} to {month_words(offered[-1])}.")
    return chosen


def record_types() -> list[tuple[str, str]]:
    """(model label, kind of record in words) for every kind of record checked."""
    return [(text.model, text.record_type) for text in registry.monitored_texts()]


def make_filters(user, *, organisation: str = "", record_type: str = "", start: str = "", end: str = "", own: bool = False) -> Filters:
    """The filters from what was asked (an organisation's slug, a kind of record, months as YYYY-MM); FilterProblem if one cannot be used."""
    filters = Filters()
    if organisation and not own:
        found = permissions.organisations_for_figures(user).filter(slug=organisation.replace("\x00", "")).first()
        if found is None:
            raise FilterProblem("Choose an organisation from the list.")
        filters.organisation = found
    if record_type:
        if record_type not in dict(record_types()):
            raise FilterProblem("Choose a kind of record from the list.")
        filters.record_type = record_type
    if start:
        filters.start = parse_month(start)
    if end:
        filters.end = parse_month(end)
    if filters.start > filters.end:
        raise FilterProblem("The first month must be the same as, or before, the last month.")
    return filters


def checks_seen_by(user, *, own: bool = False):
    """The checks a person's figures are made from: their own writing, or the organisations they may see."""
    if own:
        if not permissions.can_see_own_writing(user):
            return WritingCheck.objects.none()
        return WritingCheck.objects.filter(author=user)
    if permissions.can_see_partnership_figures(user):
        return WritingCheck.objects.all()
    return WritingCheck.objects.filter(organisation__in=permissions.organisations_for_figures(user))


def _filtered(checks, filters: Filters):
    checks = checks.filter(month__gte=filters.start, month__lte=filters.end)
    if filters.organisation is not None:
        checks = checks.filter(organisation=filters.organisation)
    if filters.record_type:
        checks = checks.filter(model_label=filters.record_type)
    return checks


COUNTS = {"records": Count("id"), "meeting": Count("id", filter=Q(findings=0))}


def figures(checks, filters: Filters, *, by_organisation: bool = True) -> Figures:
    """The figures for these checks, filtered: overall, by organisation, by kind of record, by month, and the commonest findings."""
    checks = _filtered(checks, filters)
    total = checks.aggregate(**COUNTS)
    overall = Share("all", "All records", total["records"], total["meeting"])

    organisations = []
    if by_organisation:
        rows = checks.values("organisation__slug", "organisation__name").annotate(**COUNTS).order_by("organisation__name")
        organisations = [Share(row["organisation__slug"] or "", row["organisation__name"] or NO_ORGANISATION, row["records"], row["meeting"]) for row in rows]

    by_type = {row["model_label"]: row for row in checks.values("model_label").annotate(**COUNTS)}
    kinds = [
        Share(label, words, by_type.get(label, {}).get("records", 0), by_type.get(label, {}).get("meeting", 0))
        for label, words in record_types()
        if not filters.record_type or label == filters.record_type
    ]

    by_month = {row["month"]: row for row in checks.values("month").annotate(**COUNTS)}
    months = []
    month = filters.start
    while month <= filters.end:
        row = by_month.get(month, {})
        months.append(Share(month_key(month), month_words(month), row.get("records", 0), row.get("meeting", 0)))
        month = add_months(month, 1)

    # Which rules were found in one or two records could tell a lead something of a record they
    # may not read: for groups under FEW they are held back (a person's own writing is theirs).
    held_back = by_organisation and 0 < overall.records < FEW
    return Figures(filters, overall, organisations, kinds, months, [] if held_back else commonest(checks), held_back)


def commonest(checks, most: int = COMMONEST) -> list[CommonFinding]:
    """The rules found most often in these checks, in the rules' own words."""
    found: Counter = Counter()
    records: Counter = Counter()
    for rules in checks.exclude(findings=0).values_list("rules", flat=True).iterator():
        for rule, count in (rules or {}).items():
            found[rule] += int(count)
            records[rule] += 1
    engine_rules = site_engine().by_id
    result = []
    for rule, count in sorted(found.items(), key=lambda item: (-item[1], -records[item[0]], item[0]))[:most]:
        known = engine_rules.get(rule)
        message = known.message if known else RULE_GONE
        suggestions = tuple(known.suggestions) if known else ()
        result.append(CommonFinding(rule, message, suggestions, count, records[rule]))
    return result


# The same figures as data (the API) and as rows (the CSV files)


def _share_data(share: Share) -> dict:
    return {"key": share.key, "label": share.label, "records": share.records, "meeting_standard": share.meeting, "share": share.share}


def figures_data(found: Figures) -> dict:
    filters = found.filters
    return {
        "organisation": filters.organisation.slug if filters.organisation is not None else None,
        "record_type": filters.record_type or None,
        "from_month": month_key(filters.start),
        "to_month": month_key(filters.end),
        "overall": _share_data(found.overall),
        "by_organisation": [_share_data(share) for share in found.by_organisation],
        "by_record_type": [_share_data(share) for share in found.by_record_type],
        "by_month": [_share_data(share) for share in found.by_month],
        "commonest": [
            {"rule": item.rule, "message": item.message, "suggestions": list(item.suggestions), "found": item.found, "records": item.records}
            for item in found.commonest
        ],
    }


CSV_HEADER = ["Figure", "Group", "Records", "Meeting the standard", "Share meeting the standard", "Times found", "What to write instead"]


def _share_row(figure: str, share: Share) -> list:
    return [figure, share.label, share.records, share.meeting, "" if share.share is None else f"{share.share:.3f}", "", ""]


def figures_rows(found: Figures) -> list[list]:
    rows = [_share_row("All records", found.overall)]
    rows += [_share_row("By organisation", share) for share in found.by_organisation]
    rows += [_share_row("By kind of record", share) for share in found.by_record_type]
    rows += [_share_row("By month", share) for share in found.by_month]
    rows += [["Commonest finding", item.message, item.records, "", "", item.found, "; ".join(item.suggestions)] for item in found.commonest]
    return rows


def figures_csv(found: Figures) -> str:
    """The figures as CSV text, every cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in figures_rows(found):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
