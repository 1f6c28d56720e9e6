"""The demo's writing is checked by the demo loader, through the same function the background task uses, so the figures show something."""

from io import StringIO

import pytest
from django.core.management import call_command

from goldenthread.language_monitoring import checking, queries
from goldenthread.language_monitoring.models import WritingCheck
from goldenthread.pledges.models import Pledge, PledgeAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_pledges():
    call_command("load_demo_partnership", stdout=StringIO())
    call_command("load_demo_pledges", stdout=StringIO())


def test_the_demo_loader_checks_every_demo_record_and_a_second_run_changes_nothing(demo_pledges):
    printed = StringIO()
    call_command("load_demo_language_monitoring", stdout=printed)
    assert WritingCheck.objects.filter(model_label="pledges.pledge").count() == Pledge.objects.count()
    assert WritingCheck.objects.filter(model_label="pledges.pledgeaction").count() == PledgeAction.objects.count()
    assert list(checking.records_to_check()) == []
    assert f"{WritingCheck.objects.count()} record(s)" in printed.getvalue()
    found = queries.figures(WritingCheck.objects.all(), queries.Filters())
    assert found.overall.records > 0 and len(found.by_organisation) > 10

    checked_at = dict(WritingCheck.objects.values_list("pk", "checked_at"))
    again = StringIO()
    call_command("load_demo_language_monitoring", stdout=again)
    assert "0 record(s)" in again.getvalue()
    assert dict(WritingCheck.objects.values_list("pk", "checked_at")) == checked_at
