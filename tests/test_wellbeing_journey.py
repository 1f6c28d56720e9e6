"""Wellbeing, in a real Chromium: private check-ins by keyboard, the support they point to, a trend, a deletion and a reflective space.

Riley Shah (practitioner, Riverbend Children's Services) opens Wellbeing from the menu on a
phone, sends an empty check-in and is taken to the error summary, then takes two check-ins
using the keyboard alone: a heavy fortnight, which points to the employee assistance
programme, and an easier one. Someone to talk to now is offered after both, and on the
list of all the support. Riley's wellbeing page shows the trend as a chart with its table;
Riley deletes the first check-in through its confirmation page and it is gone. Then Riley
takes a place in a reflective space Alex Morgan (partnership lead) put on for tomorrow.
axe-core checks every page on the way, and each page must fit a 390 px phone screen.
Everyone and everything here is fictional.
"""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.wellbeing import services
from goldenthread.wellbeing.models import CheckIn, Place
from tests.browser import tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SPACE = "Reflecting together after a hard week (fictional)"
TALK_NOW = "Riverbend listening line (fictional)"
EMPLOYEE_ASSISTANCE = "Employee assistance programme (fictional)"

# The answer chosen for each question, by its place in the list of five (1: the first).
HEAVY_FORTNIGHT = {"weight": 5, "carried-home": 4, "sleep": 2, "support": 4, "connection": 3, "satisfaction": 4}
EASIER_FORTNIGHT = {"weight": 2, "carried-home": 1, "sleep": 4, "support": 5, "connection": 4, "satisfaction": 5}


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


def answer_by_keyboard(page, answers, words):
    """Fill in the check-in as a keyboard user does: Tab into each group of radios, Space or the arrow keys to choose, type, Space on the button.

    Tabbing into a group with nothing chosen lands on its first answer: Space chooses that one,
    and each Down arrow moves to (and chooses) the next. Tab then leaves for the next group.
    """
    keys = list(answers)
    tab_to(page, f"input[name='{keys[0]}'] >> nth=0")
    for key, choice in answers.items():
        expect(page.locator(f"input[name='{key}']").first).to_be_focused()
        if choice == 1:
            page.keyboard.press("Space")
        for _ in range(choice - 1):
            page.keyboard.press("ArrowDown")
        expect(page.locator(f"input[name='{key}'][value='{choice}']")).to_be_checked()
        page.keyboard.press("Tab")
    expect(page.locator("textarea[name=in_own_words]")).to_be_focused()
    page.keyboard.type(words)
    tab_to(page, "button:has-text('Save my check-in')", presses=5)
    page.keyboard.press("Space")


