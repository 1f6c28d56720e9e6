"""The golden thread: one reading that follows the way of working from the pledge to what families say.

The steps are data (`impact/data/golden_thread.toml`): the pledge, where the organisation
stands on the continuum, people trained, language in records, group supervision, and what
families tell us. For a period, and for the whole partnership or one organisation, `follow`
works out each step's figure now, the figure for the period before and the figure for each
month, and reads the whole thread in plain words: where it is strong and where it breaks.

Everything here is a read, and `follow` gives plain data (text, numbers, lists), so a board
report keeps it as it is (its snapshot) and the same report can be shown again later with
the same figures. A step whose computation is not there yet says "not measured yet".
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import NoReverseMatch, reverse

from goldenthread.impact.indicators.computed import PERCENT, SCORE, Computation, Figure, computation
from goldenthread.impact.periods import Period

logger = logging.getLogger(__name__)

STEPS_FILE = Path(__file__).resolve().parent.parent / "data" / "golden_thread.toml"
NOT_MEASURED = "not measured yet"
NOT_WORKED_OUT = "This figure could not be worked out just now. Try again later, or tell the partnership team."

# How strongly a step holds: the order used to name the strongest and the weakest.
STRONG, MIDDLE, WEAK, UNJUDGED = "strong", "middle", "weak", "none"
LEVEL_RANK = {STRONG: 2, MIDDLE: 1, WEAK: 0}
LEVEL_WORDS = {STRONG: "Strong", MIDDLE: "Holding", WEAK: "The thread breaks here", UNJUDGED: "Not judged yet"}
RAG_LEVEL = {"green": STRONG, "amber": MIDDLE, "red": WEAK}


@dataclass(frozen=True)
class Step:
    """One step of the golden thread, as the data file gives it."""

    key: str
    name: str
    question: str
    computations: tuple[str, ...]
    partnership: str
    organisation: str
    strong_at: dict
    weak_below: dict


@cache
def _data() -> dict:
    with STEPS_FILE.open("rb") as file:
        return tomllib.load(file)


def steps() -> tuple[Step, ...]:
    """The steps of the thread, in order."""
    return tuple(
        Step(
            key=item["key"],
            name=item["name"],
            question=item.get("question", ""),
            computations=tuple(item.get("computations", ())),
            partnership=item.get("partnership", "{words}"),
            organisation=item.get("organisation", "{words}"),
            strong_at=dict(item.get("strong_at", {})),
            weak_below=dict(item.get("weak_below", {})),
        )
        for item in _data().get("step", [])
    )


def organisation_filters() -> dict[str, str]:
    """How each page (by URL name) takes an organisation as a filter, as a query ("organisation={id}")."""
    return dict(_data().get("links", {}))


# Figures in words ----------------------------------------------------------------------------


def number_words(value, unit: str) -> str:
    """A figure as it is written: 71%, 3.8, 1,240."""
    if value is None:
        return ""
    if unit == PERCENT:
        return f"{round(value)}%"
    if unit == SCORE:
        return f"{value:.1f}"
    return f"{round(value):,}"


def change_words(now, before, unit: str) -> str:
    """', up from 58%' or ', down from 58%'; '' when the figure has not moved (the page shows the period before) or either is missing."""
    if now is None or before is None:
        return ""
    now_words, before_words = number_words(now, unit), number_words(before, unit)
    if now_words == before_words:
        return ""
    return f", {'up' if now > before else 'down'} from {before_words}"


def link_for(found: Computation, organisation=None) -> str:
    """The page a figure comes from, with the organisation's filter where that page takes one; '' when it cannot be named."""
    try:
        address = reverse(found.source)
    except NoReverseMatch:
        return ""
    pattern = organisation_filters().get(found.source) if organisation is not None else None
    if pattern:
        address += "?" + pattern.format(id=organisation.pk, slug=organisation.slug)
    return address


def _worked_out(found: Computation, period: Period, organisation, figure_of=None) -> Figure:
    """The figure, or a figure that says it could not be worked out (never an error page).

    `figure_of(found, period, organisation)`, where given, gives the figure and keeps each one it
    works out (`figures.KeptFigures`), so a figure already worked out is not worked out again.
    """
    try:
        return figure_of(found, period, organisation) if figure_of is not None else found.figure(period, organisation)
    except Exception:  # a computation that fails must not take the page or the report with it
        logger.exception("The computation %s failed", found.key)
        return Figure(None, NOT_WORKED_OUT)


