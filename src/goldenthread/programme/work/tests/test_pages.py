"""The work pages: each opens for the people it is for, refuses everyone else on the server, keeps what was typed when something needs putting right, and never fails on odd input."""

import uuid

import pytest
from django.urls import reverse

from goldenthread.programme.work import queries, services
from goldenthread.programme.work.models import Meeting, Programme, Workstream, WorkstreamAction

from .conftest import days, signed_in

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def pages(workstream, meeting, action, recovery):
    w, a = workstream.public_id, action.public_id
    member_id = workstream.members.exclude(person=workstream.lead).get().public_id
    return {
        "reading": [
            reverse("programme:work-programmes"),
            reverse("programme:work-programme", args=[recovery.public_id]),
            reverse("programme:work-board", args=[recovery.public_id]),
            reverse("programme:work-workstreams"),
            reverse("programme:work-workstream", args=[w]),
            reverse("programme:work-meeting", args=[meeting.public_id]),
            reverse("programme:work-actions", args=[w]),
            reverse("programme:work-action", args=[w, a]),
        ],
        "taking part": [
            reverse("programme:work-meeting-add", args=[w]),
            reverse("programme:work-meeting-edit", args=[meeting.public_id]),
            reverse("programme:work-add-action", args=[w]),
            reverse("programme:work-edit-action", args=[w, a]),
            reverse("programme:work-action-done", args=[w, a]),
            reverse("programme:work-action-move", args=[w, a]),
            reverse("programme:work-action-cancel", args=[w, a]),
        ],
        "leading": [
            reverse("programme:work-member-add", args=[w]),
            reverse("programme:work-member-remove", args=[w, member_id]),
        ],
        "running": [
            reverse("programme:work-programme-add"),
            reverse("programme:work-programme-edit", args=[recovery.public_id]),
            reverse("programme:work-workstream-add", args=[recovery.public_id]),
            reverse("programme:work-workstream-edit", args=[w]),
        ],
    }


def every_page(pages):
    return [page for group in pages.values() for page in group]


def test_the_lead_opens_every_page_but_the_partnership_teams(pages, lead):
    client = signed_in(lead)
    for page in pages["reading"] + pages["taking part"] + pages["leading"]:
        assert client.get(page).status_code == 200, page
    for page in pages["running"]:
        assert client.get(page).status_code == 403, page


def test_the_partnership_lead_runs_programmes_but_does_not_record_meetings(pages, partnership_lead):
    client = signed_in(partnership_lead)
    for page in pages["reading"] + pages["leading"] + pages["running"]:
        assert client.get(page).status_code == 200, page
    for page in pages["taking part"]:
        assert client.get(page).status_code == 403, page


def test_a_practitioner_not_on_it_reads_but_changes_nothing(pages, practitioner):
    client = signed_in(practitioner)
    for page in pages["reading"]:
        assert client.get(page).status_code == 200, page
    for page in pages["taking part"] + pages["leading"] + pages["running"]:
        response = client.get(page)
        assert response.status_code == 403, page
    assert "ask to join the workstream" in client.get(pages["taking part"][0]).content.decode()


def test_a_family_member_gets_no_page_and_anyone_not_signed_in_is_asked_to(pages, family_member, client):
    family = signed_in(family_member)
    for page in every_page(pages) + [reverse("programme:work-join", args=[queries.running_workstreams().first().public_id])]:
        assert family.get(page).status_code == 403, page
        assert client.get(page).status_code == 302, page


def test_a_family_member_is_refused_before_anything_is_looked_up(family_member):
    assert signed_in(family_member).get(reverse("programme:work-workstream", args=[uuid.uuid4()])).status_code == 403


def test_an_unknown_record_is_not_found(workstream, lead):
    client = signed_in(lead)
    for page in (
        reverse("programme:work-programme", args=[uuid.uuid4()]),
        reverse("programme:work-workstream", args=[uuid.uuid4()]),
        reverse("programme:work-meeting", args=[uuid.uuid4()]),
        reverse("programme:work-action", args=[workstream.public_id, uuid.uuid4()]),
        reverse("programme:work-join-request", args=[uuid.uuid4()]),
    ):
        assert client.get(page).status_code == 404, page


