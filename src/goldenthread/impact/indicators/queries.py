"""Reads for the indicators: each indicator read for a period, its trend, its values entered by hand. Nothing here writes.

A `Reading` (see `computed.py`) is worked out for a period and, where asked, one organisation:
the figure (computed live, or the latest value entered by hand for a period inside it), the
RAG status against the target (with the direction and the amber margin), and the figure for
each month of the period. Computed figures are kept for the length of one `Readings` (a page,
a download, an API call), so a computation several indicators share is worked out once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from goldenthread.impact.periods import Period

from .computed import Figure, Reading, computation, computations
from .models import Direction, Indicator, IndicatorValue, Source

RAG_WORDS = {"green": "On target", "amber": "Close to target", "red": "Off target", "none": "No figure yet"}
NO_TARGET = "No target set"


def indicators(*, active_only: bool = True):
    found = Indicator.objects.select_related("responsible_person")
    return found.filter(is_active=True) if active_only else found


def indicator_by_id(public_id) -> Indicator | None:
    return Indicator.objects.select_related("responsible_person").filter(public_id=public_id).first()


def indicators_for_outcome(outcome_key: str):
    """The indicators in use for one outcome of the theory of change (by its stable key), by name."""
    return indicators().filter(outcome_key=outcome_key).order_by("name", "id")


def computation_choices() -> list[tuple[str, str]]:
    return [(each.key, each.name) for each in computations()]


def source_link(name: str) -> str:
    """The address of a computation's source page, or "" when the page is not there."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def rag(indicator: Indicator, value: float | None) -> str:
    """green, amber, red or none: the value against the target, the way that is better, and the margin that counts as close."""
    if value is None or indicator.target is None:
        return "none"
    margin = abs(indicator.amber_margin or 0)
    if indicator.direction == Direction.LOWER:
        gap = value - indicator.target
    else:
        gap = indicator.target - value
    if gap <= 0:
        return "green"
    return "amber" if gap <= margin else "red"


def target_words(indicator: Indicator) -> str:
    if indicator.target is None:
        return NO_TARGET
    better = "or more" if indicator.direction == Direction.HIGHER else "or fewer" if not indicator.is_percent else "or less"
    return f"{indicator.amount(indicator.target)} {better}"


def latest_values(indicator: Indicator, period: Period) -> list[IndicatorValue]:
    """The value that counts for each period entered inside `period` (the latest entered for it wins), oldest period first."""
    rows = IndicatorValue.objects.filter(indicator=indicator, period_start__gte=period.start, period_end__lte=period.end).select_related("entered_by")
    latest: dict[tuple, IndicatorValue] = {}
    for row in rows.order_by("period_start", "period_end", "entered_at", "id"):
        latest[(row.period_start, row.period_end)] = row
    return sorted(latest.values(), key=lambda row: (row.period_end, row.period_start))


def history(indicator: Indicator):
    """Every value ever entered by hand for the indicator, corrections included, newest period first."""
    return IndicatorValue.objects.filter(indicator=indicator).select_related("entered_by").order_by("-period_start", "-entered_at", "-id")


def _by_hand_figure(indicator: Indicator, values: list[IndicatorValue]) -> tuple[Figure, IndicatorValue | None]:
    if not values:
        return Figure(None, "No figure has been entered for this period yet."), None
    last = values[-1]
    return Figure(last.value, f"{indicator.amount(last.value)} for {Period(last.period_start, last.period_end).words()}"), last


@dataclass
class Trend:
    """One month's figure in a trend."""

    month: Period
    figure: Figure

    @property
    def label(self) -> str:
        return f"{self.month.start:%b %Y}"


