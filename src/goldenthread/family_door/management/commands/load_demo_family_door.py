"""Load the family's own door for the demo: family members with their own sign-in, and what they have asked of their team.

Run after `load_demo_families` (the demo loader runs every app's loader in order; this one
runs right after the families). The people and their words are in `family_door/data/demo/demo.toml`,
not here. Two young people (Saffron Kittredge, 17, and Dash Quillfeather, 15) and a parent
(Carys Amberley, Ezra's mum) have their own sign-in: the families loader makes their family accounts
(core users with `is_family_account`, no usable password) and links each to their person in
the household (`Person.account`), as the training loader adds the partnership's people, because
the families' data files say who has a sign-in (`account_email`) and one of those agreements was
withdrawn by Dash himself on his own pages. This loader adds what the family's door keeps: the
invitation each of them accepted (sent by their lead practitioner), the short terms they agreed,
one suggestion waiting beside the current text of a profile, a question waiting for a lead
practitioner and one already answered, and one request to share with a new organisation, with
the lines the family's access log has for them. What waits is in the family whose lead is the
demo's practitioner sign-in (Tobias Nwachukwu), so a newcomer signed in as him finds it on
his home page.

Like the other demo commands it is setup, not anyone's action: it writes as the system
(`acting_as(None)`) straight through the ORM (the dates lie in the past, which the services
rightly refuse), and sends no e-mails. Running it again changes nothing. Family members sign
in at /my-record/sign-in/ with their e-mail address and a one-time code; the demo's settings
show the code on screen (never in production).
"""

import secrets
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.families.models import AccessLogEntry, Family, OnePageProfile, Part, Person, TeamMember
from goldenthread.partnership.models import Organisation

from ... import rules
from ...models import Invitation, Question, ShareRequest, Suggestion, TermsAgreed, Waiting, digest

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "demo.toml"
PROFILE_FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me")
Basis = AccessLogEntry.Basis


def read_demo_family_door(path: Path = DEMO_FILE) -> dict:
    with open(path, "rb") as handle:
        demo = tomllib.load(handle)
    problems = []
    for suggestion in demo.get("suggestion", []):
        if not suggestion.get("story") and suggestion.get("profile_field") not in PROFILE_FIELDS:
            problems.append(f"suggestion by {suggestion['person']}: say profile_field (one of {', '.join(PROFILE_FIELDS)}) or story = true.")
    for request in demo.get("share_request", []):
        if not request["parts"] or any(part not in Part.values for part in request["parts"]):
            problems.append(f"share request by {request['person']}: parts must be some of {', '.join(Part.values)}.")
    if problems:
        raise CommandError("The demo file of the family's door has mistakes:\n  " + "\n  ".join(problems))
    return demo


def demo_texts(demo: dict):
    """Every piece of writing in the file, as (where, text): for the language check."""
    for suggestion in demo.get("suggestion", []):
        yield f"suggestion by {suggestion['person']}", suggestion["suggested_text"]
        yield f"suggestion by {suggestion['person']}, why", suggestion.get("why", "")
    for question in demo.get("question", []):
        yield f"question by {question['person']}", question["text"]
        yield f"question by {question['person']}, answer", question.get("answer", "")
    for request in demo.get("share_request", []):
        yield f"share request by {request['person']}, why", request.get("why", "")


def is_loaded(demo: dict) -> bool:
    return Invitation.objects.filter(person__in=[_find(entry) for entry in demo.get("sign_in", [])]).exists()


def _find(entry: dict) -> Person:
    person = Person.objects.select_related("family", "account").filter(family__family_name=entry["family"], first_name=entry["person"]).first()
    if person is None:
        raise CommandError(f"{entry['person']} of {entry['family']} is not in the demo. Run 'manage.py load_demo_families' first.")
    return person


