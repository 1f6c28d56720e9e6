"""The stories API: only approved stories, as the pages show them; the person who shared one is named to the workforce only."""

import pytest

from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.programme.stories import services

from .conftest import story_details

pytestmark = pytest.mark.django_db

API = "/api/v1/programme/stories"


def test_the_workforce_reads_every_approved_story(client, other_agency_practitioner, approved_story, public_story, waiting_story, draft_story):
    response = client.get(API, **bearer(other_agency_practitioner))
    assert response.status_code == 200
    titles = {story["title"] for story in response.json()}
    assert titles == {approved_story.title, public_story.title}
    [one] = [story for story in response.json() if story["id"] == str(public_story.public_id)]
    assert one["shared_by"] == "Riley Shah"
    assert one["organisation"] == "Riverbend Children's Services"
    assert one["reach"] == "public"
    assert one["areas"] == ["relationships"]


def test_a_story_not_approved_answers_as_one_that_does_not_exist(client, practitioner, waiting_story, draft_story):
    headers = bearer(practitioner)  # even the person who wrote them
    for story in (waiting_story, draft_story):
        response = client.get(f"{API}/{story.public_id}", **headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "There is no story with that id that you can read."}


def test_a_withdrawn_story_is_gone_from_the_api(client, practitioner, approved_story, other_agency_practitioner):
    services.withdraw_story(approved_story, by=practitioner)
    headers = bearer(other_agency_practitioner)
    assert client.get(API, **headers).json() == []
    assert client.get(f"{API}/{approved_story.public_id}", **headers).status_code == 404


def test_a_family_members_own_account_reads_no_story_through_the_api(client, family_member, approved_story, public_story, family_client):
    # The tokens page makes no token for a family account; even one written straight into the table is refused; the public stories are on the public page, for anyone signed out.
    headers = smuggled_bearer(family_member)
    for url in (API, f"{API}/{approved_story.public_id}", f"{API}/{public_story.public_id}"):
        response = client.get(url, **headers)
        assert response.status_code == 401
        assert approved_story.title not in response.content.decode()
        assert family_client(family_member).get(url).status_code == 403


def test_the_api_needs_a_token(client, public_story):
    assert client.get(API).status_code == 401


def test_the_list_narrows_to_one_area(client, other_agency_practitioner, approved_story, practitioner, childrens_services, champion):
    other = services.share_story(childrens_services, by=practitioner, **story_details(title="About language (fictional)", domains=["language"]))
    services.approve_story(other, by=champion)
    found = client.get(f"{API}?area=language", **bearer(other_agency_practitioner)).json()
    assert [story["title"] for story in found] == ["About language (fictional)"]


def test_a_bad_id_is_not_a_server_error(client, other_agency_practitioner):
    assert client.get(f"{API}/not-a-uuid", **bearer(other_agency_practitioner)).status_code in (404, 422)
