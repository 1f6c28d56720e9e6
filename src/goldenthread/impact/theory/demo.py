"""The demo partnership's theory of change (fictional): two published versions, the second in force.

Called by `load_demo_impact` (as the system, before the indicators, which link to the outcomes'
keys), with its words in `impact/data/demo/theory.toml`, written in our own words from the
principles the partnership works by. Version 1 was published about fourteen months ago;
version 2, in force, added two outcomes, an activity and an assumption, and changed two
outcomes' words. A draft of version 3 (one outcome added) waits for the partnership team to
publish it. Running it again changes nothing: once any version exists, it is left alone.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from goldenthread.core.models import User

from .models import Activity, Assumption, ForWhom, Horizon, Outcome, TheoryVersion
from .services import copy_contents

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "theory.toml"


class DemoProblem(ValueError):
    """The demo's data file has a mistake; the message names it."""


def read(path: Path = DATA) -> dict:
    """The data file, checked: every outcome's key once, every horizon and group known, every activity leading to outcomes that exist."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = [outcome["key"] for outcome in data["outcome"]]
    problems = []
    if len(set(keys)) != len(keys):
        problems.append("an outcome's key is used twice")
    for outcome in data["outcome"]:
        if outcome["horizon"] not in Horizon.values or outcome["for"] not in ForWhom.values:
            problems.append(f"{outcome['key']}: horizon or for is not one we know")
    for activity in data["activity"]:
        unknown = set(activity["leads_to"]) - set(keys)
        if unknown:
            problems.append(f"{activity['title']}: leads to unknown outcomes {sorted(unknown)}")
    titles = {activity["title"] for activity in data["activity"]}
    for outcome in data.get("draft", {}).get("outcome", []):
        if outcome["key"] in keys or set(outcome.get("led_to_by", [])) - titles:
            problems.append(f"draft outcome {outcome['key']}: its key is taken, or it is led to by an activity we do not know")
    if problems:
        raise DemoProblem("; ".join(problems))
    return data


def _in(item: dict, number: int) -> bool:
    return int(item.get("added_in", 1)) <= number


def _moment(today, days_ago: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10, 0)))


def outcome_keys(path: Path = DATA) -> list[str]:
    """Every outcome's key in the version in force, in order: what the indicators link to."""
    return [outcome["key"] for outcome in read(path)["outcome"]]


def load(rng, today) -> int:
    """Write the demo's versions; returns how many were written (0 when the theory of change is already there)."""
    if TheoryVersion.objects.exists():
        return 0
    data = read()
    author = User.objects.filter(is_partnership_admin=True, is_active=True, is_family_account=False).order_by("pk").first()
    for spec in sorted(data["version"], key=lambda version: version["number"]):
        number = int(spec["number"])
        theory = TheoryVersion.objects.create(number=number, made_by=author, made_at=_moment(today, int(spec["started_days_ago"])))
        outcomes = {}
        for order, item in enumerate((item for item in data["outcome"] if _in(item, number)), start=1):
            title = item.get("title_in_1", item["title"]) if number == 1 else item["title"]
            outcomes[item["key"]] = Outcome.objects.create(
                theory=theory,
                key=item["key"],
                title=title,
                horizon=item["horizon"],
                for_whom=item["for"],
                description=item.get("description", ""),
                order=order,
            )
        for order, item in enumerate((item for item in data["activity"] if _in(item, number)), start=1):
            activity = Activity.objects.create(theory=theory, title=item["title"], description=item.get("description", ""), order=order)
            activity.leads_to.set([outcomes[key] for key in item["leads_to"] if key in outcomes])
        for order, item in enumerate((item for item in data["assumption"] if _in(item, number)), start=1):
            Assumption.objects.create(theory=theory, text=item["text"], order=order)
        theory.state = TheoryVersion.State.PUBLISHED
        theory.note = spec["note"]
        theory.published_by = author
        theory.published_at = _moment(today, int(spec["published_days_ago"]))
        theory.save()
    _draft(data.get("draft"), theory, author, today)
    return len(data["version"])


def _draft(spec: dict | None, in_force: TheoryVersion, author, today) -> None:
    """The draft waiting to be published: a copy of the version in force, with the draft's own outcomes added."""
    if not spec:
        return
    draft = TheoryVersion.objects.create(number=int(spec["number"]), made_by=author, made_at=_moment(today, int(spec["started_days_ago"])))
    copy_contents(in_force, draft)
    order = draft.outcomes.count()
    for item in spec.get("outcome", []):
        order += 1
        outcome = Outcome.objects.create(
            theory=draft,
            key=item["key"],
            title=item["title"],
            horizon=item["horizon"],
            for_whom=item["for"],
            description=item.get("description", ""),
            order=order,
        )
        for activity in draft.activities.filter(title__in=item.get("led_to_by", [])):
            activity.leads_to.add(outcome)
