"""The family's own door, in a real Chromium on a phone-sized screen.

Juniper Brightwater (14, Wrenna's sister) is invited by Riley Shah, her family's lead
practitioner, to her own sign-in. She opens the link from her e-mail, reads the short terms
and agrees; later she signs in again with a code sent to her, using the keyboard alone. She
reads her one-page profile, suggests a change to it in her own words, and stops sharing her
family's record with Riverbend Community Health. Riley finds the suggestion waiting on his
home page, reads it beside the current words and accepts it: the profile now holds Juniper's
words, marked as hers. axe-core checks every page on the way, and each page must fit a 390 px
phone screen; every family page has the "Exit this page" button. Everyone here is fictional.
"""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.families import services as family_services
from goldenthread.families.models import ConsentAgreement, OnePageProfile
from goldenthread.family_door import services
from goldenthread.family_door.models import Suggestion
from tests.browser import tab_to
from tests.family_fixtures import two_step
from tests.test_family_journeys import verify_two_step_and_accept_terms

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
JUNIPER_EMAIL = "juniper.brightwater@family.example"
IMPORTANT_NOW = "Football on Saturdays"
HER_WORDS = "Football on Saturdays, and my friends from the youth club"


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


def sign_out(page):
    """On a phone the menu is folded away behind its button: open it, then sign out."""
    toggle = page.locator(".govuk-service-navigation__toggle")
    if toggle.is_visible():
        toggle.click()
    page.locator("form[action$='/sign-out/'] button").click()


def fourteen_years_ago() -> date:
    today = date.today()
    return date(today.year - 14, 1, 15)


@pytest.fixture
def juniper(recorded_family, practitioner):
    """Juniper, 14, Wrenna's sister, with a one-page profile Riley wrote with her."""
    person = family_services.add_person(
        recorded_family, by=practitioner, first_name="Juniper", last_name="Brightwater", date_of_birth=fourteen_years_ago(), role_in_family="sibling"
    )
    family_services.save_profile(
        person,
        by=practitioner,
        version=None,
        liked_and_admired="Juniper is loyal and brave",
        important_to_me=IMPORTANT_NOW,
        how_to_support_me="Talk to me on my own first",
    )
    return person


def code_from_her_email() -> str:
    message = sent_by_the_worker()[-1]
    found = re.search(r"Your code to sign in is (\d{6})", message.body)
    assert found, message.body
    return found.group(1)


def test_a_young_person_joins_signs_in_by_keyboard_suggests_a_change_and_stops_sharing_and_the_lead_practitioner_accepts_it(
    browser_page, live_server, assert_accessible, juniper, practitioner
):
    page = browser_page
    page.set_viewport_size(PHONE)

    def check(what):
        assert_accessible(page, what)
        fits_a_phone(page, what)
        expect(page.locator(".govuk-exit-this-page")).to_have_count(1)

    _, token = services.invite(juniper, by=practitioner, email=JUNIPER_EMAIL)

    # She opens the link in her e-mail, reads the short terms and agrees.
    page.goto(live_server.url + reverse("family_door:join", args=[token]))
    check("the invitation page with the short terms")
    page.get_by_role("button", name="I agree, take me to my pages").click()
    expect(heading(page)).to_have_text("Hello Juniper")
    check("her home page")
    sign_out(page)

    # Another day: she signs in with a code, by keyboard alone.
    page.goto(live_server.url + reverse("family_door:sign-in"))
    expect(heading(page)).to_have_text("Sign in to your own pages")
    check("the family's sign-in page")
    tab_to(page, "input[name=email]")
    page.keyboard.type(JUNIPER_EMAIL)
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Enter your code")
    check("the page to enter a code")
    tab_to(page, "input[name=code]")
    page.keyboard.type(code_from_her_email())
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Hello Juniper")

    # She reads her profile and suggests a change to what is important to her.
    tab_to(page, "a:has-text('About me') >> nth=-1")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("About me")
    expect(page.locator("main")).to_contain_text(IMPORTANT_NOW)
    expect(page.locator("main")).not_to_contain_text("Kind and funny")  # Wrenna's profile is not hers
    check("her one-page profile")
    page.locator(f"a[href='{reverse('family_door:suggest-profile', args=['important_to_me'])}']").click()
    expect(heading(page)).to_have_text("Suggest a change")
    check("the page to suggest a change")
    page.fill("textarea[name=suggested_text]", HER_WORDS)
    page.get_by_role("button", name="Send it to my team").click()
    check("her profile after suggesting a change")
    suggestion = Suggestion.objects.get(person=juniper)
    assert suggestion.status == "waiting"
    assert OnePageProfile.objects.get(person=juniper).important_to_me == IMPORTANT_NOW  # nothing changes until the team decides

    # She stops sharing the family's record with Riverbend Community Health.
    page.goto(live_server.url + reverse("family_door:sharing"))
    check("the sharing page")
    page.get_by_role("link", name="Stop sharing with Riverbend Community Health").click()
    expect(heading(page)).to_have_text("Stop sharing with Riverbend Community Health?")
    check("the page to confirm she stops sharing")
    page.get_by_role("button", name="Stop sharing").click()
    expect(page.locator("main")).to_contain_text("Riverbend Community Health can no longer see")
    assert ConsentAgreement.objects.get(family=juniper.family).withdrawn_at is not None

    page.goto(live_server.url + reverse("family_door:who-looked"))
    expect(heading(page)).to_have_text("Who has looked")
    check("who has looked at her record")
    sign_out(page)

    # Riley finds the suggestion waiting on his home page and accepts it.
    two_step(practitioner)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("core:sign-in"))
    page.fill("input[name=username]", practitioner.email)
    page.fill("input[name=password]", "a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Decide on a family member's suggested change").click()
    verify_two_step_and_accept_terms(page, practitioner, lambda p, what: assert_accessible(p, what))
    check_staff = lambda what: (assert_accessible(page, what), fits_a_phone(page, what))  # noqa: E731
    check_staff("what the family has asked for")
    page.locator(f"a[href='{reverse('from_the_family:suggestion', args=[juniper.family.public_id, suggestion.public_id])}']").first.click()
    expect(page.locator("main")).to_contain_text(IMPORTANT_NOW)
    expect(page.locator("main")).to_contain_text(HER_WORDS)
    check_staff("the suggestion beside the current words")
    page.locator("input[name=outcome][value=accept]").check()
    page.locator("main form button[type=submit], main form .govuk-button").first.click()
    profile = OnePageProfile.objects.get(person=juniper)
    assert profile.important_to_me == HER_WORDS
    assert profile.in_words_of_id == juniper.pk
    assert Suggestion.objects.get(pk=suggestion.pk).status == "accepted"
