"""The writing figures through the API: the same figures, the same rules about who sees them, and clear answers to bad filters."""

import pytest

from goldenthread.language_monitoring import queries

from .support import FLAGGED_STORY, add_story, check_everything, personal_pledge

API = "/api/v1/writing"


@pytest.fixture
def writing(family, practitioner, other_agency_lead, community_health):
    add_story(family, practitioner, FLAGGED_STORY)
    personal_pledge(other_agency_lead, community_health)
    check_everything()


def test_the_figures_need_a_token(client, db):
    for path in ("figures", "figures.csv", "yours"):
        assert client.get(f"{API}/{path}").status_code == 401


@pytest.mark.parametrize("who", ["champion", "practitioner", "trainer", "data_protection_lead"])
def test_only_leads_get_the_organisations_figures(client, api_bearer, who, request, writing):
    headers = api_bearer(request.getfixturevalue(who))
    for path in ("figures", "figures.csv"):
        response = client.get(f"{API}/{path}", **headers)
        assert response.status_code == 403 and "organisation leads" in response.json()["detail"]
    assert client.get(f"{API}/yours", **headers).status_code == 200


def test_the_partnership_lead_gets_the_same_figures_as_the_page(client, api_bearer, partnership_lead, writing):
    data = client.get(f"{API}/figures", **api_bearer(partnership_lead)).json()
    found = queries.figures(queries.checks_seen_by(partnership_lead), queries.Filters())
    assert data["overall"] == {
        "key": "all",
        "label": "All records",
        "records": found.overall.records,
        "meeting_standard": found.overall.meeting,
        "share": found.overall.share,
    }
    assert {row["label"] for row in data["by_organisation"]} == {"Riverbend Children's Services", "Riverbend Community Health"}
    assert len(data["by_month"]) == queries.MONTHS_SHOWN
    assert "care.abscond" in {item["rule"] for item in data["commonest"]}


def test_an_organisation_lead_gets_their_own_organisation_only(client, api_bearer, other_agency_lead, childrens_services, writing):
    headers = api_bearer(other_agency_lead)
    data = client.get(f"{API}/figures", **headers).json()
    assert [row["label"] for row in data["by_organisation"]] == ["Riverbend Community Health"]
    assert data["overall"]["records"] == 1
    refused = client.get(f"{API}/figures", {"organisation": childrens_services.slug}, **headers)
    assert refused.status_code == 400 and refused.json() == {"detail": "Choose an organisation from the list."}


def test_your_own_writing_is_yours_only(client, api_bearer, practitioner, champion, writing):
    mine = client.get(f"{API}/yours", **api_bearer(practitioner)).json()
    assert mine["overall"]["records"] >= 2 and mine["by_organisation"] == []
    assert client.get(f"{API}/yours", **api_bearer(champion)).json()["overall"]["records"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"from_month": "2026-13"},
        {"from_month": "soon"},
        {"to_month": "1990-01"},
        {"record_type": "core.user"},
        {"from_month": "9" * 40},
        {"from_month": "9" * 20 + "-01"},
        {"organisation": "\x00"},
    ],
)
def test_a_filter_that_cannot_be_used_is_a_400_with_a_sentence(client, api_bearer, partnership_lead, writing, query):
    response = client.get(f"{API}/figures", query, **api_bearer(partnership_lead))
    assert response.status_code == 400
    assert response.json()["detail"].startswith(("Write a month", "Choose"))


def test_months_the_wrong_way_round_are_a_400(client, api_bearer, partnership_lead, writing):
    offered = queries.months_offered()
    query = {"from_month": queries.month_key(offered[-1]), "to_month": queries.month_key(offered[0])}
    response = client.get(f"{API}/figures", query, **api_bearer(partnership_lead))
    assert response.status_code == 400 and "first month" in response.json()["detail"]


def test_the_csv_downloads_as_a_file(client, api_bearer, organisation_lead, writing):
    response = client.get(f"{API}/figures.csv", **api_bearer(organisation_lead))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith(",".join(queries.CSV_HEADER))
