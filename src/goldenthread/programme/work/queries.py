"""Reads for the work part's pages, the board, the API, the home page and the digest. Never a write."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart, shorten
from goldenthread.programme import principles as programme_principles

from .models import ActionChange, JoinRequest, Meeting, Programme, Rhythm, Workstream, WorkstreamAction, WorkstreamMember

Status = WorkstreamAction.Status
RECENT_ANSWERS_DAYS = 28  # how long an answer to a request to join stays on the person's home page
DUE_SOON_DAYS = 14


def _uuid(value) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


# Finding one record ------------------------------------------------------------------------


def programme_by_id(public_id) -> Programme | None:
    found = _uuid(public_id)
    return Programme.objects.filter(public_id=found).first() if found else None


def workstream_by_id(public_id) -> Workstream | None:
    found = _uuid(public_id)
    return Workstream.objects.select_related("programme", "lead").filter(public_id=found).first() if found else None


def meeting_by_id(public_id) -> Meeting | None:
    found = _uuid(public_id)
    return Meeting.objects.select_related("workstream__programme", "workstream__lead", "recorded_by").filter(public_id=found).first() if found else None


def member_by_id(workstream, public_id) -> WorkstreamMember | None:
    found = _uuid(public_id)
    return (
        WorkstreamMember.objects.select_related("person", "workstream", "organisation").filter(workstream=workstream, public_id=found).first()
        if found
        else None
    )


def join_request_by_id(public_id) -> JoinRequest | None:
    found = _uuid(public_id)
    if found is None:
        return None
    return (
        JoinRequest.objects.select_related("workstream__programme", "workstream__lead", "person", "organisation", "decided_by").filter(public_id=found).first()
    )


def action_of(workstream, public_id) -> WorkstreamAction | None:
    found = _uuid(public_id)
    if found is None:
        return None
    return WorkstreamAction.objects.select_related("meeting", "workstream__programme", "cancelled_by").filter(workstream=workstream, public_id=found).first()


# Lists ----------------------------------------------------------------------------------------


def programmes():
    """Every programme: the open ones first, the newest first."""
    return Programme.objects.order_by("-is_open", "-starts_on", "name")


def workstreams_of(programme):
    return programme.workstreams.select_related("lead").annotate(member_count=Count("members", filter=Q(members__left_at=None), distinct=True)).order_by("name")


def running_workstreams():
    """Every workstream that is open, in an open programme: the ones people can join."""
    return Workstream.objects.filter(is_open=True, programme__is_open=True).select_related("programme", "lead").order_by("programme__name", "name")


def current_members(workstream):
    return workstream.members.filter(left_at=None).select_related("person", "organisation").order_by("person__full_name")


def meetings_of(workstream):
    return workstream.meetings.prefetch_related("attended__person").order_by("-held_on", "-id")


def principle_names(workstream) -> list[str]:
    return programme_principles.principle_names(workstream.principles)


def open_actions(workstream_or_actions):
    actions = workstream_or_actions.actions.all() if isinstance(workstream_or_actions, Workstream) else workstream_or_actions
    return actions.filter(cancelled_at=None).exclude(status=Status.DONE)


def overdue_actions(actions, today: date | None = None):
    return open_actions(actions).filter(due_on__lt=today or timezone.localdate())


SHOW_CHOICES = [("", "Open actions"), ("overdue", "Overdue"), ("done", "Done"), ("cancelled", "Cancelled"), ("every", "Every action")]


def actions_to_show(workstream, show: str):
    """The actions a list's filter asks for: open (the default), overdue, done, cancelled or every one."""
    actions = workstream.actions.select_related("meeting").order_by("due_on", "id")
    if show == "overdue":
        return overdue_actions(actions)
    if show == "done":
        return actions.filter(cancelled_at=None, status=Status.DONE).order_by("-due_on", "-id")
    if show == "cancelled":
        return actions.exclude(cancelled_at=None).order_by("-cancelled_at", "-id")
    if show == "every":
        return actions
    return open_actions(actions)


def history_of(action):
    return action.changes.select_related("by").order_by("at", "id")


def moved_action_ids(actions) -> set[int]:
    return set(ActionChange.objects.filter(action__in=actions, what=ActionChange.What.MOVED).values_list("action_id", flat=True))


def join_requests_waiting(workstream):
    return workstream.join_requests.filter(status=JoinRequest.Status.WAITING).select_related("person", "organisation").order_by("asked_at")


# Meeting rhythm ---------------------------------------------------------------------------------

RHYTHM_DAYS = {Rhythm.WEEKLY: 7, Rhythm.FORTNIGHTLY: 14, Rhythm.MONTHLY: 28}


