"""Load the fictional families of Riverbend, so a newcomer can try "tell it once" safely.

Run after `load_demo_partnership`. The families (people, stories, profiles, chronologies,
teams, agreements, one emergency access) live in TOML files under `families/data/demo/`,
not here: this command only turns them into records. Like the partnership's demo it is
setup, not anyone's action, so it writes as the system (`acting_as(None)`) and straight
through the ORM, with a short access log for each family so the "who has looked" pages
have something to show.

Everyone who works with family records needs two-step verification. So that a newcomer can
sign in without a phone, each demo person with a team place (and the data protection lead and
the police officer who used emergency access) gets a confirmed authenticator and a set of
recovery codes; the command prints three codes for each. Nobody has accepted the
acceptable-use terms, so a newcomer sees that step. Running it again changes nothing and
prints the codes still unused; `--new-codes` replaces them.

A family member with their own sign-in (`account_email` in the data files: two young people
and a parent) gets a family account, as their invitation makes it: no password, no
authenticator, only the family's own pages, signed in at /my-record/sign-in/ with a one-time
code (the demo shows the code on screen). The invitations they accepted, and what they have
suggested and asked since, are the family's door's own demo (`load_demo_family_door`). An
agreement may be withdrawn by a family member themselves (`withdrawn_by` names their key).
"""

import tomllib
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards
from goldenthread.core import services as core_services
from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.families import services
from goldenthread.families.models import (
    AccessLogEntry,
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    LawfulBasis,
    OnePageProfile,
    Part,
    Person,
    Relationship,
    StoryEntry,
    TeamMember,
)
from goldenthread.families.permissions import CASEWORK_ROLES
from goldenthread.partnership.management.commands.load_demo_partnership import (
    email_for,
    read_demo,
)
from goldenthread.partnership.models import Organisation

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
CODES_SHOWN = 3
PROFILE_FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me", "written_with")
Basis = AccessLogEntry.Basis


@dataclass(frozen=True)
class Practitioner:
    """A demo person of the partnership, as the partnership's data files name them."""

    name: str
    email: str
    organisation: str
    role: str
    job_title: str


@dataclass
class DemoFamilies:
    data_protection_lead: str
    families: list[dict]
    practitioners: dict[str, Practitioner] = field(default_factory=dict)
    organisations: set[str] = field(default_factory=set)


def read_demo_families(directory: Path = DEMO_DIR) -> DemoFamilies:
    with open(directory / "demo.toml", "rb") as handle:
        settings = tomllib.load(handle)
    families = []
    for path in sorted((directory / "families").glob("*.toml")):
        with open(path, "rb") as handle:
            entry = tomllib.load(handle)
        entry["file"] = path.name
        families.append(entry)
    partnership = read_demo()
    practitioners = {}
    for organisation in partnership.organisations:
        for role, full_name, job_title in organisation["people"]:
            practitioners[full_name] = Practitioner(full_name, email_for(full_name, organisation["email_domain"]), organisation["name"], role, job_title)
    demo = DemoFamilies(
        data_protection_lead=settings["data_protection_lead"],
        families=families,
        practitioners=practitioners,
        organisations={organisation["name"] for organisation in partnership.organisations},
    )
    check_demo_families(demo, team_emails={person["email"] for person in partnership.team})
    return demo


def check_demo_families(demo: DemoFamilies, team_emails: set[str]) -> None:
    """Refuse a data file with a mistake, naming it, rather than load half a family."""
    problems = []
    if demo.data_protection_lead not in team_emails:
        problems.append(f"demo.toml: the data protection lead {demo.data_protection_lead!r} is not in the partnership team.")
    names = [family["family_name"] for family in demo.families]
    if len(set(names)) != len(names):
        problems.append("Two families share a name.")
    for family in demo.families:
        problems.extend(f"{family['file']}: {problem}" for problem in _family_problems(demo, family))
    if problems:
        raise CommandError("The demo family files have mistakes:\n  " + "\n  ".join(problems))


