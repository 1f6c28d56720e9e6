"""The product's own words pass its own shared-language check.

Every page each person sees with the demo partnership loaded (its visible text, read with the
language engine's own HTML reader), every e-mail the product sends, and every message it
shows when something is done or refused: none of it may carry a shared-language warning or
suggestion. The demo's records are in the check too: demo text is meant to be exemplary.

An exception is never made here: where the engine is wrong about our words, the rule is put
right (with a must-pass example in its rules file).
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.partnership.models import Role
from tests import every_page

SRC = Path(__file__).resolve().parent.parent / "src" / "goldenthread"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def faults(text: str) -> list:
    return [f for f in check(text) if f.is_fault]


def where(text: str, finding, width: int = 60) -> str:
    return " ".join(text[max(0, finding.start - width) : finding.end + width].split())


def report(problems) -> str:
    return "\n".join(f"{place}: ‘{words}’ ({rule}) in: …{context}…" for place, words, rule, context in problems)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo partnership, loaded once for this module and rolled back after it: role -> person."""
    with every_page.load_demo_once(django_db_blocker):
        yield every_page.demo_people()


# --- the pages ------------------------------------------------------------------------------


ROLES = ("anonymous", "partnership lead", "data protection lead", "organisation lead", "champion", "practitioner", "trainer", "family member")


def test_the_check_covers_every_person_the_demo_has(demo, db):
    assert set(demo) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_each_person_sees_passes_the_shared_language_check(demo, db, role):
    """The visible text of every page, as the demo person sees it (demo records included), has nothing to advise on."""
    person = demo[role]
    client = every_page.client_for(person)
    problems, seen = [], 0
    for page in every_page.pages_for(person, client=client):
        response = client.get(page, follow=True)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        text = read_bytes(response.content, ".html")
        seen += 1
        problems += [(page, f.text, f.rule, where(text, f)) for f in faults(text)]
    assert seen > 3
    assert not problems, report(problems)


# --- the e-mails ----------------------------------------------------------------------------


EMAIL_TASK = "goldenthread.core.mail.send_email"
EMAIL_TEMPLATES = sorted(str(p.relative_to(SRC / p.relative_to(SRC).parts[0] / "templates")) for p in SRC.glob("*/templates/**/email/*.txt"))


def _builders(module) -> set[str]:
    """The (subject, body) functions of an app's emails.py: those it defines that say they return tuple[str, str], or say nothing of what they return."""
    found = set()
    for name, value in vars(module).items():
        if not inspect.isfunction(value) or value.__module__ != module.__name__ or name.startswith("_"):
            continue
        returns = value.__annotations__.get("return")
        if returns is None or str(returns) == "tuple[str, str]":
            found.add(name)
    return found


def _emails_built_by(module, calls: list) -> list[tuple[str, str, str]]:
    """Each (subject, body) function of an app's emails.py, called with demo records; every one must be called."""
    builders = _builders(module)
    assert builders == {name for name, _ in calls}, f"{module.__name__}: give the own-words test demo records for {sorted(builders - {n for n, _ in calls})}"
    return [(f"{module.__name__}.{name}", *build()) for name, build in calls]


