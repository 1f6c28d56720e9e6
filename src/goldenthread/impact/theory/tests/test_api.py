"""The theory of change API: the version in force as JSON for anyone in the workforce, with each outcome's stable key."""

import pytest

from goldenthread.core.tests.tokens import bearer

pytestmark = pytest.mark.django_db
API = "/api/v1/impact/theory-of-change"


def test_every_route_needs_a_token(client, in_force):
    for url in (API, f"{API}/versions", f"{API}/versions/1"):
        assert client.get(url).status_code == 401


def test_the_version_in_force_comes_with_its_outcomes_activities_and_assumptions(client, practitioner, in_force):
    found = client.get(API, **bearer(practitioner)).json()
    assert (found["number"], found["in_force"], found["note"]) == (1, True, "Our first theory of change.")
    assert [o["key"] for o in found["outcomes"]] == ["children-feel-heard", "families-tell-their-story-once", "system-learns"]
    heard = found["outcomes"][0]
    assert (heard["horizon"], heard["horizon_label"], heard["for_whom"], heard["for_whom_label"]) == (
        "short",
        "Short term",
        "children",
        "Children and young people",
    )
    assert found["activities"][0] == {
        "title": "Training for every sector",
        "description": "A core programme for the whole workforce.",
        "leads_to": ["children-feel-heard", "system-learns"],
    }
    assert found["assumptions"] == ["Leaders keep giving people time to train and reflect."]


def test_earlier_versions_are_listed_and_readable_and_a_draft_is_not(client, practitioner, in_force, draft):
    headers = bearer(practitioner)
    assert [v["number"] for v in client.get(f"{API}/versions", **headers).json()] == [1]
    assert client.get(f"{API}/versions/1", **headers).json()["in_force"] is True
    assert client.get(f"{API}/versions/2", **headers).status_code == 404
    assert "no published version" in client.get(f"{API}/versions/99", **headers).json()["detail"]


def test_with_nothing_in_force_the_answer_is_null(client, practitioner):
    response = client.get(API, **bearer(practitioner))
    assert response.status_code == 200 and response.json() is None


def test_someone_outside_the_workforce_is_refused(client, data_protection_lead, in_force):
    response = client.get(API, **bearer(data_protection_lead))
    assert response.status_code == 403 and response.json()["detail"]
