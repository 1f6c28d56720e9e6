"""The workstreams API: programmes and workstreams for the workforce, and asking to join through the same service as the page."""

import uuid

import pytest

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.programme.work import services
from goldenthread.programme.work.models import JoinRequest

from .conftest import days

pytestmark = pytest.mark.django_db
API = "/api/v1/programme"


def test_every_route_needs_a_token(client, workstream, recovery):
    for path in ("/programmes", f"/programmes/{recovery.public_id}", f"/workstreams/{workstream.public_id}"):
        assert client.get(API + path).status_code == 401
    assert client.post(f"{API}/workstreams/{workstream.public_id}/join-requests", {}, content_type="application/json").status_code == 401


def test_the_programmes_and_one_programme_with_its_workstreams_and_progress(client, recovery, workstream, action, practitioner):
    headers = bearer(practitioner)
    listed = client.get(f"{API}/programmes", **headers).json()
    assert [item["name"] for item in listed] == ["Riverbend recovery response (fictional)"]
    found = client.get(f"{API}/programmes/{recovery.public_id}", **headers).json()
    [stream] = found["workstreams"]
    assert stream["name"] == "Communication" and stream["lead"] == "Drew Hughes" and stream["members"] == 2
    assert stream["principles"] == [{"key": "connectedness", "name": "Connectedness"}, {"key": "hope", "name": "Hope"}]
    assert stream["progress"]["open"] == 1 and stream["progress"]["overdue"] == 0


def test_a_workstream_with_its_members_and_open_actions_only(client, workstream, action, meeting, lead, practitioner):
    done = services.add_action(workstream, by=lead, description="Already done", owner="Drew Hughes", due_on=days(-1))
    services.mark_action_done(done, by=lead)
    late = services.add_action(workstream, by=lead, description="Past its date", owner="Drew Hughes", due_on=days(-2))
    found = client.get(f"{API}/workstreams/{workstream.public_id}", **bearer(practitioner)).json()
    assert [action_out["description"] for action_out in found["open_actions"]] == [late.description, action.description]
    assert found["open_actions"][0]["is_overdue"] and found["open_actions"][1]["meeting_held_on"] == meeting.held_on.isoformat()
    assert sorted(member["name"] for member in found["members_now"]) == ["Casey Evans", "Drew Hughes"]
    assert found["programme"]["name"] == "Riverbend recovery response (fictional)"


def test_asking_to_join_through_the_api_tells_the_lead(client, workstream, practitioner, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{API}/workstreams/{workstream.public_id}/join-requests",
            {"message": "I would like to help (fictional)."},
            content_type="application/json",
            **bearer(practitioner),
        )
    assert response.status_code == 201 and response.json()["status"] == "waiting"
    assert JoinRequest.objects.get(public_id=response.json()["id"]).person == practitioner
    assert [message.to for message in sent_by_the_worker()] == [[lead.email]]
    again = client.post(f"{API}/workstreams/{workstream.public_id}/join-requests", {}, content_type="application/json", **bearer(practitioner))
    assert again.status_code == 409 and "already asked" in again.json()["detail"]


def test_a_message_too_long_is_a_bad_request(client, workstream, practitioner):
    response = client.post(
        f"{API}/workstreams/{workstream.public_id}/join-requests", {"message": "x" * 1001}, content_type="application/json", **bearer(practitioner)
    )
    assert response.status_code == 400 and "1,000 characters or fewer" in response.json()["detail"]


def test_a_member_asking_to_join_is_told_they_are_on_it_already(client, workstream, member):
    response = client.post(f"{API}/workstreams/{workstream.public_id}/join-requests", {}, content_type="application/json", **bearer(member))
    assert response.status_code == 409 and "already on this workstream" in response.json()["detail"]


def test_an_unknown_programme_or_workstream_is_not_found(client, workstream, practitioner):
    headers = bearer(practitioner)
    assert client.get(f"{API}/programmes/{uuid.uuid4()}", **headers).status_code == 404
    assert client.get(f"{API}/workstreams/{uuid.uuid4()}", **headers).status_code == 404
    assert client.post(f"{API}/workstreams/{uuid.uuid4()}/join-requests", {}, content_type="application/json", **headers).status_code == 404


def test_a_family_member_gets_nothing_through_the_api(client, workstream, recovery, family_member, family_client):
    headers = smuggled_bearer(family_member)  # a family account holds no working token
    own_account = family_client(family_member)
    for path in ("/programmes", f"/programmes/{recovery.public_id}", f"/workstreams/{workstream.public_id}", f"/workstreams/{uuid.uuid4()}"):
        assert client.get(API + path, **headers).status_code == 401
        response = own_account.get(API + path)
        assert response.status_code == 403 and "people who work in the partnership" in response.json()["detail"]
    assert client.post(f"{API}/workstreams/{workstream.public_id}/join-requests", {}, content_type="application/json", **headers).status_code == 401
    assert own_account.post(f"{API}/workstreams/{workstream.public_id}/join-requests", {}, content_type="application/json").status_code == 403