def test_a_practitioner_checks_in_by_keyboard_finds_support_sees_a_trend_deletes_a_check_in_and_takes_a_place_in_a_reflective_space(
    sign_in_browser, assert_accessible, partnership_lead, champion, practitioner
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    services.add_support(
        by=partnership_lead,
        name=TALK_NOW,
        kind="crisis",
        description="Someone to talk to, any time, in confidence.",
        how_to_reach="Call 0300 000 0000 (fictional), day or night",
    )
    services.add_support(
        by=partnership_lead,
        name=EMPLOYEE_ASSISTANCE,
        kind="employee-assistance",
        description="Free, confidential counselling and advice for staff.",
        how_to_reach="Call 0300 000 0001 (fictional)",
    )
    space = services.put_on_space(
        None,
        by=partnership_lead,
        title=SPACE,
        about="An hour with colleagues to talk about how the work is sitting with us. Nothing is written down.",
        format="in-person",
        venue="Riverbend Family Hub, Room 2 (fictional)",
        day=timezone.localdate() + timedelta(days=1),
        starts=time(14, 0),
        ends=time(15, 0),
        capacity=8,
        host=champion,
    )

    # Riley opens Wellbeing from the menu, on a phone.
    page = sign_in_browser(practitioner)
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(heading(page)).to_have_text("Hello, Riley")
    check(page, "Riley's home page")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Wellbeing").click()
    expect(heading(page)).to_have_text("Your wellbeing")
    expect(page.get_by_text("You have not kept any check-ins.")).to_be_visible()
    check(page, "Riley's wellbeing page, before any check-in")

    # An empty check-in: the error summary takes the focus.
    page.get_by_role("link", name="Take a check-in").click()
    expect(heading(page)).to_have_text("Your check-in")
    check(page, "the check-in")
    tab_to(page, "button:has-text('Save my check-in')")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: Your check-in"))
    check(page, "the check-in with nothing answered")
    assert not CheckIn.objects.filter(person=practitioner).exists()

    # A heavy fortnight, by keyboard: support for the weight of the work, and someone to talk to now.
    answer_by_keyboard(page, HEAVY_FORTNIGHT, "The home visit on Tuesday stayed with me (fictional).")
    expect(page.get_by_text("Your check-in is saved. Only you can see it.")).to_be_visible()
    expect(heading(page)).to_contain_text("Your check-in on")
    expect(page.get_by_text("Some of your answers touched on the weight of the work, rest and sleep")).to_be_visible()
    expect(page.get_by_role("heading", name=EMPLOYEE_ASSISTANCE)).to_be_visible()
    expect(page.get_by_role("heading", name="If you need to talk to someone now")).to_be_visible()
    expect(page.get_by_role("heading", name=TALK_NOW)).to_be_visible()
    expect(page.get_by_text("The home visit on Tuesday stayed with me (fictional).")).to_be_visible()
    check(page, "a heavy check-in and its support")
    heavy = CheckIn.objects.get(person=practitioner)
    assert heavy.answers == HEAVY_FORTNIGHT

    # An easier fortnight: no theme touched, so only someone to talk to now is offered.
    page.get_by_role("link", name="Back to your wellbeing").click()
    expect(heading(page)).to_have_text("Your wellbeing")
    check(page, "Riley's wellbeing page, with one check-in")
    page.get_by_role("link", name="Take a check-in").click()
    expect(heading(page)).to_have_text("Your check-in")
    answer_by_keyboard(page, EASIER_FORTNIGHT, "A quieter fortnight.")
    expect(page.get_by_text("Your check-in is saved. Only you can see it.")).to_be_visible()
    expect(page.get_by_text("Support is there whenever you want it")).to_be_visible()
    expect(page.get_by_role("heading", name=EMPLOYEE_ASSISTANCE)).to_have_count(0)
    expect(page.get_by_role("heading", name=TALK_NOW)).to_be_visible()
    check(page, "an easier check-in")
    assert CheckIn.objects.filter(person=practitioner).count() == 2
    page.get_by_role("link", name="All the support you can turn to").click()
    expect(page.get_by_role("heading", name=EMPLOYEE_ASSISTANCE)).to_be_visible()
    expect(page.get_by_role("heading", name=TALK_NOW)).to_be_visible()
    check(page, "the support you can turn to")

    # The trend: a chart and, for the same answers, a table.
    page.get_by_role("link", name="Back to your wellbeing").click()
    expect(heading(page)).to_have_text("Your wellbeing")
    expect(page.get_by_role("img", name="Your answers over time")).to_be_visible()
    table = page.get_by_role("table", name="Every check-in you have kept")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("Fairly well")  # the newest first: Riley slept better
    expect(table.locator("tbody tr").last).to_contain_text("Heavy nearly all the time")
    check(page, "Riley's wellbeing page, with a trend")

    # Riley deletes the heavy check-in, through its confirmation page.
    heavy_page = reverse("wellbeing:check-in-detail", args=[heavy.public_id])
    page.locator(f"a[href='{heavy_page}']").click()
    expect(page.get_by_text("The home visit on Tuesday stayed with me (fictional).")).to_be_visible()
    page.get_by_role("link", name="Delete this check-in").click()
    expect(heading(page)).to_contain_text("Delete your check-in from")
    check(page, "the page to delete a check-in")
    page.get_by_role("button", name="Delete the check-in").click()
    expect(page.get_by_text("The check-in is deleted, with everything in it.")).to_be_visible()
    expect(heading(page)).to_have_text("Your wellbeing")
    expect(page.locator(f"a[href='{heavy_page}']")).to_have_count(0)
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).not_to_contain_text("Heavy nearly all the time")
    check(page, "Riley's wellbeing page, after deleting a check-in")
    assert not CheckIn.objects.filter(pk=heavy.pk).exists()
    assert CheckIn.objects.filter(person=practitioner).count() == 1
    page.goto(heavy_page)
    expect(page.get_by_text("The home visit on Tuesday stayed with me (fictional).")).to_have_count(0)

    # Riley takes a place in tomorrow's reflective space.
    page.goto(reverse("wellbeing:home"))
    page.get_by_role("link", name="Find a reflective space").click()
    expect(heading(page)).to_have_text("Reflective spaces")
    check(page, "the reflective spaces")
    page.get_by_role("link", name=SPACE).click()
    expect(heading(page)).to_have_text(SPACE)
    check(page, "a reflective space, before booking")
    page.get_by_role("button", name="Take a place").click()
    expect(page.get_by_text("Your place is booked.")).to_be_visible()
    expect(page.get_by_text("You have a place.")).to_be_visible()
    check(page, "a reflective space, with a place")
    assert Place.objects.filter(space=space, person=practitioner).exists()
