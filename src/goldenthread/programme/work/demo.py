"""The work part's demo: a fictional recovery programme over the last year, with four workstreams.

Called by `load_demo_programme` (as the system, after the partnership, training and wellbeing
demos), with its words in `programme/data/demo/work.toml`. Each workstream has a lead and
members from several organisations, notes of its last eight meetings and who came, and
actions: some done, some moved to a new date (the old date in their history), some past
their date, one cancelled. The demo's practitioner is on one workstream and has asked to join
another, whose lead (the demo's champion) finds the request waiting on their home page.

Written straight through the ORM (its dates lie in the past, which the services rightly
refuse), and it schedules no weekly digest and sends no e-mail. Running it again changes
nothing: a programme with the demo's name is left as it is.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.partnership.management.commands.load_demo_partnership import email_for, read_demo
from goldenthread.partnership.models import Membership, Role
from goldenthread.programme import principles as programme_principles

from .models import ActionChange, JoinRequest, Meeting, Programme, Rhythm, Weekday, Workstream, WorkstreamAction, WorkstreamMember

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "work.toml"
Status = WorkstreamAction.Status
RHYTHM_WEEKS = {Rhythm.WEEKLY: 1, Rhythm.FORTNIGHTLY: 2, Rhythm.MONTHLY: 4}


def read_demo_work(path: Path = DEMO_FILE) -> dict:
    """The data file, checked: refuse a mistake, naming it, rather than load half a programme."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    problems = []
    if "(fictional)" not in data["programme"]["name"]:
        problems.append("The programme's name must say it is fictional.")
    known = {principle.key for principle in programme_principles.principles()}
    names = [workstream["name"] for workstream in data["workstream"]]
    if data["join_request"]["workstream"] not in names:
        problems.append(f"The join request is for an unknown workstream {data['join_request']['workstream']!r}.")
    for workstream in data["workstream"]:
        name = workstream["name"]
        if not set(workstream["principles"]) <= known:
            problems.append(f"{name}: unknown principles {sorted(set(workstream['principles']) - known)}.")
        if workstream["rhythm"] not in Rhythm.values or workstream["weekday"] not in Weekday.values:
            problems.append(f"{name}: the rhythm must be one of {Rhythm.values} and the weekday 0 (Monday) to 4 (Friday).")
        if not 4 <= len(workstream["members"]) <= 8 or workstream["lead"] in workstream["members"]:
            problems.append(f"{name}: it needs 4 to 8 members besides its lead.")
        held = {meeting["weeks_ago"] for meeting in workstream["meeting"]}
        for action in workstream["action"]:
            if action["status"] not in Status.values:
                problems.append(f"{name}: {action['what']!r} has an unknown status.")
            if action["meeting"] and action["meeting"] not in held:
                problems.append(f"{name}: {action['what']!r} comes from a meeting that is not in the file.")
            if (action["status"] == Status.DONE) != ("done_days_ago" in action):
                problems.append(f"{name}: {action['what']!r}: a done action says when it was done, and only a done one.")
    if problems:
        raise CommandError("The demo work file has mistakes:\n  " + "\n  ".join(problems))
    return data


def _people_by_name() -> dict[str, tuple[User, object]]:
    """Everyone the partnership's files name in an organisation: name -> (person, the organisation they work in)."""
    partnership = read_demo()
    emails = {}
    for entry in partnership.organisations:
        for _, full_name, _ in entry["people"]:
            emails.setdefault(full_name, email_for(full_name, entry["email_domain"]))
    memberships = Membership.objects.filter(user__email__in=emails.values()).select_related("user", "organisation").order_by("since", "pk")
    by_email = {}
    for membership in memberships:
        by_email.setdefault(membership.user.email, (membership.user, membership.organisation))
    return {name: by_email[email] for name, email in emails.items() if email in by_email}


def demo_practitioner_name() -> str:
    """The practitioner a newcomer signs in as: the first practitioner of the organisation whose people are the demo sign-ins."""
    entry = next(entry for entry in read_demo().organisations if entry.get("demo_sign_ins"))
    return next(full_name for role, full_name, _ in entry["people"] if role == Role.PRACTITIONER)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _meeting_days(workstream: dict, today: date) -> dict[int, date]:
    """Each meeting's day, by `weeks_ago`: the workstream's day before today, then back by its rhythm."""
    latest = today - timedelta(days=1)
    latest -= timedelta(days=(latest.weekday() - workstream["weekday"]) % 7)
    step = timedelta(weeks=RHYTHM_WEEKS[workstream["rhythm"]])
    return {meeting["weeks_ago"]: latest - step * (meeting["weeks_ago"] - 1) for meeting in workstream["meeting"]}