def every_email(people: dict, client: Client, capture) -> list[tuple[str, str, str]]:
    """Every e-mail the product sends, written with demo records: (what, subject, body)."""
    from datetime import timedelta
    from types import SimpleNamespace
    from uuid import uuid4

    from django.test.signals import template_rendered
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from goldenthread.continuum import services as continuum_services
    from goldenthread.continuum.models import Assessment
    from goldenthread.core.tasks import SIGN_IN_CHANGES, send_sign_in_change_notice
    from goldenthread.families import emails as family_emails
    from goldenthread.families.models import Family
    from goldenthread.partnership import services as partnership_services
    from goldenthread.pledges.models import Pledge
    from goldenthread.pledges.tasks import send_renewal_reminder
    from goldenthread.supervision import emails as supervision_emails
    from goldenthread.supervision.models import AgreedAction, Session
    from goldenthread.wellbeing import emails as wellbeing_emails
    from goldenthread.wellbeing.models import ReflectiveSpace

    rendered: set[str] = set()

    def note(sender, template, context, **kwargs):
        rendered.add(template.name)

    template_rendered.connect(note)
    try:
        found: list[tuple[str, str, str]] = []
        lead, someone = people["organisation lead"], people["practitioner"]
        session = Session.objects.exclude(accountable_manager=None).order_by("pk").first()
        action = AgreedAction.objects.select_related("session", "owner").order_by("pk").first()
        found += _emails_built_by(
            supervision_emails,
            [
                ("invitation", lambda: supervision_emails.invitation(session, someone, by=lead, by_organisation="Riverbend Children's Services")),
                ("cancellation", lambda: supervision_emails.cancellation(session, someone, by=lead)),
                ("confirmation_needed", lambda: supervision_emails.confirmation_needed(action, by=someone)),
                ("reminder", lambda: supervision_emails.reminder(action, "before")),
                ("reminder", lambda: supervision_emails.reminder(action, "after")),
            ],
        )
        family = Family.objects.order_by("pk").first()
        now = timezone.now()
        organisation = lead.memberships.first().organisation
        found += _emails_built_by(
            family_emails,
            [
                ("join_request", lambda: family_emails.join_request(SimpleNamespace(family=family, user=someone, organisation=organisation), lead)),
                (
                    "emergency_access_to_review",
                    lambda: family_emails.emergency_access_to_review(
                        SimpleNamespace(family=family, user=someone, started_at=now, expires_at=now + timedelta(hours=1), public_id=uuid4()), lead
                    ),
                ),
            ],
        )
        space = ReflectiveSpace.objects.filter(after_hard_event=False).order_by("starts_at").first()
        hard_event_space = ReflectiveSpace.objects.filter(after_hard_event=True).order_by("starts_at").first() or space
        found += _emails_built_by(
            wellbeing_emails,
            [
                ("check_in_reminder", wellbeing_emails.check_in_reminder),
                ("place_booked", lambda: wellbeing_emails.place_booked(space)),
                ("place_reminder", lambda: wellbeing_emails.place_reminder(space)),
                ("space_changed", lambda: wellbeing_emails.space_changed(space)),
                ("space_cancelled", lambda: wellbeing_emails.space_cancelled(space, "The host is unwell, and no one else can run it this week.")),
                ("offered_after_hard_event", lambda: wellbeing_emails.offered_after_hard_event(hard_event_space)),
            ],
        )
        found += _training_emails()
        found += _programme_emails()
        # sent by background tasks, straight to the mail box
        for what in SIGN_IN_CHANGES:
            send_sign_in_change_notice.call(someone.pk, what)
        pledge = Pledge.objects.filter(status=Pledge.Status.PUBLISHED, organisation__memberships__role=Role.ORGANISATION_LEAD).order_by("pk").first()
        send_renewal_reminder.call(pledge.pk, pledge.expires_on.isoformat())
        # sent by services once their change is saved: a new member's invitation, a self-assessment invitation, a password reset
        with capture(execute=True):
            assessment = Assessment.objects.filter(completed_on=None).select_related("organisation").order_by("pk").first()
            assessment_lead = assessment.organisation.memberships.filter(role=Role.ORGANISATION_LEAD).first().user
            membership = partnership_services.add_member(
                assessment.organisation, by=assessment_lead, email="rowan.hale@riverbend.example", full_name="Rowan Hale"
            )
            continuum_services.invite(assessment, by=assessment_lead, people=[membership.user])
            client.post(reverse("core:password-reset"), {"email": someone.email})
        for result in DBTaskResult.objects.filter(task_path=EMAIL_TASK).order_by("id"):
            _to, subject, body = result.args_kwargs["args"]
            found.append((EMAIL_TASK, subject, body))
        found += [("sent at once", message.subject, message.body) for message in mail.outbox]
    finally:
        template_rendered.disconnect(note)
    missing = [name for name in EMAIL_TEMPLATES if name not in rendered]
    assert not missing, f"the own-words test does not yet send these e-mails: {missing}"
    return found


def _training_emails() -> list[tuple[str, str, str]]:
    """Training's e-mails, written with the demo's places: one booked, one offered from a waiting list, and a follow-up on practice."""
    from goldenthread.training import emails as training_emails
    from goldenthread.training.follow_up import emails as follow_up_emails
    from goldenthread.training.models import Booking, PracticeFollowUp

    places = Booking.objects.select_related("session", "session__course", "person").order_by("pk")
    booked = places.filter(status=Booking.Status.BOOKED).first()
    offered = places.filter(status=Booking.Status.OFFERED).first() or booked
    follow_up = PracticeFollowUp.objects.select_related("course", "person").order_by("pk").first()
    found = _emails_built_by(
        training_emails,
        [
            ("booked", lambda: training_emails.booked(booked)),
            ("waiting", lambda: training_emails.waiting(booked, 3)),
            ("offered", lambda: training_emails.offered(offered)),
            ("offer_lapsed", lambda: training_emails.offer_lapsed(offered)),
            ("session_changed", lambda: training_emails.session_changed(booked, ["when it starts", "the venue"])),
            ("session_cancelled", lambda: training_emails.session_cancelled(booked)),
            ("reminder", lambda: training_emails.reminder(booked)),
        ],
    )
    return found + _emails_built_by(follow_up_emails, [("follow_up", lambda: follow_up_emails.follow_up(follow_up))])


