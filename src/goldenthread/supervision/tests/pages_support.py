"""What the supervision page tests share: sessions made through the services, and signed-in clients.

Riley Shah (practitioner, Riverbend Children's Services) asks for a group supervision about
an anonymised situation ("J.T., aged 9") and invites Casey Evans (other_agency_practitioner,
Riverbend Community Health). Jo Park (champion) facilitates and Sam Okafor (organisation_lead)
is the accountable manager. Everyone here is fictional. No test lives here.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goldenthread.supervision import services
from goldenthread.supervision.models import Session

PURPOSE = "How can we help J.T. feel safe walking to school? (fictional)"
REFERENCE = "J.T., aged 9"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ask(requester, *, family=None, invitees=(), kind=Session.Kind.GROUP_SUPERVISION, reference=REFERENCE):
    return services.request_session(
        by=requester,
        kind=kind,
        family=family,
        situation_reference=reference,
        purpose=PURPOSE,
        proposed_start=timezone.now() + timedelta(days=7),
        format=Session.Format.ONLINE,
        location="Video call (fictional link)",
        invitees=list(invitees),
    )


def arrange(session, by, *, facilitator, manager):
    return services.schedule(session, by=by, facilitator=facilitator, accountable_manager=manager, proposed_start=timezone.now() + timedelta(days=7))


def acknowledge(session, *users):
    for user in users:
        services.acknowledge_confidentiality(session, by=user)
    return session


def page(name, session_or_action):
    return reverse(f"supervision:{name}", args=[session_or_action.public_id])


@pytest.fixture
def situation(practitioner, other_agency_practitioner, champion, organisation_lead):
    """A group supervision about an anonymised situation, arranged; the facilitator has acknowledged confidentiality."""
    asked = ask(practitioner, invitees=[other_agency_practitioner])
    arrange(asked, practitioner, facilitator=champion, manager=organisation_lead)
    return acknowledge(asked, champion)


@pytest.fixture
def conversation(practitioner, other_agency_practitioner, champion, organisation_lead):
    """A learning conversation about an anonymised situation, arranged and acknowledged by everyone."""
    asked = ask(practitioner, invitees=[other_agency_practitioner], kind=Session.Kind.LEARNING_CONVERSATION, reference="Family R")
    arrange(asked, practitioner, facilitator=champion, manager=organisation_lead)
    return acknowledge(asked, champion, practitioner, other_agency_practitioner, organisation_lead)


@pytest.fixture
def everyone_acknowledged(situation, practitioner, other_agency_practitioner, organisation_lead):
    return acknowledge(situation, practitioner, other_agency_practitioner, organisation_lead)


def an_action(session, facilitator, owner, *, changes_plan=False, due_in_days=14, description="Call the school nurse (fictional)"):
    return services.add_action(
        session,
        by=facilitator,
        description=description,
        owner=owner,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
        changes_childs_plan=changes_plan,
    )


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