def _family_problems(demo: DemoFamilies, family: dict) -> list[str]:
    problems = []
    recording = family["recording_organisation"]
    if recording not in demo.organisations:
        problems.append(f"unknown recording organisation {recording!r}.")
    if family["lawful_basis"] not in LawfulBasis.values:
        problems.append(f"unknown lawful basis {family['lawful_basis']!r}.")
    keys = [person["key"] for person in family.get("people", [])]
    with_sign_in = {person["key"] for person in family.get("people", []) if person.get("account_email")}
    if len(set(keys)) != len(keys):
        problems.append("two people share a key.")
    if sum(1 for person in family.get("people", []) if person.get("is_focus")) != 1:
        problems.append("needs exactly one child or young person at the centre (is_focus).")
    for person in family.get("people", []):
        if person["role"] not in Person.RoleInFamily.values:
            problems.append(f"{person['key']}: unknown role {person['role']!r}.")
        if person.get("account_email") and not person["account_email"].endswith(".example"):
            problems.append(f"{person['key']}: e-mail domains must end in .example.")
    for relationship in family.get("relationships", []):
        for key in (relationship["person"], relationship["other"]):
            if key not in keys:
                problems.append(f"a relationship names {key!r}, who is not in the household.")

    team = family.get("team", [])
    team_names = {member["practitioner"] for member in team}
    for member in team:
        practitioner = demo.practitioners.get(member["practitioner"])
        if practitioner is None:
            problems.append(f"team: {member['practitioner']!r} is not a demo practitioner.")
        elif practitioner.role not in CASEWORK_ROLES:
            problems.append(f"team: {member['practitioner']} does no casework ({practitioner.role}).")
    leads = [member for member in team if member.get("lead")]
    if len(leads) != 1:
        problems.append("the team needs exactly one lead practitioner.")
    elif leads[0]["practitioner"] in demo.practitioners and demo.practitioners[leads[0]["practitioner"]].organisation != recording:
        problems.append("the lead practitioner must work for the recording organisation.")
    for kind in ("story", "chronology"):
        for entry in family.get(kind, []):
            if entry["recorded_by"] not in team_names:
                problems.append(f"{kind}: {entry['recorded_by']!r} is not in the team.")

    for consent in family.get("consents", []):
        organisation = consent["organisation"]
        if organisation not in demo.organisations or organisation == recording:
            problems.append(f"consents: {organisation!r} must be another organisation of the partnership.")
        if not consent["parts"] or any(part not in Part.values for part in consent["parts"]):
            problems.append(f"consents: {organisation}: parts must be some of {', '.join(Part.values)}.")
        if consent["method"] not in ConsentAgreement.Method.values:
            problems.append(f"consents: {organisation}: unknown method {consent['method']!r}.")
        if consent.get("given_by") and consent["given_by"] not in keys:
            problems.append(f"consents: {organisation}: given_by {consent['given_by']!r} is not in the household.")
        if not consent.get("given_by") and not consent.get("given_by_name"):
            problems.append(f"consents: {organisation}: say who gave it (given_by or given_by_name).")
        if consent["recorded_by"] not in team_names:
            problems.append(f"consents: {organisation}: {consent['recorded_by']!r} is not in the team.")
        withdrawn_by = consent.get("withdrawn_by")
        if withdrawn_by and withdrawn_by not in team_names and withdrawn_by not in with_sign_in:
            problems.append(f"consents: {organisation}: {withdrawn_by!r} is not in the team, nor a family member with their own sign-in.")
    for emergency in family.get("emergency_access", []):
        if emergency["practitioner"] not in demo.practitioners:
            problems.append(f"emergency access: {emergency['practitioner']!r} is not a demo practitioner.")
        if emergency["review"] not in EmergencyAccess.Review.values:
            problems.append(f"emergency access: unknown review {emergency['review']!r}.")
    return problems


def demo_texts(demo: DemoFamilies):
    """Every piece of writing in the demo families, as (where, text): for the language check."""
    for family in demo.families:
        where = family["file"]
        yield f"{where}: lawful basis note", family.get("lawful_basis_note", "")
        yield f"{where}: contact details", family.get("contact_details", "")
        for person in family.get("people", []):
            for name, text in person.get("profile", {}).items():
                yield f"{where}: {person['key']}'s profile, {name}", text
        for relationship in family.get("relationships", []):
            yield f"{where}: relationship", relationship["description"]
        for index, entry in enumerate(family.get("story", []), start=1):
            for name in ("story", "who_was_there", "how_agreed"):
                yield f"{where}: story {index}, {name}", entry[name]
        for index, entry in enumerate(family.get("chronology", []), start=1):
            for name in ("what_happened", "meaning_for_child"):
                yield f"{where}: chronology {index}, {name}", entry[name]
        for consent in family.get("consents", []):
            yield f"{where}: agreement with {consent['organisation']}, withdrawal note", consent.get("withdrawal_note", "")
        for emergency in family.get("emergency_access", []):
            yield f"{where}: emergency access reason", emergency["reason"]
            yield f"{where}: emergency access review note", emergency.get("review_note", "")