def next_meeting_on(workstream, last_held_on: date | None, today: date | None = None) -> date | None:
    """When the group next expects to meet: the first meeting day at least one rhythm after the last meeting, and not before today."""
    if not workstream.is_running:
        return None
    today = today or timezone.localdate()
    start = max(today, last_held_on + timedelta(days=RHYTHM_DAYS.get(workstream.rhythm, 7)) if last_held_on else today)
    return start + timedelta(days=(workstream.meeting_weekday - start.weekday()) % 7)


# Progress and the board ---------------------------------------------------------------------------


@dataclass
class Progress:
    """How one workstream's actions stand: done, open and not yet due, overdue; cancelled and moved besides."""

    workstream: Workstream
    done: int
    open: int
    overdue: int
    cancelled: int
    moved: int
    last_met_on: date | None
    next_meeting_on: date | None

    @property
    def total(self) -> int:
        return self.done + self.open + self.overdue

    @property
    def summary(self) -> str:
        """One line, as the lead would say it to the board."""
        if not self.total:
            return "No actions yet."
        words = [f"{self.done} of {self.total} action{'s' if self.total != 1 else ''} done"]
        if self.overdue:
            words.append(f"{self.overdue} overdue")
        if self.moved:
            words.append(f"{self.moved} moved to a new date")
        return ", ".join(words) + "."


def progress_of(workstreams, today: date | None = None) -> list[Progress]:
    """Each workstream's progress, in one query for the counts."""
    today = today or timezone.localdate()
    live = Q(actions__cancelled_at=None)
    not_done = live & ~Q(actions__status=Status.DONE)
    counted = list(
        Workstream.objects.filter(pk__in=[w.pk for w in workstreams])
        .annotate(
            n_done=Count("actions", filter=live & Q(actions__status=Status.DONE), distinct=True),
            n_open=Count("actions", filter=not_done & Q(actions__due_on__gte=today), distinct=True),
            n_overdue=Count("actions", filter=not_done & Q(actions__due_on__lt=today), distinct=True),
            n_cancelled=Count("actions", filter=~live, distinct=True),
            n_moved=Count("actions", filter=Q(actions__changes__what=ActionChange.What.MOVED), distinct=True),
        )
        .values("pk", "n_done", "n_open", "n_overdue", "n_cancelled", "n_moved")
    )
    counts = {row["pk"]: row for row in counted}
    last_met = dict(
        Meeting.objects.filter(workstream__in=[w.pk for w in workstreams]).values("workstream").annotate(last=Max("held_on")).values_list("workstream", "last")
    )
    rows = []
    for workstream in workstreams:
        row = counts.get(workstream.pk, {})
        last = last_met.get(workstream.pk)
        rows.append(
            Progress(
                workstream=workstream,
                done=row.get("n_done", 0),
                open=row.get("n_open", 0),
                overdue=row.get("n_overdue", 0),
                cancelled=row.get("n_cancelled", 0),
                moved=row.get("n_moved", 0),
                last_met_on=last,
                next_meeting_on=next_meeting_on(workstream, last, today),
            )
        )
    return rows


@dataclass
class BoardMilestone:
    """A milestone as the board shows it: what, when, and where to read more."""

    title: str
    due_on: date | None
    link: str = ""
    status: str = ""


def next_milestones(programme, *, how_many: int = 5) -> list[BoardMilestone]:
    """The programme's next open milestones on the roadmap (planned, or moved to a new date), soonest first, those past their date included.

    Read from the roadmap part's `Milestone`; where the roadmap is not there, nothing.
    """
    try:
        from goldenthread.programme.roadmap.models import Milestone
    except ImportError:
        return []
    found = Milestone.objects.filter(programme=programme, status__in=Milestone.OPEN).order_by("due_on", "title")[:how_many]
    rows = []
    for milestone in found:
        try:
            link = reverse("programme:roadmap-milestone", args=[milestone.public_id])
        except NoReverseMatch:
            link = ""
        status = "Its date has passed" if milestone.date_has_passed else milestone.get_status_display()
        rows.append(BoardMilestone(title=milestone.title, due_on=milestone.due_on, link=link, status=status))
    return rows


