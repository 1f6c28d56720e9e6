"""Figures the platform computes live from its own records, each named and explained on the page it appears on.

The contract every part of impact relies on (the indicators' pages, the golden thread, the
board reports and the API):

- `Figure`: one worked-out figure for a period (and, where asked, one organisation): its value,
  the counts it is made from, and the figure in words ("12 of 20 organisations (60%)").
  `value` is None when there is nothing to count, or when fewer people answered than may be
  shown (`held_back`): the words then say why, never a number.
- `Computation`: a figure the platform can compute. `key` is its stable name (kept on an
  indicator); `name` what it is; `how` the computation in plain words, shown on the page;
  `unit` one of UNITS; `source` the page it comes from (a URL name, reversed with no arguments);
  `compute(period, organisation=None)` the figure for the period, for the whole partnership
  or for one organisation; `needs_app` the app it reads from, so a computation whose app is
  not installed is not offered ("when present").
- `computations()` lists those that can run here, in order; `computation(key)` finds one.

Every computation counts records by their own dates, so a past period gives the same figure
whenever it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from goldenthread.impact.periods import Period

PERCENT, COUNT, SCORE = "percent", "count", "score"
UNITS = (PERCENT, COUNT, SCORE)


@dataclass(frozen=True)
class Figure:
    """One figure for a period: its value (None when there is none to show), what it is made from, and the figure in words."""

    value: float | None
    words: str
    numerator: int | None = None
    denominator: int | None = None
    held_back: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Computation:
    key: str
    name: str
    how: str
    unit: str
    source: str
    compute: Callable[..., Figure]
    needs_app: str = ""

    def available(self) -> bool:
        return not self.needs_app or apps.is_installed(f"goldenthread.{self.needs_app}")

    def figure(self, period: Period, organisation=None) -> Figure:
        return self.compute(period, organisation)


_COMPUTATIONS: dict[str, Computation] = {}


def computes(key: str, *, name: str, how: str, unit: str, source: str, needs_app: str = ""):
    """Register the decorated function `(period, organisation) -> Figure` as the computation `key`."""

    def register(function):
        if unit not in UNITS:
            raise ValueError(f"{key}: unit must be one of {UNITS}")
        _COMPUTATIONS[key] = Computation(key, name, how, unit, source, function, needs_app)
        return function

    return register


def computations() -> list[Computation]:
    """Every computation offered here (`indicators/computations.py` registers them when impact is ready)."""
    return [found for found in _COMPUTATIONS.values() if found.available()]


def computation(key: str) -> Computation | None:
    found = _COMPUTATIONS.get(key)
    return found if found is not None and found.available() else None


@dataclass(frozen=True)
class Reading:
    """One indicator read for a period (and, where asked, one organisation): what `indicators.queries.readings` gives.

    `indicator` is the Indicator (name, definition, unit, baseline, target, get_absolute_url());
    `figure` its figure for the period; `rag` one of "green", "amber", "red", "none" (no figure
    or no target) and `rag_words` the same in words ("On target", "Close to target",
    "Off target", "No figure yet"); `target_words` the target in words; `trend` the figure for
    each month of the period, oldest first; `source_words` how the figure is made (the
    computation's `how`, or "Entered by hand by Alex Morgan, with evidence"); `source_link`
    the page it comes from.
    """

    indicator: object
    figure: Figure
    rag: str
    rag_words: str
    target_words: str
    trend: tuple
    source_words: str
    source_link: str