def _programme_emails() -> list[tuple[str, str, str]]:
    """The programme's e-mails (its work, stories and champions parts), written with its demo records."""
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from goldenthread.programme.champions import emails as champion_emails
    from goldenthread.programme.champions import queries as champion_queries
    from goldenthread.programme.champions.models import ChampionVolunteer
    from goldenthread.programme.stories import emails as story_emails
    from goldenthread.programme.stories import queries as story_queries
    from goldenthread.programme.stories.models import Story
    from goldenthread.programme.work import emails as work_emails
    from goldenthread.programme.work import queries as work_queries
    from goldenthread.programme.work.models import JoinRequest, WorkstreamMember

    found: list[tuple[str, str, str]] = []
    asked = JoinRequest.objects.filter(status=JoinRequest.Status.WAITING).select_related("workstream__lead", "person").order_by("pk").first()
    workstream, lead = asked.workstream, asked.workstream.lead
    welcomed = SimpleNamespace(workstream=workstream, decided_by=lead, reply="Welcome: we meet on Tuesdays.")
    not_now = SimpleNamespace(workstream=workstream, decided_by=lead, reply="The group is full for now.")
    member = WorkstreamMember.objects.filter(workstream=workstream, left_at=None).exclude(person=lead).select_related("workstream__programme").first()
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    digest = work_queries.digest_for(workstream, monday)
    found += _emails_built_by(
        work_emails,
        [
            ("join_request_to_lead", lambda: work_emails.join_request_to_lead(asked)),
            ("join_request_accepted", lambda: work_emails.join_request_accepted(welcomed)),
            ("join_request_declined", lambda: work_emails.join_request_declined(not_now)),
            ("added_to_workstream", lambda: work_emails.added_to_workstream(member, lead)),
            ("added_to_workstream", lambda: work_emails.added_to_workstream(member, None)),
            ("lead_appointed", lambda: work_emails.lead_appointed(workstream)),
            (
                "weekly_digest",
                lambda: work_emails.weekly_digest(workstream, week_of=monday, due=digest.due, overdue=digest.overdue, last_meeting=digest.last_meeting),
            ),
            ("weekly_digest", lambda: work_emails.weekly_digest(workstream, week_of=monday, due=[], overdue=[], last_meeting=None)),
        ],
    )
    stories = Story.objects.select_related("organisation", "author").order_by("pk")
    waiting = stories.filter(status=Story.Status.WAITING).first()
    found += _emails_built_by(
        story_emails,
        [
            ("waiting_for_approval", lambda: story_emails.waiting_for_approval(waiting, story_queries.approvers_of(waiting)[0])),
            ("approved", lambda: story_emails.approved(stories.filter(status=Story.Status.APPROVED, reach=Story.Reach.PUBLIC).first())),
            ("approved", lambda: story_emails.approved(stories.filter(status=Story.Status.APPROVED, reach=Story.Reach.PARTNERSHIP).first())),
            ("sent_back", lambda: story_emails.sent_back(stories.filter(status=Story.Status.SENT_BACK).first())),
        ],
    )
    offer = ChampionVolunteer.objects.filter(status=ChampionVolunteer.Status.PENDING).select_related("person", "organisation").order_by("pk").first()
    organisation_lead = champion_queries.leads_of(offer.organisation)[0]
    answered = SimpleNamespace(
        person=offer.person, organisation=offer.organisation, decided_by=organisation_lead, reply="Thank you. Let us meet next week to talk it through."
    )
    found += _emails_built_by(
        champion_emails,
        [
            ("offer_to_decide", lambda: champion_emails.offer_to_decide(offer, organisation_lead)),
            ("accepted", lambda: champion_emails.accepted(answered)),
            ("declined", lambda: champion_emails.declined(answered)),
        ],
    )
    return found


