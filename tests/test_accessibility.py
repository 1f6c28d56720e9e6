"""axe-core finds no WCAG 2.2 AA or best-practice problem on the pages people meet most.

Each page is checked in a real Chromium, with the site's own styles and scripts, as the
people who use it would see it: signed out, signed in in each role, and with errors shown.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


def test_front_page_is_accessible(browser_page, assert_accessible):
    browser_page.goto(reverse("core:home"))
    assert_accessible(browser_page, "the front page")


def test_sign_in_page_is_accessible(browser_page, assert_accessible):
    browser_page.goto(reverse("core:sign-in"))
    assert_accessible(browser_page, "the sign-in page")


def test_sign_in_page_with_errors_is_accessible(browser_page, assert_accessible):
    browser_page.goto(reverse("core:sign-in"))
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.get_by_text("There is a problem").wait_for()
    assert_accessible(browser_page, "the sign-in page with errors")


def test_sign_in_paused_page_is_accessible(browser_page, assert_accessible, practitioner):
    for attempt in range(5):
        browser_page.goto(reverse("core:sign-in"))
        browser_page.get_by_label("E-mail address").fill(practitioner.email)
        browser_page.get_by_label("Password").fill(f"not-the-password-{attempt}")
        browser_page.get_by_role("button", name="Sign in").click()
    browser_page.get_by_role("heading", name="Sign-in is paused for this account").wait_for()
    assert_accessible(browser_page, "the sign-in paused page")


def test_pledge_wall_is_accessible(browser_page, assert_accessible, signed_pledge):
    browser_page.goto(reverse("pledges:wall"))
    browser_page.get_by_text(signed_pledge.organisation.name).first.wait_for()
    assert_accessible(browser_page, "the pledge wall")


def test_pledge_wall_with_a_search_that_finds_nothing_is_accessible(browser_page, assert_accessible, signed_pledge):
    browser_page.goto(reverse("pledges:wall") + "?q=nothing+matches+this&sector=police")
    assert_accessible(browser_page, "the pledge wall with no results")


def test_organisation_pledge_page_is_accessible(browser_page, assert_accessible, signed_pledge):
    browser_page.goto(reverse("pledges:organisation", args=[signed_pledge.organisation.slug]))
    assert_accessible(browser_page, "an organisation's pledge page")


def test_pledge_form_with_errors_shown_is_accessible(sign_in_browser, assert_accessible, organisation_lead, childrens_services):
    page = sign_in_browser(organisation_lead)
    page.goto(reverse("pledges:sign", args=[childrens_services.slug]))
    page.get_by_role("button", name="Sign and publish the pledge").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "the pledge form with errors shown")


@pytest.mark.parametrize("person", ["partnership_lead", "organisation_lead", "champion", "practitioner", "trainer", "other_agency_lead"])
def test_home_page_is_accessible_for_each_role(sign_in_browser, assert_accessible, request, person):
    page = sign_in_browser(request.getfixturevalue(person))
    page.goto(reverse("core:home"))
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page, f"the home page of the {person.replace('_', ' ')}")


def test_tokens_page_asks_for_a_code_then_is_accessible_with_a_new_token(sign_in_browser, assert_accessible, practitioner):
    from goldenthread.core.tests.two_step import authenticator_of, code_for

    device = authenticator_of(practitioner)
    page = sign_in_browser(practitioner)
    page.goto(reverse("core:tokens"))
    page.get_by_role("heading", name="Enter the code from your authenticator app").wait_for()
    page.fill("input[name=code]", code_for(device))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your API tokens", level=1).wait_for()
    assert_accessible(page, "the tokens page")

    page.fill("input[name=name]", "Monthly report")
    page.get_by_role("button", name="Make the token").click()
    page.get_by_text("Your new token").wait_for()
    assert_accessible(page, "the tokens page with a new token")


def test_organisations_list_is_accessible_to_the_partnership_lead(sign_in_browser, assert_accessible, partnership_lead, childrens_services, community_health):
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("partnership:organisations"))
    page.get_by_text(community_health.name).first.wait_for()
    assert_accessible(page, "the organisations list")


def test_audit_log_is_accessible(sign_in_browser, assert_accessible, partnership_lead, signed_pledge):
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("core:audit-log"))
    assert_accessible(page, "the audit log")
