"""What the work tests share: the fictional Riverbend recovery response, and its communication workstream.

Alex Morgan (partnership lead) starts the programme and the workstream. Drew Hughes (head of
service, Riverbend Community Health) leads it; Casey Evans (health visitor, the same) is a
member. Jo Park (champion) and Riley Shah (practitioner), both of Riverbend Children's
Services, are in the workforce but not on it. Everyone is fictional.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from goldenthread.programme.work import services

PURPOSE = "Keep families and every partner's staff told what help there is, in plain and kind words (fictional)."


def days(count: int):
    return timezone.localdate() + timedelta(days=count)


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def recovery(partnership_lead):
    return services.start_programme(
        by=partnership_lead,
        name="Riverbend recovery response (fictional)",
        purpose="A year of working together after the flood (fictional).",
        starts_on=days(-60),
    )


@pytest.fixture
def lead(other_agency_lead):
    """Drew Hughes leads the workstream."""
    return other_agency_lead


@pytest.fixture
def member(other_agency_practitioner):
    """Casey Evans is on the workstream."""
    return other_agency_practitioner


@pytest.fixture
def workstream(recovery, partnership_lead, lead, member):
    started = services.start_workstream(recovery, by=partnership_lead, name="Communication", purpose=PURPOSE, principles=["hope", "connectedness"], lead=lead)
    services.add_member(started, by=partnership_lead, person=member)
    return started


@pytest.fixture
def meeting(workstream, lead):
    return services.record_meeting(
        workstream,
        by=lead,
        held_on=days(-2),
        notes="We read the leaflets given out since the flood, and agreed one short guide to the words we use.",
        attended=list(workstream.members.all()),
    )


@pytest.fixture
def action(workstream, meeting, lead):
    return services.add_action(
        workstream, by=lead, meeting=meeting, description="Write one short guide to the words we use", owner="Drew Hughes", due_on=days(10)
    )
