"""Programmes, workstreams, members, meetings and actions: each change through its service, checked, kept in the history, and told to whoever needs to know."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.programme.work import queries, services
from goldenthread.programme.work.models import ActionChange, Rhythm, WorkstreamMember

from .conftest import PURPOSE, days

pytestmark = pytest.mark.django_db
DIGEST_TASK = "goldenthread.programme.work.tasks.send_weekly_digest"


# Programmes


def test_the_partnership_lead_starts_a_programme(recovery, partnership_lead):
    assert recovery.created_by == partnership_lead and recovery.is_open


def test_a_programme_cannot_end_before_it_starts(partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.start_programme(by=partnership_lead, name="A programme (fictional)", purpose="What it is for.", starts_on=days(10), ends_on=days(5))
    assert refused.value.message_dict == {"ends_on": ["The end date must be after the start date"]}


def test_nobody_outside_the_partnership_team_starts_a_programme(organisation_lead, champion):
    for person in (organisation_lead, champion):
        with pytest.raises(Refused):
            services.start_programme(by=person, name="A programme (fictional)", purpose="What it is for.", starts_on=days(0))


# Workstreams


def test_starting_a_workstream_makes_its_lead_the_first_member_tells_them_and_plans_the_digest(
    recovery, partnership_lead, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        started = services.start_workstream(recovery, by=partnership_lead, name="Communication", purpose=PURPOSE, principles=["hope"], lead=lead)
    assert [member.person for member in queries.current_members(started)] == [lead]
    [told] = sent_by_the_worker()
    assert told.to == [lead.email] and "You lead Communication" in told.subject
    monday = services.next_monday(days(0))
    assert started.next_digest_on == monday
    [queued] = DBTaskResult.objects.filter(task_path=DIGEST_TASK)
    assert queued.args_kwargs["args"] == [started.pk, monday.isoformat()]


def test_a_workstream_needs_a_principle_and_a_lead_from_the_workforce(recovery, partnership_lead, family_member):
    with pytest.raises(ValidationError) as refused:
        services.start_workstream(recovery, by=partnership_lead, name="Communication", purpose=PURPOSE, principles=[], lead=family_member)
    assert set(refused.value.message_dict) == {"principles", "lead_email"}
    with pytest.raises(ValidationError) as refused:
        services.start_workstream(recovery, by=partnership_lead, name="Communication", purpose=PURPOSE, principles=["courage"], lead=None, rhythm="daily")
    assert set(refused.value.message_dict) == {"principles", "lead_email", "rhythm"}


def test_a_new_lead_joins_the_workstream_and_is_told(workstream, partnership_lead, champion, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_workstream(
            workstream,
            by=partnership_lead,
            name="Communication",
            purpose=PURPOSE,
            principles=["hope"],
            lead=champion,
            rhythm=Rhythm.FORTNIGHTLY,
            meeting_weekday=0,
        )
    workstream.refresh_from_db()
    assert workstream.lead == champion and workstream.rhythm_words == "Every two weeks, on Mondays"
    assert champion in [member.person for member in queries.current_members(workstream)]
    assert [message.to for message in sent_by_the_worker()] == [[champion.email]]


def test_only_the_partnership_team_changes_a_workstream(workstream, lead):
    with pytest.raises(Refused):
        services.change_workstream(workstream, by=lead, name="Ours now", purpose=PURPOSE, principles=["hope"], lead=lead, rhythm="weekly", meeting_weekday=1)


# Members


def test_the_lead_adds_a_member_who_is_told(workstream, lead, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        added = services.add_member(workstream, by=lead, person=practitioner)
    assert added.organisation.name == "Riverbend Children's Services"
    assert [message.to for message in sent_by_the_worker()] == [[practitioner.email]]
    with pytest.raises(ValidationError) as refused:
        services.add_member(workstream, by=lead, person=practitioner)
    assert refused.value.message_dict == {"email": ["They are already on this workstream"]}


def test_a_member_cannot_add_people_and_a_family_member_cannot_be_added(workstream, member, practitioner, lead, family_member):
    with pytest.raises(Refused):
        services.add_member(workstream, by=member, person=practitioner)
    with pytest.raises(ValidationError):
        services.add_member(workstream, by=lead, person=family_member)


def test_a_member_steps_back_and_their_part_in_meetings_is_kept(workstream, member, meeting):
    place = workstream.members.get(person=member)
    services.take_off(place, by=member)
    assert member not in [m.person for m in queries.current_members(workstream)]
    assert place in meeting.attended.all()


def test_the_lead_stays_on_the_workstream(workstream, lead, partnership_lead):
    with pytest.raises(ValidationError):
        services.take_off(workstream.members.get(person=lead), by=partnership_lead)


def test_someone_who_stepped_back_can_be_added_again(workstream, member, lead):
    place = workstream.members.get(person=member)
    services.take_off(place, by=lead)
    again = services.add_member(workstream, by=lead, person=member)
    assert again.pk == place.pk and again.left_at is None
    assert WorkstreamMember.objects.filter(workstream=workstream, person=member).count() == 1


# Meetings


def test_a_member_records_a_meeting_with_who_came(workstream, member):
    came = list(workstream.members.filter(person=member))
    recorded = services.record_meeting(workstream, by=member, held_on=days(0), notes="We agreed the card's words.", attended=came)
    assert list(recorded.attended.all()) == came and recorded.recorded_by == member


def test_a_meeting_cannot_be_in_the_future_nor_have_someone_who_is_not_a_member(workstream, lead, practitioner, recovery, partnership_lead, champion):
    elsewhere = services.start_workstream(recovery, by=partnership_lead, name="Training", purpose=PURPOSE, principles=["hope"], lead=champion)
    stranger = elsewhere.members.get(person=champion)
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(workstream, by=lead, held_on=days(3), notes="", attended=[stranger])
    assert set(refused.value.message_dict) == {"held_on", "notes", "attended"}


def test_someone_not_on_the_workstream_cannot_record_its_meetings(workstream, practitioner, partnership_lead):
    for person in (practitioner, partnership_lead):
        with pytest.raises(Refused):
            services.record_meeting(workstream, by=person, held_on=days(0), notes="Notes.")


# Actions


def test_an_action_from_a_meeting_starts_its_history(action, meeting, lead):
    assert action.meeting == meeting and action.created_by == lead
    [added] = queries.history_of(action)
    assert added.what == ActionChange.What.ADDED and added.by == lead


def test_moving_an_action_keeps_the_old_date_in_its_history(action, member):
    old = action.due_on
    moved = services.move_action(action, by=member, due_on=days(30), reason="The printer needs another week.")
    assert moved.due_on == days(30)
    change = queries.history_of(action).last()
    assert (change.what, change.from_value, change.note) == (ActionChange.What.MOVED, f"{old.day} {old:%B %Y}", "The printer needs another week.")
    assert change.by == member


def test_moving_to_the_same_date_or_none_is_refused(action, member):
    with pytest.raises(ValidationError) as refused:
        services.move_action(action, by=member, due_on=action.due_on)
    assert "due_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.move_action(action, by=member, due_on=None)


def test_marking_done_and_cancelling_are_kept_in_the_history(workstream, action, lead):
    services.mark_action_done(action, by=lead)
    other = services.add_action(workstream, by=lead, description="Print the booklet", owner="Drew Hughes", due_on=days(5))
    services.cancel_action(other, by=lead, reason="Teams asked for it on screen instead.")
    assert [change.what for change in queries.history_of(action)] == ["added", "done"]
    assert [change.what for change in queries.history_of(other)] == ["added", "cancelled"]
    other.refresh_from_db()
    assert other.is_cancelled and not other.is_open and other.state_words == "Cancelled"


def test_a_cancelled_action_cannot_be_changed_done_moved_or_cancelled_again(action, lead):
    services.cancel_action(action, by=lead, reason="No longer needed.")
    with pytest.raises(ValidationError):
        services.update_action(action, by=lead, owner="Someone else")
    with pytest.raises(Refused):
        services.mark_action_done(action, by=lead)
    with pytest.raises(ValidationError):
        services.move_action(action, by=lead, due_on=days(40))
    with pytest.raises(ValidationError):
        services.cancel_action(action, by=lead, reason="Again.")


def test_changing_an_action_keeps_each_change(action, member):
    services.update_action(action, by=member, owner="Casey Evans", status="done", due_on=days(12))
    changes = [(change.what, change.field, change.from_value, change.to_value) for change in queries.history_of(action)][1:]
    assert ("changed", "owner", "Drew Hughes", "Casey Evans") in changes
    assert ("done", "status", "Not started", "Done") in changes
    assert [what for what, *_ in changes].count("moved") == 1


def test_an_action_cannot_come_from_another_workstreams_meeting(workstream, recovery, partnership_lead, champion, lead):
    elsewhere = services.start_workstream(recovery, by=partnership_lead, name="Training", purpose=PURPOSE, principles=["hope"], lead=champion)
    theirs = services.record_meeting(elsewhere, by=champion, held_on=days(-1), notes="Our notes.")
    with pytest.raises(ValidationError) as refused:
        services.add_action(workstream, by=lead, meeting=theirs, description="Borrow their idea", owner="Drew Hughes", due_on=days(3))
    assert "meeting" in refused.value.message_dict


def test_someone_not_on_the_workstream_cannot_add_actions(workstream, champion):
    with pytest.raises(Refused):
        services.add_action(workstream, by=champion, description="Something", owner="Jo Park", due_on=days(3))


def test_a_finished_workstream_keeps_its_actions_as_they_were(workstream, action, partnership_lead, lead):
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
    with pytest.raises(Refused) as refused:
        services.move_action(action, by=lead, due_on=days(20))
    assert "finished" in refused.value.message


# Progress


def test_progress_counts_done_open_overdue_moved_and_cancelled(workstream, lead):
    def add(description, due):
        return services.add_action(workstream, by=lead, description=description, owner="Drew Hughes", due_on=days(due))

    services.mark_action_done(add("Done one", -5), by=lead)
    add("Open one", 5)
    add("Overdue one", -3)
    services.move_action(add("Moved one", 2), by=lead, due_on=days(9))
    services.cancel_action(add("Cancelled one", 4), by=lead, reason="Not needed.")
    [row] = queries.progress_of([workstream])
    assert (row.done, row.open, row.overdue, row.moved, row.cancelled) == (1, 2, 1, 1, 1)
    assert row.summary == "1 of 4 actions done, 1 overdue, 1 moved to a new date."


def test_the_next_meeting_follows_the_rhythm(workstream):
    tuesday = days(0) - timedelta(days=(days(0).weekday() - 1) % 7)  # the last Tuesday, or today
    assert queries.next_meeting_on(workstream, tuesday, today=tuesday).weekday() == 1
    assert (queries.next_meeting_on(workstream, tuesday, today=tuesday) - tuesday).days == 7
