"""Every change to the indicators: one function per thing a person does, each in a transaction.

Only the partnership team keeps the indicators (`permissions.can_keep_indicators`). Each
function checks who is asking, checks every field (`rules`), and writes; the audit log follows
by itself (`core.audit`, from the model signals). A change to an indicator is version-checked:
someone who saved first is never silently overwritten (`core.refusals.check_version`). A
figure entered by hand is never changed: a correction is a new figure for the same period.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from goldenthread.core.refusals import Refused, check_version
from goldenthread.core.rules import raise_if

from . import permissions, rules
from .computed import computation
from .models import Direction, Frequency, Indicator, IndicatorValue, Source, Unit

EDITABLE = (
    "name",
    "definition",
    "outcome_key",
    "source",
    "computation_key",
    "unit",
    "baseline",
    "baseline_on",
    "target",
    "direction",
    "amber_margin",
    "frequency",
    "responsible",
)


def _refuse_unless_keeper(by) -> None:
    if not permissions.can_keep_indicators(by):
        raise Refused(permissions.KEPT_BY_THE_TEAM)


def _number(value, *, field: str, errors: dict, required_message: str | None = None) -> float | None:
    return rules.number_or_none(value, field=field, errors=errors, required_message=required_message)


def _values(
    errors: dict,
    *,
    name,
    definition,
    outcome_key,
    source,
    computation_key,
    unit,
    baseline,
    baseline_on,
    target,
    direction,
    amber_margin,
    frequency,
    responsible,
):
    values = {
        "name": rules.NAME.clean(name, field="name", errors=errors),
        "definition": rules.DEFINITION.clean(definition, field="definition", errors=errors),
        "outcome_key": slugify(rules.OUTCOME.clean(outcome_key, field="outcome_key", errors=errors))[:80],
        "responsible": rules.RESPONSIBLE.clean(responsible, field="responsible", errors=errors),
        "baseline_on": rules.BASELINE_ON.clean(baseline_on, field="baseline_on", errors=errors),
        "baseline": _number(baseline, field="baseline", errors=errors),
        "target": _number(target, field="target", errors=errors),
        "amber_margin": _number(amber_margin, field="amber_margin", errors=errors),
    }
    if values["amber_margin"] is None:
        values["amber_margin"] = 0.0
    elif values["amber_margin"] < 0:
        errors["amber_margin"] = rules.MARGIN_NEGATIVE
    if source not in Source.values:
        errors["source"] = rules.SOURCE_NEEDED
    if direction not in Direction.values:
        errors["direction"] = rules.DIRECTION_NEEDED
    if frequency not in Frequency.values:
        errors["frequency"] = rules.FREQUENCY_NEEDED
    values.update(source=source, direction=direction, frequency=frequency, computation_key="", unit=unit)
    if source == Source.COMPUTED:
        found = computation(str(computation_key or ""))
        if not computation_key:
            errors["computation_key"] = rules.COMPUTATION_NEEDED
        elif found is None:
            errors["computation_key"] = rules.COMPUTATION_UNKNOWN
        else:
            values.update(computation_key=found.key, unit=found.unit)  # a computed figure's unit is its computation's
    elif unit not in Unit.values:
        errors["unit"] = rules.UNIT_NEEDED
    return values


@transaction.atomic
def add_indicator(*, by, responsible_person=None, **fields) -> Indicator:
    """Add an indicator to an outcome: the partnership team."""
    _refuse_unless_keeper(by)
    errors: dict = {}
    values = _values(errors, **{name: fields.get(name) for name in EDITABLE})
    raise_if(errors)
    return Indicator.objects.create(**values, responsible_person=responsible_person, created_by=by)


@transaction.atomic
def change_indicator(indicator: Indicator, *, by, version: int | None, responsible_person=None, **fields) -> Indicator:
    """Change an indicator (its target, its definition, where its figure comes from...): the partnership team.

    Version-checked: if someone else saved it first, EditConflict with both, and nothing is saved.
    Fields not given keep what is saved.
    """
    _refuse_unless_keeper(by)
    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    check_version(indicator, version, fields=EDITABLE, typed=fields)
    errors: dict = {}
    values = _values(errors, **{name: fields[name] if name in fields else getattr(indicator, name) for name in EDITABLE})
    raise_if(errors)
    for name, value in values.items():
        setattr(indicator, name, value)
    if responsible_person is not None or "responsible_person" in fields:
        indicator.responsible_person = responsible_person
    indicator.version += 1
    indicator.updated_at = timezone.now()
    indicator.save()
    return indicator


@transaction.atomic
def retire_indicator(indicator: Indicator, *, by, in_use: bool = False) -> Indicator:
    """Retire an indicator (it keeps its history and stops being shown), or put it back in use: the partnership team."""
    _refuse_unless_keeper(by)
    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    indicator.is_active = bool(in_use)
    indicator.version += 1
    indicator.updated_at = timezone.now()
    indicator.save()
    return indicator


@transaction.atomic
def enter_value(indicator: Indicator, *, by, period_start: date, period_end: date, value, evidence: str, today: date | None = None) -> IndicatorValue:
    """Enter a by-hand indicator's figure for a period, with its evidence: the partnership team.

    A figure already entered for the period stays in the history; the new one counts from now.
    """
    _refuse_unless_keeper(by)
    if indicator.is_computed:
        raise_if({"__all__": rules.COMPUTED_ONLY})
    if not indicator.is_active:
        raise_if({"__all__": rules.RETIRED})
    errors: dict = {}
    start = rules.PERIOD_START.clean(period_start, field="period_start", errors=errors)
    end = rules.PERIOD_END.clean(period_end, field="period_end", errors=errors)
    figure = _number(value, field="value", errors=errors, required_message=rules.VALUE_NEEDED)
    evidence = rules.EVIDENCE.clean(evidence, field="evidence", errors=errors)
    if start and end and end < start and "period_end" not in errors:
        errors["period_end"] = rules.PERIOD_BACKWARDS
    if start and start > (today or timezone.localdate()) and "period_start" not in errors:
        errors["period_start"] = rules.PERIOD_FUTURE
    if figure is not None and indicator.is_percent and not 0 <= figure <= 100:
        errors["value"] = rules.PERCENT_RANGE
    raise_if(errors)
    return IndicatorValue.objects.create(indicator=indicator, period_start=start, period_end=end, value=figure, evidence=evidence, entered_by=by)
