"""The indicators pages: the list for a period with the status in words, one indicator with its source and trend, changing a target, entering a figure, and the download."""

import csv
import html
import io
from datetime import date

import pytest
from django.urls import reverse

from goldenthread.impact import periods
from goldenthread.impact.indicators import services
from goldenthread.impact.indicators.models import Indicator, IndicatorValue
from goldenthread.pledges.models import Pledge

from .conftest import fields, signed_in

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


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


def test_the_list_shows_each_indicators_figure_target_and_status_in_words(
    partnership_lead, computed_indicator, by_hand_indicator, january_figure, childrens_services, joined_in_2025
):
    joined_in_2025()
    response = signed_in(partnership_lead).get(reverse("impact:indicators") + "?from=2026-01-01&to=2026-03-31")
    page = text(response)
    assert response.status_code == 200
    assert "Children who say they were listened to" in page and "61% for 1 January 2026 to 31 January 2026" in page
    assert "80% or more" in page and "Off target" in page
    assert "0 of 1 organisations (0%)" in page  # Riverbend Children's Services has not signed


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=yesterday", periods.BAD_DATE),
        ("from=2026-05-01&to=2026-01-01", periods.BACKWARDS),
        ("from=2000-01-01&to=2026-01-01", periods.TOO_LONG),
        ("from=2026-13-45", periods.BAD_DATE),
    ],
)
def test_a_period_that_cannot_be_used_answers_400_saying_what_to_change(partnership_lead, computed_indicator, query, message):
    for page in (reverse("impact:indicators"), reverse("impact:indicator", args=[computed_indicator.public_id]), reverse("impact:indicators_csv")):
        response = signed_in(partnership_lead).get(f"{page}?{query}")
        assert response.status_code == 400 and message in text(response)


def test_a_computed_indicator_names_its_computation_and_links_to_its_source(
    partnership_lead, computed_indicator, childrens_services, community_health, joined_in_2025
):
    joined_in_2025()
    Pledge.objects.create(
        organisation=childrens_services,
        pledge_text=_pledge_text(),
        signatory_name="A director (fictional)",
        signatory_role="Director",
        signed_on=date(2026, 2, 10),
        expires_on=date(2027, 2, 10),
        vision="v",
        how_we_will_do_it="h",
        priorities="p",
    )
    response = signed_in(partnership_lead).get(reverse("impact:indicator", args=[computed_indicator.public_id]) + "?from=2026-01-01&to=2026-03-31")
    page = text(response)
    assert (
        "Of the partnership's active member organisations that had joined by the end of the period, those with a pledge signed by the end of the period" in page
    )
    assert f'href="{reverse("pledges:wall")}"' in page
    assert "1 of 2 organisations (50%)" in page
    assert "Jan 2026" in page and "Mar 2026" in page  # the trend's table, month by month
    assert "By organisation" in page and "Signed the pledge on 10 February 2026" in page and "No pledge signed by 31 March 2026" in page


def _pledge_text():
    from goldenthread.pledges.models import PledgeText

    return PledgeText.current() or PledgeText.objects.create(
        version=1, title="The Riverbend pledge (fictional)", introduction="We pledge (fictional).", published_on=date(2025, 1, 1)
    )


def test_an_organisation_lead_sees_their_own_organisations_figures_without_the_table_of_every_organisation(
    organisation_lead, computed_indicator, childrens_services
):
    page = text(signed_in(organisation_lead).get(reverse("impact:indicator", args=[computed_indicator.public_id]) + f"?organisation={childrens_services.slug}"))
    assert "Riverbend Children's Services" in page and "No pledge signed by" in page and "By organisation" not in page
    page = text(signed_in(organisation_lead).get(reverse("impact:indicator", args=[computed_indicator.public_id])))
    assert "By organisation" not in page


def test_a_by_hand_indicator_shows_each_figure_with_its_evidence_and_who_entered_it(partnership_lead, organisation_lead, by_hand_indicator, january_figure):
    page = text(signed_in(organisation_lead).get(reverse("impact:indicator", args=[by_hand_indicator.public_id]) + "?from=2026-01-01&to=2026-02-28"))
    assert "The January review survey (fictional)" in page and "Alex Morgan" in page and "Entered by hand" in page
    assert "Enter a figure" not in page  # only the partnership team enters figures


