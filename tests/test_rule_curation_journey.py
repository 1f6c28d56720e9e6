"""Rules the partnership curates, in a real Chromium: proposed by a language lead, reviewed by a second person, published, and found as people type.

Robin Ash, a language lead at Riverbend Children's Services, proposes the partnership's words
for a reflection room from the home page on a phone, sending it with the keyboard. Alex Morgan
(partnership lead) finds it under "Waiting for you" and approves it. Robin publishes it from
the same list, and the rule's page shows who did what. Then the language feedback under a text
box names the new rule as Robin types. axe-core checks every page on the way, and each page must
fit a 390 px phone screen. Everyone and everything here is fictional.
"""

import pytest
from playwright.sync_api import expect

from goldenthread.core.models import User
from goldenthread.language_rules.models import RulePublication
from goldenthread.partnership.models import Membership, Role
from tests.browser import tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
RULE = "partnership.isolation-booth"


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


@pytest.fixture
def language_lead(childrens_services):
    user = User.objects.create_user("robin.ash@childrens.example", "a-long-test-password", full_name="Robin Ash", job_title="Language lead")
    Membership.objects.create(user=user, organisation=childrens_services, role=Role.LANGUAGE_LEAD)
    return user


def test_a_language_lead_proposes_a_rule_a_second_person_reviews_it_the_lead_publishes_it_and_the_feedback_finds_it(
    sign_in_browser, assert_accessible, language_lead, partnership_lead
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    # Robin proposes the rule from the home page, on a phone.
    page = sign_in_browser(language_lead)
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Propose a language rule").click()
    expect(heading(page)).to_have_text("Propose a language rule")
    check(page, "the form to propose a rule")

    page.get_by_label("Short name").fill("Isolation booth")
    page.get_by_label("Words to find, one on each line").fill("isolation booth")
    page.get_by_label("Why these words matter").fill("In our schools we say ‘reflection room’: a place to talk about what happened.")
    page.get_by_label("What to say instead, one on each line (optional)").fill("reflection room")
    page.get_by_label("Examples the rule must find, one on each line").fill("Marlo was sent to the isolation booth after lunch.")
    page.get_by_label("Examples the rule must leave alone, one on each line").fill("The phone booth outside the hall is painted red.")
    page.get_by_label("Kind of language").select_option("labelling")
    page.get_by_label("A suggestion").check()
    page.get_by_label("Why you propose it").fill("Our schools agreed these words at the summer network meeting.")
    tab_to(page, "button:has-text('Send it for review')")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text(RULE)
    expect(page.get_by_text("is proposed, and waits for a second person to review it")).to_be_visible()
    check(page, "the rule's page, waiting for a review")

    # Alex finds it waiting, and approves it.
    page = sign_in_browser(partnership_lead)
    page.goto("/")
    page.get_by_role("link", name=f"Review a proposed language rule: {RULE}").click()
    expect(heading(page)).to_have_text(f"Review {RULE}")
    check(page, "the review page")
    page.get_by_label("Approve it: it is ready to be published").check()
    page.get_by_role("button", name="Save my review").click()
    expect(page.get_by_text("is approved. A language lead can publish it now.")).to_be_visible()

    # Robin publishes it, and the rule's page says who did what.
    page = sign_in_browser(language_lead)
    page.goto("/")
    page.get_by_role("link", name=f"Publish a reviewed language rule: {RULE}").click()
    expect(heading(page)).to_have_text(f"Publish {RULE}")
    check(page, "the publish page")
    tab_to(page, "button:has-text('Publish it')")
    page.keyboard.press("Enter")
    expect(page.get_by_text("is published. Every check the site makes uses it from now on.")).to_be_visible()
    expect(page.get_by_role("cell", name="Alex Morgan")).to_be_visible()
    check(page, "the published rule and its history")
    assert RulePublication.objects.get().published_by == language_lead

    # The feedback under a text box now finds the new words as Robin types.
    page.goto("/language-rules/propose/")
    page.get_by_label("Why you propose it").fill("Marlo was sent to the isolation booth after lunch.")
    feedback = page.locator(".gt-language-feedback__box")
    # The first check after publishing builds the engine with the new rule (a few seconds), then it is kept.
    expect(feedback).to_contain_text("‘isolation booth’: In our schools we say ‘reflection room’", timeout=30_000)
    expect(feedback).to_contain_text("You could write: ‘reflection room’")
    check(page, "the language feedback with the partnership's rule")

    page.goto("/language-rules/")
    expect(page.get_by_role("link", name=RULE)).to_be_visible()
    check(page, "the partnership's language rules")