def test_an_action_is_found_only_under_its_own_workstream(action, recovery, partnership_lead, champion):
    elsewhere = services.start_workstream(recovery, by=partnership_lead, name="Training", purpose="Training (fictional).", principles=["hope"], lead=champion)
    assert signed_in(champion).get(reverse("programme:work-edit-action", args=[elsewhere.public_id, action.public_id])).status_code == 404


# Programmes and workstreams, through the pages


def test_the_partnership_lead_starts_a_programme_and_a_workstream(partnership_lead, lead):
    client = signed_in(partnership_lead)
    response = client.post(
        reverse("programme:work-programme-add"),
        {"name": "Winter response (fictional)", "purpose": "Getting through the winter together.", **date_fields("starts_on", days(0))},
    )
    programme = Programme.objects.get(name="Winter response (fictional)")
    assert response.status_code == 302 and response["Location"] == reverse("programme:work-programme", args=[programme.public_id])
    response = client.post(
        reverse("programme:work-workstream-add", args=[programme.public_id]),
        {
            "name": "Warm spaces",
            "purpose": "Places to be warm and welcome.",
            "principles": ["safety", "connectedness"],
            "lead_email": lead.email,
            "rhythm": "monthly",
            "meeting_weekday": "4",
        },
    )
    workstream = Workstream.objects.get(name="Warm spaces")
    assert response.status_code == 302
    assert (workstream.lead, workstream.rhythm, workstream.meeting_weekday, workstream.principles) == (lead, "monthly", 4, ["safety", "connectedness"])


