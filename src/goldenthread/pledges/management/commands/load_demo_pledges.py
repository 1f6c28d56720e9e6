"""Load the demo partnership's pledges, statements, action plans and personal pledges.

Run after `load_demo_partnership` (the demo loader runs every app's loader in order). Each
organisation's pledge is written in its own file under `partnership/data/demo/organisations/`,
beside the organisation, so that one file tells one organisation's story; this command reads
the `pledge` and `personal_pledges` tables there. It is setup, not anyone's action: it writes
as the system and straight through the ORM (the demo's dates are made up relative to today,
which the services would rightly refuse), and it schedules no reminders. Running it again
changes nothing.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.partnership.management.commands.load_demo_partnership import read_demo
from goldenthread.partnership.models import Membership, Organisation, Role
from goldenthread.pledges.models import (
    Commitment,
    PersonalPledge,
    Pledge,
    PledgeAction,
    PledgeText,
    ProgressUpdate,
    Renewal,
    Strand,
)

PLEDGE_STATES = {"signed", "renewed", "lapsed", "withdrawn"}


def check_demo_pledges(organisations: list[dict]) -> None:
    """Refuse a data file with a mistake, naming it, rather than load half the pledges."""
    problems = []
    for organisation in organisations:
        name = organisation["name"]
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
            if status not in PledgeAction.Status.values:
                problems.append(f"{name}: unknown action status {status!r}.")
    if problems:
        raise CommandError("The demo data files have mistakes:\n  " + "\n  ".join(problems))


@transaction.atomic
def build(organisations: list[dict], today: date) -> int:
    """Write every pledge and personal pledge the files describe; return how many pledges."""
    pledge_text = PledgeText.current()
    if pledge_text is None:
        raise CommandError("There is no pledge text yet. Run 'manage.py migrate' first.")
    commitments = {commitment.code: commitment for commitment in Commitment.objects.filter(pledge_text=pledge_text)}
    pledged = 0
    for entry in organisations:
        organisation = Organisation.objects.get(name=entry["name"])
        people = {membership.user.full_name: membership.user for membership in Membership.objects.filter(organisation=organisation).select_related("user")}
        lead = next(people[name] for role, name, _ in entry["people"] if role == Role.ORGANISATION_LEAD)
        if "pledge" in entry:
            _build_pledge(organisation, entry["pledge"], pledge_text, commitments, lead, today)
            pledged += 1
        for leader, text in entry.get("personal_pledges", []):
            PersonalPledge.objects.create(user=people[leader], organisation=organisation, commitment=text, made_on=today - timedelta(days=10))
    return pledged


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
        PledgeAction.objects.create(
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
    help = "Load the demo partnership's pledges (run after load_demo_partnership). Running it again changes nothing."

    def handle(self, *args, **options):
        organisations = read_demo().organisations
        check_demo_pledges(organisations)
        names = [entry["name"] for entry in organisations]
        if Organisation.objects.filter(name__in=names).count() != len(names):
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership")
        if Pledge.objects.filter(organisation__name__in=names).exists():
            self.stdout.write("The demo pledges are already loaded: nothing was changed.")
            return
        with acting_as(None):
            pledged = build(organisations, timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo pledges: {pledged} organisations have one."))
