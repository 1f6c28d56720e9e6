"""Reads of the theory of change: the version in force, the draft, earlier versions, and what each page shows. Never a write."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Activity, Assumption, ForWhom, Horizon, Outcome, TheoryVersion

COLUMNS = (("activities", "What we do"), *((horizon.value, f"{horizon.label} outcomes") for horizon in Horizon))


def in_force() -> TheoryVersion | None:
    """The latest published version: the one in force."""
    return TheoryVersion.objects.filter(state=TheoryVersion.State.PUBLISHED).select_related("published_by", "made_by").order_by("-number").first()


def draft() -> TheoryVersion | None:
    return TheoryVersion.objects.filter(state=TheoryVersion.State.DRAFT).select_related("made_by").first()


def published_versions():
    """Every published version, newest first."""
    return TheoryVersion.objects.filter(state=TheoryVersion.State.PUBLISHED).select_related("published_by").order_by("-number")


def published_version(number) -> TheoryVersion | None:
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return published_versions().filter(number=number).first()


def _by_public_id(model, public_id, theory: TheoryVersion | None):
    if theory is None:
        return None
    return model.objects.filter(public_id=public_id, theory=theory).select_related("theory").first()


def outcome_in(theory, public_id) -> Outcome | None:
    return _by_public_id(Outcome, public_id, theory)


def activity_in(theory, public_id) -> Activity | None:
    return _by_public_id(Activity, public_id, theory)


def assumption_in(theory, public_id) -> Assumption | None:
    return _by_public_id(Assumption, public_id, theory)


@dataclass
class Indicator:
    name: str
    url: str


def indicators_for(outcome: Outcome) -> list[Indicator]:
    """The indicators of an outcome, by its key, from the indicators part; none while that part has none to give."""
    try:
        from goldenthread.impact.indicators.queries import indicators_for_outcome

        found = indicators_for_outcome(outcome.key)
        return [Indicator(name=str(indicator.name), url=indicator.get_absolute_url()) for indicator in found]
    except (ImportError, AttributeError):
        return []


@dataclass
class Group:
    """The outcomes of one horizon for one group of people."""

    for_whom: str
    words: str
    outcomes: list[Outcome]


@dataclass
class Column:
    """One column of the diagram: what we do, or the outcomes of one horizon grouped by whom they are for."""

    key: str
    heading: str
    activities: list[Activity] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


@dataclass
class Contents:
    """Everything in one version, read once, as the page, the PDF and the API show it."""

    theory: TheoryVersion
    outcomes: list[Outcome]
    activities: list[Activity]
    assumptions: list[Assumption]
    columns: list[Column]


def contents(theory: TheoryVersion, *, with_indicators: bool = True) -> Contents:
    """A version's outcomes (each with `.indicators` and `.activities`), activities (each with `.outcomes`), assumptions, and the diagram's columns."""
    outcomes = list(theory.outcomes.all())
    activities = list(theory.activities.prefetch_related(Prefetch("leads_to", queryset=Outcome.objects.order_by("order", "pk"))))
    assumptions = list(theory.assumptions.all())
    by_pk = {outcome.pk: outcome for outcome in outcomes}
    for outcome in outcomes:
        outcome.activities = []
        outcome.indicators = indicators_for(outcome) if with_indicators else []
    for activity in activities:
        activity.outcomes = [by_pk[o.pk] for o in activity.leads_to.all() if o.pk in by_pk]
        for outcome in activity.outcomes:
            outcome.activities.append(activity)
    columns = [Column("activities", COLUMNS[0][1], activities=activities)]
    for key, heading in COLUMNS[1:]:
        groups = []
        for who in ForWhom:
            chosen = [o for o in outcomes if o.horizon == key and o.for_whom == who.value]
            if chosen:
                groups.append(Group(who.value, who.label, chosen))
        columns.append(Column(key, heading, groups=groups))
    return Contents(theory, outcomes, activities, assumptions, columns)
