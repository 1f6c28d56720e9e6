"""Retention: records closed for longer than the partnership's period are erased or anonymised by a
background task, which logs what it did and keeps itself going day by day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from goldenthread.families import queries, services, tasks
from goldenthread.families.models import (
    AccessLogEntry,
    ChronologyEntry,
    ConsentAgreement,
    Family,
    OnePageProfile,
    Person,
    RetentionRule,
    RetentionRun,
    StoryEntry,
)
from tests.family_fixtures import record_family

from .test_access_support import CONTENT, agree, log_lines

TASK_PATH = tasks.RETENTION_TASK_PATH


def closed_years_ago(family, years, extra_days=1):
    Family.objects.filter(pk=family.pk).update(status=Family.Status.CLOSED, closed_on=timezone.localdate() - timedelta(days=365 * years + 2 + extra_days))
    family.refresh_from_db()
    return family


@pytest.fixture
def rule(partnership_lead):
    return services.set_retention_rule(by=partnership_lead, years=6, outcome=RetentionRule.Outcome.ANONYMISE)


@pytest.fixture
def three_families(family, practitioner, childrens_services, community_health):
    """One closed long ago, one closed recently, one still open."""
    agree(family, community_health, CONTENT, by=practitioner)
    old = closed_years_ago(family, 6)
    recent = closed_years_ago(record_family(practitioner, childrens_services, family_name="The Recentley family (fictional)"), 2)
    still_open = record_family(practitioner, childrens_services, family_name="The Openshaw family (fictional)")
    return old, recent, still_open


def test_anonymising_removes_everything_that_identifies_anyone(rule, three_families):
    old, _recent, _still_open = three_families

    run = tasks.run_retention()

    assert run.anonymised == [old.reference] and run.erased == []
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.family_name == "Anonymised family" and old.contact_details == ""
    assert sorted(Person.objects.filter(family=old).values_list("first_name", flat=True)) == ["Person 1", "Person 2"]
    assert not Person.objects.filter(family=old, date_of_birth__isnull=False).exists()
    assert all(entry.story == services.REMOVED for entry in StoryEntry.objects.filter(family=old))
    assert all(p.liked_and_admired == services.REMOVED and p.important_to_me == "" for p in OnePageProfile.objects.filter(person__family=old))
    assert all(e.what_happened == services.REMOVED and e.meaning_for_child == "" for e in ChronologyEntry.objects.filter(family=old))
    assert ConsentAgreement.objects.get(family=old).given_by_name == "Removed"
    text = str(list(Person.objects.filter(family=old).values())) + str(list(StoryEntry.objects.filter(family=old).values()))
    for identifying in ("Wrenna", "Marnie", "Brightwater", "Biscuit", "Example Row"):
        assert identifying not in text


def test_only_records_past_their_period_are_touched(rule, three_families):
    _old, recent, still_open = three_families

    tasks.run_retention()

    for untouched in (recent, still_open):
        untouched.refresh_from_db()
        assert untouched.anonymised_at is None
        assert untouched.people.filter(first_name="Wrenna").exists()


def test_a_record_closed_just_inside_the_period_is_kept(rule, family):
    Family.objects.filter(pk=family.pk).update(status=Family.Status.CLOSED, closed_on=queries.years_before(timezone.localdate(), 6) + timedelta(days=1))

    assert tasks.run_retention().anonymised == []


def test_erasing_deletes_the_record_but_keeps_its_access_log_by_reference(partnership_lead, three_families):
    services.set_retention_rule(by=partnership_lead, years=6, outcome=RetentionRule.Outcome.ERASE)
    old, recent, still_open = three_families
    lines_before = log_lines(old).count()

    run = tasks.run_retention()

    assert run.erased == [old.reference]
    assert not Family.objects.filter(pk=old.pk).exists()
    assert not Person.objects.filter(first_name="Marnie", family_id=old.pk).exists()
    assert set(Family.objects.all()) == {recent, still_open}
    assert log_lines(old).count() == lines_before + 1


def test_each_record_dealt_with_is_logged_with_the_retention_basis(rule, three_families):
    old, *_ = three_families

    tasks.run_retention()

    line = log_lines(old).last()
    assert (line.action, line.basis, line.user_id) == ("anonymise", AccessLogEntry.Basis.RETENTION, None)
    assert line.user_label == "Retention rules (automatic)"
    assert RetentionRun.objects.get().anonymised == [old.reference]


def test_an_anonymised_record_is_not_dealt_with_twice(rule, three_families):
    tasks.run_retention()

    assert tasks.run_retention().anonymised == []


def test_the_task_runs_and_queues_itself_for_a_day_later(rule, three_families):
    result = tasks.apply_retention.call()

    assert result == {"erased": 0, "anonymised": 1}
    (queued,) = DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY)
    assert timedelta(hours=23, minutes=59) < queued.run_after - timezone.now() <= timedelta(hours=24)


def test_starting_the_schedule_twice_queues_only_one_run(db):
    out = StringIO()
    call_command("start_retention_schedule", stdout=out)
    call_command("start_retention_schedule", stdout=out)

    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).count() == 1
    assert "already queued" in out.getvalue()


def test_the_next_run_is_not_doubled_when_one_is_already_queued(rule, three_families):
    call_command("start_retention_schedule", stdout=StringIO())

    tasks.apply_retention.call()

    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).count() == 1


def test_without_a_rule_records_are_kept_six_years_then_anonymised(three_families):
    old, *_ = three_families

    assert tasks.run_retention().anonymised == [old.reference]