def paragraphs(text: str) -> str:
    """Join the lines of each paragraph (the files wrap them), keeping blank lines between paragraphs."""
    return "\n\n".join(" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip())


def is_loaded(demo: DemoFamilies) -> bool:
    return Family.objects.filter(family_name__in=[family["family_name"] for family in demo.families]).exists()


def _birthday(today: date, age_years: float, who: str = "") -> date:
    """A date of birth `age_years` before today, never on today's date.

    A whole number of years ("31") means 31 and some months: the birthday falls 30 to 329 days
    before today (chosen from the person's name, so every load gives the same), so nobody in
    the demo has a birthday on the day it is loaded. A fraction ("1.2") is taken as it is.
    """
    if float(age_years).is_integer():
        years_ago = _same_day_years_before(today, int(age_years))
        return years_ago - timedelta(days=30 + zlib.crc32(who.encode("utf-8")) % 300)
    born = today - timedelta(days=round(age_years * 365.25))
    if (born.month, born.day) == (today.month, today.day):
        born -= timedelta(days=1)
    return born


def _same_day_years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)


class Builder:
    """Writes the demo families; keeps who is who, for the two-step set-up afterwards."""

    def __init__(self, demo: DemoFamilies, now: datetime):
        self.demo = demo
        self.now = now
        self.today = timezone.localdate(now)
        self.users = {user.email: user for user in User.objects.filter(email__in=[p.email for p in demo.practitioners.values()])}
        self.organisations = {organisation.name: organisation for organisation in Organisation.objects.filter(name__in=demo.organisations)}
        self.log: list[AccessLogEntry] = []

    def user(self, name: str) -> User:
        return self.users[self.demo.practitioners[name].email]

    def organisation_of(self, name: str) -> Organisation:
        return self.organisations[self.demo.practitioners[name].organisation]

    def at(self, days_ago: float) -> datetime:
        return self.now - timedelta(days=days_ago)

    def build(self) -> None:
        for entry in self.demo.families:
            self.build_family(entry)
        AccessLogEntry.objects.bulk_create(sorted(self.log, key=lambda line: line.at))

    def note(self, family, who: str | User, at, action, part, basis, detail, emergency=None):
        user = who if isinstance(who, User) else self.user(who)
        if isinstance(who, User):
            organisation = "Family member" if basis == Basis.FAMILY_MEMBER else ""
        else:
            organisation = self.demo.practitioners[who].organisation
        self.log.append(
            AccessLogEntry(
                at=at,
                family=family,
                family_reference=family.reference,
                user=user,
                user_label=user.full_name,
                organisation_label=organisation,
                action=action,
                part=part,
                basis=basis,
                detail=detail,
                emergency=emergency,
            )
        )

    def basis_for(self, family, name: str) -> str:
        in_recording = self.demo.practitioners[name].organisation == family.recording_organisation.name
        return Basis.RECORDING_ORGANISATION if in_recording else Basis.CONSENT

    def build_family(self, entry: dict) -> Family:
        lead_name = next(member["practitioner"] for member in entry["team"] if member.get("lead"))
        closed_days_ago = entry.get("closed_days_ago")
        created_at = self.at(entry["created_days_ago"])
        family = Family.objects.create(
            family_name=entry["family_name"],
            contact_details=entry.get("contact_details", "").strip(),
            lawful_basis=entry["lawful_basis"],
            lawful_basis_note=paragraphs(entry.get("lawful_basis_note", "")),
            recording_organisation=self.organisations[entry["recording_organisation"]],
            created_by=self.user(lead_name),
            created_at=created_at,
            status=Family.Status.CLOSED if closed_days_ago is not None else Family.Status.OPEN,
            closed_on=self.today - timedelta(days=closed_days_ago) if closed_days_ago is not None else None,
        )
        self.note(family, lead_name, created_at, "create", "household", Basis.RECORDING_ORGANISATION, "Recorded the family")

        people = {}
        for person in entry["people"]:
            people[person["key"]] = self.build_person(family, person, lead_name)
        for relationship in entry.get("relationships", []):
            Relationship.objects.create(
                family=family,
                person=people[relationship["person"]],
                other=people[relationship["other"]],
                description=relationship["description"],
            )
        for member in entry["team"]:
            TeamMember.objects.create(
                family=family,
                user=self.user(member["practitioner"]),
                organisation=self.organisation_of(member["practitioner"]),
                is_lead=bool(member.get("lead")),
                joined_on=self.today - timedelta(days=member["joined_days_ago"]),
                added_by=self.user(lead_name),
            )
        for story in entry.get("story", []):
            told_on = self.today - timedelta(days=story["told_days_ago"])
            StoryEntry.objects.create(
                family=family,
                story=paragraphs(story["story"]),
                who_was_there=story["who_was_there"],
                told_on=told_on,
                how_agreed=story["how_agreed"],
                recorded_by=self.user(story["recorded_by"]),
                recorded_at=self.at(story["told_days_ago"]),
            )
            self.note(
                family,
                story["recorded_by"],
                self.at(story["told_days_ago"]),
                "create",
                Part.STORY,
                self.basis_for(family, story["recorded_by"]),
                "The family's story",
            )
        for event in entry.get("chronology", []):
            ChronologyEntry.objects.create(
                family=family,
                occurred_on=self.today - timedelta(days=event["days_ago"]),
                what_happened=event["what_happened"],
                meaning_for_child=event["meaning_for_child"],
                organisation=self.organisation_of(event["recorded_by"]),
                recorded_by=self.user(event["recorded_by"]),
                recorded_at=self.at(max(event["days_ago"] - 1, 0)),
            )
        for consent in entry.get("consents", []):
            self.build_consent(family, consent, people)
        for emergency in entry.get("emergency_access", []):
            self.build_emergency(family, emergency)
        return family

    def build_person(self, family, person: dict, lead_name: str) -> Person:
        account = None
        if person.get("account_email"):
            # A family account, as an invitation makes it: no password (they sign in with a one-time code).
            account = User.objects.create_user(
                person["account_email"],
                None,
                full_name=f"{person.get('preferred_name') or person['first_name']} {person.get('last_name', '')}".strip(),
                is_family_account=True,
            )
        created = Person.objects.create(
            family=family,
            first_name=person["first_name"],
            last_name=person.get("last_name", ""),
            preferred_name=person.get("preferred_name", ""),
            pronouns=person.get("pronouns", ""),
            date_of_birth=_birthday(self.today, person["age_years"], person["first_name"]) if "age_years" in person else None,
            role_in_family=person["role"],
            is_focus=bool(person.get("is_focus")),
            account=account,
        )
        profile = person.get("profile")
        if profile:
            OnePageProfile.objects.create(person=created, updated_by=self.user(lead_name), **{name: profile.get(name, "") for name in PROFILE_FIELDS})
        return created

    def build_consent(self, family, consent: dict, people: dict) -> ConsentAgreement:
        given_by = people.get(consent.get("given_by"))
        valid_from = self.today - timedelta(days=consent["from_days_ago"])
        withdrawn_days_ago = consent.get("withdrawn_days_ago")
        withdrawn_by_family = people.get(consent.get("withdrawn_by"))  # a family member, on their own pages
        withdrawer = None
        if withdrawn_days_ago is not None:
            withdrawer = withdrawn_by_family.account if withdrawn_by_family is not None else self.user(consent["withdrawn_by"])
        agreement = ConsentAgreement.objects.create(
            family=family,
            organisation=self.organisations[consent["organisation"]],
            parts=sorted(consent["parts"]),
            valid_from=valid_from,
            valid_until=self.today + timedelta(days=consent["until_in_days"]) if "until_in_days" in consent else None,
            given_by=given_by,
            given_by_name=consent.get("given_by_name") or f"{given_by.first_name} {given_by.last_name}".strip(),
            method=consent["method"],
            recorded_by=self.user(consent["recorded_by"]),
            recorded_at=self.at(consent["from_days_ago"]),
            withdrawn_at=self.at(withdrawn_days_ago) if withdrawn_days_ago is not None else None,
            withdrawn_by=withdrawer,
            withdrawal_note=consent.get("withdrawal_note", ""),
        )
        organisation = consent["organisation"]
        self.note(
            family,
            consent["recorded_by"],
            self.at(consent["from_days_ago"]),
            "create",
            "consents",
            Basis.RECORDING_ORGANISATION,
            f"Agreement for {organisation}: {', '.join(agreement.parts)}",
        )
        readers = [member for member in _team_of(family, self.demo) if self.demo.practitioners[member].organisation == organisation]
        for reader in readers:
            for part in agreement.parts:
                self.note(family, reader, self.at(consent["from_days_ago"] - 2), "view", part, Basis.CONSENT, "family overview")
            if withdrawn_days_ago is not None:
                self.note(
                    family,
                    reader,
                    self.at(withdrawn_days_ago - 1),
                    "view",
                    Part.STORY,
                    Basis.REFUSED,
                    "family overview: The family has not agreed that your organisation may see this part of their record.",
                )
        if withdrawn_days_ago is not None:
            if withdrawn_by_family is not None:
                self.note(
                    family, withdrawer, self.at(withdrawn_days_ago), "update", "consents", Basis.FAMILY_MEMBER, f"Withdrew the agreement for {organisation}"
                )
            else:
                self.note(
                    family,
                    consent["withdrawn_by"],
                    self.at(withdrawn_days_ago),
                    "update",
                    "consents",
                    Basis.RECORDING_ORGANISATION,
                    f"Withdrew the agreement for {organisation}",
                )
        return agreement

    def build_emergency(self, family, emergency: dict) -> EmergencyAccess:
        started_at = self.now - timedelta(hours=emergency["started_hours_ago"])
        reviewed = emergency["review"] != EmergencyAccess.Review.WAITING
        access = EmergencyAccess.objects.create(
            family=family,
            user=self.user(emergency["practitioner"]),
            reason=paragraphs(emergency["reason"]),
            started_at=started_at,
            expires_at=started_at + timedelta(hours=services.emergency_access_hours()),
            review=emergency["review"],
            reviewed_by=User.objects.get(email=self.demo.data_protection_lead) if reviewed else None,
            reviewed_at=self.now - timedelta(hours=emergency["reviewed_hours_ago"]) if reviewed else None,
            review_note=emergency.get("review_note", ""),
        )
        who = emergency["practitioner"]
        self.note(
            family,
            who,
            started_at,
            "emergency-start",
            "",
            Basis.EMERGENCY,
            "Emergency access started; the data protection lead will review it",
            emergency=access,
        )
        for minutes, part in enumerate(("household", Part.CONTACT, Part.STORY, Part.PROFILES, Part.CHRONOLOGY), start=1):
            self.note(family, who, started_at + timedelta(minutes=minutes), "view", part, Basis.EMERGENCY, "family overview", emergency=access)
        return access


