"""The demo's recovery programme: four workstreams with leads and members from several organisations, recent meetings, actions in every state, and the demo practitioner's request to join waiting for the demo champion."""

import random
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.core.registry import waiting_for
from goldenthread.language import check
from goldenthread.programme.work import demo, queries
from goldenthread.programme.work.models import ActionChange, JoinRequest, Meeting, Programme, Workstream, WorkstreamAction, WorkstreamMember

pytestmark = pytest.mark.django_db
NAME = "Riverbend recovery response (fictional)"


@pytest.fixture
def loaded(db):
    call_command("load_demo_partnership", stdout=StringIO())
    tasks_before = DBTaskResult.objects.count()
    demo.load(random.Random("riverbend-programme"), timezone.localdate())
    assert DBTaskResult.objects.count() == tasks_before and mail.outbox == []  # the demo queues nothing and sends nothing
    return Programme.objects.get(name=NAME)


def test_the_programme_runs_over_the_last_year_with_four_workstreams(loaded):
    assert (timezone.localdate() - loaded.starts_on).days == 365
    assert [w.name for w in loaded.workstreams.order_by("name")] == [
        "Communication",
        "Pathways and services",
        "The trauma recovery model",
        "Training and development",
    ]


def test_each_workstream_has_a_lead_and_four_to_eight_members_from_several_organisations(loaded):
    for workstream in loaded.workstreams.all():
        members = list(queries.current_members(workstream))
        assert workstream.lead in [member.person for member in members]
        assert 4 <= len(members) - 1 <= 8
        assert len({member.organisation_id for member in members}) >= 3


def test_each_workstream_has_about_eight_recent_meetings_with_notes_and_who_came(loaded):
    today = timezone.localdate()
    for workstream in loaded.workstreams.all():
        meetings = list(workstream.meetings.all())
        assert len(meetings) == 8
        assert all(meeting.held_on < today and meeting.held_on.weekday() == workstream.meeting_weekday and meeting.notes for meeting in meetings)
        assert all(meeting.attended.filter(person=workstream.lead).exists() for meeting in meetings)
        assert (today - min(meeting.held_on for meeting in meetings)).days <= 8 * 14


def test_actions_are_done_moved_overdue_and_one_cancelled_each_with_its_history(loaded):
    actions = WorkstreamAction.objects.filter(workstream__programme=loaded)
    assert actions.filter(status="done").count() >= 6
    assert queries.overdue_actions(actions).count() >= 4
    assert ActionChange.objects.filter(action__in=actions, what=ActionChange.What.MOVED).count() >= 4
    assert actions.exclude(cancelled_at=None).count() == 1
    assert all(action.changes.filter(what=ActionChange.What.ADDED).exists() for action in actions)
    board = queries.board(loaded)
    assert board.chart is not None and board.totals["overdue"] == len(board.overdue)


def test_the_demo_practitioner_asks_to_join_and_the_demo_champion_sees_it_waiting(loaded):
    [asked] = JoinRequest.objects.filter(status=JoinRequest.Status.WAITING)
    assert asked.person.full_name == demo.demo_practitioner_name() == "Tobias Nwachukwu"
    assert asked.workstream.name == "The trauma recovery model"
    assert "Answer a request to join The trauma recovery model" in [notice.what for notice in waiting_for(asked.workstream.lead)]
    assert asked.person in [member.person for member in queries.current_members(Workstream.objects.get(name="Communication"))]


def test_loading_it_again_changes_nothing(loaded):
    models = (Programme, Workstream, WorkstreamMember, Meeting, WorkstreamAction, ActionChange, JoinRequest)
    before = [model.objects.count() for model in models]
    demo.load(random.Random("riverbend-programme"), timezone.localdate())
    assert [model.objects.count() for model in models] == before


def test_the_demo_words_pass_the_shared_language_check(loaded):
    texts = [loaded.name, loaded.purpose]
    for workstream in loaded.workstreams.all():
        texts += [workstream.name, workstream.purpose, *workstream.meetings.values_list("notes", flat=True)]
        texts += list(workstream.actions.values_list("description", flat=True))
    texts += list(ActionChange.objects.exclude(note="").values_list("note", flat=True))
    texts += list(JoinRequest.objects.values_list("message", flat=True))
    problems = [(finding.text, text) for text in texts for finding in check(text) if finding.is_fault]
    assert not problems
