"""Give the demo partnership its self-assessments: two rounds for most organisations, so the
map and the progress charts show real movement, some actions, and a round open now.

Run after `load_demo_partnership`. The content (who is not assessed yet, who moved down and
why, the bright spots, colleagues' names, notes of evidence, actions) is in
`continuum/data/demo/continuum.toml`; the answers are drawn with a random generator seeded
by each organisation's name, around a profile for that organisation, so every load gives
the same demo. It writes as the system (`acting_as(None)`) and straight through the ORM,
like the partnership's demo; the many answers are written in bulk, so the audit log notes
each round and response but not each demo answer. Running it again changes nothing.
"""

import random
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.continuum.frameworks import current_framework, kind_for
from goldenthread.continuum.models import (
    Answer,
    Assessment,
    ContinuumAction,
    Framework,
    Item,
    Response,
)
from goldenthread.continuum.services import result_to_keep
from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.partnership.management.commands.load_demo_partnership import (
    email_for,
    read_demo,
)
from goldenthread.partnership.models import Membership, Organisation, Role

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "continuum.toml"
SCALE_MAX = 4
DONT_KNOW_SHARE = 0.05
EVIDENCE_SHARE = 0.06
SEASONS = {
    12: "Winter",
    1: "Winter",
    2: "Winter",
    3: "Spring",
    4: "Spring",
    5: "Spring",
    6: "Summer",
    7: "Summer",
    8: "Summer",
    9: "Autumn",
    10: "Autumn",
    11: "Autumn",
}


@dataclass
class DemoContinuum:
    not_assessed: list[str]
    first_round_only: list[str]
    moved_down: dict[str, str]
    open_rounds: list[str]
    strengths: dict[str, list[str]]
    colleagues: dict
    evidence: dict[str, list[str]]
    actions: dict[str, str]
    organisations: list[dict] = field(default_factory=list)


def read_demo_continuum(path: Path = DEMO_FILE) -> DemoContinuum:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return DemoContinuum(
        not_assessed=data["not_assessed"],
        first_round_only=data["first_round_only"],
        moved_down=dict(data["moved_down"]),
        open_rounds=data["open_rounds"],
        strengths=data["strengths"],
        colleagues=data["colleagues"],
        evidence=data["evidence"],
        actions=data["actions"],
        organisations=read_demo().organisations,
    )


def check_demo_continuum(demo: DemoContinuum) -> None:
    """Name any organisation or domain the file mentions that the demo does not have."""
    names = {entry["name"] for entry in demo.organisations}
    mentioned = [*demo.not_assessed, *demo.first_round_only, *demo.moved_down, *demo.open_rounds, *demo.strengths]
    problems = [f"unknown organisation {name!r}" for name in mentioned if name not in names]
    domain_codes = set()
    for framework in Framework.objects.filter(is_current=True).prefetch_related("domains"):
        domain_codes.update(domain.code for domain in framework.domains.all())
    for name, codes in demo.strengths.items():
        problems += [f"{name}: unknown domain {code!r}" for code in codes if code not in domain_codes]
    problems += [f"no action for domain {code!r}" for code in sorted(domain_codes - set(demo.actions))]
    if problems:
        raise CommandError("The continuum demo file has mistakes:\n  " + "\n  ".join(problems))


def is_school(organisation) -> bool:
    return kind_for(organisation) == Framework.Kind.SCHOOLS


def round_title(day) -> str:
    year = day.year + 1 if day.month == 12 else day.year
    return f"{SEASONS[day.month]} {year} self-assessment"


@dataclass
class Profile:
    """Where an organisation's people tend to place it, domain by domain, in each round."""

    first: dict[str, float]
    second: dict[str, float]


def profile_for(name: str, domain_codes: list[str], demo: DemoContinuum, rng: random.Random) -> Profile:
    base = rng.uniform(0.8, 1.8) + (1.0 if name in demo.moved_down else 0)
    strengths = set(demo.strengths.get(name, []))
    first = {}
    for code in domain_codes:
        level = base + rng.uniform(-0.6, 0.6) + (1.4 if code in strengths else 0)
        first[code] = min(max(level, 0.2), 3.6)
    second = {}
    for code, level in first.items():
        if name in demo.moved_down:
            change = -rng.uniform(0.7, 1.2)
        else:
            change = rng.uniform(0.5, 1.25) if rng.random() > 0.1 else -rng.uniform(0.0, 0.3)
        second[code] = min(max(level + change, 0.1), 3.8)
    return Profile(first, second)


