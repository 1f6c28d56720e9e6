"""The golden thread and board reports in the API: the same people as the pages, and bad input never a server error."""

import pytest

from goldenthread.core.tests.tokens import bearer

pytestmark = pytest.mark.django_db
API = "/api/v1/impact"


def test_every_route_needs_a_token(client, final_report, childrens_services):
    for path in ("/thread", f"/thread/{childrens_services.pk}", "/reports", f"/reports/{final_report.public_id}"):
        assert client.get(API + path).status_code == 401


def test_the_partnership_s_thread_for_a_period(client, organisation_lead):
    found = client.get(f"{API}/thread", {"from": "2026-01-01", "to": "2026-03-31"}, **bearer(organisation_lead)).json()
    assert found["period"]["start"] == "2026-01-01" and found["organisation"] is None
    assert (found["strongest"], found["weakest"]) == ("families", "supervision")
    assert [step["key"] for step in found["steps"]] == ["pledge", "continuum", "training", "language", "supervision", "families"]
    assert all(step["figure"]["link"] for step in found["steps"])


def test_one_organisation_s_thread_is_for_the_team_and_its_own_lead(client, organisation_lead, other_agency_lead, practitioner, childrens_services):
    address = f"{API}/thread/{childrens_services.pk}"
    assert client.get(address, **bearer(organisation_lead)).json()["organisation"]["name"] == "Riverbend Children's Services"
    assert client.get(address, **bearer(other_agency_lead)).status_code == 403
    assert client.get(address, **bearer(practitioner)).status_code == 403
    assert client.get(f"{API}/thread", **bearer(practitioner)).status_code == 403


def test_bad_input_is_answered_with_what_to_change_never_a_server_error(client, partnership_lead):
    headers = bearer(partnership_lead)
    response = client.get(f"{API}/thread", {"from": "2026-04-01", "to": "2026-01-01"}, **headers)
    assert response.status_code == 400 and response.json()["detail"] == "The period's first day must be on or before its last day."
    assert client.get(f"{API}/thread", {"from": "soon"}, **headers).status_code == 400
    assert client.get(f"{API}/thread/999999", **headers).status_code == 404
    assert client.get(f"{API}/thread/not-a-number", **headers).status_code in (404, 422)
    assert client.get(f"{API}/reports/not-a-report", **headers).status_code in (404, 422)
    assert client.get(f"{API}/reports/00000000-0000-0000-0000-000000000000", **headers).status_code == 404


def test_reports_and_their_snapshots_for_the_people_who_may_read_them(
    client, partnership_lead, organisation_lead, other_agency_lead, final_report, organisation_report, draft_report
):
    def titles(person):
        return sorted(item["title"] for item in client.get(f"{API}/reports", **bearer(person)).json())

    assert len(titles(partnership_lead)) == 3
    assert titles(organisation_lead) == sorted([final_report.title, organisation_report.title])
    assert titles(other_agency_lead) == [final_report.title]
    found = client.get(f"{API}/reports/{final_report.public_id}", **bearer(other_agency_lead)).json()
    assert found["digest"] == final_report.digest and found["snapshot"] == final_report.snapshot and found["state"] == "final"
    assert client.get(f"{API}/reports/{draft_report.public_id}", **bearer(organisation_lead)).status_code == 403
    assert client.get(f"{API}/reports/{organisation_report.public_id}", **bearer(other_agency_lead)).status_code == 403


def test_the_routes_are_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/impact/thread", "/api/v1/impact/thread/{organisation_id}", "/api/v1/impact/reports", "/api/v1/impact/reports/{report_id}"):
        assert path in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
