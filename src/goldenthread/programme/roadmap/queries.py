"""Reads for the shared roadmap: the milestones a page or the API shows, by quarter, and an organisation's own part. Never a write.

An organisation's part of the roadmap is the whole-system milestones, its sector's, and its
own: never another organisation's own milestones, even in the same sector.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Organisation, Role, Sector
from goldenthread.partnership.queries import memberships_of

from .. import principles as shared
from ..permissions import runs_programmes
from ..work.models import Programme, WorkstreamAction
from .models import Milestone, MilestoneChange

WHOLE_SYSTEM = "whole-system"  # the sector filter's value for the whole-system milestones alone
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
TAGS = {
    Milestone.Status.PLANNED: "govuk-tag--blue",
    Milestone.Status.REACHED: "govuk-tag--green",
    Milestone.Status.MOVED: "govuk-tag--yellow",
    Milestone.Status.DROPPED: "govuk-tag--grey",
}


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _uuid(value) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def milestone_by_id(public_id) -> Milestone | None:
    found = _uuid(public_id)
    if found is None:
        return None
    return Milestone.objects.select_related("programme", "organisation").filter(public_id=found).first()


def programmes():
    """Every programme, open ones first, newest first."""
    return Programme.objects.order_by("-is_open", "-starts_on", "name")


def open_programmes():
    return Programme.objects.filter(is_open=True).order_by("-starts_on", "name")


def programme_by_id(public_id) -> Programme | None:
    found = _uuid(public_id)
    return Programme.objects.filter(public_id=found).first() if found else None


def organisation_by_slug(slug) -> Organisation | None:
    if not isinstance(slug, str) or not slug or len(slug) > 220:
        return None
    return Organisation.objects.filter(slug=slug).first()


def own_organisations(user) -> list[Organisation]:
    """The organisations a person works in (active ones), first joined first: the first is their default part of the roadmap."""
    memberships = sorted(memberships_of(user), key=lambda membership: (membership.since, membership.pk))
    return [membership.organisation for membership in memberships]


def part_of(organisation: Organisation) -> Q:
    """An organisation's part of the roadmap: the whole system's milestones, its sector's, and its own."""
    return Q(organisation__isnull=True, sector="") | Q(organisation__isnull=True, sector=organisation.sector) | Q(organisation=organisation)


def roadmap(*, programme: Programme | None = None, sector: str = "", domain: str = "", organisation: Organisation | None = None) -> list[Milestone]:
    """The milestones that match, by date. `sector` is a sector's code or WHOLE_SYSTEM; `organisation` gives its part of the roadmap; empty is no filter."""
    found = Milestone.objects.select_related("programme", "organisation")
    if programme is not None:
        found = found.filter(programme=programme)
    if sector == WHOLE_SYSTEM:
        found = found.filter(organisation__isnull=True, sector="")
    elif sector:
        found = found.filter(sector=sector)
    if organisation is not None:
        found = found.filter(part_of(organisation))
    milestones = list(found.order_by("due_on", "title", "pk"))
    if domain:  # a short list held as JSON: read in Python, the same on SQLite and PostgreSQL
        milestones = [milestone for milestone in milestones if domain in (milestone.domains or [])]
    return milestones


def next_milestones(programme: Programme, limit: int = 5) -> list[Milestone]:
    """The programme's next open milestones (planned, or moved to a new date), soonest first: for the programme's board.

    One whose date has passed while still open comes first: it is still the next thing to
    reach (`Milestone.date_has_passed` says so). Reached and dropped ones are left out.
    """
    return list(
        Milestone.objects.select_related("organisation")
        .filter(programme=programme, status__in=Milestone.OPEN)
        .order_by("due_on", "title", "pk")[: max(0, int(limit))]
    )


def actions_for(milestone: Milestone) -> list[WorkstreamAction]:
    """The workstream actions linked to a milestone, soonest first, with their workstreams."""
    return list(milestone.actions.select_related("workstream").order_by("due_on", "pk"))


