"""The quality part's demo records (fictional): auditors, two years of finished rounds with grades, and one round waiting.

Written through this part's own services (`draw_round`, `grade_item`), so every sample comes
only from the records each auditor may see under the families access rule (decided as the
records stand when the demo is loaded). Past rounds are dated in the past and send no e-mail.
The words are in `impact/data/demo/quality.toml`. Loading again changes nothing.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ValidationError

from goldenthread.core.models import User
from goldenthread.impact.periods import Period

from . import questions, services
from .models import Auditor

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "quality.toml"


def read_demo() -> dict:
    return tomllib.loads(DEMO_FILE.read_text(encoding="utf-8"))


def _person(name: str):
    return User.objects.filter(full_name=name, is_active=True, is_family_account=False).order_by("pk").first()


def _month_back(first_of_month, count: int):
    day = first_of_month
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def _end_of_month(first):
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _moment(day, hour=10):
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(hour)))


def _grades(rng, data, progress: float, has_story: bool) -> dict[str, str]:
    """One record's grades: every question "Clearly" for a strong record, else one to three questions "In part" or "Not yet"."""
    keys = [q.key for q in questions.questions()]
    grades = {key: "clearly" for key in keys}
    strong = data["strong_at_start"] + (data["strong_at_end"] - data["strong_at_start"]) * progress
    if rng.random() >= strong:
        for key in rng.sample(keys, rng.randint(1, 3)):
            grades[key] = "in-part" if rng.random() < 0.7 else "not-yet"
    if not has_story:
        grades["story-used"] = "not-applicable"
    return grades


def load(rng, today) -> None:
    data = read_demo()
    lead = _person(data["appointed_by"])
    main = _person(data["auditor"])
    if lead is None or main is None:
        return  # the partnership's demo is not loaded
    if Auditor.objects.filter(person=main).exists():
        return  # loaded already
    people = [main] + [person for person in (_person(name) for name in data["more_auditors"]) if person is not None]
    started = today - timedelta(days=30 * data["months"] + 20)
    for person in people:
        services.appoint_auditor(person, by=lead, at=_moment(started))

    this_month = today.replace(day=1)
    months = data["months"]
    for back in range(months, 0, -1):
        first = _month_back(this_month, back)
        period = Period(first, _end_of_month(first))
        drawn_on = min(_end_of_month(first) + timedelta(days=3), today - timedelta(days=1))
        progress = (months - back) / max(months - 1, 1)
        for person in people:
            try:
                audit_round = services.draw_round(
                    person, by=lead, period=period, size=data["records_per_round"], seed=rng.randrange(2**40), at=_moment(drawn_on), tell=False
                )
            except ValidationError:
                continue  # nothing this auditor may see in that month
            for item in audit_round.items.all():
                graded_on = min(drawn_on + timedelta(days=rng.randint(2, 12)), today - timedelta(days=1))
                grades = _grades(rng, data, progress, "story" in item.parts)
                notes = {}
                for key, grade in grades.items():
                    said = data["notes"].get(grade, [])
                    if said and rng.random() < 0.15:
                        notes[key] = rng.choice(said)
                services.grade_item(item, by=person, grades=grades, notes=notes, at=_moment(graded_on, 15))

    waiting_start = _month_back(this_month, data["waiting_round_months"])
    try:
        services.draw_round(
            main,
            by=lead,
            period=Period(waiting_start, this_month - timedelta(days=1)),
            size=data["waiting_round_records"],
            seed=rng.randrange(2**40),
            at=_moment(today - timedelta(days=2)),
            tell=False,
        )
    except ValidationError:
        pass
