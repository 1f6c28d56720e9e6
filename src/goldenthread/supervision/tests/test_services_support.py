"""Sessions the supervision tests share, made the way people make them: through the services.

The Brightwater family (fictional) is the one every test shares (`tests/family_fixtures.py`): recorded by Riverbend
Children's Services, with Riley Shah (practitioner) as lead practitioner and Casey Evans
(other_agency_practitioner, Riverbend Community Health) in the team, without the family's
agreement yet. Riley asks for a group supervision about Wrenna, invites Casey and Jo Park
(champion, no place in the family's team), facilitates it, and Sam Okafor (organisation_lead)
is the accountable manager. No test lives here: only fixtures and helpers.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.families.tests.test_access_support import agree, log_lines  # noqa: F401
from goldenthread.supervision import services
from goldenthread.supervision.models import Session
from tests.family_fixtures import record_family  # noqa: F401

PURPOSE = "How can we help Wrenna feel settled at her new school? (fictional)"


def ask(requester, *, family=None, invitees=(), kind=Session.Kind.GROUP_SUPERVISION, reference="M.T., aged 9", **overrides):  # noqa: F811
    fields = {
        "kind": kind,
        "family": family,
        "situation_reference": reference,
        "purpose": PURPOSE,
        "proposed_start": timezone.now() + timedelta(days=7),
        "format": Session.Format.ONLINE,
        "location": "Video call (fictional link)",
        "invitees": list(invitees),
    }
    fields.update(overrides)
    return services.request_session(by=requester, **fields)


def arrange(session, by, *, facilitator, manager):
    return services.schedule(session, by=by, facilitator=facilitator, accountable_manager=manager, proposed_start=timezone.now() + timedelta(days=7))


def acknowledged(session, *users):
    for user in users:
        services.acknowledge_confidentiality(session, by=user)
    return session


def hold(session, facilitator, *, held_on=None, **fields):
    """Record the session as held (yesterday unless told), with any other fields given."""
    held_on = held_on or timezone.localdate() - timedelta(days=1)
    return services.record_session(session, by=facilitator, version=session.version, held_on=held_on, **fields)


@pytest.fixture
def session(family, practitioner, other_agency_practitioner, champion, organisation_lead):  # noqa: F811
    """A group supervision about the Brightwater family, arranged; Riley facilitates and has acknowledged confidentiality."""
    asked = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion])
    arrange(asked, practitioner, facilitator=practitioner, manager=organisation_lead)
    return acknowledged(asked, practitioner)


@pytest.fixture
def situation(practitioner, other_agency_practitioner, champion, organisation_lead):
    """The same people thinking about an anonymised situation: no family record linked."""
    asked = ask(practitioner, reference="J.T., aged 9", invitees=[other_agency_practitioner, champion])
    arrange(asked, practitioner, facilitator=practitioner, manager=organisation_lead)
    return acknowledged(asked, practitioner)


@pytest.fixture
def everyone_in(session, other_agency_practitioner, champion, organisation_lead):
    """Every attendee of the family's session has acknowledged confidentiality."""
    return acknowledged(session, other_agency_practitioner, champion, organisation_lead)
