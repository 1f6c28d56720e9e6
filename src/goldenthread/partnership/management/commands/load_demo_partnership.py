"""Load the fictional Riverbend Borough Partnership, so a newcomer has something real to explore.

The content (organisations and their people) lives in TOML files under
`partnership/data/demo/`, not here: this command only turns them into records. It is setup, not
anyone's action, so it writes as the system (`acting_as(None)`) and straight through the
ORM, and it schedules no reminders: the demo's dates are made up relative to today.
Running it again changes nothing.
"""

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role, Sector, Size

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"


@dataclass
class DemoPartnership:
    """What the data files say, read and checked before anything is written."""

    password: str
    team: list[dict]
    organisations: list[dict]
    founded_days_ago: int = 730


def read_demo(directory: Path = DEMO_DIR) -> DemoPartnership:
    with open(directory / "partnership.toml", "rb") as handle:
        partnership = tomllib.load(handle)
    organisations = []
    for path in sorted((directory / "organisations").glob("*.toml")):
        with open(path, "rb") as handle:
            organisations.extend(tomllib.load(handle).get("organisation", []))
    demo = DemoPartnership(partnership["password"], partnership["partnership_team"], organisations, partnership.get("founded_days_ago", 730))
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
        joined = joined_days_ago(demo, organisation)
        if not 0 < joined <= demo.founded_days_ago:
            problems.append(f"{name}: it must have joined after the partnership began ({demo.founded_days_ago} days ago) and before today.")
        pledge = organisation.get("pledge")
        if pledge and pledge.get("signed_days_ago", 0) >= joined:
            problems.append(f"{name}: it signed its pledge before it joined the partnership.")
    if problems:
        raise CommandError("The demo data files have mistakes:\n  " + "\n  ".join(problems))


def joined_days_ago(demo: DemoPartnership, organisation: dict) -> int:
    """When an organisation joined: when the partnership began, unless its own file says it joined later."""
    return organisation.get("joined_days_ago", demo.founded_days_ago)


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
        # "Member since" follows the story: the date it joined, not the day the demo was loaded.
        organisation.joined_on = today - timedelta(days=joined_days_ago(demo, entry))
        organisation.save(update_fields=["joined_on"])
        people = {}
        for role, full_name, job_title in entry["people"]:
            user = User.objects.create(
                email=email_for(full_name, entry["email_domain"]),
                password=password_hash,
                full_name=full_name,
                job_title=job_title,
            )
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
            membership.since = organisation.joined_on
            membership.save(update_fields=["since"])
            people[full_name] = user
            if entry.get("demo_sign_ins"):
                sign_ins.setdefault(Role(role).label, user.email)
    return sign_ins


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
        self.stdout.write(self.style.SUCCESS(f"Loaded the Riverbend demo partnership: {len(demo.organisations)} organisations."))
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
