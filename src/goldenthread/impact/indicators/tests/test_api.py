"""The indicators API: the indicators with their figures for a period, and one indicator month by month, for the same people as the pages."""

from datetime import date

import pytest

from goldenthread.core.tests.tokens import bearer
from goldenthread.impact import periods
from goldenthread.impact.indicators import services

pytestmark = pytest.mark.django_db
API = "/api/v1/impact/indicators"


@pytest.fixture
def january_figure(partnership_lead, by_hand_indicator):
    return services.enter_value(
        by_hand_indicator,
        by=partnership_lead,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        value="61",
        evidence="The January review survey (fictional)",
    )


def test_every_route_needs_a_token(client, computed_indicator):
    for path in ("", f"/{computed_indicator.public_id}", f"/{computed_indicator.public_id}/values"):
        assert client.get(API + path).status_code == 401


def test_the_indicators_with_their_figures_for_a_period(
    client, partnership_lead, computed_indicator, by_hand_indicator, january_figure, childrens_services, joined_in_2025
):
    joined_in_2025()
    found = client.get(f"{API}?from=2026-01-01&to=2026-03-31", **bearer(partnership_lead)).json()
    by_name = {item["name"]: item for item in found}
    listened = by_name["Children who say they were listened to"]
    assert listened["figure"]["value"] == 61 and listened["rag"] == "red" and listened["rag_words"] == "Off target"
    assert listened["period_from"] == "2026-01-01" and listened["source"] == "by-hand"
    assert by_name["Organisations that have signed the pledge"]["figure"]["words"] == "0 of 1 organisations (0%)"


def test_one_indicators_values_month_by_month(client, organisation_lead, by_hand_indicator, january_figure):
    found = client.get(f"{API}/{by_hand_indicator.public_id}/values?from=2026-01-01&to=2026-03-31", **bearer(organisation_lead)).json()
    assert [month["figure"]["value"] for month in found["months"]] == [61, None, None]
    assert found["entered_by_hand"][0]["evidence"] == "The January review survey (fictional)" and found["entered_by_hand"][0]["entered_by"] == "Alex Morgan"


@pytest.mark.parametrize("query, message", [("from=soon", periods.BAD_DATE), ("from=2026-05-01&to=2026-01-01", periods.BACKWARDS)])
def test_bad_dates_answer_400_with_what_to_change(client, partnership_lead, computed_indicator, query, message):
    for path in ("", f"/{computed_indicator.public_id}"):
        response = client.get(f"{API}{path}?{query}", **bearer(partnership_lead))
        assert response.status_code == 400 and response.json() == {"detail": message}


def test_a_practitioner_is_refused_and_an_organisation_lead_only_sees_their_own_organisation(
    client, practitioner, organisation_lead, community_health, childrens_services, computed_indicator
):
    assert client.get(API, **bearer(practitioner)).status_code == 403
    headers = bearer(organisation_lead)
    assert client.get(f"{API}?organisation={community_health.slug}", **headers).status_code == 403
    own = client.get(f"{API}?organisation={childrens_services.slug}", **headers)
    assert own.status_code == 200 and own.json()[0]["figure"]["words"] == "No pledge signed by " + periods.last_twelve_months().end.strftime("%-d %B %Y")


def test_an_unknown_indicator_is_not_found(client, partnership_lead):
    assert client.get(f"{API}/00000000-0000-0000-0000-000000000000", **bearer(partnership_lead)).status_code == 404
    assert client.get(f"{API}/not-an-id", **bearer(partnership_lead)).status_code in (404, 422)