class Builder:
    """Writes one organisation's rounds, responses, answers and actions."""

    def __init__(self, demo: DemoContinuum, today, password_hash: str):
        self.demo = demo
        self.today = today
        self.password_hash = password_hash
        self.frameworks = {}
        self.items = {}
        self.used_names = set(User.objects.values_list("full_name", flat=True))
        self.rounds = 0
        self.answers = 0

    def framework(self, kind: str) -> Framework:
        if kind not in self.frameworks:
            framework = current_framework(kind)
            if framework is None:
                raise CommandError(f"There is no current {kind} framework. Run 'manage.py migrate' first.")
            self.frameworks[kind] = framework
            self.items[kind] = list(Item.objects.filter(domain__framework=framework).select_related("domain").order_by("domain__order", "order"))
        return self.frameworks[kind]

    def add_colleagues(self, organisation, entry, rng: random.Random, count: int) -> None:
        names = self.demo.colleagues
        roles = names["school_roles"] if is_school(organisation) else names["front_line_roles"]
        for _ in range(count):
            for _attempt in range(200):
                full_name = f"{rng.choice(names['first_names'])} {rng.choice(names['surnames'])}"
                if full_name not in self.used_names:
                    break
            self.used_names.add(full_name)
            user = User.objects.create(
                email=email_for(full_name, entry["email_domain"]),
                password=self.password_hash,
                full_name=full_name,
                job_title=rng.choice(roles),
            )
            membership = Membership.objects.create(user=user, organisation=organisation, role=Role.PRACTITIONER)
            membership.since = organisation.joined_on  # a colleague from the front line, there since it joined
            membership.save(update_fields=["since"])

    def build(self, organisation, entry) -> None:
        name = organisation.name
        rng = random.Random(f"riverbend-continuum-{name}")  # noqa: S311 (fictional demo data, not a secret)
        kind = kind_for(organisation)
        framework = self.framework(kind)
        self.add_colleagues(organisation, entry, rng, count=2 if len(entry["people"]) < 5 else 1)
        members = list(Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name"))
        lead = next(m.user for m in members if m.role == Role.ORGANISATION_LEAD)
        domain_codes = list(dict.fromkeys(item.domain.code for item in self.items[kind]))
        profile = profile_for(name, domain_codes, self.demo, rng)

        has_open_round = name in self.demo.open_rounds
        latest_days_ago = rng.randint(186, 230) if has_open_round else rng.randint(25, 100)
        gap = rng.randint(185, 270) if rng.random() < 0.3 else rng.randint(320, 375)
        rounds = [(latest_days_ago, profile.second)]
        if name not in self.demo.first_round_only:
            rounds.insert(0, (latest_days_ago + gap, profile.first))
        completed = []
        for days_ago, levels in rounds:
            completed.append(self.completed_round(organisation, framework, kind, members, lead, levels, days_ago, rng))
        self.plan_actions(organisation, framework, completed, members, rng)
        if has_open_round:
            self.open_round(organisation, framework, kind, members, lead, profile.second, rng)

    def _respondents(self, members, lead, rng: random.Random) -> list:
        others = [m for m in members if m.user != lead]
        count = min(len(members), rng.randint(3, 6))
        return [next(m for m in members if m.user == lead), *rng.sample(others, max(count - 1, 0))]

    def _answer(self, level: float, membership, rng: random.Random) -> int | None:
        if rng.random() < DONT_KNOW_SHARE:
            return None
        lean = {Role.ORGANISATION_LEAD: 0.35, Role.CHAMPION: 0.15}.get(membership.role, 0.0)
        if membership.user.job_title in {*self.demo.colleagues["front_line_roles"][:3], *self.demo.colleagues["school_roles"][:3]}:
            lean -= 0.4  # the view from the front desk is often less rosy
        return int(min(max(round(rng.gauss(level + lean, 0.65)), 0), SCALE_MAX))

    def _evidence(self, value: int | None, rng: random.Random) -> str:
        if value is None or rng.random() > EVIDENCE_SHARE:
            return ""
        notes = self.demo.evidence["strong" if value >= 3 else "growing" if value >= 2 else "early"]
        return rng.choice(notes)

    def _responses(self, assessment, kind, respondents, levels, rng, *, answered_share=1.0, statuses=None) -> list[dict]:
        answer_sets = []
        answers = []
        for index, membership in enumerate(respondents):
            status = statuses[index] if statuses else Response.Status.SUBMITTED
            submitted_at = None
            if status == Response.Status.SUBMITTED:
                day = assessment.started_on + timedelta(days=rng.randint(1, 10))
                submitted_at = timezone.make_aware(datetime.combine(day, time(9 + rng.randint(0, 8), rng.randint(0, 59))))
            response = Response.objects.create(
                assessment=assessment,
                respondent=membership.user,
                role_description=membership.user.job_title,
                invited_by=assessment.started_by if membership.user != assessment.started_by else None,
                status=status,
                submitted_at=submitted_at,
            )
            if status == Response.Status.INVITED:
                continue
            given = {}
            share = 1.0 if status == Response.Status.SUBMITTED else answered_share
            for item in self.items[kind][: round(len(self.items[kind]) * share)]:
                value = self._answer(levels[item.domain.code], membership, rng)
                answers.append(Answer(response=response, item=item, value=value, evidence=self._evidence(value, rng)))
                given[item.code] = value
            if status == Response.Status.SUBMITTED:
                answer_sets.append(given)
        Answer.objects.bulk_create(answers)
        self.answers += len(answers)
        return answer_sets

    def completed_round(self, organisation, framework, kind, members, lead, levels, days_ago, rng) -> Assessment:
        completed_on = self.today - timedelta(days=days_ago)
        started_on = completed_on - timedelta(days=rng.randint(14, 30))
        assessment = Assessment.objects.create(
            organisation=organisation,
            framework=framework,
            title=round_title(started_on),
            started_by=lead,
            started_on=started_on,
            status=Assessment.Status.OPEN,
        )
        answer_sets = self._responses(assessment, kind, self._respondents(members, lead, rng), levels, rng)
        # Stored as the assessments' services store a completed round's result.
        assessment.result = result_to_keep(framework, answer_sets)
        assessment.status = Assessment.Status.SUBMITTED
        assessment.completed_on = completed_on
        assessment.save()
        self.rounds += 1
        return assessment

    def open_round(self, organisation, framework, kind, members, lead, levels, rng) -> Assessment:
        started_on = self.today - timedelta(days=12)
        assessment = Assessment.objects.create(
            organisation=organisation, framework=framework, title=round_title(started_on), started_by=lead, started_on=started_on
        )
        respondents = [next(m for m in members if m.user == lead), *[m for m in members if m.user != lead]]
        statuses = [Response.Status.IN_PROGRESS]
        for index in range(1, len(respondents)):
            statuses.append(Response.Status.SUBMITTED if index == 1 else Response.Status.INVITED)
        self._responses(assessment, kind, respondents, levels, rng, answered_share=0.4, statuses=statuses)
        return assessment

    def plan_actions(self, organisation, framework, completed, members, rng) -> None:
        """Next steps from the weakest areas of the latest round; an earlier one done; a few overdue."""
        owners = [m.user.full_name for m in members if m.role in (Role.ORGANISATION_LEAD, Role.CHAMPION)] or [members[0].user.full_name]
        domains = {domain.code: domain for domain in framework.domains.all()}
        latest = completed[-1]
        weakest = sorted((d for d in latest.result["domains"] if d["score"] is not None), key=lambda d: d["score"])
        overdue = rng.random() < 0.35
        for position, domain in enumerate(weakest[: rng.randint(2, 4)]):
            if position == 0 and overdue:
                due_on, status = (
                    self.today - timedelta(days=rng.randint(5, 40)),
                    rng.choice([ContinuumAction.Status.NOT_STARTED, ContinuumAction.Status.IN_PROGRESS]),
                )
            else:
                due_on, status = (
                    self.today + timedelta(days=rng.randint(20, 200)),
                    rng.choice([ContinuumAction.Status.NOT_STARTED, ContinuumAction.Status.IN_PROGRESS]),
                )
            ContinuumAction.objects.create(
                organisation=organisation,
                assessment=latest,
                domain=domains[domain["code"]],
                description=self.demo.actions[domain["code"]],
                owner=rng.choice(owners),
                due_on=due_on,
                status=status,
            )
        if len(completed) > 1:
            first = completed[0]
            earliest = min((d for d in first.result["domains"] if d["score"] is not None), key=lambda d: d["score"])
            ContinuumAction.objects.create(
                organisation=organisation,
                assessment=first,
                domain=domains[earliest["code"]],
                description=self.demo.actions[earliest["code"]],
                owner=rng.choice(owners),
                due_on=first.completed_on + timedelta(days=90),
                status=ContinuumAction.Status.DONE,
            )


@transaction.atomic
def build(demo: DemoContinuum, today) -> Builder:
    builder = Builder(demo, today, make_password(read_demo().password))
    organisations = {organisation.name: organisation for organisation in Organisation.objects.filter(name__in=[e["name"] for e in demo.organisations])}
    for entry in demo.organisations:
        if entry["name"] in demo.not_assessed:
            continue
        builder.build(organisations[entry["name"]], entry)
    return builder


class Command(BaseCommand):
    help = "Load the demo partnership's self-assessments (run after load_demo_partnership). Running it again changes nothing."

    def handle(self, *args, **options):
        demo = read_demo_continuum()
        names = [entry["name"] for entry in demo.organisations]
        if Organisation.objects.filter(name__in=names).count() != len(names):
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership")
        if Assessment.objects.filter(organisation__name__in=names).exists():
            self.stdout.write("The demo self-assessments are already loaded: nothing was changed.")
            return
        check_demo_continuum(demo)
        with acting_as(None):
            builder = build(demo, timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo self-assessments: {builder.rounds} completed rounds for "
                f"{len(names) - len(demo.not_assessed)} organisations, {len(demo.open_rounds)} open now, "
                f"{builder.answers} answers."
            )
        )
