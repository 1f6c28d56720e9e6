"""The resources API: the library and one resource with its versions, for the workforce, with a personal token; never a file's bytes or words.

Jo Park (champion) added a guide (a file, then a link); Alex Morgan added a tool (a link). Riley
Shah (practitioner) reads them. Everything here is fictional.
"""

from __future__ import annotations

import pytest

from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.programme.resources import rules, services

from .conftest import upload

pytestmark = pytest.mark.django_db

API = "/api/v1/programme/resources"


@pytest.fixture
def two_versions(guide, champion):
    services.add_version(guide, by=champion, link="https://www.partnership.riverbend.example/writing-with-families", note="Now on the website.")
    return guide


def test_the_library_needs_a_token(client, guide):
    assert client.get(API).status_code == 401


def test_the_workforce_reads_the_library_newest_version_and_tags_included(client, practitioner, two_versions, linked_tool):
    response = client.get(API, **bearer(practitioner))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert (first["title"], second["title"]) == ("Team check-in after a hard day (fictional)", "Writing with families: words that help (fictional)")
    assert second["latest_version"] == 2
    assert second["tags"]["principles"] == ["safety", "connectedness"]
    assert second["tags"]["words"] == "A sense of safety · Connectedness · Children's social care · Language and recording · Practitioner"
    assert second["page"] == f"/programme/resources/{two_versions.public_id}/"
    assert first["organisation"] is None and first["kind"] == "tool" and first["kind_label"] == "Tool"


def test_the_library_is_searched_and_filtered_as_on_the_page(client, practitioner, guide, linked_tool):
    headers = bearer(practitioner)
    assert [item["title"] for item in client.get(API, {"q": "judged"}, **headers).json()["items"]] == [guide.title]
    assert [item["title"] for item in client.get(API, {"sector": "fire"}, **headers).json()["items"]] == [linked_tool.title]
    assert client.get(API, {"principle": "courage"}, **headers).json()["count"] == 0
    assert client.get(API, {"q": "x" * 5000, "kind": "<b>"}, **headers).status_code == 200


def test_withdrawn_resources_are_left_out_of_the_library(client, practitioner, guide, linked_tool, partnership_lead):
    services.withdraw_resource(linked_tool, by=partnership_lead)
    assert [item["title"] for item in client.get(API, **bearer(practitioner)).json()["items"]] == [guide.title]


def test_one_resource_comes_with_every_version_and_no_file_bytes_or_words(client, practitioner, two_versions):
    response = client.get(f"{API}/{two_versions.public_id}", **bearer(practitioner))
    assert response.status_code == 200
    body = response.json()
    assert [version["number"] for version in body["versions"]] == [2, 1]
    link_version, file_version = body["versions"]
    assert link_version["link"] == "https://www.partnership.riverbend.example/writing-with-families"
    assert link_version["file_name"] is None and link_version["size"] is None
    assert file_version["link"] is None
    assert file_version["file_name"] == "writing-with-families.md"
    assert file_version["content_type"] == rules.FILE_TYPES[".md"][0]
    assert file_version["size"] > 0
    assert file_version["uploaded_by"] == "Jo Park"
    text = response.content.decode()
    assert "Describe what happened" not in text  # the file's words stay on the server
    assert "resources/" not in text.replace("/programme/resources/", "")  # nor where the file is kept


def test_a_withdrawn_resource_still_answers_and_says_so(client, practitioner, guide, champion):
    services.withdraw_resource(guide, by=champion, reason="Replaced.")
    body = client.get(f"{API}/{guide.public_id}", **bearer(practitioner)).json()
    assert body["is_withdrawn"] is True and body["withdrawn_reason"] == "Replaced." and body["withdrawn_at"]


def test_an_unknown_or_malformed_id_is_not_found_never_an_error(client, practitioner):
    headers = bearer(practitioner)
    response = client.get(f"{API}/00000000-0000-0000-0000-000000000000", **headers)
    assert response.status_code == 404 and response.json() == {"detail": "There is no resource with that id."}
    assert client.get(f"{API}/not-an-id", **headers).status_code in (404, 422)


def test_a_family_members_own_account_reads_nothing_of_the_library(client, guide, family_member, family_client):
    headers = smuggled_bearer(family_member)
    for url in (API, f"{API}/{guide.public_id}"):
        assert client.get(url, **headers).status_code == 401  # a family account holds no working token
        assert family_client(family_member).get(url).status_code == 403
        assert guide.title not in client.get(url, **headers).content.decode()


@pytest.mark.parametrize("who", ["data_protection_lead"])
def test_someone_outside_the_workforce_is_refused_with_who_to_ask(client, request, guide, who):
    person = request.getfixturevalue(who)
    headers = bearer(person)
    for url in (API, f"{API}/{guide.public_id}"):
        response = client.get(url, **headers)
        assert response.status_code == 403
        assert response.json() == {"detail": rules.NOT_FOR_YOU}


def test_the_api_reads_only(client, champion):
    headers = bearer(champion)
    assert client.post(API, {"title": "A guide"}, content_type="application/json", **headers).status_code == 405
    services.add_resource(by=champion, title="A guide", summary="About it.", kind="guide", upload=upload("a.txt", b"Words."))