def _team_of(family, demo: DemoFamilies) -> list[str]:
    entry = next(entry for entry in demo.families if entry["family_name"] == family.family_name)
    return [member["practitioner"] for member in entry["team"]]


@transaction.atomic
def build(demo: DemoFamilies, now: datetime) -> None:
    missing = [p.email for p in demo.practitioners.values() if not User.objects.filter(email=p.email).exists()]
    if missing or not User.objects.filter(email=demo.data_protection_lead).exists():
        raise CommandError("The demo partnership is not loaded. Run 'manage.py load_demo_partnership' first.")
    Builder(demo, now).build()


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    codes: tuple[str, ...]


def people_who_see_family_records(demo: DemoFamilies) -> list[tuple[str, str]]:
    """(e-mail, role) for everyone the demo gives a staff sign-in to family records (with two steps), in the files' order."""
    found = {demo.data_protection_lead: "Data protection lead: reviews emergency access"}
    for family in demo.families:
        for member in family["team"]:
            practitioner = demo.practitioners[member["practitioner"]]
            found.setdefault(practitioner.email, f"{practitioner.job_title}, {practitioner.organisation}")
        for emergency in family.get("emergency_access", []):
            practitioner = demo.practitioners[emergency["practitioner"]]
            found.setdefault(practitioner.email, f"{practitioner.job_title}, {practitioner.organisation} (used emergency access)")
    return list(found.items())


