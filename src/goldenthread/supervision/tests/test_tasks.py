"""Reminders before and after an action's due date: queued when it is agreed or moved, and quiet once it is not open."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.supervision import services
from goldenthread.supervision.tasks import send_action_reminder

from . import test_services_support as support

TASK_PATH = "goldenthread.supervision.tasks.send_action_reminder"

everyone_in = support.everyone_in
session = support.session
NEXT_WEEK = timezone.localdate() + timedelta(days=7)


def queued():
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("run_after", "id"))


def at_nine(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@pytest.fixture
def action(everyone_in, practitioner, other_agency_practitioner):
    return services.add_action(
        everyone_in, by=practitioner, description="Share the health visiting plan with the school", owner=other_agency_practitioner, due_on=NEXT_WEEK
    )


def test_agreeing_an_action_queues_a_reminder_the_day_before_and_the_day_after(action):
    before, after = queued()
    assert before.run_after == at_nine(NEXT_WEEK - timedelta(days=1))
    assert after.run_after == at_nine(NEXT_WEEK + timedelta(days=1))
    assert before.args_kwargs["args"] == [action.pk, NEXT_WEEK.isoformat(), "before"]
    assert after.args_kwargs["args"] == [action.pk, NEXT_WEEK.isoformat(), "after"]


def test_moving_an_action_queues_reminders_for_the_new_date(action, other_agency_practitioner):
    later = NEXT_WEEK + timedelta(days=14)
    services.move_action(action, by=other_agency_practitioner, new_due_on=later, reason="The school is closed for half term")
    new_runs = {result.run_after for result in queued()[2:]}
    assert len(queued()) == 4
    assert new_runs == {at_nine(later - timedelta(days=1)), at_nine(later + timedelta(days=1))}


def test_a_refused_action_queues_nothing(everyone_in, practitioner):
    with pytest.raises(ValidationError):
        services.add_action(everyone_in, by=practitioner, description="", owner=practitioner, due_on=NEXT_WEEK)
    assert queued() == []


def test_the_reminder_before_goes_to_the_owner_with_the_date_and_no_family_detail(action, other_agency_practitioner, family, settings):
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "before") == 1
    (message,) = mail.outbox
    assert message.to == [other_agency_practitioner.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    due = f"{NEXT_WEEK.day} {NEXT_WEEK:%B %Y}"
    assert due in message.subject and "tomorrow" in message.body
    assert settings.GOLDENTHREAD_SITE_URL in message.body
    for detail in (family.reference, "Brightwater", "Wrenna", "M.T.", "Share the health visiting plan"):
        assert detail not in message.subject + message.body


def test_the_reminder_after_asks_gently_to_mark_it_done_or_move_it(action):
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "after") == 1
    body = mail.outbox[0].body
    assert "was due yesterday" in body and "mark it done" in body


def test_no_reminder_once_the_action_is_done(action, other_agency_practitioner):
    services.complete_action(action, by=other_agency_practitioner, note="Shared with the school")
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "after") == 0
    assert mail.outbox == []


def test_no_reminder_for_the_old_date_once_the_action_is_moved(action, other_agency_practitioner):
    later = NEXT_WEEK + timedelta(days=14)
    services.move_action(action, by=other_agency_practitioner, new_due_on=later, reason="The school is closed")
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "before") == 0
    assert mail.outbox == []
    assert send_action_reminder.call(action.pk, later.isoformat(), "before") == 1


def test_no_reminder_once_the_action_is_cancelled(action, practitioner):
    services.cancel_action(action, by=practitioner, reason="Not needed after all")
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "before") == 0


def test_no_reminder_while_the_action_waits_for_confirmation(everyone_in, practitioner):
    proposed = services.add_action(everyone_in, by=practitioner, description="Move the review", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True)
    assert send_action_reminder.call(proposed.pk, NEXT_WEEK.isoformat(), "before") == 0


def test_a_confirmed_action_is_reminded_on_the_reminders_queued_when_it_was_proposed(everyone_in, practitioner, organisation_lead):
    proposed = services.add_action(everyone_in, by=practitioner, description="Move the review", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True)
    services.confirm_action(proposed, by=organisation_lead, note="Agreed")
    assert len(queued()) == 2
    assert send_action_reminder.call(proposed.pk, NEXT_WEEK.isoformat(), "before") == 1


def test_no_reminder_for_an_action_that_is_not_there_or_a_nonsense_request(action):
    assert send_action_reminder.call(action.pk + 999, NEXT_WEEK.isoformat(), "before") == 0
    assert send_action_reminder.call(action.pk, NEXT_WEEK.isoformat(), "sometime") == 0
    assert mail.outbox == []