def test_a_workstream_with_a_lead_who_is_not_on_golden_thread_keeps_what_was_typed(recovery, partnership_lead):
    response = signed_in(partnership_lead).post(
        reverse("programme:work-workstream-add", args=[recovery.public_id]),
        {
            "name": "Warm spaces",
            "purpose": "Places to be warm and welcome.",
            "principles": ["safety", "<script>"],
            "lead_email": "nobody@nowhere.example",
            "rhythm": "weekly",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Warm spaces" in page and "Places to be warm and welcome." in page and "nobody@nowhere.example" in page
    assert "Choose principles from the list" in page and "Choose the day the workstream meets" in page
    assert not Workstream.objects.filter(name="Warm spaces").exists()


def test_a_programme_with_an_unreal_date_keeps_what_was_typed(partnership_lead):
    response = signed_in(partnership_lead).post(
        reverse("programme:work-programme-add"),
        {"name": "Winter response (fictional)", "purpose": "Together.", "starts_on_0": "31", "starts_on_1": "February", "starts_on_2": "2026"},
    )
    assert response.status_code == 400
    assert "Winter response (fictional)" in response.content.decode() and "February" in response.content.decode()


def test_closing_a_programme_through_its_page(recovery, partnership_lead):
    response = signed_in(partnership_lead).post(
        reverse("programme:work-programme-edit", args=[recovery.public_id]),
        {"name": recovery.name, "purpose": recovery.purpose, **date_fields("starts_on", recovery.starts_on)},
    )
    assert response.status_code == 302
    recovery.refresh_from_db()
    assert not recovery.is_open


# Meetings and actions, through the pages


def test_a_member_records_a_meeting_and_a_future_date_keeps_the_notes(workstream, member):
    client = signed_in(member)
    url = reverse("programme:work-meeting-add", args=[workstream.public_id])
    notes = "We agreed the words on the card, and who will check them with volunteers."
    ticked = [str(workstream.members.get(person=member).public_id)]
    response = client.post(url, {"notes": notes, "attended": ticked, **date_fields("held_on", days(5))})
    assert response.status_code == 400
    page = response.content.decode()
    assert notes in page and "The date of the meeting must be today or in the past" in page and "checked" in page
    response = client.post(url, {"notes": notes, "attended": ticked, **date_fields("held_on", days(0))})
    meeting = Meeting.objects.get(notes=notes)
    assert response.status_code == 302 and response["Location"] == reverse("programme:work-meeting", args=[meeting.public_id])
    assert [m.person for m in meeting.attended.all()] == [member]


def test_ticking_someone_who_is_not_a_member_is_refused(workstream, member):
    response = signed_in(member).post(
        reverse("programme:work-meeting-add", args=[workstream.public_id]),
        {"notes": "Notes.", "attended": [str(uuid.uuid4())], **date_fields("held_on", days(0))},
    )
    assert response.status_code == 400 and "Choose people from the list of members" in response.content.decode()


def test_adding_an_action_from_a_meeting_through_the_shared_action_plan_page(workstream, meeting, member):
    client = signed_in(member)
    url = reverse("programme:work-add-action", args=[workstream.public_id])
    form = client.get(url + f"?meeting={meeting.public_id}").content.decode()
    assert f'value="{meeting.public_id}" selected' in form
    typed = {"meeting": str(meeting.public_id), "description": "Test the guide with volunteers", "owner": "Casey Evans", "status": "not-started"}
    response = client.post(url, {**typed, "due_on_0": "40", "due_on_1": "13", "due_on_2": "2026"})
    assert response.status_code == 400 and "Test the guide with volunteers" in response.content.decode()
    response = client.post(url, {**typed, **date_fields("due_on", days(7))})
    assert response.status_code == 302 and response["Location"] == reverse("programme:work-actions", args=[workstream.public_id])
    added = WorkstreamAction.objects.get(description="Test the guide with volunteers")
    assert added.meeting == meeting and added.created_by == member


def test_an_action_from_an_unknown_meeting_is_refused_on_the_form(workstream, member):
    response = signed_in(member).post(
        reverse("programme:work-add-action", args=[workstream.public_id]),
        {"meeting": str(uuid.uuid4()), "description": "Something", "owner": "Casey Evans", "status": "not-started", **date_fields("due_on", days(7))},
    )
    assert response.status_code == 400 and "Choose one of the meetings listed" in response.content.decode()


def test_moving_an_action_through_its_page_and_seeing_its_history(workstream, action, member):
    client = signed_in(member)
    url = reverse("programme:work-action-move", args=[workstream.public_id, action.public_id])
    response = client.post(url, {"reason": "The printer needs another week.", **date_fields("due_on", action.due_on)})
    assert response.status_code == 400
    assert "Choose a date other than the one it is due on now" in response.content.decode() and "The printer needs another week." in response.content.decode()
    old = action.due_on
    response = client.post(url, {"reason": "The printer needs another week.", **date_fields("due_on", days(20))})
    assert response.status_code == 302
    page = client.get(reverse("programme:work-action", args=[workstream.public_id, action.public_id])).content.decode()
    assert f"Moved from {old.day} {old:%B %Y} to" in page and "The printer needs another week." in page and "Casey Evans" in page


def test_marking_done_and_cancelling_through_the_pages(workstream, action, lead):
    client = signed_in(lead)
    assert client.post(reverse("programme:work-action-done", args=[workstream.public_id, action.public_id])).status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    other = services.add_action(workstream, by=lead, description="Print the booklet", owner="Drew Hughes", due_on=days(5))
    cancel = reverse("programme:work-action-cancel", args=[workstream.public_id, other.public_id])
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "Teams asked for it on screen instead."}).status_code == 302
    other.refresh_from_db()
    assert other.is_cancelled
    response = client.get(reverse("programme:work-edit-action", args=[workstream.public_id, other.public_id]))
    assert response.status_code == 302 and response["Location"] == reverse("programme:work-action", args=[workstream.public_id, other.public_id])


def test_the_actions_list_shows_the_overdue_and_filters_by_what_is_asked(workstream, action, lead, member):
    late = services.add_action(workstream, by=lead, description="Design the card with one number", owner="Casey Evans", due_on=days(-3))
    client = signed_in(member)
    url = reverse("programme:work-actions", args=[workstream.public_id])
    page = client.get(url).content.decode()
    assert late.description in page and "Overdue" in page and action.description in page
    overdue = client.get(url + "?show=overdue").content.decode()
    assert late.description in overdue and action.description not in overdue
    assert client.get(url + "?show=%00nonsense").status_code == 200


