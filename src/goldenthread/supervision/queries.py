"""Read queries for sessions: a person's sessions and actions, what a session page lists, the
people and organisations the forms offer, the family's detail for the session page, and the
partnership's anonymised figures. Nothing here writes, except that the family's detail is read
through the families rule (`access.read_parts`), which logs each look as that rule requires.

The figures are built from counts, dates, organisations and theme codes only: never a
family, a situation reference, a person's name or anything anyone typed (own themes, the
four questions, actions and the wellbeing note are not read at all).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.core.permissions import is_signed_in
from goldenthread.core.spreadsheets import safe_cell
from goldenthread.families import access
from goldenthread.families.models import ChronologyEntry, Part, StoryEntry, TeamMember
from goldenthread.partnership.models import Membership, Organisation, Sector

from . import permissions, themes
from .models import AgreedAction, Attendee, Session

FAMILY_DETAIL_PARTS = (Part.STORY, Part.CHRONOLOGY)
FIGURE_MONTHS = 12
MAX_FIGURE_MONTHS = 60


# --- a person's sessions and actions --------------------------------------------------------


def sessions_for(user):
    """The sessions the person has a place in (or facilitates, manages or asked for), newest first."""
    if not is_signed_in(user):
        return Session.objects.none()
    return (
        Session.objects.filter(Q(attendees__user=user) | Q(facilitator=user) | Q(accountable_manager=user) | Q(requested_by=user))
        .distinct()
        .select_related("facilitator", "accountable_manager", "requested_by")
        .order_by("-proposed_start")
    )


def my_open_actions(user, *, include_proposed=False):
    """The person's own actions still to do, soonest first (with those waiting for confirmation if asked)."""
    if not is_signed_in(user):
        return AgreedAction.objects.none()
    statuses = [AgreedAction.Status.OPEN, AgreedAction.Status.PROPOSED] if include_proposed else [AgreedAction.Status.OPEN]
    return (
        AgreedAction.objects.filter(owner=user, status__in=statuses)
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session")
        .order_by("due_on", "id")
    )


def actions_to_confirm(user):
    """Actions that change a child's plan, waiting for this person to confirm them as the session's accountable manager, oldest first."""
    if not is_signed_in(user):
        return AgreedAction.objects.none()
    return (
        AgreedAction.objects.filter(session__accountable_manager=user, status=AgreedAction.Status.PROPOSED)
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session", "owner")
        .order_by("created_at", "id")
    )


def own_and_to_confirm(user) -> tuple[list[AgreedAction], list[AgreedAction]]:
    """In one query, for the home page: `my_open_actions(user)` and `actions_to_confirm(user)`, each in its own order."""
    if not is_signed_in(user):
        return [], []
    found = list(
        AgreedAction.objects.filter(Q(owner=user, status=AgreedAction.Status.OPEN) | Q(session__accountable_manager=user, status=AgreedAction.Status.PROPOSED))
        .exclude(session__status=Session.Status.CANCELLED)
        .select_related("session")
    )
    own = sorted((a for a in found if a.owner_id == user.pk and a.status == AgreedAction.Status.OPEN), key=lambda a: (a.due_on, a.pk))
    to_confirm = [a for a in found if a.session.accountable_manager_id == user.pk and a.status == AgreedAction.Status.PROPOSED]
    return own, sorted(to_confirm, key=lambda a: (a.created_at, a.pk))


def invitations_for(user):
    """The person's invitations still to answer, in sessions still being arranged, soonest first."""
    if not is_signed_in(user):
        return Attendee.objects.none()
    return (
        Attendee.objects.filter(user=user, response=Attendee.Response.INVITED, session__status__in=permissions.CHANGEABLE_STATUSES)
        .select_related("session", "invited_by")
        .order_by("session__proposed_start", "id")
    )


def attendees(session):
    """Everyone with a place, their agency, answer and whether they acknowledged confidentiality (for the facilitator)."""
    return session.attendees.select_related("user", "organisation").order_by("organisation__name", "user__full_name")


def session_actions(session):
    """The actions agreed in a session, soonest due first."""
    return session.actions.select_related("owner").order_by("due_on", "id")


def agency_commitments(session):
    """What each agency in a learning conversation will do differently, agencies in name order."""
    return session.agency_commitments.select_related("organisation").order_by("organisation__name")


# --- people to choose from: (person, organisation name) pairs for the forms' lists ------------


def families_to_link(user):
    """The families a person may link a session to: those whose team they are in, with their team place (for the access log)."""
    return access.families_with_places(user).order_by("reference")


def organisations():
    """Every member organisation, by name: where to find people to invite."""
    return Organisation.objects.order_by("name")


def organisations_in(session):
    """The agencies with a place in the session, by name."""
    return Organisation.objects.filter(pk__in=session.attendees.values("organisation")).order_by("name")


def people_in(organisation) -> list[tuple]:
    """The active people of one organisation, by name."""
    memberships = Membership.objects.filter(organisation=organisation, user__is_active=True).select_related("user", "organisation").order_by("user__full_name")
    return [(m.user, m.organisation.name) for m in memberships]


