"""The demo's shared roadmap: about twenty fictional milestones across the Riverbend recovery response's year.

Called by `load_demo_programme` (as the system, after the work part has started the programme),
with its words in `programme/data/demo/roadmap.toml`. Milestones for the whole system, for
sectors and for two organisations of the demo partnership, some linked to the work part's demo actions; most of the past ones reached, one
moved to a new date (its history keeps the date it had), one dropped, and two whose date has
just passed (so the partnership team and Millbrook Primary School's lead each have one waiting).
Running it again changes nothing: a milestone already on the programme's roadmap is left as it is.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

from .. import principles as shared
from ..work.models import Programme, WorkstreamAction
from .models import Milestone, MilestoneChange

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "roadmap.toml"
STATUSES = {"planned", "reached", "moved", "dropped"}


class DemoProblem(ValueError):
    """The demo's data file has a mistake; the message names it."""


@dataclass(frozen=True)
class DemoMilestone:
    title: str
    description: str
    due_in_days: int
    audience: str
    domains: tuple[str, ...]
    principles: tuple[str, ...]
    status: str
    reached_days_after: int
    moved_from_in_days: int | None
    reason: str
    note: str
    actions: tuple[str, ...] = ()


def read(path: Path = DATA) -> tuple[dict, list[DemoMilestone]]:
    """The data file, checked: the programme's words and each milestone."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    milestones = [
        DemoMilestone(
            title=item["title"],
            description=item["description"],
            due_in_days=int(item["due_in_days"]),
            audience=item["for"],
            domains=tuple(item.get("domains", [])),
            principles=tuple(item.get("principles", [])),
            status=item.get("status", "planned"),
            reached_days_after=int(item.get("reached_days_after", 0)),
            moved_from_in_days=item.get("moved_from_in_days"),
            reason=item.get("reason", ""),
            note=item.get("note", ""),
            actions=tuple(item.get("actions", [])),
        )
        for item in data.get("milestone", [])
    ]
    check(milestones)
    return data, milestones


def check(milestones: list[DemoMilestone], *, domain_codes=None) -> None:
    """Refuse a data file with a mistake, naming it, rather than load half a roadmap."""
    principle_keys = {key for key, _ in shared.principle_choices()}
    problems = []
    titles = [m.title for m in milestones]
    if len(set(titles)) != len(titles):
        problems.append("Two milestones share a title.")
    for m in milestones:
        kind, _, value = m.audience.partition(":")
        if not (m.audience == "whole-system" or (kind == "sector" and value in Sector.values) or (kind == "organisation" and value)):
            problems.append(f"{m.title}: `for` must be whole-system, sector:<code> or organisation:<name>, not {m.audience!r}.")
        if m.status not in STATUSES:
            problems.append(f"{m.title}: unknown status {m.status!r}.")
        if m.status in ("moved", "dropped") and not m.reason:
            problems.append(f"{m.title}: a moved or dropped milestone needs a reason.")
        if m.status == "moved" and m.moved_from_in_days is None:
            problems.append(f"{m.title}: a moved milestone needs `moved_from_in_days`.")
        if set(m.principles) - principle_keys:
            problems.append(f"{m.title}: unknown principles {sorted(set(m.principles) - principle_keys)}.")
        if domain_codes is not None and set(m.domains) - set(domain_codes):
            problems.append(f"{m.title}: unknown continuum areas {sorted(set(m.domains) - set(domain_codes))}.")
    if problems:
        raise DemoProblem(" ".join(problems))


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _partnership_admin():
    return User.objects.filter(is_partnership_admin=True, is_active=True).order_by("email").first()


def _lead_of(organisation):
    membership = Membership.objects.filter(organisation=organisation, role=Role.ORGANISATION_LEAD, user__is_active=True).order_by("user__email").first()
    return membership.user if membership else None


def load(rng, today: date) -> int:
    """Put the demo's milestones on the recovery programme's roadmap; returns how many were added (none, the second time)."""
    data, milestones = read()
    check(milestones, domain_codes=[code for code, _ in shared.domain_choices()])
    programme = Programme.objects.filter(name=data["programme"]).order_by("pk").first()
    if programme is None:
        programme = Programme.objects.create(name=data["programme"], purpose=data.get("programme_purpose", ""), starts_on=today - timedelta(days=365))
    existing = {milestone.title: milestone for milestone in Milestone.objects.filter(programme=programme)}
    admin = _partnership_admin()
    added = 0
    for item in milestones:
        if item.title in existing:
            _link(existing[item.title], item)  # the work part's demo may have come later
            continue
        sector, organisation = "", None
        kind, _, value = item.audience.partition(":")
        if kind == "sector":
            sector = value
        elif kind == "organisation":
            organisation = Organisation.objects.filter(name=value).first()
            if organisation is None:
                continue  # the demo partnership does not have it: leave this one out
            sector = organisation.sector
        by = (_lead_of(organisation) if organisation else None) or admin
        _link(_add(programme, item, today=today, sector=sector, organisation=organisation, by=by, hour=rng.choice((9, 10, 11, 14, 15))), item)
        added += 1
    return added


def _link(milestone: Milestone, item: DemoMilestone) -> None:
    """Link the work part's demo actions the data names, where they are there; one already linked stays as it is."""
    if item.actions:
        milestone.actions.add(*WorkstreamAction.objects.filter(workstream__programme=milestone.programme, description__in=item.actions))


def _add(programme, item: DemoMilestone, *, today: date, sector: str, organisation, by, hour: int) -> Milestone:
    due_on = today + timedelta(days=item.due_in_days)
    first_due = today + timedelta(days=item.moved_from_in_days) if item.status == "moved" else due_on
    added_on = max(programme.starts_on, first_due - timedelta(days=120))
    added_at = _at(min(added_on, today), hour)
    milestone = Milestone.objects.create(
        programme=programme,
        title=item.title,
        description=item.description,
        due_on=due_on,
        sector=sector,
        organisation=organisation,
        domains=list(item.domains),
        principles=list(item.principles),
        status=item.status,
        created_by=by,
        created_at=added_at,
        changed_at=added_at,
    )
    MilestoneChange.objects.create(milestone=milestone, kind=MilestoneChange.Kind.ADDED, to_date=first_due, by=by, at=added_at)
    changed_on = None
    if item.status == "reached":
        changed_on = min(today, due_on + timedelta(days=item.reached_days_after))
        milestone.reached_on = changed_on
        MilestoneChange.objects.create(
            milestone=milestone, kind=MilestoneChange.Kind.REACHED, to_date=changed_on, note=item.note, by=by, at=_at(changed_on, 16)
        )
    elif item.status == "moved":
        changed_on = min(today, first_due - timedelta(days=10))
        MilestoneChange.objects.create(
            milestone=milestone, kind=MilestoneChange.Kind.MOVED, from_date=first_due, to_date=due_on, note=item.reason, by=by, at=_at(changed_on, 12)
        )
    elif item.status == "dropped":
        changed_on = min(today, due_on - timedelta(days=30))
        milestone.dropped_reason = item.reason
        MilestoneChange.objects.create(
            milestone=milestone, kind=MilestoneChange.Kind.DROPPED, from_date=due_on, note=item.reason, by=by, at=_at(changed_on, 12)
        )
    if changed_on is not None:
        milestone.changed_at = _at(changed_on, 16)
        milestone.save(update_fields=["reached_on", "dropped_reason", "changed_at"])
    return milestone
