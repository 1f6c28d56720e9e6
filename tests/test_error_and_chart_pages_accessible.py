"""axe-core finds no WCAG 2.2 AA or best-practice problem on the error pages, or on the pages
that show the site's one chart with its table."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_page_not_found_is_accessible(browser_page, assert_accessible):
    browser_page.goto("/no-such-page/")
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(browser_page, "the page not found")


def test_the_wrong_kind_of_request_page_is_accessible(sign_in_browser, assert_accessible, practitioner):
    page = sign_in_browser(practitioner)
    page.goto(reverse("core:sign-out"))
    expect(page.get_by_role("heading", level=1)).to_have_text("This page cannot be used in that way")
    assert_accessible(page, "the 405 page")


def test_the_supervision_figures_with_their_chart_are_accessible(sign_in_browser, assert_accessible, partnership_lead):
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("supervision:figures"))
    expect(page.get_by_role("img", name="Sessions held each month")).to_be_visible()
    expect(page.get_by_role("table", name="Sessions held each month, by kind")).to_be_visible()
    assert_accessible(page, "the supervision figures")


def test_an_organisations_progress_chart_in_the_demo_is_accessible(sign_in_browser, assert_accessible, partnership_lead):
    from goldenthread.continuum.models import Assessment

    call_command("load_demo_partnership", stdout=StringIO())
    call_command("load_demo_continuum", stdout=StringIO())
    organisation = Assessment.objects.filter(completed_on__isnull=False).values_list("organisation__slug", flat=True).first()
    page = sign_in_browser(partnership_lead)
    page.goto(reverse("continuum:organisation", args=[organisation]))
    expect(page.get_by_role("img", name="Progress over time, area by area")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Progress over time"))).to_be_visible()
    assert_accessible(page, "an organisation's progress chart")


def test_the_wait_a_moment_page_after_too_many_sign_in_tries_is_accessible(browser_page, assert_accessible, settings, db):
    from django.core.cache import caches

    settings.RATELIMIT_ENABLE = True
    settings.GOLDENTHREAD_RATE_LIMITS = {"sign_in_per_client": "1/m"}
    caches[settings.RATELIMIT_USE_CACHE].clear()
    for _ in range(2):
        browser_page.goto(reverse("core:sign-in"))
        browser_page.get_by_label("E-mail address").fill("nobody@example.org")
        browser_page.get_by_label("Password").fill("not the password")
        browser_page.get_by_role("button", name="Sign in").click()

    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Wait a moment, then try again")
    assert_accessible(browser_page, "the 429 page")
    caches[settings.RATELIMIT_USE_CACHE].clear()