def people_in_organisations_of(user) -> list[tuple]:
    """Everyone in the organisations the person belongs to (colleagues who might facilitate or be accountable manager)."""
    memberships = Membership.objects.filter(organisation__in=Membership.objects.filter(user=user).values("organisation")).select_related("user", "organisation")
    return [(m.user, m.organisation.name) for m in memberships]


def organisation_name_of(user) -> str:
    """The name of the first organisation (by name) a person belongs to, or ""."""
    membership = Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name").first()
    return membership.organisation.name if membership else ""


def active_people(public_ids) -> list[tuple]:
    """The active people with these public ids (at most 200), each with their organisation's name."""
    users = User.objects.filter(public_id__in=list(public_ids)[:200], is_active=True)
    return [(user, organisation_name_of(user)) for user in users]


def family_team(family, excluding=None) -> list[tuple]:
    """The family's live team, by name, leaving out one person (the one asking)."""
    team = TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user", "organisation").order_by("user__full_name")
    return [(place.user, place.organisation.name) for place in team if place.user_id != getattr(excluding, "pk", None)]


def session_people(session) -> list[tuple]:
    """Everyone with a place in the session, by name."""
    places = session.attendees.select_related("user", "organisation").order_by("user__full_name")
    return [(place.user, place.organisation.name) for place in places]


def invited_user_ids(session) -> set[int]:
    return set(session.attendees.values_list("user_id", flat=True))


# --- the family's record, on the session page -----------------------------------------------


@dataclass
class FamilyDetail:
    """What of the family's record a person may have at hand in the session; None for a part they may not see."""

    story: list | None = None
    chronology: list | None = None
    decisions: dict = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.story is not None or self.chronology is not None


def family_detail(user, session, parts=FAMILY_DETAIL_PARTS) -> FamilyDetail:
    """The family's story and chronology for the session page, read through the access rule (every look logged, refusals too).

    Only participants who acknowledged confidentiality are asked about at all; for anyone
    else nothing is read and nothing is returned.
    """
    if session.family_id is None or not permissions.can_read_record(user, session):
        return FamilyDetail()
    decisions = access.read_parts(user, session.family, parts, detail="In a group supervision session")
    detail = FamilyDetail(decisions=decisions)
    if Part.STORY in decisions and decisions[Part.STORY].allowed:
        detail.story = list(StoryEntry.objects.filter(family_id=session.family_id).order_by("told_on", "recorded_at"))
    if Part.CHRONOLOGY in decisions and decisions[Part.CHRONOLOGY].allowed:
        detail.chronology = list(
            ChronologyEntry.objects.filter(family_id=session.family_id).select_related("organisation").order_by("-occurred_on", "-recorded_at")
        )
    return detail


# --- the partnership's figures --------------------------------------------------------------


@dataclass(frozen=True)
class MonthCount:
    month: str  # "2025-04"
    kind: str
    kind_label: str
    sessions: int


@dataclass(frozen=True)
class AgencyCount:
    organisation: str
    sector: str
    sector_label: str
    sessions: int


@dataclass(frozen=True)
class SectorCount:
    sector: str
    sector_label: str
    organisations: int
    sessions: int


@dataclass(frozen=True)
class ThemeCount:
    code: str
    name: str
    sessions: int
    by_month: dict  # month -> sessions


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    months: list
    sessions_total: int
    sessions_by_month: list
    agencies: list
    sectors: list
    actions_due: int
    actions_done_on_time: int
    actions_done_late: int
    themes: list

    @property
    def on_time_share(self) -> float | None:
        """The share of actions due in the period that were done by their date (None when none were due)."""
        if not self.actions_due:
            return None
        return round(self.actions_done_on_time / self.actions_due, 3)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(end: date, count: int) -> list[date]:
    year, month = end.year, end.month
    firsts = []
    for _ in range(count):
        firsts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(firsts))


