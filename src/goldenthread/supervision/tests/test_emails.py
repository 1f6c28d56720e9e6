"""The e-mails a session sends: an invitation to each person invited, a word to everyone when it is cancelled,
and reminders whose link leads to a page that is there. None says anything about the family.

The Brightwater family and the people are those of test_services_support: Riley asks for a
group supervision about Wrenna and invites Casey (Community Health) and Jo.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import resolve
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.core.mail import send_email
from goldenthread.supervision import services
from goldenthread.supervision.tasks import send_action_reminder

from .test_services_support import PURPOSE, acknowledged, arrange, ask

NEXT_WEEK = timezone.localdate() + timedelta(days=7)
EMAIL_TASK = "goldenthread.core.mail.send_email"


def queued_emails():
    """The e-mails waiting for the task worker, as (to, subject, body)."""
    return [tuple(result.args_kwargs["args"]) for result in DBTaskResult.objects.filter(task_path=EMAIL_TASK).order_by("id")]


def to(address):
    return [(subject, body) for recipients, subject, body in queued_emails() if recipients == [address]]


def the_link_in(body):
    """The one address on the partnership's site in an e-mail, resolved to the page it names."""
    (address,) = [word for word in body.split() if word.startswith(settings.GOLDENTHREAD_SITE_URL)]
    return address, resolve(urlsplit(address).path)


def says_nothing_of_the_family(family, subject, body):
    for detail in (family.reference, "Brightwater", "Wrenna", "M.T.", PURPOSE, "Video call"):
        assert detail not in subject + body, detail


# --- invitations ----------------------------------------------------------------------------


def test_each_person_invited_is_told_who_invited_them_to_what_and_where_to_answer(
    family, practitioner, other_agency_practitioner, champion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion])

    assert {recipients[0] for recipients, _, _ in queued_emails()} == {other_agency_practitioner.email, champion.email}
    ((subject, body),) = to(other_agency_practitioner.email)
    assert "Riley Shah" in subject and "group supervision" in subject
    assert "Hello Casey Evans" in body
    assert "Riley Shah (Riverbend Children's Services) has invited you to a group supervision" in body
    says_nothing_of_the_family(family, subject, body)
    address, page = the_link_in(body)
    assert page.view_name == "supervision:respond"
    assert page.kwargs == {"session_id": session.public_id}


def test_the_person_asking_is_not_invited_to_their_own_session(practitioner, other_agency_practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(practitioner, invitees=[other_agency_practitioner])
    assert to(practitioner.email) == []


def test_the_invitation_is_sent_by_the_worker_and_its_link_opens_the_answer_page(practitioner, other_agency_practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(practitioner, invitees=[other_agency_practitioner])
    assert mail.outbox == [], "the page never waits for the mail server"

    ((recipients, subject, body),) = queued_emails()
    assert send_email.call(recipients, subject, body) == 1
    (sent,) = mail.outbox
    assert sent.to == [other_agency_practitioner.email]
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL

    address, _ = the_link_in(sent.body)
    client = Client()
    client.force_login(other_agency_practitioner)
    assert client.get(urlsplit(address).path).status_code == 200


def test_inviting_more_people_tells_only_those_newly_invited(
    practitioner, other_agency_practitioner, other_agency_lead, champion, django_capture_on_commit_callbacks
):
    session = ask(practitioner, invitees=[other_agency_practitioner])
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(session, by=practitioner, invitees=[other_agency_practitioner, other_agency_lead])

    assert [recipients for recipients, _, _ in queued_emails()] == [[other_agency_lead.email]]
    ((_, body),) = to(other_agency_lead.email)
    assert "Riley Shah (Riverbend Children's Services) has invited you" in body


def test_the_accountable_manager_named_when_arranging_is_invited_too(practitioner, champion, organisation_lead, django_capture_on_commit_callbacks):
    session = ask(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        arrange(session, practitioner, facilitator=champion, manager=organisation_lead)
    assert [recipients for recipients, _, _ in queued_emails()] == [[organisation_lead.email]]


def test_a_refused_invitation_tells_nobody(practitioner, other_agency_lead, partnership_lead, django_capture_on_commit_callbacks):
    session = ask(practitioner)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.invite(session, by=practitioner, invitees=[other_agency_lead, partnership_lead])
    assert queued_emails() == []
    assert not session.attendees.filter(user=other_agency_lead).exists()


# --- cancelling -----------------------------------------------------------------------------


def test_cancelling_tells_everyone_else_with_a_place_but_not_why(
    family, practitioner, other_agency_practitioner, champion, organisation_lead, django_capture_on_commit_callbacks
):
    session = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion])
    arrange(session, practitioner, facilitator=practitioner, manager=organisation_lead)
    services.respond(session.attendees.get(user=champion), by=champion, response="declined")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session, by=practitioner, reason="Wrenna's family moved to another borough")

    told = sorted(recipients[0] for recipients, _, _ in queued_emails())
    assert told == sorted([other_agency_practitioner.email, organisation_lead.email])
    ((subject, body),) = to(other_agency_practitioner.email)
    assert "cancelled" in subject
    assert "Riley Shah has cancelled the group supervision" in body
    assert "another borough" not in body
    says_nothing_of_the_family(family, subject, body)
    _, page = the_link_in(body)
    assert page.view_name == "supervision:session"
    assert page.kwargs == {"session_id": session.public_id}


# --- reminders ------------------------------------------------------------------------------


def test_the_reminders_link_leads_to_the_session_page_the_action_is_on(practitioner, other_agency_practitioner, champion, organisation_lead):
    session = ask(practitioner, invitees=[other_agency_practitioner])
    arrange(session, practitioner, facilitator=practitioner, manager=organisation_lead)
    acknowledged(session, practitioner, other_agency_practitioner)
    action = services.add_action(session, by=practitioner, description="Call the school", owner=other_agency_practitioner, due_on=NEXT_WEEK)

    for when in ("before", "after"):
        assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), when) == 1
    for message in mail.outbox:
        _, page = the_link_in(message.body)
        assert page.view_name == "supervision:session"
        assert page.kwargs == {"session_id": session.public_id}