def linkable_actions(programmes, milestone: Milestone | None = None) -> list[WorkstreamAction]:
    """The actions a milestone may be linked to: those still open in the programmes' workstreams, and any it is linked to already."""
    still_open = Q(workstream__programme__in=programmes, cancelled_at__isnull=True) & ~Q(status=WorkstreamAction.Status.DONE)
    if milestone is not None:
        still_open |= Q(milestones=milestone)
    return list(WorkstreamAction.objects.filter(still_open).select_related("workstream").distinct().order_by("workstream__name", "due_on", "pk"))


def action_words(action: WorkstreamAction) -> str:
    """'Write a one-page version of the model (The trauma recovery model, due 3 March 2026)'."""
    return f"{action.description} ({action.workstream.name}, due {long_date(action.due_on)})"


def history(milestone: Milestone) -> list[MilestoneChange]:
    return list(milestone.changes.select_related("by").order_by("at", "pk"))


def milestones_past_their_date(user) -> list[Milestone]:
    """Open milestones whose date has passed that this person keeps: their organisations' own (for a lead); whole-system and sector ones (for the partnership team)."""
    if not is_signed_in(user):
        return []
    led = [m.organisation_id for m in memberships_of(user, active_only=False) if m.role == Role.ORGANISATION_LEAD]
    keeps = Q(organisation_id__in=led)
    if runs_programmes(user):
        keeps |= Q(organisation__isnull=True)
    elif not led:
        return []
    return list(
        Milestone.objects.select_related("organisation")
        .filter(keeps, status__in=Milestone.OPEN, due_on__lt=timezone.localdate(), programme__is_open=True)
        .order_by("due_on", "title", "pk")
    )


# --- how a milestone is shown ---------------------------------------------------------------


def sector_words(code: str) -> str:
    """'Health sector', 'Children's social care sector'."""
    return f"{Sector(code).label} sector" if code in Sector.values else ""


def for_whom_sector(organisation: Organisation) -> str:
    return sector_words(organisation.sector)


def for_whom(milestone: Milestone) -> str:
    """Who the milestone is for, in words: the whole system, a sector, or an organisation."""
    if milestone.organisation_id:
        return milestone.organisation.name
    if milestone.sector:
        return sector_words(milestone.sector) or milestone.sector
    return "The whole system"


@dataclass(frozen=True)
class Shown:
    """A milestone with what the pages and the API say about it."""

    milestone: Milestone
    for_whom: str
    domains: list[tuple[str, str]]
    principles: list[str]
    tag: str

    @property
    def status(self) -> str:
        return self.milestone.get_status_display()


def shown(milestones) -> list[Shown]:
    domain_names = dict(shared.domain_choices())
    principle_names = dict(shared.principle_choices())
    return [
        Shown(
            milestone=milestone,
            for_whom=for_whom(milestone),
            domains=[(code, domain_names.get(code, code)) for code in milestone.domains or []],
            principles=[principle_names[key] for key in milestone.principles or [] if key in principle_names],
            tag=TAGS.get(milestone.status, "govuk-tag--grey"),
        )
        for milestone in milestones
    ]


@dataclass
class Quarter:
    """Three months of the roadmap, and the milestones in them."""

    year: int
    number: int
    milestones: list[Shown] = field(default_factory=list)

    @property
    def words(self) -> str:
        first, last = MONTHS[(self.number - 1) * 3], MONTHS[self.number * 3 - 1]
        return f"{first} to {last} {self.year}"

    @property
    def key(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def is_now(self) -> bool:
        today = timezone.localdate()
        return (today.year, (today.month - 1) // 3 + 1) == (self.year, self.number)


def by_quarter(milestones: list[Shown]) -> list[Quarter]:
    """The milestones in quarters of the year (January to March, ...), earliest first; quarters with none are left out."""
    quarters: dict[tuple[int, int], Quarter] = {}
    for item in sorted(milestones, key=lambda item: (item.milestone.due_on, item.milestone.title)):
        due = item.milestone.due_on
        key = (due.year, (due.month - 1) // 3 + 1)
        quarters.setdefault(key, Quarter(*key)).milestones.append(item)
    return list(quarters.values())
