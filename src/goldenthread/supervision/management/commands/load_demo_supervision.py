"""Load fictional group supervision sessions and learning conversations across the demo partnership.

Run after `load_demo_partnership` (and `load_demo_families`, if you want some sessions linked
to a demo family). The situations live in `supervision/data/demo/sessions.toml`; this command
spreads them over the last twelve months across the partnership's agencies, so the partnership
figures show a trend, with actions in every state and themes. Like the other demo commands it
is setup, not anyone's action: it writes as the system (`acting_as(None)`) straight through
the ORM and schedules no reminders. Running it again changes nothing.
"""

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.families.models import Family, TeamMember
from goldenthread.families.permissions import CASEWORK_ROLES
from goldenthread.partnership.models import Membership, Role

from ...models import (
    ActionChange,
    AgencyCommitment,
    AgreedAction,
    Attendee,
    Session,
    WellbeingNote,
)

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "sessions.toml"
DEMO_MARK = "(Demo, fictional)"
SESSIONS_PER_MONTH = (2, 1, 2, 3, 2, 3, 3, 2, 4, 3, 4, 5)  # oldest month first: a growing practice
UPCOMING = 2


def read_situations(path: Path = DEMO_FILE) -> list[dict]:
    with open(path, "rb") as handle:
        situations = tomllib.load(handle)["situation"]
    for situation in situations:
        if situation["kind"] not in Session.Kind.values or DEMO_MARK not in situation["purpose"]:
            raise CommandError(f"{path.name}: {situation['reference']} needs a known kind and the words {DEMO_MARK!r} in its purpose.")
    return situations


class Command(BaseCommand):
    help = "Load fictional group supervision sessions and learning conversations (run after load_demo_partnership)."

    def handle(self, *args, **options):
        if Session.objects.filter(purpose__contains=DEMO_MARK).exists():
            self.stdout.write("The demo group supervision sessions are already loaded.")
            return
        situations = read_situations()
        practitioners = _practitioners_by_organisation()
        if len(practitioners) < 2:
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership")
        with acting_as(None), transaction.atomic():
            count = _build(situations, practitioners, timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} demo group supervision sessions and learning conversations."))


def _practitioners_by_organisation() -> list[list]:
    """[[organisation, people doing casework there], ...], organisations in name order."""
    found = {}
    for membership in (
        Membership.objects.filter(role__in=CASEWORK_ROLES, user__is_active=True, organisation__is_active=True)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__full_name")
    ):
        found.setdefault(membership.organisation, []).append((membership.role, membership.user))
    return [[organisation, people] for organisation, people in found.items()]


def _demo_family_teams() -> list[tuple]:
    """Demo families with at least two agencies in the team: (family, [(user, organisation)])."""
    teams = []
    for family in Family.objects.order_by("reference"):
        places = [
            (place.user, place.organisation) for place in TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user", "organisation")
        ]
        if len({organisation.pk for _, organisation in places}) >= 2:
            teams.append((family, places))
    return teams


def _build(situations, practitioners, today) -> int:
    families = _demo_family_teams()
    made = 0
    number = 0
    for months_ago, how_many in zip(range(len(SESSIONS_PER_MONTH) - 1, -1, -1), SESSIONS_PER_MONTH, strict=True):
        for index in range(how_many):
            held_on = _day_in_month(today, months_ago, 3 + index * 6)
            situation = situations[number % len(situations)]
            family_team = families[number % len(families)] if families and number % 6 == 0 and situation["kind"] == Session.Kind.GROUP_SUPERVISION else None
            _session(situation, practitioners, number, held_on=held_on, today=today, family_team=family_team)
            number += 1
            made += 1
    for index in range(UPCOMING):
        situation = situations[(number + index) % len(situations)]
        _session(situation, practitioners, number + index, held_on=None, today=today, family_team=None)
        made += 1
    return made


def _day_in_month(today, months_ago, day):
    year, month = today.year, today.month - months_ago
    while month <= 0:
        year, month = year - 1, month + 12
    candidate = datetime(year, month, min(day, 28)).date()
    return min(candidate, today - timedelta(days=1))


def _people_for(practitioners, number, family_team):
    """Three or four people from different agencies: the first facilitates, a lead is accountable manager."""
    if family_team is not None:
        _, places = family_team
        return [(user, organisation) for user, organisation in places][:4]
    chosen = []
    for offset in range(4 if number % 2 else 3):
        organisation, people = practitioners[(number * 3 + offset * 5) % len(practitioners)]
        _role, user = people[number % len(people)]
        if all(user.pk != other.pk for other, _ in chosen):
            chosen.append((user, organisation))
    return chosen


def _manager_for(organisation, fallback):
    lead = Membership.objects.filter(organisation=organisation, role=Role.ORGANISATION_LEAD).select_related("user").first()
    return lead.user if lead else fallback