def figures(months: int = FIGURE_MONTHS, today: date | None = None) -> Figures:
    """Anonymised figures over the last `months` months (this month included) of sessions held."""
    try:
        months = int(months)
    except (TypeError, ValueError):
        months = FIGURE_MONTHS
    months = max(1, min(months, MAX_FIGURE_MONTHS))
    today = today or timezone.localdate()
    firsts = _months_back(today, months)
    start, end = firsts[0], today
    month_keys = [_month(day) for day in firsts]

    held = Session.objects.filter(status=Session.Status.HELD, held_on__gte=start, held_on__lte=end)
    rows = list(held.values_list("pk", "kind", "held_on", "themes"))
    kind_labels = dict(Session.Kind.choices)

    by_month = Counter((_month(held_on), kind) for _, kind, held_on, _ in rows)
    sessions_by_month = [
        MonthCount(month=key, kind=kind, kind_label=str(label), sessions=by_month.get((key, kind), 0))
        for key in month_keys
        for kind, label in kind_labels.items()
    ]

    sector_labels = dict(Sector.choices)
    session_ids = [pk for pk, *_ in rows]
    took_part = (
        Attendee.objects.filter(session_id__in=session_ids, attended=True).values_list("organisation__name", "organisation__sector", "session_id").distinct()
    )
    per_agency = defaultdict(set)
    sector_of = {}
    for name, sector, session_id in took_part:
        per_agency[name].add(session_id)
        sector_of[name] = sector
    agencies = sorted(
        (
            AgencyCount(organisation=name, sector=sector_of[name], sector_label=str(sector_labels.get(sector_of[name], sector_of[name])), sessions=len(ids))
            for name, ids in per_agency.items()
        ),
        key=lambda item: (-item.sessions, item.organisation),
    )
    per_sector_sessions, per_sector_organisations = defaultdict(set), defaultdict(set)
    for name, ids in per_agency.items():
        per_sector_sessions[sector_of[name]] |= ids
        per_sector_organisations[sector_of[name]].add(name)
    sectors = sorted(
        (
            SectorCount(
                sector=sector, sector_label=str(sector_labels.get(sector, sector)), organisations=len(per_sector_organisations[sector]), sessions=len(ids)
            )
            for sector, ids in per_sector_sessions.items()
        ),
        key=lambda item: (-item.sessions, item.sector_label),
    )

    # Actions due in the period (up to today), leaving out those cancelled or still waiting for confirmation.
    due = AgreedAction.objects.filter(due_on__gte=start, due_on__lte=end, status__in=[AgreedAction.Status.OPEN, AgreedAction.Status.DONE])
    due_rows = list(due.values_list("status", "due_on", "completed_on"))
    on_time = sum(1 for status, due_on, completed_on in due_rows if status == AgreedAction.Status.DONE and completed_on and completed_on <= due_on)
    late = sum(1 for status, due_on, completed_on in due_rows if status == AgreedAction.Status.DONE and completed_on and completed_on > due_on)

    theme_months = defaultdict(Counter)
    for _, _, held_on, codes in rows:
        for code in set(codes or []):
            if themes.is_known(code):
                theme_months[code][_month(held_on)] += 1
    theme_counts = sorted(
        (
            ThemeCount(code=code, name=themes.theme_name(code), sessions=sum(counter.values()), by_month={key: counter.get(key, 0) for key in month_keys})
            for code, counter in theme_months.items()
        ),
        key=lambda item: (-item.sessions, item.name),
    )

    return Figures(
        start=start,
        end=end,
        months=month_keys,
        sessions_total=len(rows),
        sessions_by_month=sessions_by_month,
        agencies=agencies,
        sectors=sectors,
        actions_due=len(due_rows),
        actions_done_on_time=on_time,
        actions_done_late=late,
        themes=theme_counts,
    )


def figures_data(found: Figures) -> dict:
    """The figures as plain JSON-ready values (for the API)."""
    return {
        "start": found.start.isoformat(),
        "end": found.end.isoformat(),
        "months": list(found.months),
        "sessions_total": found.sessions_total,
        "sessions_by_month": [
            {"month": row.month, "kind": row.kind, "kind_label": row.kind_label, "sessions": row.sessions} for row in found.sessions_by_month
        ],
        "agencies": [
            {"organisation": row.organisation, "sector": row.sector, "sector_label": row.sector_label, "sessions": row.sessions} for row in found.agencies
        ],
        "sectors": [
            {"sector": row.sector, "sector_label": row.sector_label, "organisations": row.organisations, "sessions": row.sessions} for row in found.sectors
        ],
        "actions": {
            "due": found.actions_due,
            "done_on_time": found.actions_done_on_time,
            "done_late": found.actions_done_late,
            "on_time_share": found.on_time_share,
        },
        "themes": [{"code": row.code, "name": row.name, "sessions": row.sessions, "by_month": dict(row.by_month)} for row in found.themes],
    }


CSV_HEADER = ["Measure", "Month", "Group", "Sector", "Value"]


def figures_rows(found: Figures) -> list[list[str]]:
    rows = [["Sessions held", "", "All", "", found.sessions_total]]
    rows += [["Sessions held", row.month, row.kind_label, "", row.sessions] for row in found.sessions_by_month]
    rows += [["Sessions an agency took part in", "", row.organisation, row.sector_label, row.sessions] for row in found.agencies]
    rows += [["Sessions a sector took part in", "", row.sector_label, row.sector_label, row.sessions] for row in found.sectors]
    rows += [
        ["Actions due", "", "All", "", found.actions_due],
        ["Actions done on time", "", "All", "", found.actions_done_on_time],
        ["Actions done late", "", "All", "", found.actions_done_late],
        ["Share of actions done on time", "", "All", "", "" if found.on_time_share is None else f"{found.on_time_share:.3f}"],
    ]
    for row in found.themes:
        rows.append(["Sessions with this theme", "", row.name, "", row.sessions])
        rows += [["Sessions with this theme", month, row.name, "", count] for month, count in row.by_month.items()]
    return rows


def figures_csv(found: Figures) -> str:
    """The figures as CSV text, one measure per row, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in figures_rows(found):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
