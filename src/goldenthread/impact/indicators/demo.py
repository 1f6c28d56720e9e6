"""The indicators part's demo records (fictional): the indicators of the demo theory of change's outcomes, and two years of figures entered by hand.

The words are in `impact/data/demo/indicators.toml`. Most indicators are computed live from the
other apps' demo records; a few are entered by hand, month by month for the two years before
this month, each with its evidence, by the demo's partnership lead. Running it again changes
nothing.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from goldenthread.core.models import User

from .computed import computation
from .models import Indicator, IndicatorValue, Source

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "indicators.toml"
MONTHS = 24


def entries() -> list[dict]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)["indicator"]


def months_before(today: date, count: int) -> list[tuple[date, date]]:
    """The `count` whole months before this one, oldest first, as (first day, last day)."""
    found = []
    end = today.replace(day=1) - timedelta(days=1)
    for _ in range(count):
        start = end.replace(day=1)
        found.append((start, end))
        end = start - timedelta(days=1)
    return list(reversed(found))


def load(rng, today) -> None:
    lead = User.objects.filter(is_partnership_admin=True, is_active=True).order_by("pk").first()
    for entry in entries():
        if Indicator.objects.filter(name=entry["name"]).exists():
            continue
        key = entry.get("computation", "")
        found = computation(key) if key else None
        if key and found is None:
            continue  # its app is not installed here
        indicator = Indicator.objects.create(
            name=entry["name"],
            definition=entry["definition"],
            outcome_key=entry["outcome"],
            source=Source.COMPUTED if key else Source.BY_HAND,
            computation_key=key,
            unit=found.unit if found else entry["unit"],
            baseline=entry.get("baseline"),
            baseline_on=date.fromisoformat(entry["baseline_on"]) if entry.get("baseline_on") else None,
            target=entry.get("target"),
            direction=entry.get("direction", "higher"),
            amber_margin=entry.get("margin", 5),
            frequency=entry.get("frequency", "monthly"),
            responsible=entry.get("responsible", ""),
            created_by=lead,
        )
        if not key:
            _figures(indicator, entry, rng, today, lead)


def _figures(indicator: Indicator, entry: dict, rng, today: date, lead) -> None:
    shape = entry["by_hand"]
    months = months_before(today, MONTHS)
    for index, (start, end) in enumerate(months):
        trend = shape["start"] + (shape["end"] - shape["start"]) * index / max(len(months) - 1, 1)
        value = max(0, round(trend + rng.uniform(-shape["wobble"], shape["wobble"])))
        if indicator.is_percent:
            value = min(100, value)
        entered_on = min(end + timedelta(days=rng.randint(3, 10)), today)
        IndicatorValue.objects.create(
            indicator=indicator,
            period_start=start,
            period_end=end,
            value=float(value),
            evidence=entry["evidence"],
            entered_by=lead,
            entered_at=timezone.make_aware(datetime.combine(entered_on, time(10, 0))),
        )
