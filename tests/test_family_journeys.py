"""Tell it once, in a real Chromium: a family's record made with them, read by the team their agreement allows.

Riley Shah (Riverbend Children's Social Care) verifies two-step through the real page,
accepts the terms, searches for the family first, adds them, records their story and a
one-page profile, and records the family's agreement that Riverbend Community Health may
see the story and the profiles. Casey Evans (Community Health) sets up two-step through the
real page, joins the team and reads the record without asking the family again; Morgan
Reyes (Riverbend Youth Service) is refused. When the agreement is withdrawn, Casey is
refused too. axe-core checks every page on the way, the two-step and terms pages included.
"""

from datetime import date

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from goldenthread.core import safeguards
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Family
from tests.family_fixtures import STORY, code_for, two_step

pytestmark = pytest.mark.browser

STORY = "We moved to Riverbend in the spring. Wrenna loves the swings at Ferry Lane park and wants her nan at every meeting."
PROFILE = "Wrenna makes everyone laugh with her animal impressions."
BIRTHDAY = date(2019, 4, 2)


def heading(page):
    return page.get_by_role("heading", level=1)


def fill_date(page, name, day):
    page.fill(f"input[name={name}_0]", str(day.day))
    page.fill(f"input[name={name}_1]", str(day.month))
    page.fill(f"input[name={name}_2]", str(day.year))


def verify_two_step_and_accept_terms(page, user, check):
    """Type a code from the person's authenticator on the real page, then accept the terms on the real page."""
    expect(heading(page)).to_have_text("Enter the code from your authenticator app")
    check(page, "the two-step verify page")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.fill("input[name=code]", code_for(device))
    page.get_by_role("button", name="Continue").click()
    accept_terms(page, check)


def accept_terms(page, check):
    expect(heading(page)).to_have_text(safeguards.current_terms().title)
    check(page, "the terms page")
    page.check("input[name=accept]")
    page.get_by_role("button", name="Accept and continue").click()


def set_up_two_step_and_accept_terms(page, user, check):
    """Set up two-step on the real page with a code the new authenticator gives, keep the codes, accept the terms."""
    expect(heading(page)).to_have_text("Set up two-step verification")
    check(page, "the two-step set-up page")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.fill("input[name=code]", code_for(device))
    page.get_by_role("button", name="Turn on two-step verification").click()
    expect(page.get_by_role("link", name="I have kept my codes safe: continue")).to_be_visible()
    check(page, "the recovery codes page")
    page.get_by_role("link", name="I have kept my codes safe: continue").click()
    accept_terms(page, check)


def search_for(page, family_name):
    page.goto(reverse("families:search"))
    page.fill("input[name=family_name]", family_name)
    page.get_by_role("button", name="Search").click()


