"""The continuum API: public frameworks, an organisation's results for its people, the summary for the partnership lead."""

import pytest

from goldenthread.continuum.models import Assessment, Framework
from goldenthread.core.tests.tokens import working_token
from goldenthread.partnership.models import Organisation, Sector

from .map_factories import complete_round, make_framework

API = "/api/v1/continuum"


def bearer(user):
    _, key = working_token(user, "Continuum test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def rounds(db, childrens_services, community_health, organisation_lead, champion, other_agency_lead):
    framework = make_framework()
    complete_round(
        childrens_services, framework, [organisation_lead, champion], {"leadership": 1, "safety": 1, "language": 1}, days_ago=390, title="Last spring"
    )
    latest = complete_round(
        childrens_services,
        framework,
        [organisation_lead, champion],
        {"leadership": 4, "safety": 3, "language": 3},
        spread={"safety": 1},
        days_ago=20,
        title="This spring",
    )
    complete_round(community_health, framework, [other_agency_lead], {"leadership": 1, "safety": 2, "language": 1}, days_ago=15)
    Assessment.objects.create(organisation=childrens_services, framework=framework, title="Open round")
    return latest


# Frameworks -------------------------------------------------------------------------------


def test_frameworks_are_public_with_their_domains_statements_and_stages(client, db):
    response = client.get(f"{API}/frameworks")
    assert response.status_code == 200
    frameworks = {(f["code"], f["version"]): f for f in response.json()}
    general = frameworks[("general", 1)]
    assert general["kind"] == "general"
    assert len(general["domains"]) >= 8
    assert sum(len(domain["items"]) for domain in general["domains"]) >= 40
    assert [stage["code"] for stage in general["stages"]] == ["aware", "sensitive", "responsive", "informed"]
    assert general["stages"][0]["name"] == "Trauma Aware"
    assert all(item["text"] for domain in general["domains"] for item in domain["items"])
    assert frameworks[("schools", 1)]["kind"] == "schools"


def test_current_only_leaves_out_older_versions(client, db):
    make_framework("test-general", version=1, is_current=False)
    make_framework("test-general", version=2)
    versions = [(f["code"], f["version"]) for f in client.get(f"{API}/frameworks", {"current_only": "true"}).json()]
    assert ("test-general", 2) in versions and ("test-general", 1) not in versions


def test_one_framework_version_by_code_and_version(client, db):
    make_framework("test-general", version=1, is_current=False)
    make_framework("test-general", version=2, domains=[("voice", "Voice and choice")])
    response = client.get(f"{API}/frameworks/test-general/1")
    assert response.status_code == 200
    assert [domain["code"] for domain in response.json()["domains"]] == ["leadership", "safety", "language"]
    assert [domain["code"] for domain in client.get(f"{API}/frameworks/test-general/2").json()["domains"]] == ["voice"]


@pytest.mark.parametrize(
    "address",
    [
        "frameworks/nothing-here/1",
        "frameworks/general/99",
        "frameworks/general/0",
        "frameworks/general/-1",
        f"frameworks/general/{10**30}",
        "frameworks/gen%00eral/1",
        "frameworks/%E2%9C%93/1",
    ],
)
def test_an_unknown_framework_is_not_found(client, db, address):
    assert client.get(f"{API}/{address}").status_code == 404


def test_a_version_that_is_not_a_number_is_refused_calmly(client, db):
    assert client.get(f"{API}/frameworks/general/one").status_code == 422


# An organisation's rounds ------------------------------------------------------------------


def test_an_organisations_people_get_its_completed_rounds_latest_first(client, rounds, childrens_services, practitioner):
    response = client.get(f"{API}/organisations/{childrens_services.slug}/assessments", **bearer(practitioner))
    assert response.status_code == 200
    data = response.json()
    assert [item["title"] for item in data] == ["This spring", "Last spring"]
    latest = data[0]
    assert latest["id"] == str(rounds.public_id)
    assert latest["stage"] == "responsive" and latest["stage_name"] == "Trauma Responsive"
    assert latest["respondents"] == 3  # the lead, the champion and a colleague
    assert (latest["figures_withheld"], latest["withheld_reason"]) == (False, "")
    assert latest["framework_code"] == "test-general"
    leadership = latest["domains"][0]
    assert (leadership["code"], leadership["stage"], leadership["score"]) == ("leadership", "informed", 4.0)
    safety = latest["domains"][1]
    assert all(item["disagreement"] for item in safety["items"])


def test_the_api_never_returns_anyones_own_answers(client, rounds, childrens_services, organisation_lead):
    text = client.get(f"{API}/organisations/{childrens_services.slug}/assessments", **bearer(organisation_lead)).content.decode()
    for private in ('"respondent"', "Sam Okafor", "Jo Park", "evidence", "lowest", "highest", "sam.okafor"):
        assert private not in text


def test_the_partnership_lead_can_read_any_organisations_rounds(client, rounds, community_health, partnership_lead):
    response = client.get(f"{API}/organisations/{community_health.slug}/assessments", **bearer(partnership_lead))
    assert response.status_code == 200
    assert len(response.json()) == 1


def test_another_organisations_people_are_refused(client, rounds, childrens_services, other_agency_practitioner):
    response = client.get(f"{API}/organisations/{childrens_services.slug}/assessments", **bearer(other_agency_practitioner))
    assert response.status_code == 403
    assert "own people" in response.json()["detail"]


def test_an_organisations_rounds_need_a_token(client, rounds, childrens_services):
    assert client.get(f"{API}/organisations/{childrens_services.slug}/assessments").status_code == 401
    assert client.get(f"{API}/organisations/{childrens_services.slug}/assessments", HTTP_AUTHORIZATION="Bearer gt_nothing").status_code == 401


@pytest.mark.parametrize("slug", ["no-such-organisation", "x" * 300, "%00", "a%00b", "' OR 1=1 --", "%F0%9F%98%80"])
def test_an_unknown_organisation_is_not_found(client, rounds, organisation_lead, slug):
    response = client.get(f"{API}/organisations/{slug}/assessments", **bearer(organisation_lead))
    assert response.status_code == 404


# The partnership summary -------------------------------------------------------------------


def test_the_partnership_lead_gets_the_summary(client, rounds, partnership_lead):
    Organisation.objects.create(name="Riverbend Police Station", sector=Sector.POLICE)
    response = client.get(f"{API}/summary", **bearer(partnership_lead))
    assert response.status_code == 200
    data = response.json()
    assert (data["organisations"], data["assessed"], data["not_assessed"], data["open_rounds"]) == (3, 2, 1, 1)
    assert data["stages"] == {"aware": 1, "sensitive": 0, "responsive": 1, "informed": 0}
    assert data["movement"] == {"up": 1, "same": 0, "down": 0, "first": 1}
    sectors = {row["sector"]: row for row in data["sectors"]}
    assert sectors["police"]["not_assessed"] == 1
    assert sectors["childrens-social-care"]["stages"]["responsive"] == 1
    children = next(s for s in data["standings"] if s["slug"] == "riverbend-childrens-services")
    assert children["movement"] == "up" and children["earlier"]["stage"] == "aware"
    [spot, *_] = [s for s in data["bright_spots"] if s["domain_code"] == "leadership"]
    assert spot["slug"] == "riverbend-childrens-services"
    assert spot["early_others"] == ["riverbend-community-health"]


def test_the_summary_can_be_narrowed_to_a_sector(client, rounds, partnership_lead):
    data = client.get(f"{API}/summary", {"sector": "health"}, **bearer(partnership_lead)).json()
    assert data["sector"] == "health"
    assert [s["slug"] for s in data["standings"]] == ["riverbend-community-health"]


@pytest.mark.parametrize("odd", ["\x00", "space-agency", "x" * 5000, "<b>", "😀"])
def test_odd_summary_filters_never_break_it(client, rounds, partnership_lead, odd):
    response = client.get(f"{API}/summary", {"sector": odd, "framework": odd}, **bearer(partnership_lead))
    assert response.status_code == 200


@pytest.mark.parametrize("person", ["organisation_lead", "champion", "practitioner", "other_agency_lead"])
def test_only_partnership_admins_get_the_summary(client, rounds, request, person):
    response = client.get(f"{API}/summary", **bearer(request.getfixturevalue(person)))
    assert response.status_code == 403


def test_the_summary_needs_a_token(client, rounds):
    assert client.get(f"{API}/summary").status_code == 401


def test_the_schema_describes_the_continuum(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/continuum/frameworks",
        "/api/v1/continuum/frameworks/{code}/{version}",
        "/api/v1/continuum/organisations/{slug}/assessments",
        "/api/v1/continuum/summary",
    ):
        assert path in paths


def test_frameworks_list_stays_a_few_queries_however_many_versions(client, db, django_assert_max_num_queries):
    for version in range(1, 6):
        make_framework("test-many", version=version, is_current=version == 5)
    with django_assert_max_num_queries(4):
        assert client.get(f"{API}/frameworks").status_code == 200
    assert Framework.objects.count() >= 7
