"""The programme, in a real Chromium: joining a workstream, a meeting and its actions on the board, and a story shared with the public.

Alex Morgan (partnership lead) has started the Riverbend recovery response, with a workstream
Jo Park (champion, Riverbend Children's Services) leads.

1. Riley Shah (practitioner) finds "Join a workstream" from the menu and asks to join, by
   keyboard alone. Jo, in a browser of her own, finds the request waiting on her home page
   and welcomes Riley, who is then on the workstream's page.
2. Jo records a meeting (its day, notes and who came), adds the action it agreed, and sees it
   counted on the programme's board, beside an action already past its date, marked overdue.
3. Jo shares a story with the public, with everyone's agreement recorded; the shared-language
   check has a suggestion first, and Jo sends it as it is. Sam Okafor (organisation lead), not
   its author, approves it from "Waiting for you", and a visitor who is not signed in reads it on
   the public stories page, which never names Jo.

axe-core checks every page on the way, and each page must fit a 390 px phone screen.
Everyone and everything here is fictional.
"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from goldenthread.programme import principles as tags
from goldenthread.programme.stories.models import Story
from goldenthread.programme.stories.rules import CONSENT_CONFIRMED
from goldenthread.programme.work import services as work
from goldenthread.programme.work.models import JoinRequest, Meeting, WorkstreamAction
from tests.browser import tab_to

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PROGRAMME = "Riverbend recovery response (fictional)"
WORKSTREAM = "Talking with families after the flood (fictional)"
OFFER = "I run a parents' group at the family hub and could bring what parents tell us (fictional)."
MEETING_NOTES = "We read the leaflets given out since the flood and agreed one short guide to the words we use (fictional)."
ACTION = "Write a one-page guide to the words we use with families"
OVERDUE_ACTION = "Send the leaflets to every family hub"
STORY = "A quiet room before a hard meeting (fictional)"


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


def fill_date(page, name, day):
    page.fill(f"input[name={name}_0]", str(day.day))
    page.fill(f"input[name={name}_1]", str(day.month))
    page.fill(f"input[name={name}_2]", str(day.year))


def long_date(day) -> str:
    """As the pages write a day in full: "Tuesday 3 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def open_the_menu_at(page, link):
    """On a phone the main menu is behind its button."""
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name=link, exact=True).click()


def waiting_for_you(page):
    return page.locator("section.gt-waiting")


@pytest.fixture
def another_browser(chromium, live_server):
    """A browser of someone else's (its own context, its own cookies), at a phone's width: signed in as `user`, or not at all."""
    contexts = []

    def open_as(user=None):
        context = chromium.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def recovery(partnership_lead):
    return work.start_programme(
        by=partnership_lead,
        name=PROGRAMME,
        purpose="A year of working together after the flood (fictional).",
        starts_on=timezone.localdate() - timedelta(days=60),
    )


@pytest.fixture
def workstream(recovery, partnership_lead, champion):
    """Jo Park leads it."""
    return work.start_workstream(
        recovery,
        by=partnership_lead,
        name=WORKSTREAM,
        purpose="Keep families told what help there is, in plain and kind words (fictional).",
        principles=["hope", "connectedness"],
        lead=champion,
    )