def _rounded(value):
    return None if value is None else round(float(value), 4)


def figure_data(found: Computation, figure: Figure, organisation=None) -> dict:
    """One figure as plain data, with the page it comes from."""
    value = _rounded(figure.value)
    return {
        "key": found.key,
        "name": found.name,
        "how": found.how,
        "unit": found.unit,
        "value": value,
        "value_words": number_words(value, found.unit),
        "words": figure.words,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "held_back": bool(figure.held_back),
        "link": link_for(found, organisation),
    }


def period_data(period: Period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "words": period.words()}


# Judging a step ------------------------------------------------------------------------------


def _indicator_key(indicator) -> str:
    """The computation an indicator reads, whatever the indicators part calls the field."""
    for name in ("computation_key", "computation", "source_key", "computed_by", "key"):
        value = getattr(indicator, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def readings_by_computation(readings) -> dict:
    """The first indicator reading for each computation key."""
    found = {}
    for reading in readings or ():
        key = _indicator_key(reading.indicator)
        if key and key not in found:
            found[key] = reading
    return found


def _share_of_target(value: float, reading) -> float:
    """How far the figure is towards its indicator's target (1 when the target cannot be read as a number)."""
    try:
        target = float(getattr(reading.indicator, "target", None))
    except (TypeError, ValueError):
        return 1.0
    return round(value / target, 4) if target else 1.0


def judge(step: Step, figure: dict | None, reading=None) -> dict:
    """How strongly the step holds: against its indicator's target when there is one, else the data file's thresholds."""
    unjudged = {"level": UNJUDGED, "words": LEVEL_WORDS[UNJUDGED], "reason": "", "rank": None}
    if figure is None or figure["value"] is None:
        return unjudged
    value, unit = figure["value"], figure["unit"]
    rag = getattr(reading, "rag", "none") if reading is not None else "none"
    if rag in RAG_LEVEL:
        level = RAG_LEVEL[rag]
        target = getattr(reading, "target_words", "") or ""
        reason = (getattr(reading, "rag_words", "") or rag).lower() + (f", the target is {target}" if target else "")
        return {"level": level, "words": LEVEL_WORDS[level], "reason": reason, "rank": [LEVEL_RANK[level], _share_of_target(value, reading)]}
    strong_at, weak_below = step.strong_at.get(unit), step.weak_below.get(unit)
    if strong_at is None and weak_below is None:
        return unjudged
    if strong_at is not None and value >= strong_at:
        level, reason = STRONG, f"at or above {number_words(strong_at, unit)}"
    elif weak_below is not None and value < weak_below:
        level, reason = WEAK, f"below {number_words(weak_below, unit)}"
    else:
        level = MIDDLE
        reason = f"between {number_words(weak_below, unit)} and {number_words(strong_at, unit)}" if strong_at and weak_below else "holding"
    scale = strong_at or weak_below or 1
    return {"level": level, "words": LEVEL_WORDS[level], "reason": reason, "rank": [LEVEL_RANK[level], round(value / scale, 4)]}


# Following the thread ------------------------------------------------------------------------


def _sentence(step: Step, organisation, figure: dict | None, change: str) -> str:
    if figure is None:
        return f"{step.name.lower()}: {NOT_MEASURED}"
    if figure["value"] is None:
        return f"{step.name.lower()}: {figure['words'].rstrip('.')}"
    pattern = step.organisation if organisation is not None else step.partnership
    words = figure["words"].rstrip(".")
    return pattern.format(words=words, value=figure["value_words"], change=change)


def follow_step(step: Step, period: Period, organisation=None, *, readings_found: dict | None = None, figure_of=None) -> dict:
    """One step for the period: its figure, the one before, each month, the other figures it shows, and how it holds."""
    there = [found for key in step.computations if (found := computation(key)) is not None]
    base = {"key": step.key, "name": step.name, "question": step.question}
    if not there:
        return {
            **base,
            "measured": False,
            "figure": None,
            "others": [],
            "before": None,
            "change": "",
            "trend": [],
            "judgement": judge(step, None),
            "sentence": _sentence(step, organisation, None, ""),
        }
    main, *others = there
    figure = figure_data(main, _worked_out(main, period, organisation, figure_of), organisation)
    before = figure_data(main, _worked_out(main, period.before(), organisation, figure_of), organisation)
    change = change_words(figure["value"], before["value"], main.unit)
    trend = []
    for month in period.months():
        each = _worked_out(main, month, organisation, figure_of)
        value = _rounded(each.value)
        trend.append(
            {
                "month": f"{month.start:%b %Y}",
                "start": month.start.isoformat(),
                "value": value,
                "value_words": number_words(value, main.unit),
                "words": each.words,
            }
        )
    reading = (readings_found or {}).get(main.key)
    return {
        **base,
        "measured": True,
        "figure": figure,
        "others": [figure_data(other, _worked_out(other, period, organisation, figure_of), organisation) for other in others],
        "before": before,
        "change": change,
        "trend": trend,
        "judgement": judge(step, figure, reading),
        "sentence": _sentence(step, organisation, figure, change),
    }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary(followed: list[dict]) -> str:
    """Where the thread is strongest and where it is weakest (or breaks), and which steps are not measured yet."""
    judged = [step for step in followed if step["judgement"]["rank"] is not None]
    words = []
    if len(judged) >= 2:
        ordered = sorted(judged, key=lambda step: tuple(step["judgement"]["rank"]))
        weakest, strongest = ordered[0], ordered[-1]
        if strongest["judgement"]["rank"] == weakest["judgement"]["rank"]:
            verb = {STRONG: "is strong at", MIDDLE: "holds at", WEAK: "breaks at"}[strongest["judgement"]["level"]]
            steps_words = " and ".join(f"{step['name'].lower()} ({step['judgement']['reason']})" for step in judged)
            words.append(f"The thread {verb} {steps_words}, all alike.")
        else:
            verb = "breaks at" if weakest["judgement"]["level"] == WEAK else "is weakest at"
            words.append(
                f"The thread is strongest at {strongest['name'].lower()} ({strongest['judgement']['reason']}) "
                f"and {verb} {weakest['name'].lower()} ({weakest['judgement']['reason']})."
            )
    elif judged:
        only = judged[0]
        words.append(f"Only {only['name'].lower()} can be judged so far: {only['judgement']['reason']}.")
    else:
        words.append("No step of the thread can be judged yet.")
    missing = [step["name"].lower() for step in followed if not step["measured"]]
    if missing:
        words.append(f"Not measured yet: {', '.join(missing)}.")
    return " ".join(words)


def strongest_and_weakest(followed: list[dict]) -> tuple[str | None, str | None]:
    judged = sorted((step for step in followed if step["judgement"]["rank"] is not None), key=lambda step: tuple(step["judgement"]["rank"]))
    if len(judged) < 2 or judged[0]["judgement"]["rank"] == judged[-1]["judgement"]["rank"]:
        return None, None
    return judged[-1]["key"], judged[0]["key"]


def organisation_data(organisation) -> dict | None:
    return None if organisation is None else {"id": organisation.pk, "name": organisation.name}


def follow(period: Period, organisation=None, *, readings=None, figure_of=None) -> dict:
    """The golden thread for the period, for the whole partnership (organisation None) or one organisation, as plain data.

    `figure_of` (optional): where the figures are worked out and kept, shared with the indicators
    read for the same period (`figures.thread_for`), so each figure is worked out once.
    """
    readings_found = readings_by_computation(readings)
    followed = [follow_step(step, period, organisation, readings_found=readings_found, figure_of=figure_of) for step in steps()]
    strongest, weakest = strongest_and_weakest(followed)
    return {
        "period": period_data(period),
        "period_before": period_data(period.before()),
        "organisation": organisation_data(organisation),
        "steps": followed,
        "reading": _capitalised("; ".join(step["sentence"] for step in followed)) + ".",
        "summary": summary(followed),
        "strongest": strongest,
        "weakest": weakest,
    }