# The board


def test_the_board_shows_each_workstreams_progress_the_overdue_actions_and_one_chart_with_its_table(workstream, action, lead, practitioner, recovery):
    late = services.add_action(workstream, by=lead, description="Design the card with one number", owner="Casey Evans", due_on=days(-3))
    services.mark_action_done(action, by=lead)
    page = signed_in(practitioner).get(reverse("programme:work-board", args=[recovery.public_id])).content.decode()
    assert page.count('role="img"') == 1 and "Actions in each workstream: done, open and overdue" in page
    assert "<caption" in page and "Actions in each workstream</caption>" in page
    assert "1 of 2 actions done, 1 overdue." in page
    assert late.description in page
    assert "Next milestones" in page


def test_the_board_of_a_programme_without_workstreams_says_so(partnership_lead, practitioner):
    empty = services.start_programme(by=partnership_lead, name="Winter response (fictional)", purpose="Together.", starts_on=days(0))
    page = signed_in(practitioner).get(reverse("programme:work-board", args=[empty.public_id])).content.decode()
    assert "No workstreams yet." in page and 'role="img"' not in page


# Members, through the pages


def test_the_lead_adds_a_member_by_e_mail_and_an_unknown_address_is_kept(workstream, lead, champion):
    client = signed_in(lead)
    url = reverse("programme:work-member-add", args=[workstream.public_id])
    response = client.post(url, {"email": "someone@unknown.example"})
    assert response.status_code == 400 and "someone@unknown.example" in response.content.decode()
    assert client.post(url, {"email": champion.email.upper()}).status_code == 302
    assert workstream.members.filter(person=champion, left_at=None).exists()


def test_a_member_steps_back_through_the_page(workstream, member):
    place = workstream.members.get(person=member)
    client = signed_in(member)
    page = client.get(reverse("programme:work-workstream", args=[workstream.public_id])).content.decode()
    assert "Step back" in page
    assert client.post(reverse("programme:work-member-remove", args=[workstream.public_id, place.public_id])).status_code == 302
    place.refresh_from_db()
    assert place.left_at is not None


# Home pages


def test_the_programme_home_page_links_the_boards_and_joining_a_workstream(recovery, practitioner):
    page = signed_in(practitioner).get(reverse("programme:home")).content.decode()
    assert "Workstreams" in page and f"The board: {recovery.name}" in page and "Join a workstream" in page


def test_a_members_home_page_shows_their_workstreams_and_the_actions_due(workstream, action, member):
    page = signed_in(member).get("/").content.decode()
    assert "Your workstreams" in page and "You are on 1 workstream." in page and "1 action is due in the next two weeks" in page


def test_someone_in_no_workstream_has_no_workstream_card(workstream, champion):
    assert "Your workstreams" not in signed_in(champion).get("/").content.decode()


def test_the_board_shows_the_roadmaps_next_milestones_for_its_programme(recovery, practitioner, partnership_lead):
    from goldenthread.programme.roadmap.models import Milestone

    Milestone.objects.create(programme=recovery, title="One number families can call, shared by every partner", due_on=days(20))
    Milestone.objects.create(programme=recovery, title="A milestone already reached", due_on=days(25), status="reached", reached_on=days(-1))
    other = services.start_programme(by=partnership_lead, name="Winter response (fictional)", purpose="Together.", starts_on=days(0))
    Milestone.objects.create(programme=other, title="Another programme's milestone", due_on=days(10))
    [shown] = queries.next_milestones(recovery)
    assert (shown.title, shown.due_on, shown.status) == ("One number families can call, shared by every partner", days(20), "Planned")
    page = signed_in(practitioner).get(reverse("programme:work-board", args=[recovery.public_id])).content.decode()
    assert "One number families can call, shared by every partner" in page and "A milestone already reached" not in page