def load(rng, today: date) -> None:
    """Start the demo's recovery programme and its workstreams, unless they are there already."""
    data = read_demo_work()
    if Programme.objects.filter(name=data["programme"]["name"]).exists():
        return
    people = _people_by_name()
    wanted = {w["lead"] for w in data["workstream"]} | {name for w in data["workstream"] for name in w["members"]} | {demo_practitioner_name()}
    missing = sorted(wanted - set(people))
    if missing:
        raise CommandError(f"Load the demo partnership first (manage.py load_demo_partnership): {', '.join(missing)} not found.")
    programme_data = data["programme"]
    programme = Programme.objects.create(
        name=programme_data["name"],
        purpose=programme_data["purpose"],
        starts_on=today - timedelta(days=programme_data["started_days_ago"]),
        created_at=_at(today - timedelta(days=programme_data["started_days_ago"] + 14), 10),
    )
    made = {workstream["name"]: _workstream(programme, workstream, people, rng, today) for workstream in data["workstream"]}
    _join_request(made[data["join_request"]["workstream"]], data["join_request"], people[demo_practitioner_name()], today)


def _workstream(programme, spec: dict, people: dict, rng, today: date) -> Workstream:
    lead, lead_organisation = people[spec["lead"]]
    started = today - timedelta(days=spec["started_days_ago"])
    workstream = Workstream.objects.create(
        programme=programme,
        name=spec["name"],
        purpose=spec["purpose"],
        principles=[key for key, _ in programme_principles.principle_choices() if key in spec["principles"]],
        lead=lead,
        rhythm=spec["rhythm"],
        meeting_weekday=spec["weekday"],
        created_at=_at(started, 10),
    )
    members = [WorkstreamMember.objects.create(workstream=workstream, person=lead, organisation=lead_organisation, joined_at=_at(started, 10))]
    for index, name in enumerate(spec["members"]):
        person, organisation = people[name]
        joined = started + timedelta(days=7 + 9 * index + rng.randint(0, 6))
        members.append(WorkstreamMember.objects.create(workstream=workstream, person=person, organisation=organisation, joined_at=_at(joined, 9 + index % 6)))
    days = _meeting_days(spec, today)
    meetings = {}
    for entry in spec["meeting"]:
        held_on = days[entry["weeks_ago"]]
        meeting = Meeting.objects.create(
            workstream=workstream, held_on=held_on, notes=" ".join(entry["notes"].split()), recorded_by=lead, recorded_at=_at(held_on, 16, rng.randint(0, 50))
        )
        others = [member for member in members[1:] if member.joined_at.date() <= held_on]
        came = [members[0], *rng.sample(others, max(0, len(others) - rng.randint(0, 2)))]
        meeting.attended.set(came)
        meetings[entry["weeks_ago"]] = meeting
    by_name = {member.person.full_name: member.person for member in members}
    for entry in spec["action"]:
        _action(workstream, entry, meetings, by=by_name.get(entry["owner"], lead), lead=lead, today=today)
    return workstream


def _action(workstream, entry: dict, meetings: dict, *, by, lead, today: date) -> WorkstreamAction:
    meeting = meetings.get(entry["meeting"]) if entry["meeting"] else None
    due_on = today + timedelta(days=entry["due_in_days"])
    added_on = meeting.held_on if meeting else today - timedelta(days=30)
    first_due = today + timedelta(days=entry["moved_from_in_days"]) if "moved_from_in_days" in entry else due_on
    action = WorkstreamAction.objects.create(
        workstream=workstream,
        meeting=meeting,
        description=entry["what"],
        owner=entry["owner"],
        due_on=due_on,
        status=entry["status"],
        created_by=lead,
        created_at=_at(added_on, 16, 55),
    )
    ActionChange.objects.create(action=action, what=ActionChange.What.ADDED, by=lead, at=_at(added_on, 16, 55))
    if first_due != due_on:
        moved_on = min(today - timedelta(days=1), max(added_on + timedelta(days=3), first_due - timedelta(days=2)))
        ActionChange.objects.create(
            action=action,
            what=ActionChange.What.MOVED,
            field="due_on",
            from_value=f"{first_due.day} {first_due:%B %Y}",
            to_value=f"{due_on.day} {due_on:%B %Y}",
            note=entry["moved_because"],
            by=by,
            at=_at(moved_on, 11),
        )
    if entry["status"] == Status.DONE:
        ActionChange.objects.create(
            action=action,
            what=ActionChange.What.DONE,
            field="status",
            from_value=Status.IN_PROGRESS.label,
            to_value=Status.DONE.label,
            by=by,
            at=_at(today - timedelta(days=entry["done_days_ago"]), 14),
        )
    if entry.get("cancelled_because"):
        cancelled_at = _at(today - timedelta(days=5), 15)
        action.cancelled_at, action.cancelled_by = cancelled_at, lead
        action.save(update_fields=["cancelled_at", "cancelled_by"])
        ActionChange.objects.create(action=action, what=ActionChange.What.CANCELLED, note=entry["cancelled_because"], by=lead, at=cancelled_at)
    return action


def _join_request(workstream, spec: dict, person_and_organisation, today: date) -> JoinRequest:
    person, organisation = person_and_organisation
    return JoinRequest.objects.create(
        workstream=workstream,
        person=person,
        organisation=organisation,
        message=" ".join(spec["message"].split()),
        asked_at=_at(today - timedelta(days=spec["asked_days_ago"]), 13, 20),
    )