def family_sign_ins(demo: DemoFamilies) -> list[tuple[str, str]]:
    """(e-mail, who) for every family member the demo gives their own sign-in (a family account), in the files' order."""
    found = []
    for family in demo.families:
        for person in family["people"]:
            if person.get("account_email"):
                name = f"{person.get('preferred_name') or person['first_name']} {person.get('last_name', '')}".strip()
                found.append((person["account_email"], f"{name}, {family['family_name']} ({_role_words(person)})"))
    return found


def _role_words(person: dict) -> str:
    return {"child": "young person", "sibling": "young person", "parent": "parent", "carer": "carer"}.get(person["role"], person["role"])


@transaction.atomic
def set_up_two_step(demo: DemoFamilies, *, new_codes: bool = False) -> list[SignIn]:
    """A confirmed authenticator and recovery codes for each of them; returns the codes to print."""
    for lead in User.objects.filter(email=demo.data_protection_lead, is_data_protection_lead=False):
        lead.is_data_protection_lead = True  # saved on its own, so the audit log sees it
        lead.save(update_fields=["is_data_protection_lead"])
    sign_ins = []
    users = {user.email: user for user in User.objects.filter(email__in=[email for email, _ in people_who_see_family_records(demo)])}
    for email, role in people_who_see_family_records(demo):
        user = users[email]
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
        unused = list(
            StaticToken.objects.filter(device__user=user, device__name=safeguards.RECOVERY_DEVICE_NAME).order_by("id").values_list("token", flat=True)
        )
        if new_codes or len(unused) < CODES_SHOWN:
            unused = core_services.replace_recovery_codes(user, by=user)
        sign_ins.append(SignIn(email, role, tuple(unused[:CODES_SHOWN])))
    return sign_ins


