"""The roadmap API: the milestones for anyone in the workforce, filtered as on the page, and one milestone with its history."""

import pytest

from goldenthread.core.tests.tokens import bearer
from goldenthread.programme.roadmap import services

from .conftest import in_days

pytestmark = pytest.mark.django_db
API = "/api/v1/programme/roadmap"


def test_every_roadmap_route_needs_a_token(client, whole_system):
    assert client.get(f"{API}/milestones").status_code == 401
    assert client.get(f"{API}/milestones/{whole_system.public_id}").status_code == 401


def test_the_milestones_come_by_date_with_who_they_are_for(client, practitioner, every_kind, recovery):
    found = client.get(f"{API}/milestones", **bearer(practitioner)).json()
    assert [item["title"] for item in found] == [m.title for m in sorted(every_kind.values(), key=lambda m: m.due_on)]
    first = found[0]
    assert first["programme"] == {"id": str(recovery.public_id), "name": recovery.name}
    assert (first["for_whom"], first["sector"], first["organisation"], first["status"]) == ("The whole system", None, None, "planned")
    assert first["domains"] == [
        {"code": "leadership", "title": "Leadership and governance"},
        {"code": "partnership", "title": "Partnership working and Think Family"},
    ]
    own = next(item for item in found if item["organisation"])
    assert own["organisation"]["name"] == "Riverbend Children's Services" and own["sector"] == "childrens-social-care"


def test_the_milestones_filter_by_programme_sector_and_area(client, practitioner, every_kind, recovery):
    headers = bearer(practitioner)
    assert len(client.get(f"{API}/milestones", {"programme": str(recovery.public_id)}, **headers).json()) == 5
    assert [m["title"] for m in client.get(f"{API}/milestones", {"sector": "whole-system"}, **headers).json()] == [every_kind["whole_system"].title]
    assert {m["title"] for m in client.get(f"{API}/milestones", {"sector": "health"}, **headers).json()} == {
        every_kind["health_sector"].title,
        every_kind["other_agency"].title,
    }
    assert [m["title"] for m in client.get(f"{API}/milestones", {"domain": "safety"}, **headers).json()] == [every_kind["other_agency"].title]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"sector": "the-moon"}, "Send `sector` as one of"),
        ({"domain": "nope"}, "Send `domain` as the code"),
        ({"programme": "7d1e6f52-0000-4000-8000-000000000000"}, "There is no programme with that id"),
    ],
)
def test_a_filter_that_names_nothing_says_what_to_send_instead(client, practitioner, whole_system, params, words):
    response = client.get(f"{API}/milestones", params, **bearer(practitioner))
    assert response.status_code == 400 and words in response.json()["detail"]


def test_a_programme_that_is_not_an_id_is_a_parameter_problem(client, practitioner):
    assert client.get(f"{API}/milestones", {"programme": "not-an-id"}, **bearer(practitioner)).status_code == 422


def test_one_milestone_comes_with_its_history_and_linked_actions(client, practitioner, own_milestone, organisation_lead):
    services.move_milestone(own_milestone, by=organisation_lead, due_on=in_days(140), reason="Families asked to help write it.")
    found = client.get(f"{API}/milestones/{own_milestone.public_id}", **bearer(practitioner)).json()
    assert found["status"] == "moved" and found["due_on"] == in_days(140).isoformat()
    assert [(step["kind"], step["from_date"], step["to_date"]) for step in found["history"]] == [
        ("added", None, in_days(120).isoformat()),
        ("moved", in_days(120).isoformat(), in_days(140).isoformat()),
    ]
    assert found["history"][1]["by"] == "Sam Okafor" and found["actions"] == []


def test_a_missing_milestone_is_not_found(client, practitioner):
    response = client.get(f"{API}/milestones/7d1e6f52-0000-4000-8000-000000000000", **bearer(practitioner))
    assert response.status_code == 404 and response.json() == {"detail": "There is no milestone with that id."}


def test_someone_outside_the_workforce_is_refused(client, data_protection_lead, whole_system):
    response = client.get(f"{API}/milestones", **bearer(data_protection_lead))
    assert response.status_code == 403 and "ask your organisation lead" in response.json()["detail"]
    assert client.get(f"{API}/milestones/{whole_system.public_id}", **bearer(data_protection_lead)).status_code == 403