class Readings:
    """Indicators read for a period: computed figures are kept for this object's life, so each is worked out once."""

    def __init__(self):
        self._figures: dict[tuple, Figure] = {}

    def figure_of(self, key: str, period: Period, organisation=None) -> Figure:
        cache_key = (key, period, getattr(organisation, "pk", None))
        if cache_key not in self._figures:
            found = computation(key)
            self._figures[cache_key] = found.figure(period, organisation) if found else Figure(None, "This figure cannot be worked out here.")
        return self._figures[cache_key]

    def reading(self, indicator: Indicator, period: Period, organisation=None, *, with_trend: bool = True) -> Reading:
        if indicator.source == Source.COMPUTED:
            found = computation(indicator.computation_key)
            figure = self.figure_of(indicator.computation_key, period, organisation)
            trend = tuple(Trend(month, self.figure_of(indicator.computation_key, month, organisation)) for month in period.months()) if with_trend else ()
            words = found.how if found else "The computation this indicator names is not offered here."
            link = source_link(found.source) if found else ""
        else:
            values = latest_values(indicator, period)
            figure, last = _by_hand_figure(indicator, values)
            trend = ()
            if with_trend:
                trend = tuple(
                    Trend(month, _by_hand_figure(indicator, [row for row in values if month.start <= row.period_end <= month.end])[0])
                    for month in period.months()
                )
            who = last.entered_by.full_name if last and last.entered_by else "the partnership team"
            words = f"Entered by hand by {who}, with evidence" if last else "Entered by hand, with evidence"
            link = indicator.get_absolute_url()
        status = rag(indicator, figure.value)
        return Reading(
            indicator=indicator,
            figure=figure,
            rag=status,
            rag_words=RAG_WORDS[status] if indicator.target is not None or figure.value is None else NO_TARGET,
            target_words=target_words(indicator),
            trend=trend,
            source_words=words,
            source_link=link,
        )

    def readings(self, period: Period, organisation=None, *, with_trend: bool = True, outcome_key: str = "") -> list[Reading]:
        found = indicators()
        if outcome_key:
            found = found.filter(outcome_key=outcome_key)
        return [self.reading(indicator, period, organisation, with_trend=with_trend) for indicator in found]


def readings(period: Period, organisation=None, *, with_trend: bool = True, outcome_key: str = "") -> list[Reading]:
    """Every indicator in use, read for the period (and one organisation, where asked), with its trend month by month."""
    return Readings().readings(period, organisation, with_trend=with_trend, outcome_key=outcome_key)


def reading(indicator: Indicator, period: Period, organisation=None, *, with_trend: bool = True) -> Reading:
    """One indicator read for the period (and one organisation, where asked)."""
    return Readings().reading(indicator, period, organisation, with_trend=with_trend)


def by_organisation(indicator: Indicator, period: Period, organisations) -> list[tuple[object, Reading]]:
    """A computed indicator read for each of these organisations (no trend): for the partnership team's table."""
    if not indicator.is_computed:
        return []
    cache = Readings()
    return [(organisation, cache.reading(indicator, period, organisation, with_trend=False)) for organisation in organisations]


def due_period(indicator: Indicator, today) -> Period:
    """The last whole period (month, quarter or year, by how often) that has ended before today."""
    first_of_month = today.replace(day=1)
    if indicator.frequency == "yearly":
        return Period(first_of_month.replace(year=first_of_month.year - 1, month=1), first_of_month.replace(year=first_of_month.year - 1, month=12, day=31))
    from datetime import timedelta

    end = first_of_month - timedelta(days=1)
    if indicator.frequency == "quarterly":
        quarter_start_month = ((today.month - 1) // 3) * 3 + 1
        this_quarter = today.replace(month=quarter_start_month, day=1)
        end = this_quarter - timedelta(days=1)
        start_month = ((end.month - 1) // 3) * 3 + 1
        return Period(end.replace(month=start_month, day=1), end)
    return Period(end.replace(day=1), end)


def waiting_for_a_figure(today) -> list[tuple[Indicator, Period]]:
    """By-hand indicators in use with no figure entered for their last whole period."""
    found = []
    for indicator in indicators().filter(source=Source.BY_HAND):
        due = due_period(indicator, today)
        if not IndicatorValue.objects.filter(indicator=indicator, period_start__gte=due.start, period_end__lte=due.end).exists():
            found.append((indicator, due))
    return found
