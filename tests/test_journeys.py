"""Journeys across apps in a real Chromium: what people actually do, start to finish."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.pledges.models import Pledge, PledgeText, Strand
from tests.browser import tab_to

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def sign_in_by_keyboard(page, email, password):
    """Sign in the way a keyboard user does: Tab to each field, type, and press Enter."""
    page.goto(reverse("core:sign-in"))
    tab_to(page, "#id_username")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")


def one_commitment_per_strand():
    pledge_text = PledgeText.current()
    return [pledge_text.commitments.filter(strand=strand).order_by("order").first() for strand in Strand.values]


def test_organisation_lead_signs_the_pledge_and_the_public_finds_it_on_the_wall(browser_page, organisation_lead, childrens_services):
    page = browser_page
    sign_in_by_keyboard(page, organisation_lead.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")

    page.get_by_role("link", name="Our pledge").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our pledge")
    page.get_by_role("button", name="Sign the pledge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign the pledge")

    for commitment in one_commitment_per_strand():
        page.get_by_label(commitment.text).check()
    page.get_by_label("Our vision").fill("Every child we work with feels heard and understood in the light of their story.")
    page.get_by_label("How we will do it").fill("Group supervision in every team, and assessments that start with the family's own words.")
    page.get_by_label("Our priorities for the next 12 months").fill("Kinder letters; telling it once; a reflective space for staff.")
    page.get_by_label("Name of the senior person signing").fill("Sam Okafor")
    page.get_by_label("Their job title").fill("Director of children's services")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Day", exact=True).fill(str(yesterday.day))
    page.get_by_label("Month", exact=True).fill(str(yesterday.month))
    page.get_by_label("Year", exact=True).fill(str(yesterday.year))
    page.get_by_label(re.compile("I have the authority to sign")).check()
    page.get_by_role("button", name="Sign and publish the pledge").click()

    expect(page.get_by_text("has signed the pledge")).to_be_visible()
    pledge = Pledge.objects.get(organisation=childrens_services)
    assert pledge.signed_on == yesterday
    assert pledge.signed_by == organisation_lead
    assert {c.strand for c in pledge.commitments.all()} == set(Strand.values)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    page.goto(reverse("pledges:wall"))
    page.get_by_label("Search by name or words in the statement").fill("Children's Services")
    page.get_by_role("button", name="Show pledges").click()
    page.get_by_role("link", name=childrens_services.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(childrens_services.name)
    expect(page.get_by_text("Every child we work with feels heard")).to_be_visible()


def test_pledge_form_with_errors_shows_the_summary_with_focus_and_keeps_what_was_typed(sign_in_browser, organisation_lead, childrens_services):
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("pledges:sign", args=[childrens_services.slug]))
    first_commitment = one_commitment_per_strand()[0]
    page.get_by_label(first_commitment.text).check()
    page.get_by_label("Our vision").fill("Children feel heard — <b>and</b> safe.")
    page.get_by_label("Name of the senior person signing").fill("Sam Okafor")
    page.get_by_role("button", name="Sign and publish the pledge").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Choose at least one commitment under Respond")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    expect(page.get_by_label("Our vision")).to_have_value("Children feel heard — <b>and</b> safe.")
    expect(page.get_by_label("Name of the senior person signing")).to_have_value("Sam Okafor")
    expect(page.get_by_label(first_commitment.text)).to_be_checked()
    assert not Pledge.objects.filter(organisation=childrens_services).exists()


def test_error_summary_links_take_the_person_to_the_field(sign_in_browser, organisation_lead, childrens_services):
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("pledges:sign", args=[childrens_services.slug]))
    page.get_by_role("button", name="Sign and publish the pledge").click()
    page.locator(".govuk-error-summary").get_by_role("link", name="Write your organisation's vision").click()
    expect(page.get_by_label("Our vision")).to_be_focused()


def test_five_wrong_passwords_pause_sign_in_with_a_calm_message(browser_page, practitioner):
    page = browser_page
    for attempt in range(5):
        sign_in_by_keyboard(page, practitioner.email, f"not-the-password-{attempt}")
        page.wait_for_load_state("load")
        if attempt < 4:
            expect(page.get_by_text("The e-mail address or password is not right")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in is paused for this account")
    expect(page.get_by_text("try again after that")).to_be_visible()

    sign_in_by_keyboard(page, practitioner.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in is paused for this account")


def test_keyboard_user_can_skip_to_the_main_content(browser_page):
    page = browser_page
    page.goto(reverse("pledges:wall"))
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