class Builder:
    def __init__(self, now: datetime):
        self.now = now
        self.log: list[AccessLogEntry] = []

    def at(self, days_ago: float) -> datetime:
        return self.now - timedelta(days=days_ago)

    def note(self, person: Person, at, action, part, detail) -> None:
        account = person.account
        self.log.append(
            AccessLogEntry(
                at=at,
                family=person.family,
                family_reference=person.family.reference,
                user=account,
                user_label=account.full_name,
                organisation_label="Family member",
                action=action,
                part=part,
                basis=Basis.FAMILY_MEMBER,
                detail=detail,
            )
        )

    def build(self, demo: dict) -> None:
        for entry in demo.get("sign_in", []):
            self.sign_in(_find(entry), entry)
        for entry in demo.get("suggestion", []):
            self.suggestion(_own(entry), entry)
        for entry in demo.get("question", []):
            self.question(_own(entry), entry)
        for entry in demo.get("share_request", []):
            self.share_request(_own(entry), entry)
        AccessLogEntry.objects.bulk_create(sorted(self.log, key=lambda line: line.at))

    def sign_in(self, person: Person, entry: dict) -> Invitation:
        account = person.account
        if account is None or not account.is_family_account:
            raise CommandError(f"{person} has no family account: give them an account_email in the families' demo files.")
        lead = _lead(person.family)
        accepted_at = self.at(entry["accepted_days_ago"])
        invited_at = accepted_at - timedelta(days=2)
        invitation = Invitation.objects.create(
            person=person,
            email=account.email,
            invited_by=lead,
            invited_at=invited_at,
            expires_at=invited_at + timedelta(days=rules.door().invitation_days),
            token_digest=digest(secrets.token_urlsafe(32)),  # the link was used: nobody needs its token again
            accepted_at=accepted_at,
        )
        TermsAgreed.objects.create(user=account, version=rules.terms().version, agreed_at=accepted_at)
        account.date_joined = accepted_at
        account.save(update_fields=["date_joined"])
        self.note(person, accepted_at, "create", "access-log", "Joined with their invitation and agreed to the terms for family members")
        return invitation

    def suggestion(self, person: Person, entry: dict) -> Suggestion:
        field = "" if entry.get("story") else entry["profile_field"]
        profile = OnePageProfile.objects.filter(person=person).first()
        made_at = self.at(entry["days_ago"])
        suggestion = Suggestion.objects.create(
            person=person,
            family=person.family,
            target=Suggestion.Target.NEW_STORY if entry.get("story") else Suggestion.Target.PROFILE,
            profile_field=field,
            text_then=getattr(profile, field, "") if field and profile else "",
            suggested_text=entry["suggested_text"],
            why=entry.get("why", ""),
            made_at=made_at,
        )
        self.note(person, made_at, "create", Part.STORY if entry.get("story") else Part.PROFILES, "Suggested a change in their own words")
        return suggestion

    def question(self, person: Person, entry: dict) -> Question:
        asked_at = self.at(entry["days_ago"])
        question = Question(person=person, family=person.family, text=entry["text"], asked_at=asked_at)
        if entry.get("answer"):
            lead = _lead(person.family)
            question.answer = entry["answer"]
            question.status = Waiting.REPLIED
            question.answered_by = lead
            question.answered_at = self.at(entry["answered_days_ago"])
            question.seen_answer_at = self.at(entry["answered_days_ago"] - 0.5)
        question.save()
        self.note(person, asked_at, "create", "team", "Asked their lead practitioner a question")
        if question.answered_by is not None:
            self.log.append(
                AccessLogEntry(
                    at=question.answered_at,
                    family=person.family,
                    family_reference=person.family.reference,
                    user=question.answered_by,
                    user_label=question.answered_by.full_name,
                    organisation_label=person.family.recording_organisation.name,
                    action="update",
                    part="team",
                    basis=Basis.RECORDING_ORGANISATION,
                    detail="Answered a family member's question",
                )
            )
        return question

    def share_request(self, person: Person, entry: dict) -> ShareRequest:
        organisation = Organisation.objects.filter(name=entry["organisation"]).first()
        if organisation is None or organisation.pk == person.family.recording_organisation_id:
            raise CommandError(f"share request by {person}: {entry['organisation']!r} must be another organisation of the demo partnership.")
        asked_at = self.at(entry["days_ago"])
        request = ShareRequest.objects.create(
            person=person, family=person.family, organisation=organisation, parts=sorted(entry["parts"]), why=entry.get("why", ""), asked_at=asked_at
        )
        self.note(person, asked_at, "create", "consents", f"Asked to share with {organisation.name}")
        return request


def _lead(family):
    """The family's lead practitioner (who invites and answers), or None."""
    place = TeamMember.objects.filter(family=family, is_lead=True, left_on__isnull=True).select_related("user").first()
    return place.user if place else None


def _own(entry: dict) -> Person:
    person = _find(entry)
    if person.account_id is None:
        raise CommandError(f"{person} has no sign-in of their own: add them to [[sign_in]] and give them an account_email.")
    return person


@transaction.atomic
def build(demo: dict, now: datetime) -> None:
    if not Family.objects.exists():
        raise CommandError("The demo families are not loaded. Run 'manage.py load_demo_families' first.")
    Builder(now).build(demo)


class Command(BaseCommand):
    help = "Load the family's own door for the demo (after load_demo_families): own sign-ins, a suggestion, a question. Running it again changes nothing."

    def handle(self, *args, **options):
        demo = read_demo_family_door()
        with acting_as(None):
            if is_loaded(demo):
                self.stdout.write("The family's own door is already loaded for the demo: nothing was changed.")
                return
            build(demo, timezone.now())
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the family's own door: {len(demo.get('sign_in', []))} family members with their own sign-in, "
                f"{len(demo.get('suggestion', []))} suggestion and {len(demo.get('share_request', []))} request to share "
                f"waiting for their teams, {len(demo.get('question', []))} questions for their lead practitioners."
            )
        )
