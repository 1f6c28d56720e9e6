"""The weekly digest: at 8am each Monday, each member of a workstream hears what is due that week, what is past its date, and when the group last met; then next week's is planned."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.programme.work import services
from goldenthread.programme.work.tasks import send_weekly_digest, stop_weekly_digest

from .conftest import PURPOSE, days

pytestmark = pytest.mark.django_db
DIGEST_TASK = "goldenthread.programme.work.tasks.send_weekly_digest"


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def planned(workstream):
    return [
        (queued.args_kwargs["args"], timezone.localtime(queued.run_after))
        for queued in DBTaskResult.objects.filter(task_path=DIGEST_TASK).order_by("id")
        if queued.args_kwargs["args"][0] == workstream.pk
    ]


@pytest.fixture
def week_of(workstream):
    """Pretend the digest planned for this Monday is the one due now."""
    monday = this_monday()
    workstream.next_digest_on = monday
    workstream.save(update_fields=["next_digest_on"])
    return monday


def test_starting_a_workstream_plans_its_first_digest_for_next_monday_at_eight(workstream):
    [(args, run_after)] = planned(workstream)
    monday = services.next_monday(timezone.localdate())
    assert args == [workstream.pk, monday.isoformat()]
    assert (run_after.date(), run_after.hour, run_after.minute, run_after.weekday()) == (monday, 8, 0, 0)


def test_the_digest_tells_each_member_what_is_due_this_week_and_overdue_then_plans_next_week(workstream, week_of, meeting, lead, member):
    services.add_action(workstream, by=lead, description="Send the first monthly update", owner="Drew Hughes", due_on=week_of + timedelta(days=3))
    services.add_action(workstream, by=lead, description="Design the card with one number", owner="Casey Evans", due_on=week_of - timedelta(days=4))
    services.add_action(workstream, by=lead, description="Something for next month", owner="Casey Evans", due_on=week_of + timedelta(days=30))
    mail.outbox.clear()
    sent = send_weekly_digest.call(workstream.pk, week_of.isoformat())
    assert sent == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([lead.email, member.email])
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Communication: the week ahead"
    assert "Due this week:\n- Send the first monthly update (Drew Hughes)" in body
    assert "Past their due date, still open:\n- Design the card with one number (Casey Evans)" in body
    assert "Something for next month" not in body
    assert f"The group last met on {meeting.held_on:%A} {meeting.held_on.day} {meeting.held_on:%B %Y}." in body
    workstream.refresh_from_db()
    next_week = week_of + timedelta(days=7)
    assert workstream.next_digest_on == next_week
    args, run_after = planned(workstream)[-1]
    assert args == [workstream.pk, next_week.isoformat()] and (run_after.date(), run_after.hour) == (next_week, 8)


def test_a_quiet_week_sends_nothing_but_plans_the_next(workstream, week_of, lead):
    services.add_action(workstream, by=lead, description="Later", owner="Drew Hughes", due_on=week_of + timedelta(days=20))
    mail.outbox.clear()
    assert send_weekly_digest.call(workstream.pk, week_of.isoformat()) == 0
    assert mail.outbox == []
    workstream.refresh_from_db()
    assert workstream.next_digest_on == week_of + timedelta(days=7)


def test_done_and_cancelled_actions_are_not_in_the_digest(workstream, week_of, lead):
    done = services.add_action(workstream, by=lead, description="Already done", owner="Drew Hughes", due_on=week_of + timedelta(days=1))
    services.mark_action_done(done, by=lead)
    dropped = services.add_action(workstream, by=lead, description="No longer needed", owner="Drew Hughes", due_on=week_of - timedelta(days=1))
    services.cancel_action(dropped, by=lead, reason="Teams asked for something else.")
    mail.outbox.clear()
    assert send_weekly_digest.call(workstream.pk, week_of.isoformat()) == 0


def test_a_member_who_stepped_back_gets_no_digest(workstream, week_of, lead, member):
    services.add_action(workstream, by=lead, description="Due now", owner="Drew Hughes", due_on=week_of + timedelta(days=2))
    services.take_off(workstream.members.get(person=member), by=member)
    mail.outbox.clear()
    send_weekly_digest.call(workstream.pk, week_of.isoformat())
    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_a_digest_for_a_week_no_longer_planned_does_nothing(workstream, week_of, lead):
    services.add_action(workstream, by=lead, description="Due now", owner="Drew Hughes", due_on=week_of + timedelta(days=2))
    mail.outbox.clear()
    before = DBTaskResult.objects.filter(task_path=DIGEST_TASK).count()
    assert send_weekly_digest.call(workstream.pk, (week_of - timedelta(days=7)).isoformat()) == 0
    assert mail.outbox == [] and DBTaskResult.objects.filter(task_path=DIGEST_TASK).count() == before


def test_a_finished_workstream_stops_its_digest(workstream, week_of, partnership_lead, lead):
    services.change_workstream(
        workstream,
        by=partnership_lead,
        name="Communication",
        purpose=PURPOSE,
        principles=["hope"],
        lead=lead,
        rhythm="weekly",
        meeting_weekday=1,
        is_open=False,
    )
    before = DBTaskResult.objects.filter(task_path=DIGEST_TASK).count()
    assert send_weekly_digest.call(workstream.pk, week_of.isoformat()) == 0
    workstream.refresh_from_db()
    assert workstream.next_digest_on is None
    assert DBTaskResult.objects.filter(task_path=DIGEST_TASK).count() == before


def test_opening_it_again_plans_the_digest_again(workstream, partnership_lead, lead):
    values = {"name": "Communication", "purpose": PURPOSE, "principles": ["hope"], "lead": lead, "rhythm": "weekly", "meeting_weekday": 1}
    services.change_workstream(workstream, by=partnership_lead, is_open=False, **values)
    stop_weekly_digest(workstream)
    services.change_workstream(workstream, by=partnership_lead, is_open=True, **values)
    workstream.refresh_from_db()
    assert workstream.next_digest_on == services.next_monday(days(0))


def test_a_digest_for_a_workstream_that_is_gone_does_nothing(db):
    assert send_weekly_digest.call(999_999, this_monday().isoformat()) == 0