def test_a_family_tells_their_story_once_and_only_the_organisations_they_agree_can_read_it(
    sign_in_browser, assert_accessible, practitioner, other_agency_practitioner, community_health, third_agency_practitioner
):
    check = assert_accessible
    two_step(practitioner)  # Riley set up the authenticator app on an earlier day

    # Riley signs in, types the code from the app, and accepts the terms.
    page = sign_in_browser(practitioner)
    page.goto(reverse("families:your-families"))
    verify_two_step_and_accept_terms(page, practitioner, check)
    check(page, "your families (empty)")

    # Search first, so the family is not recorded twice.
    page.get_by_role("button", name="Find or add a family").click()
    check(page, "the search page")
    page.fill("input[name=family_name]", "Brightwater")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="No family matches this search")).to_be_visible()
    check(page, "the search results")

    # Then add the family, with Wrenna at the centre and her mum.
    page.get_by_role("link", name="None of these: add a new family").click()
    expect(heading(page)).to_have_text("Add a new family")
    check(page, "the new family form")
    expect(page.locator("input[name=family_name]")).to_have_value("Brightwater")
    page.fill("input[name=family_name]", "The Brightwater family")
    page.check("input[name=lawful_basis][value=public-task]")
    page.fill("input[name=lawful_basis_note]", "Early help for Wrenna, which her mum asked for.")
    page.fill("textarea[name=contact_details]", "3 Example Row, Riverbend (a made-up address)")
    page.fill("input[name=person-1-first_name]", "Wrenna")
    page.fill("input[name=person-1-last_name]", "Brightwater")
    fill_date(page, "person-1-date_of_birth", BIRTHDAY)
    page.select_option("select[name=person-1-role_in_family]", "child")
    page.fill("input[name=person-2-first_name]", "Marnie")
    page.select_option("select[name=person-2-role_in_family]", "parent")
    page.get_by_role("button", name="Add the family").click()
    expect(heading(page)).to_have_text("The Brightwater family")
    check(page, "the new family's overview")
    family = Family.objects.get(family_name="The Brightwater family")

    # The family's story, in their words.
    page.get_by_role("link", name="Add to the family's story").click()
    check(page, "the story form")
    page.fill("textarea[name=story]", STORY)
    page.fill("input[name=who_was_there]", "Wrenna and Marnie, at home")
    fill_date(page, "told_on", date.today())
    page.fill("input[name=how_agreed]", "Marnie read it back and agreed it can be kept")
    page.get_by_role("button", name="Save the story").click()
    expect(page.get_by_text("Wrenna loves the swings")).to_be_visible()

    # Wrenna's one-page profile, written with her.
    page.get_by_role("link", name="Wrenna's profile").click()
    check(page, "Wrenna's profile, before it is written")
    page.get_by_role("link", name="Write the one-page profile with Wrenna").click()
    check(page, "the profile form")
    page.fill("textarea[name=liked_and_admired]", PROFILE)
    page.fill("textarea[name=important_to_me]", "My nan, and the swings.")
    page.fill("textarea[name=how_to_support_me]", "Tell me what is happening next.")
    page.fill("input[name=written_with]", "Wrenna and Marnie, with Riley")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_text(PROFILE)).to_be_visible()
    check(page, "Wrenna's profile")

    # Marnie agrees that Community Health may see the story and the profiles.
    page.goto(reverse("families:consents", args=[family.public_id]))
    check(page, "the family's agreements")
    page.get_by_role("button", name="Record a new agreement").click()
    check(page, "the agreement form")
    page.select_option("select[name=organisation]", label=community_health.name)
    page.check("input[name=parts][value=story]")
    page.check("input[name=parts][value=profiles]")
    page.get_by_label("Marnie", exact=False).first.check()
    page.check("input[name=method][value=in-person]")
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.get_by_text("The family's agreement is recorded.")).to_be_visible()
    agreement = ConsentAgreement.objects.get(family=family, organisation=community_health)
    assert sorted(agreement.parts) == ["profiles", "story"]

    # Casey, a health visitor, sets up two-step for the first time, finds the family and joins the team.
    casey = sign_in_browser(other_agency_practitioner)
    casey.goto(reverse("families:search"))
    set_up_two_step_and_accept_terms(casey, other_agency_practitioner, check)
    search_for(casey, "Brightwater")
    expect(casey.get_by_role("cell", name=family.reference, exact=True)).to_be_visible()
    casey.get_by_role("link", name=f"Ask to join the team around family {family.reference}").click()
    check(casey, "the ask to join page")
    casey.fill("textarea[name=reason], input[name=reason]", "I am Wrenna's health visitor.")
    casey.get_by_role("button", name="Ask to join").click()

    # Casey reads the story and the profile instead of asking the family again, but not the contact details.
    casey.goto(reverse("families:overview", args=[family.public_id]))
    expect(casey.get_by_text("Wrenna loves the swings")).to_be_visible()
    expect(casey.get_by_text("3 Example Row")).to_have_count(0)
    check(casey, "the overview, as another agency by agreement")
    casey.get_by_role("link", name="Wrenna's profile").click()
    expect(casey.get_by_text(PROFILE)).to_be_visible()
    assert AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, basis=AccessLogEntry.Basis.CONSENT, part="story").exists()

    # Morgan, of an agency the family has not agreed to, is refused and sees nothing of them.
    two_step(third_agency_practitioner)
    morgan = sign_in_browser(third_agency_practitioner)
    morgan.goto(reverse("families:overview", args=[family.public_id]))
    verify_two_step_and_accept_terms(morgan, third_agency_practitioner, check)
    expect(morgan.get_by_text("Wrenna")).to_have_count(0)
    expect(morgan.get_by_text("Brightwater")).to_have_count(0)
    check(morgan, "the refusal page")
    assert AccessLogEntry.objects.filter(family=family, user=third_agency_practitioner, basis=AccessLogEntry.Basis.REFUSED).exists()

    # Marnie changes her mind: Riley withdraws the agreement, and Casey is refused at once.
    page = sign_in_browser(practitioner)
    page.goto(reverse("families:consents", args=[family.public_id]))
    verify_two_step_and_accept_terms_if_asked(page, practitioner, check)
    page.get_by_role("link", name=f"Withdraw the agreement for {community_health.name}", exact=False).click()
    check(page, "the withdraw page")
    page.fill("textarea[name=withdrawal_note], input[name=withdrawal_note]", "Marnie asked for it to end.")
    page.get_by_role("button", name="Withdraw the agreement").click()
    expect(page.get_by_text("The agreement is withdrawn.")).to_be_visible()

    casey = sign_in_browser(other_agency_practitioner)
    casey.goto(reverse("families:overview", args=[family.public_id]))
    verify_two_step_and_accept_terms_if_asked(casey, other_agency_practitioner, check)
    expect(casey.get_by_text("Wrenna loves the swings")).to_have_count(0)
    check(casey, "the overview after the agreement is withdrawn")
    response = casey.goto(reverse("families:profile", args=[family.public_id, family.people.get(is_focus=True).public_id]))
    assert response.status == 403
    expect(casey.get_by_text(PROFILE)).to_have_count(0)
    assert AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, basis=AccessLogEntry.Basis.REFUSED).exists()


def verify_two_step_and_accept_terms_if_asked(page, user, check):
    """A new sign-in asks for a code again (never for the terms once accepted)."""
    if page.get_by_role("heading", name="Enter the code from your authenticator app").count():
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        device.last_t = -1  # the earlier sign-in in this journey used this time step's code
        device.save()
        check(page, "the two-step verify page")
        page.fill("input[name=code]", code_for(device))
        page.get_by_role("button", name="Continue").click()
