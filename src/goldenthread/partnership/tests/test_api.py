"""The organisations API: public details for anyone, the people only for members with a token."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core import services as core_services
from goldenthread.core.tests.tokens import working_token
from goldenthread.partnership.models import Organisation, Sector
from goldenthread.pledges.models import Pledge, PledgeText

API = "/api/v1/organisations"


def bearer(user):
    _, key = working_token(user, "Test programme")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def closed_agency(db):
    return Organisation.objects.create(name="Riverbend Old Youth Service", sector=Sector.YOUTH_JUSTICE, is_active=False)


def test_anyone_can_list_the_active_member_organisations(client, childrens_services, community_health, closed_agency):
    response = client.get(API)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [o["name"] for o in data["items"]] == ["Riverbend Children's Services", "Riverbend Community Health"]
    health = data["items"][1]
    assert health == {
        "name": "Riverbend Community Health",
        "slug": "riverbend-community-health",
        "sector": "health",
        "sector_label": "Health",
        "area": "North Riverbend",
        "size": "",
        "size_label": "",
        "description": "",
        "pledge_state": None,
    }


def test_the_list_filters_by_sector_and_by_part_of_the_name(client, childrens_services, community_health):
    by_sector = client.get(API, {"sector": "health"}).json()
    by_name = client.get(API, {"q": "CHILDREN"}).json()
    unknown_sector = client.get(API, {"sector": "space"}).json()

    assert [o["slug"] for o in by_sector["items"]] == ["riverbend-community-health"]
    assert [o["slug"] for o in by_name["items"]] == ["riverbend-childrens-services"]
    assert unknown_sector == {"items": [], "count": 0}


def test_the_list_comes_in_pages(client, childrens_services, community_health):
    first = client.get(API, {"limit": 1}).json()
    second = client.get(API, {"limit": 1, "offset": 1}).json()

    assert first["count"] == 2
    assert [o["slug"] for o in first["items"]] == ["riverbend-childrens-services"]
    assert [o["slug"] for o in second["items"]] == ["riverbend-community-health"]


@pytest.mark.parametrize("params", [{"limit": 10**30}, {"offset": 10**30}, {"limit": -1}, {"offset": "many"}, {"limit": 0}])
def test_page_sizes_that_make_no_sense_are_refused_calmly(client, childrens_services, params):
    response = client.get(API, params)

    assert response.status_code == 422


def test_the_list_shows_where_each_organisation_stands_with_the_pledge(client, childrens_services, community_health):
    today = datetime.date.today()
    Pledge.objects.create(
        organisation=childrens_services,
        pledge_text=PledgeText.current(),
        signatory_name="Sam Okafor",
        signatory_role="Director of children's services",
        signed_on=today,
        vision="Children feel safe with us.",
        how_we_will_do_it="By listening.",
        priorities="Training every team.",
        expires_on=today + datetime.timedelta(days=365),
    )

    items = client.get(API).json()["items"]

    assert {o["slug"]: o["pledge_state"] for o in items} == {"riverbend-childrens-services": "Signed", "riverbend-community-health": None}


def test_anyone_can_read_one_organisation(client, community_health):
    response = client.get(f"{API}/riverbend-community-health")

    assert response.status_code == 200
    assert response.json()["name"] == "Riverbend Community Health"


@pytest.mark.parametrize("slug", ["no-such-organisation", "riverbend-old-youth-service", "%00", "%F0%9F%8C%B3", "x" * 5000, "'%20OR%201=1--"])
def test_an_unknown_or_closed_organisation_is_not_found_as_json(client, closed_agency, slug):
    response = client.get(f"{API}/{slug}")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_the_people_in_an_organisation_need_a_token(client, childrens_services, practitioner):
    response = client.get(f"{API}/{childrens_services.slug}/members")

    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer gt_not-a-real-token", "Bearer " + "x" * 10_000, "Basic YWxleDpwYXNzd29yZA==", "Bearer"])
def test_a_made_up_token_is_not_enough(client, childrens_services, header):
    response = client.get(f"{API}/{childrens_services.slug}/members", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_someone_from_another_organisation_cannot_see_its_people(client, childrens_services, practitioner, other_agency_lead):
    response = client.get(f"{API}/{childrens_services.slug}/members", **bearer(other_agency_lead))

    assert response.status_code == 403
    assert "detail" in response.json()


def test_a_member_sees_the_names_job_titles_and_roles_of_their_colleagues(client, childrens_services, organisation_lead, practitioner):
    response = client.get(f"{API}/{childrens_services.slug}/members", **bearer(practitioner))

    assert response.status_code == 200
    assert response.json() == [
        {"name": "Riley Shah", "job_title": "Social worker", "role": "practitioner", "role_label": "Practitioner"},
        {"name": "Sam Okafor", "job_title": "Director of children's services", "role": "organisation-lead", "role_label": "Organisation lead"},
    ]


def test_email_addresses_are_not_shared_through_the_api(client, childrens_services, practitioner):
    response = client.get(f"{API}/{childrens_services.slug}/members", **bearer(practitioner))

    assert practitioner.email not in response.content.decode()


def test_the_partnership_lead_sees_the_people_of_any_organisation(client, community_health, other_agency_practitioner, partnership_lead):
    response = client.get(f"{API}/{community_health.slug}/members", **bearer(partnership_lead))

    assert response.status_code == 200
    assert [p["name"] for p in response.json()] == ["Casey Evans"]


def test_a_revoked_token_no_longer_opens_the_people_list(client, childrens_services, practitioner):
    token, key = working_token(practitioner, "Old programme")
    core_services.revoke_api_token(token, by=practitioner)

    response = client.get(f"{API}/{childrens_services.slug}/members", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


def test_the_people_of_an_unknown_organisation_are_not_found(client, practitioner):
    response = client.get(f"{API}/no-such-organisation/members", **bearer(practitioner))

    assert response.status_code == 404


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sector=st.text(max_size=300), text=st.text(max_size=300))
def test_no_filter_value_ever_causes_a_server_error(client, childrens_services, sector, text):
    response = client.get(API, {"sector": sector, "q": text})

    assert response.status_code in (200, 422)


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "x" * 100_000, "🌳" * 1000, "' OR 1=1 --", "%", "_", "\\"])
def test_odd_filter_values_never_cause_a_server_error(client, childrens_services, value):
    response = client.get(API, {"sector": value, "q": value})

    assert response.status_code == 200


def test_the_organisation_routes_are_described_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert {"/api/v1/organisations", "/api/v1/organisations/{slug}", "/api/v1/organisations/{slug}/members"} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/organisations"]["get"]["parameters"]}
    assert {"sector", "q", "limit", "offset"} <= parameters
