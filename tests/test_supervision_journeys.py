"""Group supervision across two agencies, in a real Chromium.

Riley Shah (Riverbend Children's Services) asks for a group supervision about an anonymised
situation and invites Casey Evans from Riverbend Community Health, then arranges it with Jo
Park facilitating and Sam Okafor as accountable manager. Jo acknowledges confidentiality, runs
the session from its page, records the four questions and agrees an action for Casey. Casey
acknowledges confidentiality, finds the action and marks it done with a note. axe-core checks
every page on the way, the pages with errors included. Everyone here is fictional.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.supervision.models import ActionChange, AgreedAction, Session

pytestmark = pytest.mark.browser

REFERENCE = "J.T., aged 9"
PURPOSE = "J.T. has stopped eating breakfast and is late most mornings. What might this mean, and how can we help together? (fictional)"
ACTION = "Ask the school nurse to see J.T. this week"


def heading(page):
    return page.get_by_role("heading", level=1)


def fill_date(page, name, day):
    page.fill(f"input[name={name}_0]", str(day.day))
    page.fill(f"input[name={name}_1]", str(day.month))
    page.fill(f"input[name={name}_2]", str(day.year))


def acknowledge_confidentiality(page, check):
    expect(heading(page)).to_have_text("Keeping this session confidential")
    check(page, "the confidentiality page")
    page.get_by_label("I will keep what is shared in this session confidential").check()
    page.get_by_role("button", name="Agree and continue").click()


def switch_to(sign_in_browser, page, user):
    """Leave the page first, so no request still running for the last person sets their cookie again."""
    page.goto("about:blank")
    page.wait_for_timeout(300)
    return sign_in_browser(user)


def test_two_agencies_request_run_and_follow_up_a_group_supervision(
    sign_in_browser, assert_accessible, practitioner, champion, organisation_lead, other_agency_practitioner, community_health
):
    check = assert_accessible
    meeting_day = timezone.localdate() + timedelta(days=7)

    # Riley asks for a session about an anonymised situation and invites Casey from Community Health.
    page = sign_in_browser(practitioner)
    page.goto(reverse("supervision:home"))
    expect(heading(page)).to_have_text("Group supervision")
    check(page, "the group supervision home page")
    page.get_by_role("link", name="Request a session").click()
    expect(heading(page)).to_have_text("Request a session")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "the request form with errors shown")
    page.get_by_label("Group supervision", exact=True).check()
    page.select_option("select[name=family]", "anonymised")
    page.fill("input[name=situation_reference]", REFERENCE)
    page.fill("textarea[name=purpose]", PURPOSE)
    fill_date(page, "proposed_date", meeting_day)
    page.fill("input[name=proposed_time]", "2:30pm")
    page.get_by_label("Online", exact=True).check()
    page.fill("input[name=location]", "Video call (fictional link)")
    page.select_option("select[name=invite_from]", label="Riverbend Community Health")
    page.get_by_role("button", name="Show its people").click()
    expect(page.locator("textarea[name=purpose]")).to_have_value(PURPOSE)
    page.get_by_label("Casey Evans, Health visitor (Riverbend Community Health)").check()
    check(page, "the request form with people listed")
    page.get_by_role("button", name="Send the request").click()

    acknowledge_confidentiality(page, check)
    expect(heading(page)).to_have_text(f"Group supervision: {REFERENCE}")
    session = Session.objects.get()
    assert session.family is None
    page.get_by_role("link", name="Arrange the session: time, facilitator and accountable manager").click()
    check(page, "the arrange page")
    page.select_option("select[name=facilitator]", label="Jo Park, Practice lead (Riverbend Children's Services)")
    page.select_option("select[name=accountable_manager]", label="Sam Okafor, Director of children's services (Riverbend Children's Services)")
    page.get_by_role("button", name="Arrange the session").click()
    expect(page.get_by_text("The session is scheduled.")).to_be_visible()

    # Jo facilitates: acknowledges, records the four questions one by one, agrees an action for Casey.
    page = switch_to(sign_in_browser, page, champion)
    page.goto(reverse("supervision:session", args=[session.public_id]))
    acknowledge_confidentiality(page, check)
    expect(heading(page)).to_have_text(f"Group supervision: {REFERENCE}")
    check(page, "the session page the facilitator runs it from")
    page.get_by_label("What does this mean for the child or family?").fill("J.T. may be anxious about something at home in the mornings.")
    page.get_by_label("What is the impact?").fill("He misses breakfast and the start of lessons.")
    page.get_by_label("How does this inform risk?").fill("No immediate risk; we want to understand the mornings better.")
    page.get_by_label("How is this reflected in our planning?").fill("Health and school will each check in with J.T. this week.")
    page.get_by_label("What is going well").fill("J.T. has a trusted teaching assistant.")
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("The record of the session is saved.")).to_be_visible()
    check(page, "the session page after recording")

    page.get_by_role("link", name="Add an action").click()
    expect(heading(page)).to_have_text("Add an action")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "the action form with errors shown")
    page.fill("input[name=description]", ACTION)
    page.select_option("select[name=owner]", label="Casey Evans, Health visitor (Riverbend Community Health)")
    fill_date(page, "due_on", timezone.localdate() + timedelta(days=5))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("The action is added.")).to_be_visible()
    action = AgreedAction.objects.get()
    assert (action.owner, action.status) == (other_agency_practitioner, AgreedAction.Status.OPEN)

    # Casey, from the other agency, finds the action and marks it done with a note.
    page = switch_to(sign_in_browser, page, other_agency_practitioner)
    page.goto(reverse("supervision:home"))
    expect(page.get_by_role("cell", name=ACTION, exact=True)).to_be_visible()
    page.get_by_role("link", name=f"Group supervision: {REFERENCE}").click()
    acknowledge_confidentiality(page, check)
    check(page, "the session page for an attendee")
    page.get_by_role("link", name=re.compile(rf"Mark as done\s*:\s*{re.escape(ACTION)}")).click()
    expect(heading(page)).to_have_text("Mark the action as done")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "the mark-as-done form with errors shown")
    page.get_by_label("What was done").fill("The school nurse saw J.T. on Tuesday and will see him again next week.")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("The action is marked as done.")).to_be_visible()
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.DONE
    assert ActionChange.objects.filter(action=action, change="done", changed_by=other_agency_practitioner).exists()