def test_a_practitioner_asks_to_join_a_workstream_by_keyboard_and_its_lead_welcomes_them_from_waiting_for_you(
    sign_in_browser, another_browser, assert_accessible, champion, practitioner, workstream
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    workstream_page = reverse("programme:work-workstream", args=[workstream.public_id])

    # Riley opens the programme from the menu, on a phone, and finds "Join a workstream".
    page = sign_in_browser(practitioner)
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(heading(page)).to_have_text("Hello, Riley")
    check(page, "Riley's home page")
    open_the_menu_at(page, "Programme")
    expect(heading(page)).to_have_text("The partnership's programme")
    check(page, "the programme's home page")
    page.get_by_role("link", name="Join a workstream", exact=True).click()
    expect(heading(page)).to_have_text("Join a workstream")
    expect(page.get_by_role("heading", name=WORKSTREAM)).to_be_visible()
    check(page, "the workstreams Riley could join")
    page.get_by_role("link", name=f"Ask to join {WORKSTREAM}").click()
    expect(heading(page)).to_have_text(f"Ask to join {WORKSTREAM}")
    check(page, "the page to ask to join a workstream")

    # The form by keyboard alone: Tab to the box, type, Tab to the button, Enter.
    tab_to(page, "textarea[name=message]")
    page.keyboard.type(OFFER)
    tab_to(page, "main button:has-text('Ask to join')", presses=10)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you. Jo Park will answer, and you will hear by e-mail and on your home page.")).to_be_visible()
    expect(heading(page)).to_have_text(WORKSTREAM)
    expect(page.get_by_text("You have asked to join this workstream.")).to_be_visible()
    check(page, "the workstream, once Riley has asked to join")
    join_request = JoinRequest.objects.get(workstream=workstream, person=practitioner)
    assert (join_request.status, join_request.message) == (JoinRequest.Status.WAITING, OFFER)

    # Jo, in her own browser, finds the request waiting for her and welcomes Riley.
    jo = another_browser(champion)
    jo.goto("/")
    expect(heading(jo)).to_have_text("Hello, Jo")
    waiting = waiting_for_you(jo)
    expect(waiting).to_contain_text("Riley Shah (Riverbend Children's Services) would like to join the workstream you lead.")
    check(jo, "Jo's home page, with a request waiting")
    waiting.get_by_role("link", name=f"Answer a request to join {WORKSTREAM}").click()
    expect(heading(jo)).to_have_text("Riley Shah would like to join")
    expect(jo.get_by_text(OFFER)).to_be_visible()
    check(jo, "the request to join")
    jo.get_by_label("Welcome them onto the workstream").check()
    jo.get_by_label("A note to them (optional)").fill("Welcome, Riley. We meet on Tuesdays (fictional).")
    jo.get_by_role("button", name="Send your answer").click()
    expect(jo.get_by_text("Riley Shah is on the workstream, and has been told by e-mail.")).to_be_visible()
    members = jo.get_by_role("table", name="Who is on the workstream")
    expect(members.get_by_role("row", name=re.compile(r"^Riley Shah Riverbend Children's Services"))).to_be_visible()
    check(jo, "the workstream, with Riley on it, for its lead")
    jo.goto("/")
    expect(waiting_for_you(jo)).to_contain_text("Nothing is waiting for you at the moment.")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED and join_request.decided_by == champion
    assert workstream.members.filter(person=practitioner, left_at=None).exists()

    # Riley is now a member on the workstream's page, and is welcomed on the home page.
    page.goto(workstream_page)
    expect(page.get_by_role("table", name="Who is on the workstream")).to_contain_text("Riley Shah")
    expect(page.get_by_role("link", name="Step back")).to_be_visible()
    expect(page.get_by_role("link", name="Ask to join this workstream")).to_have_count(0)
    check(page, "the workstream Riley is on")
    page.goto("/")
    expect(page.get_by_text(f"Welcome to {WORKSTREAM}: your request to join was accepted.")).to_be_visible()
    check(page, "Riley's home page, once welcomed")


def test_a_workstream_lead_records_a_meeting_adds_the_action_it_agreed_and_sees_it_on_the_board_beside_an_overdue_one(
    sign_in_browser, assert_accessible, partnership_lead, champion, practitioner, workstream
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    today = timezone.localdate()
    held_on, due_on = today - timedelta(days=1), today + timedelta(days=10)
    work.add_member(workstream, by=partnership_lead, person=practitioner)
    overdue = work.add_action(workstream, by=champion, description=OVERDUE_ACTION, owner="Jo Park", due_on=today - timedelta(days=5))

    # Jo goes from her home page to the workstream she leads, and records yesterday's meeting.
    page = sign_in_browser(champion)
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(heading(page)).to_have_text("Hello, Jo")
    check(page, "Jo's home page, with her workstream")
    page.get_by_role("link", name=WORKSTREAM, exact=True).click()
    expect(heading(page)).to_have_text(WORKSTREAM)
    check(page, "the workstream, for its lead")
    page.get_by_role("link", name="Record a meeting").click()
    expect(heading(page)).to_have_text("Record a meeting")
    check(page, "the page to record a meeting")
    fill_date(page, "held_on", held_on)
    page.get_by_label("Notes").fill(MEETING_NOTES)
    page.get_by_label("Jo Park, Riverbend Children's Services").check()
    page.get_by_label("Riley Shah, Riverbend Children's Services").check()
    page.get_by_role("button", name="Save the meeting").click()
    expect(page.get_by_text("The meeting is recorded. You can add the actions it agreed.")).to_be_visible()
    expect(heading(page)).to_have_text(f"The meeting on {long_date(held_on)}")
    expect(page.get_by_text(MEETING_NOTES)).to_be_visible()
    check(page, "the meeting's record")
    meeting = Meeting.objects.get(workstream=workstream)
    assert meeting.held_on == held_on
    assert {member.person for member in meeting.attended.all()} == {champion, practitioner}

    # The action the meeting agreed: what, who owns it and by when.
    page.get_by_role("link", name="Add an action from this meeting").click()
    expect(heading(page)).to_have_text("Add an action")
    expect(page.locator("select[name=meeting]")).to_have_value(str(meeting.public_id))
    check(page, "the page to add an action")
    page.get_by_label("What we will do").fill(ACTION)
    page.get_by_label("Who owns it").fill("Riley Shah")
    fill_date(page, "due_on", due_on)
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("The action is added to your action plan.")).to_be_visible()
    expect(heading(page)).to_have_text("Actions")
    listed = page.get_by_role("table", name="Open actions")
    expect(listed.get_by_role("row", name=re.compile(re.escape(ACTION)))).to_contain_text("Riley Shah")
    expect(listed.get_by_role("row", name=re.compile(re.escape(OVERDUE_ACTION)))).to_contain_text("Overdue")
    check(page, "the workstream's actions")
    action = WorkstreamAction.objects.get(workstream=workstream, description=ACTION)
    assert (action.owner, action.due_on, action.meeting) == ("Riley Shah", due_on, meeting)

    # The board: the new action counted as open, the older one listed as overdue.
    page.goto("/")
    open_the_menu_at(page, "Programme")
    page.get_by_role("link", name=f"The board: {PROGRAMME}").click()
    expect(heading(page)).to_have_text("The board")
    expect(page.get_by_text("Across 1 workstream: 0 actions done, 1 open and not yet due, and 1 past its due date.")).to_be_visible()
    figures = page.get_by_role("table", name="Actions in each workstream")
    expect(figures.get_by_role("row", name=re.compile(re.escape(WORKSTREAM)))).to_have_text(re.compile(r"0\s*1\s*1\s*0\s*0\s*$"))
    late = page.get_by_role("table", name="Overdue actions")
    expect(late.locator("tbody tr")).to_have_count(1)
    expect(late.locator("tbody tr")).to_contain_text(OVERDUE_ACTION)
    expect(late.locator("tbody tr")).to_contain_text(WORKSTREAM)
    expect(page.locator(".govuk-summary-list__row", has_text="Last met")).to_contain_text(f"{held_on.day} {held_on:%B %Y}")
    check(page, "the programme's board")

    # From the board to the workstream: both actions, the older one marked overdue.
    page.get_by_role("link", name=WORKSTREAM, exact=True).click()
    expect(heading(page)).to_have_text(WORKSTREAM)
    past = page.get_by_role("heading", name="Past their due date").locator("xpath=following-sibling::ul[1]")
    expect(past).to_contain_text(OVERDUE_ACTION)
    expect(past.locator(".govuk-tag")).to_have_text("Overdue")
    coming = page.get_by_role("heading", name="Coming up").locator("xpath=following-sibling::ul[1]")
    expect(coming).to_contain_text(ACTION)
    expect(coming.locator(".govuk-tag")).to_have_count(0)
    check(page, "the workstream, with a meeting and two actions")
    assert overdue.is_overdue and not action.is_overdue


def test_a_champion_shares_a_story_with_the_public_the_organisation_lead_approves_it_and_a_visitor_reads_it_without_the_authors_name(
    sign_in_browser, another_browser, assert_accessible, champion, organisation_lead
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    area_code, area = tags.domain_choices()[0]
    principle = dict(tags.principle_choices())["calming"]
    agreed_on = timezone.localdate() - timedelta(days=4)

    # Jo shares a story from the programme's home page, for anyone to read.
    page = sign_in_browser(champion)
    page.set_viewport_size(PHONE)
    page.goto("/")
    open_the_menu_at(page, "Programme")
    page.get_by_role("link", name="Share a story", exact=True).click()
    expect(heading(page)).to_have_text("Share a story")
    check(page, "the page to share a story")
    page.get_by_label("Title").fill(STORY)
    page.get_by_label("What we did", exact=True).fill(
        "Before a hard review meeting, we gave a young person whose challenging behaviour had worried the school a quiet room and ten minutes with someone they trusted."
    )
    page.get_by_label("What changed", exact=True).fill("The young person came into the meeting calmer, and spoke for themselves for the first time.")
    page.get_by_label("What families said (optional)").fill("‘It was the first meeting where I felt heard.’")
    page.get_by_label(area, exact=True).check()
    page.get_by_label(principle, exact=True).check()
    page.locator("input[name=reach][value=public]").check()
    page.get_by_label("Who agreed to it being shared").fill("the young person and their parent")
    page.get_by_label("How they agreed").fill("in person, after reading it together")
    fill_date(page, "consent_on", agreed_on)
    page.get_by_label(CONSENT_CONFIRMED).check()
    page.get_by_role("button", name="Send it for approval").click()

    # The shared-language check has a suggestion; Jo sends the words as they are.
    banner = page.get_by_role("alert").filter(has_text="The shared-language check has")
    expect(banner).to_contain_text("challenging behaviour")
    check(page, "the story with the shared-language check's suggestion")
    assert not Story.objects.exists()
    page.get_by_role("button", name="Send it for approval").click()
    expect(page.get_by_text("Thank you. Your story is sent for approval.")).to_be_visible()
    expect(heading(page)).to_have_text(STORY)
    check(page, "Jo's story, waiting for approval")
    story = Story.objects.get()
    assert (story.author, story.status, story.reach) == (champion, Story.Status.WAITING, Story.Reach.PUBLIC)
    assert story.consent_confirmed and story.consent_on == agreed_on and story.domains == [area_code] and story.principles == ["calming"]

    # Sam, the organisation lead, approves it from "Waiting for you".
    sam = another_browser(organisation_lead)
    sam.goto("/")
    expect(heading(sam)).to_have_text("Hello, Sam")
    waiting = waiting_for_you(sam)
    check(sam, "Sam's home page, with a story waiting")
    waiting.get_by_role("link", name=f"Read a story of practice and approve it or send it back: {STORY}").click()
    expect(heading(sam)).to_have_text(STORY)
    expect(sam.get_by_text("Riverbend Children's Services, shared by Jo Park")).to_be_visible()
    expect(sam.get_by_text("Anyone, on the partnership's public stories page")).to_be_visible()
    check(sam, "the page to approve the story")
    sam.get_by_label("Approve it: it is ready to be shared").check()
    sam.get_by_role("button", name="Save my decision").click()
    expect(sam.get_by_text(f"‘{STORY}’ is approved. We have told the person who shared it.")).to_be_visible()
    expect(heading(sam)).to_have_text("Stories waiting for approval")
    expect(sam.get_by_text("No stories are waiting for you at the moment.")).to_be_visible()
    check(sam, "the stories waiting for approval, once approved")
    story.refresh_from_db()
    assert (story.status, story.approved_by) == (Story.Status.APPROVED, organisation_lead)

    # A visitor, not signed in, reads it on the public stories page: the organisation, never Jo's name.
    visitor = another_browser()
    visitor.goto(reverse("programme:stories-public"))
    expect(heading(visitor)).to_have_text("Stories of practice")
    expect(visitor.get_by_role("link", name=STORY)).to_be_visible()
    expect(visitor.locator("main")).not_to_contain_text("Jo Park")
    check(visitor, "the public stories page")
    visitor.get_by_role("link", name=STORY).click()
    expect(heading(visitor)).to_have_text(STORY)
    expect(visitor.get_by_text("The young person came into the meeting calmer")).to_be_visible()
    expect(visitor.get_by_text(re.compile(r"^Shared by Riverbend Children's Services"))).to_be_visible()
    assert "Jo Park" not in visitor.content()
    check(visitor, "the public page of the story")