def board_chart(rows: list[Progress], *, id: str = "board-actions"):
    """One accessible chart: for each workstream, its actions done, open and overdue, with the same figures as a table."""
    groups = [
        BarGroup(
            shorten(row.workstream.name, 60),
            [
                Bar(f"Done: {row.done}", row.done),
                Bar(f"Open: {row.open}", row.open, colour="#505a5f"),
                Bar(f"Overdue: {row.overdue}", row.overdue, colour="#003078"),
            ],
        )
        for row in rows
    ]
    return bar_chart(
        groups,
        id=id,
        title="Actions in each workstream: done, open and overdue",
        description="For each workstream, three bars: the actions done, the actions open and not yet due, and the actions past their due date.",
        scale_max=max([1, *(max(row.done, row.open, row.overdue) for row in rows)]),
        table=DataTable(
            caption="Actions in each workstream",
            headings=["Workstream", "Done", "Open", "Overdue", "Moved to a new date", "Cancelled"],
            rows=[(row.workstream.name, [str(row.done), str(row.open), str(row.overdue), str(row.moved), str(row.cancelled)]) for row in rows],
            numeric=True,
        ),
    )


@dataclass
class Board:
    """A programme's board: each workstream's progress, the overdue actions, the next milestones and the chart."""

    programme: Programme
    rows: list[Progress]
    overdue: list = field(default_factory=list)
    milestones: list[BoardMilestone] = field(default_factory=list)
    chart: object = None

    @property
    def totals(self) -> dict:
        return {name: sum(getattr(row, name) for row in self.rows) for name in ("done", "open", "overdue", "moved", "cancelled")}


def board(programme) -> Board:
    workstreams = list(workstreams_of(programme))
    rows = progress_of(workstreams)
    overdue = list(
        overdue_actions(WorkstreamAction.objects.filter(workstream__programme=programme))
        .select_related("workstream", "meeting")
        .order_by("due_on", "workstream__name", "id")
    )
    return Board(programme=programme, rows=rows, overdue=overdue, milestones=next_milestones(programme), chart=board_chart(rows) if rows else None)


# For a person: the home page, the digest -----------------------------------------------------------


def workstreams_for(user):
    """The running workstreams a person leads or is on."""
    if not getattr(user, "is_authenticated", False):
        return Workstream.objects.none()
    return running_workstreams().filter(Q(lead=user) | Q(members__person=user, members__left_at=None)).distinct()


def actions_due_for(user, *, days: int = DUE_SOON_DAYS):
    """The open actions of a person's workstreams due within `days`, or overdue."""
    return open_actions(WorkstreamAction.objects.filter(workstream__in=workstreams_for(user))).filter(due_on__lte=timezone.localdate() + timedelta(days=days))


def join_requests_to_decide(user):
    """Requests waiting for an answer from this person, as the lead of the workstream."""
    if not getattr(user, "is_authenticated", False):
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(status=JoinRequest.Status.WAITING, workstream__lead=user, workstream__is_open=True).select_related(
        "workstream", "person", "organisation"
    )


def own_join_requests(user):
    if not getattr(user, "is_authenticated", False):
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(person=user).select_related("workstream__programme", "decided_by").order_by("-asked_at")


def recent_answers_for(user):
    """Answers to this person's requests to join in the last four weeks: shown on their home page."""
    since = timezone.now() - timedelta(days=RECENT_ANSWERS_DAYS)
    return own_join_requests(user).exclude(status=JoinRequest.Status.WAITING).filter(decided_at__gte=since)


def join_requests_for_home(user) -> tuple[list[JoinRequest], list[JoinRequest]]:
    """The requests a person's home page shows, in one query: those waiting for their answer (as `join_requests_to_decide`), and their own, waiting or answered in the last four weeks."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    waiting = JoinRequest.Status.WAITING
    since = timezone.now() - timedelta(days=RECENT_ANSWERS_DAYS)
    to_decide = Q(status=waiting, workstream__lead=user, workstream__is_open=True)
    own = Q(person=user) & (Q(status=waiting) | Q(decided_at__gte=since))
    found = list(
        JoinRequest.objects.filter(to_decide | own).select_related("workstream__programme", "person", "organisation", "decided_by").order_by("-asked_at", "-id")
    )
    return (
        [r for r in found if r.status == waiting and r.workstream.lead_id == user.pk and r.workstream.is_open],
        [r for r in found if r.person_id == user.pk and (r.status == waiting or (r.decided_at is not None and r.decided_at >= since))],
    )


@dataclass
class Digest:
    due: list
    overdue: list
    last_meeting: Meeting | None

    @property
    def has_news(self) -> bool:
        return bool(self.due or self.overdue)


def digest_for(workstream, week_of: date) -> Digest:
    """The week from `week_of` (a Monday): the open actions due in it, those due before it, and the last meeting."""
    actions = open_actions(workstream).order_by("due_on", "id")
    return Digest(
        due=list(actions.filter(due_on__gte=week_of, due_on__lt=week_of + timedelta(days=7))),
        overdue=list(actions.filter(due_on__lt=week_of)),
        last_meeting=workstream.meetings.order_by("-held_on", "-id").first(),
    )