def test_every_email_the_product_sends_passes_the_shared_language_check(demo, db, client, django_capture_on_commit_callbacks):
    emails = every_email(demo, client, django_capture_on_commit_callbacks)
    problems = [(what, f.text, f.rule, where(text, f)) for what, subject, body in emails for text in (subject, body) for f in faults(text)]
    assert len(emails) >= 12
    assert not problems, report(problems)


# --- what the product says when something is done or refused ---------------------------------

PLACEHOLDER = "Riverbend"  # stands in for what a message fills in: a name, a date, a count
MESSAGE_CALLS = {"success", "info", "warning", "error"}  # django.contrib.messages
REFUSALS = {"Refused", "ValidationError", "EditConflict"}
MESSAGE_KEYWORDS = {"success_message", "message", "required_message", "future_message", "past_message", "hint", "label", "help_text"}


def _texts(node) -> list[str]:
    """The words an expression can produce, with PLACEHOLDER for what is filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else PLACEHOLDER for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [left + right for left in _texts(node.left) or [PLACEHOLDER] for right in _texts(node.right) or [PLACEHOLDER]]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.Lambda):
        return _texts(node.body)
    if isinstance(node, ast.Dict):
        return [text for value in node.values for text in _texts(value)]
    return []


def every_message() -> list[tuple[str, str]]:
    """(where, words) for every message a person can be shown: done, refused, a field's error or hint, a rule's constant."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).parts
        if parts[0] in ("language", "settings") or "tests" in parts or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = str(path.relative_to(SRC))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                owner = getattr(node.func, "value", None)
                if name in MESSAGE_CALLS and getattr(owner, "id", "") == "messages" and len(node.args) >= 2:
                    found += [(here, text) for text in _texts(node.args[1])]
                elif name in REFUSALS and node.args:
                    found += [(here, text) for text in _texts(node.args[0])]
                elif name in ("TextRule", "DateRule"):
                    found += [(here, text) for arg in node.args for text in _texts(arg)]
                for keyword in node.keywords:
                    if keyword.arg in MESSAGE_KEYWORDS or keyword.arg == "error_messages":
                        found += [(here, text) for text in _texts(keyword.value)]
            elif isinstance(node, ast.Assign) and parts[-1] in ("rules.py", "refusals.py", "permissions.py", "safeguards.py", "services.py"):
                if all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                    found += [(here, text) for text in _texts(node.value)]
    return [(here, text) for here, text in found if len(text.split()) >= 2]


def test_every_message_the_product_shows_passes_the_shared_language_check():
    messages = every_message()
    problems = [(here, f.text, f.rule, where(text, f)) for here, text in messages for f in faults(text)]
    assert len(messages) > 100
    assert not problems, report(problems)


# --- the advice itself ----------------------------------------------------------------------

TYPED = re.compile(r"<textarea\b[^>]*>.*?</textarea>", re.DOTALL)


def visible_text_without_what_was_typed(response) -> str:
    """The page's visible text, leaving out the text boxes, which hold what the person typed."""
    return read_bytes(TYPED.sub("", response.content.decode()).encode(), ".html")


def test_the_advice_given_as_people_type_passes_its_own_check(client, practitioner):
    from goldenthread.language import default_engine

    client.force_login(practitioner, backend=MODEL_BACKEND)
    problems = []
    for rule in default_engine().rules:
        for example in rule.flag[:1]:
            response = client.post(reverse("core:language-feedback"), {"field": "note", "note": example})
            text = read_bytes(response.content, ".html")
            problems += [(rule.id, f.text, f.rule, where(text, f)) for f in faults(text)]
    assert not problems, report(problems)


def test_the_advice_shown_before_words_are_published_passes_its_own_check(client, organisation_lead, childrens_services):
    from goldenthread.pledges.tests.test_forms import good_signing

    client.force_login(organisation_lead, backend=MODEL_BACKEND)
    statement = "Disruptive pupils with challenging behaviour who are non-compliant will be helped. Mum failed to engage and is an addict."
    response = client.post(reverse("pledges:sign", args=[childrens_services.slug]), good_signing(childrens_services, vision=statement))

    assert "Before it goes on the public pledge wall" in response.content.decode()
    text = visible_text_without_what_was_typed(response)
    problems = [("pledges:sign", f.text, f.rule, where(text, f)) for f in faults(text)]
    assert not problems, report(problems)
