"""The supervision API: figures for partnership admins, and a person's own open actions without family detail."""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.core.tests.tokens import working_token
from goldenthread.supervision import services

from . import test_services_support as support
from .test_services_support import hold

API = "/api/v1/supervision"

everyone_in = support.everyone_in
session = support.session
NEXT_WEEK = timezone.localdate() + timedelta(days=7)


def bearer(user):
    _, key = working_token(user, "Test token")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_figures_need_a_token(client, db):
    assert client.get(f"{API}/figures").status_code == 401
    assert client.get(f"{API}/figures", HTTP_AUTHORIZATION="Bearer not-a-real-token").status_code == 401


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "data_protection_lead"])
def test_only_partnership_admins_get_the_figures(client, who, request):
    headers = bearer(request.getfixturevalue(who))
    for path in ("figures", "figures.csv"):
        response = client.get(f"{API}/{path}", **headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "Only partnership admins can see the partnership's supervision figures."}


def test_the_partnership_lead_gets_the_figures(client, everyone_in, practitioner, other_agency_practitioner, partnership_lead):
    hold(everyone_in, practitioner, themes=["shared-language"])
    services.mark_attended(everyone_in, by=practitioner, attended=[practitioner, other_agency_practitioner])
    data = client.get(f"{API}/figures", **bearer(partnership_lead)).json()
    assert data["sessions_total"] == 1
    assert {a["organisation"] for a in data["agencies"]} == {"Riverbend Children's Services", "Riverbend Community Health"}
    assert data["themes"][0]["code"] == "shared-language"
    assert data["actions"] == {"due": 0, "done_on_time": 0, "done_late": 0, "on_time_share": None}
    assert len(data["months"]) == 12


def test_the_figures_csv_downloads_as_a_file(client, partnership_lead):
    response = client.get(f"{API}/figures.csv?months=3", **bearer(partnership_lead))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode().startswith("Measure,Month,Group,Sector,Value")


@pytest.mark.parametrize("months", ["0", "61", "-1", "twelve", "1e9", "9" * 40])
def test_a_period_out_of_range_is_refused_not_an_error(client, partnership_lead, months):
    assert client.get(f"{API}/figures?months={months}", **bearer(partnership_lead)).status_code == 422


def test_my_actions_are_my_own_open_ones_soonest_first(client, everyone_in, practitioner, other_agency_practitioner):
    later = services.add_action(
        everyone_in, by=practitioner, description="Send the letter", owner=other_agency_practitioner, due_on=NEXT_WEEK + timedelta(days=3)
    )
    sooner = services.add_action(everyone_in, by=practitioner, description="Call the school", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    done = services.add_action(everyone_in, by=practitioner, description="Already done", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    services.complete_action(done, by=other_agency_practitioner, note="Done")
    services.add_action(everyone_in, by=practitioner, description="Riley's own", owner=practitioner, due_on=NEXT_WEEK)
    items = client.get(f"{API}/my-actions", **bearer(other_agency_practitioner)).json()
    assert [item["id"] for item in items] == [str(sooner.public_id), str(later.public_id)]
    first = items[0]
    assert first["description"] == "Call the school"
    assert first["due_on"] == NEXT_WEEK.isoformat()
    assert first["status"] == "open" and first["overdue"] is False
    assert first["session"] == {"id": str(everyone_in.public_id), "kind": "group-supervision", "kind_label": "Group supervision", "held_on": None}


def test_my_actions_carry_no_family_detail(client, everyone_in, family, practitioner, other_agency_practitioner):
    services.add_action(everyone_in, by=practitioner, description="Call the school", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    body = client.get(f"{API}/my-actions", **bearer(other_agency_practitioner)).content.decode()
    for detail in (family.reference, str(family.public_id), "Brightwater", "Wrenna", everyone_in.situation_reference, everyone_in.purpose):
        assert detail not in body


def test_my_actions_need_a_token(client, db):
    assert client.get(f"{API}/my-actions").status_code == 401


def test_someone_with_no_actions_gets_an_empty_list(client, partnership_lead):
    assert client.get(f"{API}/my-actions", **bearer(partnership_lead)).json() == []