def test_a_partnership_lead_edits_an_indicators_target(partnership_lead, computed_indicator):
    client = signed_in(partnership_lead)
    page = reverse("impact:indicator_change", args=[computed_indicator.public_id])
    assert client.get(page).status_code == 200
    typed = {**fields(baseline_on=None, target="95"), "baseline_on_0": "1", "baseline_on_1": "4", "baseline_on_2": "2025", "version": "1"}
    typed.pop("baseline_on")
    response = client.post(page, typed)
    assert response.status_code == 302 and response["Location"] == computed_indicator.get_absolute_url()
    computed_indicator.refresh_from_db()
    assert computed_indicator.target == 95 and computed_indicator.version == 2
    again = client.post(page, {**typed, "target": "70"})  # sent from the old version
    assert again.status_code == 409 and "Someone else changed this indicator" in text(again)
    computed_indicator.refresh_from_db()
    assert computed_indicator.target == 95


def test_adding_an_indicator_with_mistakes_keeps_what_was_typed_and_says_what_to_fix(partnership_lead):
    response = signed_in(partnership_lead).post(reverse("impact:indicator_add"), {"name": "", "source": "computed", "computation_key": "", "target": "lots"})
    page = text(response)
    assert response.status_code == 400 and "Enter the indicator's name" in page and "Enter a number" in page
    assert not Indicator.objects.exists()


def test_a_partnership_lead_adds_an_indicator_through_the_page(partnership_lead):
    typed = {**fields(), "baseline_on_0": "1", "baseline_on_1": "April", "baseline_on_2": "2025"}
    typed.pop("baseline_on")
    response = signed_in(partnership_lead).post(reverse("impact:indicator_add"), typed)
    made = Indicator.objects.get()
    assert response.status_code == 302 and made.baseline_on == date(2025, 4, 1) and made.computation_key == "pledges.signed"


def test_entering_a_figure_needs_evidence_and_then_shows_it(partnership_lead, by_hand_indicator):
    client = signed_in(partnership_lead)
    page = reverse("impact:indicator_value_add", args=[by_hand_indicator.public_id])
    typed = {
        "period_start_0": "1",
        "period_start_1": "2",
        "period_start_2": "2026",
        "period_end_0": "28",
        "period_end_1": "2",
        "period_end_2": "2026",
        "value": "64",
    }
    refused = client.post(page, typed)
    assert refused.status_code == 400 and "Say where the figure comes from" in text(refused)
    saved = client.post(page, {**typed, "evidence": "The February review survey (fictional)"})
    assert saved.status_code == 302
    assert IndicatorValue.objects.get().value == 64


def test_a_computed_indicator_has_no_figure_to_enter(partnership_lead, computed_indicator):
    response = signed_in(partnership_lead).get(reverse("impact:indicator_value_add", args=[computed_indicator.public_id]))
    assert response.status_code == 302


def test_retiring_an_indicator_takes_it_off_the_list_and_keeps_its_page(partnership_lead, computed_indicator):
    client = signed_in(partnership_lead)
    assert client.post(reverse("impact:indicator_retire", args=[computed_indicator.public_id]), {"version": "1"}).status_code == 302
    assert computed_indicator.name not in text(client.get(reverse("impact:indicators")))
    assert "(retired)" in text(client.get(computed_indicator.get_absolute_url()))


def test_the_download_is_a_csv_of_the_figures_with_safe_cells(partnership_lead, by_hand_indicator, january_figure):
    services.change_indicator(by_hand_indicator, by=partnership_lead, version=1, name="=Children who say they were listened to")
    response = signed_in(partnership_lead).get(reverse("impact:indicators_csv") + "?from=2026-01-01&to=2026-01-31")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Indicator" and rows[1][0] == "'=Children who say they were listened to" and rows[1][4] == "61"


def test_an_unknown_indicator_or_organisation_is_not_found(partnership_lead):
    client = signed_in(partnership_lead)
    assert client.get(reverse("impact:indicator", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    assert client.get(reverse("impact:indicators") + "?organisation=nowhere").status_code == 404


def test_the_impact_home_page_links_to_the_indicators_for_those_who_see_them(partnership_lead, organisation_lead, practitioner):
    from goldenthread.impact.indicators import menu

    assert ("Add an indicator", reverse("impact:indicator_add")) in menu.home_links(partnership_lead)
    assert menu.home_links(organisation_lead) == [("The indicators and how each is doing", reverse("impact:indicators"))]
    assert menu.home_links(practitioner) == []


def test_a_by_hand_figure_that_is_due_waits_for_the_partnership_team(partnership_lead, organisation_lead, by_hand_indicator):
    from goldenthread.impact.indicators import waiting

    [notice] = waiting.waiting(partnership_lead)
    assert notice.what == "Enter the figure for Children who say they were listened to"
    assert waiting.waiting(organisation_lead) == []
