"""What the quality tests share: Riley Shah (practitioner, Riverbend Children's Services, in the Brightwater family's team)
appointed as an auditor by Alex Morgan (partnership lead), and a round drawn for Riley over this month's records. All fictional."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from goldenthread.impact.periods import Period
from goldenthread.impact.quality import questions, services
from goldenthread.impact.quality.models import AuditItem


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def this_year() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=200), today)


def all_clearly() -> dict[str, str]:
    return {q.key: "clearly" for q in questions.questions()}


def graded(**changes) -> dict[str, str]:
    return {**all_clearly(), **changes}


@pytest.fixture
def auditor(practitioner, partnership_lead):
    """Riley Shah, appointed as an auditor."""
    services.appoint_auditor(practitioner, by=partnership_lead)
    return practitioner


@pytest.fixture
def audit_round(auditor, family, partnership_lead):
    """A round drawn for Riley by Alex, over the Brightwater family's record (the only one Riley may see)."""
    return services.draw_round(auditor, by=partnership_lead, period=this_year(), size=5, seed=7)


@pytest.fixture
def item(audit_round) -> AuditItem:
    return audit_round.items.get()