def _session(situation, practitioners, number, *, held_on, today, family_team):
    people = _people_for(practitioners, number, family_team)
    facilitator, facilitator_organisation = people[0]
    manager = _manager_for(facilitator_organisation, facilitator)
    learning = situation["kind"] == Session.Kind.LEARNING_CONVERSATION
    start_day = held_on or today + timedelta(days=7 + number % 10)
    start = timezone.make_aware(datetime.combine(start_day, time(10 + number % 5, 0)))
    session = Session.objects.create(
        kind=situation["kind"],
        status=Session.Status.HELD if held_on else Session.Status.SCHEDULED,
        family=family_team[0] if family_team else None,
        situation_reference=situation["reference"],
        purpose=situation["purpose"],
        requested_by=people[-1][0],
        requested_at=start - timedelta(days=14),
        facilitator=facilitator,
        accountable_manager=manager,
        proposed_start=start,
        format=Session.Format.ONLINE if number % 3 else Session.Format.IN_PERSON,
        location="Video call (demo link)" if number % 3 else "Riverbend family hub, meeting room 2 (fictional)",
        held_on=held_on,
        **(
            {
                name: situation.get(name, "")
                for name in ("meaning_for_child", "impact", "informs_risk", "reflected_in_planning", "going_well", "risks_and_needs", "safety_plan")
            }
            if held_on and not learning
            else {}
        ),
        **(
            {
                "helping": situation["helping"],
                "getting_in_the_way": situation["getting_in_the_way"],
                "themes": list(situation["themes"]),
                "own_themes": situation["own_themes"],
            }
            if held_on and learning
            else {}
        ),
    )
    everyone = list(people)
    if all(manager.pk != user.pk for user, _ in everyone):
        membership = Membership.objects.filter(user=manager).select_related("organisation").first()
        everyone.append((manager, membership.organisation if membership else facilitator_organisation))
    for user, organisation in everyone:
        Attendee.objects.create(
            session=session,
            user=user,
            organisation=organisation,
            invited_by=people[-1][0],
            response=Attendee.Response.ACCEPTED,
            attended=bool(held_on) and user.pk != manager.pk,
            acknowledged_confidentiality_at=start if held_on else None,
        )
    if not held_on:
        return session
    if learning:
        AgencyCommitment.objects.create(
            session=session, organisation=people[1][1] if len(people) > 1 else facilitator_organisation, commitment=situation["commitment"]
        )
    if number % 4 == 0:
        WellbeingNote.objects.create(
            session=session, note="This was a heavy one. We agreed to check in with each other next week. (Demo, fictional)", updated_by=facilitator
        )
    for index, description in enumerate(situation["actions"]):
        owner = people[(index + 1) % len(people)][0]
        _action(session, facilitator, manager, owner, description, held_on, today, number + index)
    return session


def _action(session, facilitator, manager, owner, description, held_on, today, seed):
    """One action, in a state that depends on how long ago the session was (done on time, late, moved, cancelled, open, proposed)."""
    due_on = held_on + timedelta(days=14 + (seed % 3) * 7)
    changes_plan = session.kind == Session.Kind.GROUP_SUPERVISION and seed % 3 == 0
    agreed_at = timezone.make_aware(datetime.combine(held_on, time(12, 0)))
    action = AgreedAction.objects.create(
        session=session,
        description=description,
        owner=owner,
        due_on=due_on,
        changes_childs_plan=changes_plan,
        status=AgreedAction.Status.PROPOSED if changes_plan else AgreedAction.Status.OPEN,
        created_at=agreed_at,
    )
    ActionChange.objects.create(action=action, changed_by=facilitator, changed_at=agreed_at, change="created", note="Agreed in the session", new_due_on=due_on)
    if changes_plan:
        if due_on >= today:
            return action  # still waiting for the accountable manager
        action.status, action.confirmed_by, action.confirmed_at = AgreedAction.Status.OPEN, manager, agreed_at + timedelta(days=1)
        ActionChange.objects.create(
            action=action, changed_by=manager, changed_at=action.confirmed_at, change="confirmed", note="Confirmed: this is the right change to the plan."
        )
    if due_on >= today:
        action.save()
        return action
    state = seed % 6
    if state in (0, 1, 2):
        finished = due_on - timedelta(days=2)
        action.status, action.completed_on = AgreedAction.Status.DONE, finished
        ActionChange.objects.create(
            action=action,
            changed_by=owner,
            changed_at=timezone.make_aware(datetime.combine(finished, time(16, 0))),
            change="done",
            note="Done, and shared with everyone who took part.",
        )
    elif state == 3:
        finished = min(due_on + timedelta(days=5), today)
        action.status, action.completed_on = AgreedAction.Status.DONE, finished
        ActionChange.objects.create(
            action=action,
            changed_by=owner,
            changed_at=timezone.make_aware(datetime.combine(finished, time(16, 0))),
            change="done",
            note="Done a few days later than agreed.",
        )
    elif state == 4:
        new_due = due_on + timedelta(days=14)
        ActionChange.objects.create(
            action=action,
            changed_by=owner,
            changed_at=timezone.make_aware(datetime.combine(due_on, time(9, 0))),
            change="moved",
            note="The family asked to meet later.",
            old_due_on=due_on,
            new_due_on=new_due,
        )
        action.due_on = new_due
        if new_due < today:
            action.status, action.completed_on = AgreedAction.Status.DONE, new_due
            ActionChange.objects.create(
                action=action,
                changed_by=owner,
                changed_at=timezone.make_aware(datetime.combine(new_due, time(16, 0))),
                change="done",
                note="Done by the new date.",
            )
    else:
        action.status = AgreedAction.Status.CANCELLED
        ActionChange.objects.create(
            action=action,
            changed_by=facilitator,
            changed_at=timezone.make_aware(datetime.combine(due_on, time(9, 0))),
            change="cancelled",
            note="No longer needed: the family moved out of the borough.",
        )
    action.save()
    return action
