"""Impact, in a real Chromium: a partnership lead changes an indicator's target, reads an organisation's golden thread, and downloads a board report.

Alex Morgan (partnership lead) opens impact from the home page on a phone, finds the
indicator for organisations that have signed the pledge, raises its target from 90 to 95
using the keyboard to save, then reads the golden thread for the partnership and for
Riverbend Children's Services, following a figure back to the page it comes from. Alex
starts a board report for last quarter and downloads it as a PDF and as a spreadsheet (CSV).
axe-core checks every page on the way, and each page must fit a 390 px phone screen.
Everyone and everything here is fictional.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.impact.indicators import services as indicator_services
from goldenthread.impact.indicators.models import Indicator
from goldenthread.impact.reports.models import BoardReport
from tests.browser import tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
INDICATOR = "Organisations that have signed the pledge (fictional)"
REPORT = "Report to the Safeguarding Children Partnership (fictional)"


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


def fill_date(page, name, day):
    page.fill(f"input[name={name}_0]", str(day.day))
    page.fill(f"input[name={name}_1]", str(day.month))
    page.fill(f"input[name={name}_2]", str(day.year))


def last_quarter() -> tuple[date, date]:
    """The three whole months before this one."""
    first_of_this_month = timezone.localdate().replace(day=1)
    ends = first_of_this_month - timedelta(days=1)
    starts = (first_of_this_month - timedelta(days=85)).replace(day=1)
    return starts, ends


def test_a_partnership_lead_changes_a_target_reads_an_organisations_golden_thread_and_downloads_the_board_report(
    sign_in_browser, assert_accessible, partnership_lead, childrens_services, signed_pledge
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    indicator = indicator_services.add_indicator(
        by=partnership_lead,
        name=INDICATOR,
        definition="The share of our member organisations that have signed the pledge.",
        outcome_key="system-learns",
        source="computed",
        computation_key="pledges.signed",
        unit="percent",
        baseline="40",
        baseline_on=date(2025, 4, 1),
        target="90",
        direction="higher",
        amber_margin="10",
        frequency="quarterly",
        responsible="Partnership manager",
    )

    # Alex opens impact from the home page, on a phone, and finds the indicator.
    page = sign_in_browser(partnership_lead)
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Open impact").click()
    expect(heading(page)).to_have_text("Impact and the golden thread")
    check(page, "impact's home page")
    page.goto("/impact/indicators/")
    check(page, "the indicators")
    page.get_by_role("link", name=INDICATOR).first.click()
    expect(heading(page)).to_have_text(INDICATOR)
    expect(page.get_by_text("Computed live by the platform")).to_be_visible()
    check(page, "the indicator's page")

    # Alex raises the target, saving with the keyboard.
    page.get_by_role("link", name="Change the indicator").click()
    check(page, "the form to change the indicator")
    page.get_by_label("Target", exact=True).fill("95")
    tab_to(page, "button:has-text('Save the indicator')")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(INDICATOR)
    check(page, "the indicator after its target changed")
    indicator.refresh_from_db()
    assert indicator.target == 95
    assert Indicator.objects.count() == 1

    # The golden thread, for the partnership and then for one organisation; a figure leads to its page.
    page.goto("/impact/thread/")
    expect(heading(page)).to_have_text("The golden thread")
    check(page, "the partnership's golden thread")
    page.get_by_role("link", name=f"The golden thread: {childrens_services.name}").click()
    expect(page.get_by_text(childrens_services.name).first).to_be_visible()
    check(page, "the golden thread for Riverbend Children's Services")
    assert page.locator("main a.govuk-link").count() > 1, "every figure links to the page it comes from"

    # A board report for last quarter, downloaded as a PDF and as a spreadsheet.
    page.goto("/impact/reports/")
    check(page, "the board reports")
    page.get_by_role("link", name="Start a board report").click()
    check(page, "the form to start a board report")
    starts, ends = last_quarter()
    page.get_by_label("Title").fill(REPORT)
    fill_date(page, "starts_on", starts)
    fill_date(page, "ends_on", ends)
    page.get_by_label("Who the report is about").select_option(label="The whole partnership")
    tab_to(page, "button:has-text('Start the report')")
    page.keyboard.press("Enter")
    expect(heading(page)).to_contain_text(REPORT)
    check(page, "the board report")
    report = BoardReport.objects.get()
    assert (report.starts_on, report.ends_on) == (starts, ends)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download the report (PDF)").click()
    with open(pdf.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    with page.expect_download() as spreadsheet:
        page.get_by_role("link", name="Download its figures as a spreadsheet (CSV)").click()
    with open(spreadsheet.value.path(), encoding="utf-8-sig") as file:
        assert INDICATOR in file.read()
