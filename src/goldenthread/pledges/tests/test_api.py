"""The public pledges API: the same published pledges as the wall, as JSON."""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.partnership.models import Sector
from goldenthread.pledges import services

from .conftest import move_expiry

API = "/api/v1/pledges"


def test_published_pledges_are_listed_without_a_token(client, signed_pledge, other_pledge):
    response = client.get(API)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [item["organisation"]["name"] for item in data["items"]] == ["Riverbend Children's Services", "Riverbend Community Health"]


def test_a_pledge_carries_its_statement_commitments_champions_and_personal_pledges(client, signed_pledge, champion, organisation_lead, childrens_services):
    services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will listen first.")
    item = client.get(f"{API}/{childrens_services.slug}").json()
    assert item["organisation"] == {
        "name": "Riverbend Children's Services",
        "slug": childrens_services.slug,
        "sector": Sector.CHILDRENS_SOCIAL_CARE,
        "sector_label": "Children's social care",
        "area": "Borough-wide",
    }
    assert item["state"] == "signed"
    assert item["pledge_version"] == 1
    assert item["signed_on"] == signed_pledge.signed_on.isoformat()
    assert item["expires_on"] == signed_pledge.expires_on.isoformat()
    assert [strand["strand"] for strand in item["commitments"]] == ["recognise", "respond", "avoid-re-traumatisation", "build-resilience"]
    assert all(len(strand["commitments"]) == 1 for strand in item["commitments"])
    assert item["statement"]["vision"].startswith("Every child and family")
    assert item["champions"] == [{"name": "Jo Park", "job_title": "Practice lead"}]
    assert item["personal_pledges"][0]["commitment"] == "I will listen first."
    assert item["personal_pledges"][0]["name"] == "Sam Okafor"


def test_a_hidden_personal_pledge_is_not_in_the_api(client, signed_pledge, organisation_lead, childrens_services):
    services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="Only for me.", is_shown=False)
    assert client.get(f"{API}/{childrens_services.slug}").json()["personal_pledges"] == []


def test_a_lapsed_pledge_says_lapsed(client, signed_pledge, childrens_services):
    move_expiry(signed_pledge, timezone.localdate() - timedelta(days=1))
    assert client.get(f"{API}/{childrens_services.slug}").json()["state"] == "lapsed"


def test_filters_by_sector_and_search(client, signed_pledge, other_pledge):
    health = client.get(API, {"sector": Sector.HEALTH}).json()
    assert [i["organisation"]["slug"] for i in health["items"]] == [other_pledge.organisation.slug]
    letters = client.get(API, {"q": "letters"}).json()
    assert [i["organisation"]["slug"] for i in letters["items"]] == [signed_pledge.organisation.slug]
    assert client.get(API, {"sector": "no-such-sector"}).json()["count"] == 0


def test_limit_and_offset(client, signed_pledge, other_pledge):
    data = client.get(API, {"limit": 1, "offset": 1}).json()
    assert data["count"] == 2
    assert [i["organisation"]["name"] for i in data["items"]] == ["Riverbend Community Health"]


def test_withdrawn_and_unknown_pledges_are_not_found(client, signed_pledge, partnership_lead, childrens_services):
    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="Under review")
    assert client.get(f"{API}/{childrens_services.slug}").status_code == 404
    assert client.get(f"{API}/no-such-organisation").status_code == 404
    assert client.get(API).json()["count"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "x\x00y"},
        {"q": "a" * 10_000},
        {"q": "' OR 1=1 --"},
        {"sector": "\x00"},
        {"limit": "-1"},
        {"offset": "lots"},
        {"limit": "100000000000000000000"},
    ],
)
def test_odd_queries_are_answered_calmly(client, signed_pledge, query):
    response = client.get(API, query)
    assert response.status_code in (200, 422)


@pytest.mark.parametrize("slug", ["\x00", "a" * 5000, "'; DROP TABLE x; --", "%00"])
def test_odd_slugs_are_not_found(client, signed_pledge, slug):
    assert client.get(f"{API}/{slug}").status_code == 404


def test_the_schema_describes_the_pledge_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/pledges" in paths
    assert "/api/v1/pledges/{slug}" in paths
