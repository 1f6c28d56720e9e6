"""The self-assessment in a real Chromium: a lead and a colleague answer, the lead sees the stages
and plans an action, and the partnership lead sees the map. axe-core checks each page on the way.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.continuum.models import Assessment, ContinuumAction, Response

pytestmark = pytest.mark.browser


def answer_every_area(page, value: str):
    """On the first area's page: choose `value` for every statement, area after area, then stop at the check page."""
    for _ in range(20):
        if "/answer/check/" in page.url:
            return
        radios = page.locator(f"input[type=radio][value='{value}']")
        expect(radios.first).to_be_visible()
        for radio in radios.all():
            radio.check()
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_load_state("load")
    raise AssertionError("Never reached the page to check the answers")


def test_a_lead_and_a_colleague_complete_an_assessment_and_the_lead_plans_an_action(
    sign_in_browser, assert_accessible, organisation_lead, practitioner, champion, partnership_lead, childrens_services
):
    # The lead starts a round from the organisation's continuum page.
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("continuum:organisation", args=[childrens_services.slug]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "the organisation's continuum page")
    page.get_by_role("button", name="Start a new round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new round of self-assessment")
    page.get_by_label("Name this round").fill("Spring 2026")
    page.get_by_role("button", name="Start the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring 2026")
    assessment = Assessment.objects.get(organisation=childrens_services, title="Spring 2026")
    assert assessment.framework.kind == "general"

    # ...invites two colleagues (a result is shown only once three people have answered)...
    page.get_by_role("button", name="Invite colleagues").click()
    page.get_by_label(re.compile("Riley Shah")).check()
    page.get_by_label(re.compile("Jo Park")).check()
    page.get_by_role("button", name="Invite the people chosen").click()
    expect(page.get_by_text("2 people are invited")).to_be_visible()
    assert Response.objects.filter(assessment=assessment, respondent=practitioner).exists()

    # ...and answers. A note without an answer is caught, calmly, and kept.
    page.get_by_role("link", name="Answer the statements yourself").click()
    page.locator(".govuk-task-list__link").first.click()
    page.get_by_label("Evidence or an example for statement 1 (optional)").fill("Our plan names it, with a budget.")
    page.get_by_role("button", name="Save and continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("choose an answer too")
    assert page.title().startswith("Error: ")
    expect(page.get_by_label("Evidence or an example for statement 1 (optional)")).to_have_value("Our plan names it, with a budget.")
    assert_accessible(page, "the answer page with an error")
    answer_every_area(page, "3")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are sent")).to_be_visible()

    # The colleague finds the invitation on their home page and answers too.
    page = sign_in_browser(practitioner)
    page.goto(reverse("core:home"))
    page.get_by_role("link", name=f"Answer the self-assessment for {childrens_services.name}").click()
    page.locator(".govuk-task-list__link").first.click()
    answer_every_area(page, "1")
    page.get_by_label("Your role (optional)").fill("Social worker")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are sent")).to_be_visible()
    assert Response.objects.filter(assessment=assessment, status=Response.Status.SUBMITTED).count() == 2

    # Two answers are not enough to show a result without picking someone out; the round page says so.
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("continuum:assessment", args=[assessment.public_id]))
    expect(page.get_by_text("Results are shown once at least 3 people have answered")).to_be_visible()

    # A third colleague answers in the middle of the scale.
    page = sign_in_browser(champion)
    page.goto(reverse("core:home"))
    page.get_by_role("link", name=f"Answer the self-assessment for {childrens_services.name}").click()
    page.locator(".govuk-task-list__link").first.click()
    answer_every_area(page, "2")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are sent")).to_be_visible()
    assert Response.objects.filter(assessment=assessment, status=Response.Status.SUBMITTED).count() == 3

    # The lead completes the round and sees the stages, how they were reached, and the disagreement.
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("continuum:assessment", args=[assessment.public_id]))
    page.get_by_role("button", name="Complete the round").click()
    page.get_by_role("button", name="Complete the round and see the result").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Result of ‘Spring 2026’")
    expect(page.locator(".govuk-panel__title")).to_have_text("Trauma Sensitive")
    expect(page.get_by_role("heading", name="How this result was reached")).to_be_visible()
    expect(page.get_by_role("heading", name="Where people see things differently")).to_be_visible()
    assert_accessible(page, "the result page")

    # ...and turns a next step into an action.
    page.get_by_role("link", name=re.compile("^Add to the action plan")).first.click()
    description = page.get_by_label("What we will do")
    expect(description).not_to_have_value("")
    page.get_by_label("Who owns it").fill("Jo Park")
    due = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Day", exact=True).fill(str(due.day))
    page.get_by_label("Month", exact=True).fill(str(due.month))
    page.get_by_label("Year", exact=True).fill(str(due.year))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("The action is added to your action plan")).to_be_visible()
    action = ContinuumAction.objects.get(organisation=childrens_services)
    assert (action.owner, action.due_on, action.assessment) == ("Jo Park", due, assessment)
    expect(page.get_by_text(action.description).first).to_be_visible()
    assert_accessible(page, "the action plan")

    # The partnership lead sees the organisation on the map, its stage named in words.
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("core:home"))
    page.get_by_role("link", name="See the partnership's map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where the partnership stands")
    row = page.get_by_role("row").filter(has_text=childrens_services.name).first
    expect(row).to_contain_text("Sensitive")
    assert_accessible(page, "the partnership's map")


def test_the_map_filters_and_stays_accessible_with_the_demo_partnership(sign_in_browser, assert_accessible, partnership_lead):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_partnership", stdout=StringIO())
    call_command("load_demo_continuum", stdout=StringIO())
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("continuum:map"))
    expect(page.get_by_role("table", name=re.compile("Trauma-informed school self-assessment"))).to_be_visible()
    assert_accessible(page, "the map of the demo partnership")
    page.get_by_label("Sector", exact=True).select_option(label="Health")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("Showing: Health.")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Trauma-informed school self-assessment"))).to_have_count(0)
    assert_accessible(page, "the map filtered to one sector")
