"""Load the fictional Riverbend Borough Partnership, so a newcomer has something real to explore.

The content (organisations, people, statements, action plans) lives in TOML files under
`partnership/data/demo/`, not here: this command only turns them into records. It is setup, not
anyone's action, so it writes as the system (`acting_as(None)`) and straight through the
ORM, and it schedules no reminders: the demo's dates are made up relative to today.
Running it again changes nothing.
"""

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role, Sector, Size
from goldenthread.pledges.models import (
    Action,
    Commitment,
    PersonalPledge,
    Pledge,
    PledgeText,
    ProgressUpdate,
    Renewal,
    Strand,
)

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
PLEDGE_STATES = {"signed", "renewed", "lapsed", "withdrawn"}


@dataclass
class DemoPartnership:
    """What the data files say, read and checked before anything is written."""

    password: str
    team: list[dict]
    organisations: list[dict]


def read_demo(directory: Path = DEMO_DIR) -> DemoPartnership:
    with open(directory / "partnership.toml", "rb") as handle:
        partnership = tomllib.load(handle)
    organisations = []
    for path in sorted((directory / "organisations").glob("*.toml")):
        with open(path, "rb") as handle:
            organisations.extend(tomllib.load(handle).get("organisation", []))
    demo = DemoPartnership(partnership["password"], partnership["partnership_team"], organisations)
    check_demo(demo)
    return demo


def check_demo(demo: DemoPartnership) -> None:
    """Refuse a data file with a mistake, naming it, rather than load half a partnership."""
    problems = []
    names = [organisation["name"] for organisation in demo.organisations]
    if len(set(names)) != len(names):
        problems.append("Two organisations share a name.")
    for organisation in demo.organisations:
        name = organisation["name"]
        if organisation["sector"] not in Sector.values:
            problems.append(f"{name}: unknown sector {organisation['sector']!r}.")
        if organisation.get("size", "") not in ["", *Size.values]:
            problems.append(f"{name}: unknown size {organisation['size']!r}.")
        if not organisation["email_domain"].endswith(".example"):
            problems.append(f"{name}: e-mail domains must end in .example.")
        roles = [role for role, *_ in organisation["people"]]
        if Role.ORGANISATION_LEAD not in roles:
            problems.append(f"{name}: needs an organisation lead.")
        problems.extend(f"{name}: unknown role {role!r}." for role in roles if role not in Role.values)
        people = {person_name for _, person_name, _ in organisation["people"]}
        for leader, _ in organisation.get("personal_pledges", []):
            if leader not in people:
                problems.append(f"{name}: the personal pledge of {leader} is not from one of its people.")
        pledge = organisation.get("pledge")
        if pledge is None:
            continue
        if pledge["state"] not in PLEDGE_STATES:
            problems.append(f"{name}: unknown pledge state {pledge['state']!r}.")
        if pledge["state"] == "lapsed" and pledge["signed_days_ago"] <= settings.GOLDENTHREAD_PLEDGE_TERM_DAYS:
            problems.append(f"{name}: a lapsed pledge must have been signed more than a year ago.")
        if pledge["state"] in {"signed", "withdrawn"} and pledge["signed_days_ago"] >= settings.GOLDENTHREAD_PLEDGE_TERM_DAYS:
            problems.append(f"{name}: a signed or withdrawn pledge must have been signed within the last year.")
        action_strands = {strand for strand, *_ in pledge["actions"]}
        if action_strands != set(Strand.values):
            problems.append(f"{name}: the action plan needs at least one action in each strand, and only those.")
        for _, _, _, _, status in pledge["actions"]:
            if status not in Action.Status.values:
                problems.append(f"{name}: unknown action status {status!r}.")
    if problems:
        raise CommandError("The demo data files have mistakes:\n  " + "\n  ".join(problems))


def email_for(full_name: str, domain: str) -> str:
    first, _, rest = full_name.partition(" ")
    return f"{slugify(first)}.{slugify(rest)}@{domain}" if rest else f"{slugify(first)}@{domain}"


def is_loaded(demo: DemoPartnership) -> bool:
    team_emails = [person["email"] for person in demo.team]
    names = [organisation["name"] for organisation in demo.organisations]
    return User.objects.filter(email__in=team_emails).exists() or Organisation.objects.filter(name__in=names).exists()