class Command(BaseCommand):
    help = "Load the fictional families of Riverbend for the demo (after load_demo_partnership). Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-codes",
            action="store_true",
            help="Replace every demo person's recovery codes with fresh ones, and print them.",
        )

    def handle(self, *args, **options):
        demo = read_demo_families()
        with acting_as(None):
            if is_loaded(demo):
                self.stdout.write("The Riverbend demo families are already loaded: nothing was changed.")
            else:
                build(demo, timezone.now())
                self.stdout.write(self.style.SUCCESS(self._summary(demo)))
            sign_ins = set_up_two_step(demo, new_codes=options["new_codes"])
        self._print_sign_ins(sign_ins, fresh=options["new_codes"], family=family_sign_ins(demo))

    def _summary(self, demo):
        closed = sum(1 for family in demo.families if "closed_days_ago" in family)
        emergencies = sum(len(family.get("emergency_access", [])) for family in demo.families)
        return (
            f"Loaded {len(demo.families)} demo families ({closed} closed), with their stories, profiles, chronologies, "
            f"teams and agreements, and {emergencies} emergency access waiting for the data protection lead's review."
        )

    def _print_sign_ins(self, sign_ins, *, fresh, family):
        email_width = max(len("Sign-in e-mail"), *(len(s.email) for s in sign_ins))
        codes_width = max(len("Recovery codes"), *(len("  ".join(s.codes)) for s in sign_ins))
        self.stdout.write("")
        self.stdout.write("Family records need two-step verification. These demo people have it set up already:")
        self.stdout.write("sign in with the demo password, and when asked for a code, type one of their recovery codes.")
        self.stdout.write("")
        self.stdout.write(f"  {'Sign-in e-mail'.ljust(email_width)}  {'Recovery codes'.ljust(codes_width)}  Role")
        self.stdout.write(f"  {'-' * email_width}  {'-' * codes_width}  {'-' * 30}")
        for sign_in in sign_ins:
            self.stdout.write(f"  {sign_in.email.ljust(email_width)}  {'  '.join(sign_in.codes).ljust(codes_width)}  {sign_in.role}")
        self.stdout.write("")
        self.stdout.write(("These are fresh codes. " if fresh else "") + "Each recovery code works once.")
        self.stdout.write("For fresh ones, run: manage.py load_demo_families --new-codes")
        if family:
            width = max(len(email) for email, _ in family)
            self.stdout.write("")
            self.stdout.write("Family members with their own sign-in have no password: they sign in at /my-record/sign-in/")
            self.stdout.write("with their e-mail address and a one-time code (the demo shows the code on screen).")
            self.stdout.write("")
            for email, who in family:
                self.stdout.write(f"  {email.ljust(width)}  {who}")
