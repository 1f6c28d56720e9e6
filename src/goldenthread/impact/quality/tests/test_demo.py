"""The demo: auditors, finished rounds over the months the demo families' records cover, one round waiting; every record drawn one its auditor may see; loading twice changes nothing."""

import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.impact.quality import demo, figures, queries, waiting
from goldenthread.impact.quality.models import AuditGrade, AuditItem, Auditor, AuditRound

pytestmark = pytest.mark.django_db


def load():
    with acting_as(None):
        demo.load(random.Random("riverbend-impact"), timezone.localdate())


def counts():
    return (Auditor.objects.count(), AuditRound.objects.count(), AuditItem.objects.count(), AuditGrade.objects.count())


def test_the_demo_loads_once_and_draws_only_records_each_auditor_may_see():
    quiet = open("/dev/null", "w")
    call_command("load_demo_partnership", stdout=quiet)
    call_command("load_demo_families", stdout=quiet)
    load()
    first = counts()
    load()
    assert counts() == first
    data = demo.read_demo()
    main = User.objects.get(full_name=data["auditor"])
    assert Auditor.objects.filter(ended_at__isnull=True).count() == 1 + len(data["more_auditors"])
    assert AuditRound.objects.filter(state=AuditRound.State.FINISHED).count() >= 10
    [waiting_round] = AuditRound.objects.filter(state=AuditRound.State.GRADING)
    assert waiting_round.auditor == main and waiting_round.items.filter(state=AuditItem.State.WAITING).exists()
    assert len(waiting.waiting(main)) == 1
    for item in AuditItem.objects.select_related("round__auditor", "family"):
        decisions = queries.audit_parts(item.round.auditor, item.family, item.parts)
        assert all(decision.allowed for decision in decisions.values()), (item.round.auditor, item.family_reference)
    graded_items = AuditItem.objects.filter(state=AuditItem.State.GRADED)
    assert graded_items.exists()
    first_day = min(item.finished_at for item in graded_items)
    assert (timezone.now() - first_day).days > 180
    from goldenthread.impact.periods import last_twelve_months

    assert figures.audit_grade(last_twelve_months()).shown
