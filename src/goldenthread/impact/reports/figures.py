"""Every figure of a board report, worked out for a period and kept as plain data with a digest.

`figures_for(period, organisation)` gives the golden thread and every indicator read against
its target, as text and numbers only, so it can be stored as it is (a report's snapshot) and
shown or downloaded again later without working anything out. Every figure is counted from
records by their own dates, so working out the same past period again gives the same figures
and the same `digest`, even after newer records have been added.
"""

from __future__ import annotations

import hashlib
import json
import logging

from goldenthread.impact.indicators.computed import Computation, Figure
from goldenthread.impact.periods import Period

from . import thread

logger = logging.getLogger(__name__)

SNAPSHOT_VERSION = 1


def readings(period: Period, organisation=None) -> list:
    """The indicators read for the period (`indicators.queries.readings`), or none while that part is not there."""
    try:
        from goldenthread.impact.indicators.queries import readings as indicator_readings
    except ImportError:
        return []
    try:
        return list(indicator_readings(period, organisation=organisation))
    except Exception:  # the indicators must not take the thread or a report with them
        logger.exception("The indicators could not be read")
        return []


class KeptFigures:
    """The figures worked out for one page or one report, so the golden thread works out none of them twice.

    It starts with the figures the computed indicators were read with (`computed.Reading`: each
    one's figure for the period and for each month), then keeps each figure the thread asks
    for. `figure_of` is what `thread.follow` takes.
    """

    def __init__(self, period: Period, organisation=None, found=()):
        self._scope = getattr(organisation, "pk", None)
        self._figures: dict[tuple, Figure] = {}
        for reading in found:
            key = _computed_key(reading.indicator)
            if not key:
                continue
            if isinstance(reading.figure, Figure):
                self._figures.setdefault((key, period), reading.figure)
            for each in reading.trend or ():
                month, figure = getattr(each, "month", None), getattr(each, "figure", None)
                if isinstance(month, Period) and isinstance(figure, Figure):
                    self._figures.setdefault((key, month), figure)

    def figure_of(self, found: Computation, period: Period, organisation=None) -> Figure:
        """The computation's figure for the period, worked out the first time it is asked for."""
        if getattr(organisation, "pk", None) != self._scope:  # kept for one organisation (or the partnership) only
            return found.figure(period, organisation)
        if (found.key, period) not in self._figures:
            self._figures[(found.key, period)] = found.figure(period, organisation)
        return self._figures[(found.key, period)]


def _computed_key(indicator) -> str:
    """The computation a computed indicator reads; '' for one whose figures are entered by hand."""
    if not getattr(indicator, "is_computed", False):
        return ""
    key = getattr(indicator, "computation_key", "")
    return key if isinstance(key, str) else ""


def thread_for(period: Period, organisation=None, *, found: list | None = None) -> dict:
    """The golden thread for the period, read with the indicators (`found`, read here when not given), each figure worked out once for both."""
    found = readings(period, organisation) if found is None else found
    kept = KeptFigures(period, organisation, found)
    return thread.follow(period, organisation, readings=found, figure_of=kept.figure_of)


def _trend_value(each):
    if isinstance(each, Figure):
        return {"value": thread._rounded(each.value), "words": each.words}
    if isinstance(each, int | float):
        return {"value": thread._rounded(each), "words": ""}
    value = getattr(each, "value", None)
    return {"value": thread._rounded(value) if isinstance(value, int | float) else None, "words": str(getattr(each, "words", "") or "")}


def _text(value) -> str:
    return "" if value is None else str(value)


def reading_data(reading, months: list[Period]) -> dict:
    """One indicator reading as plain data: the figure, its target and RAG in words, its trend and where it comes from."""
    indicator = reading.indicator
    unit = _text(getattr(indicator, "unit", "")) or "count"
    figure = reading.figure
    value = thread._rounded(figure.value)
    try:
        link = indicator.get_absolute_url()
    except Exception:
        link = ""
    trend = []
    for index, each in enumerate(reading.trend or ()):
        month = f"{months[index].start:%b %Y}" if index < len(months) else f"Month {index + 1}"
        point = _trend_value(each)
        trend.append({"month": month, **point, "value_words": thread.number_words(point["value"], unit)})
    return {
        "name": _text(getattr(indicator, "name", "")),
        "definition": _text(getattr(indicator, "definition", "")),
        "unit": unit,
        "value": value,
        "value_words": thread.number_words(value, unit),
        "words": figure.words,
        "held_back": bool(figure.held_back),
        "target_words": _text(reading.target_words),
        "rag": _text(reading.rag) or "none",
        "rag_words": _text(reading.rag_words),
        "trend": trend,
        "source_words": _text(reading.source_words),
        "source_link": _text(reading.source_link),
        "link": _text(link),
    }


def figures_for(period: Period, organisation=None) -> dict:
    """The golden thread and every indicator against its target, for the period: what a board report keeps."""
    found = readings(period, organisation)
    months = period.months()
    return {
        "version": SNAPSHOT_VERSION,
        "thread": thread_for(period, organisation, found=found),
        "indicators": [reading_data(reading, months) for reading in found],
    }


def digest(snapshot: dict) -> str:
    """A fingerprint of the figures: the same figures always give the same digest."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