@transaction.atomic
def build(demo: DemoPartnership, today: date) -> dict[str, str]:
    """Write the whole partnership; return the demo sign-ins as {what they are: e-mail}."""
    password_hash = make_password(demo.password)  # one hash for every demo person: hashing is slow
    pledge_text = PledgeText.current()
    if pledge_text is None:
        raise CommandError("There is no pledge text yet. Run 'manage.py migrate' first.")
    commitments = {commitment.code: commitment for commitment in Commitment.objects.filter(pledge_text=pledge_text)}
    sign_ins = {}

    for person in demo.team:
        user = User.objects.create(
            email=person["email"],
            password=password_hash,
            full_name=person["name"],
            job_title=person.get("job_title", ""),
            is_partnership_admin=person.get("is_partnership_admin", False),
        )
        if person.get("sign_in_as"):
            sign_ins[person["sign_in_as"]] = user.email

    for entry in demo.organisations:
        organisation = Organisation.objects.create(
            name=entry["name"],
            sector=entry["sector"],
            area=entry.get("area", ""),
            size=entry.get("size", ""),
            description=" ".join(entry.get("description", "").split()),
        )
        people = {}
        for role, full_name, job_title in entry["people"]:
            user = User.objects.create(
                email=email_for(full_name, entry["email_domain"]),
                password=password_hash,
                full_name=full_name,
                job_title=job_title,
            )
            Membership.objects.create(user=user, organisation=organisation, role=role)
            people[full_name] = user
            if entry.get("demo_sign_ins"):
                sign_ins.setdefault(Role(role).label, user.email)
        lead = next(people[name] for role, name, _ in entry["people"] if role == Role.ORGANISATION_LEAD)
        if "pledge" in entry:
            _build_pledge(organisation, entry["pledge"], pledge_text, commitments, lead, today)
        for leader, text in entry.get("personal_pledges", []):
            PersonalPledge.objects.create(user=people[leader], organisation=organisation, commitment=text, made_on=today - timedelta(days=10))
    return sign_ins


def _paragraph(text: str) -> str:
    return " ".join(text.split())


def _build_pledge(organisation, entry, pledge_text, commitments, lead, today):
    term = timedelta(days=settings.GOLDENTHREAD_PLEDGE_TERM_DAYS)
    signed_on = today - timedelta(days=entry["signed_days_ago"])
    renewed_on = today - timedelta(days=entry["renewed_days_ago"]) if entry["state"] == "renewed" else None
    signatory_name, signatory_role = entry["signatory"]
    unknown = [code for code in entry["commitments"] if code not in commitments]
    if unknown:
        raise CommandError(f"{organisation}: unknown commitments {', '.join(unknown)}.")
    if {commitments[code].strand for code in entry["commitments"]} != set(Strand.values):
        raise CommandError(f"{organisation}: a pledge needs at least one commitment in each strand.")
    pledge = Pledge.objects.create(
        organisation=organisation,
        pledge_text=pledge_text,
        signatory_name=signatory_name,
        signatory_role=signatory_role,
        signed_on=signed_on,
        signed_by=lead,
        vision=_paragraph(entry["vision"]),
        how_we_will_do_it=_paragraph(entry["how_we_will_do_it"]),
        priorities=_paragraph(entry["priorities"]),
        renewed_on=renewed_on,
        expires_on=(renewed_on or signed_on) + term,
        status=Pledge.Status.WITHDRAWN if entry["state"] == "withdrawn" else Pledge.Status.PUBLISHED,
        withdrawn_reason=entry.get("withdrawn_reason", ""),
    )
    pledge.commitments.set([commitments[code] for code in entry["commitments"]])
    if renewed_on:
        Renewal.objects.create(
            pledge=pledge,
            renewed_on=renewed_on,
            signatory_name=signatory_name,
            signatory_role=signatory_role,
            renewed_by=lead,
            expires_on=renewed_on + term,
        )
    for strand, description, owner, due_in_days, status in entry["actions"]:
        Action.objects.create(
            pledge=pledge,
            strand=strand,
            description=description,
            owner=owner,
            due_on=today + timedelta(days=due_in_days),
            status=status,
        )
    for days_ago, summary in entry.get("progress", []):
        ProgressUpdate.objects.create(pledge=pledge, posted_on=today - timedelta(days=days_ago), posted_by=lead, summary=_paragraph(summary))


class Command(BaseCommand):
    help = "Load the fictional Riverbend Borough Partnership for the demo. Running it again changes nothing."

    def handle(self, *args, **options):
        demo = read_demo()
        if is_loaded(demo):
            self.stdout.write("The Riverbend demo partnership is already loaded: nothing was changed.")
            self._print_sign_ins(demo, self._known_sign_ins(demo))
            return
        with acting_as(None):
            sign_ins = build(demo, timezone.localdate())
        pledged = sum(1 for organisation in demo.organisations if "pledge" in organisation)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded the Riverbend demo partnership: {len(demo.organisations)} organisations, {pledged} of them with a pledge.")
        )
        self._print_sign_ins(demo, sign_ins)

    def _known_sign_ins(self, demo):
        """The sign-ins as the data files name them, for a demo loaded earlier."""
        sign_ins = {person["sign_in_as"]: person["email"] for person in demo.team if person.get("sign_in_as")}
        for entry in demo.organisations:
            if entry.get("demo_sign_ins"):
                for role, full_name, _ in entry["people"]:
                    sign_ins.setdefault(Role(role).label, email_for(full_name, entry["email_domain"]))
        return sign_ins

    def _print_sign_ins(self, demo, sign_ins):
        width = max(len(label) for label in sign_ins)
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (every demo person has the same password):")
        for label, email in sign_ins.items():
            self.stdout.write(f"  {label.ljust(width)}  {email}")
        self.stdout.write(f"  {'Password'.ljust(width)}  {demo.password}")
