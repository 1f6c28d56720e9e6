"""Training, in a real Chromium: a full session, a freed place, the register, feedback and a certificate.

Pat Lee (trainer) puts on "Trauma-informed practice: the essentials" with a single place.
Riley Shah has it; Casey Evans (Riverbend Community Health) finds the session full and joins
the waiting list. Riley cancels, so the place is offered to Casey, who takes it. On the day,
Pat takes the register; Casey says how the session went and downloads the certificate.
axe-core checks every page on the way, and each page must fit a 390 px phone screen.
Everyone here is fictional.
"""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from goldenthread.training import services
from goldenthread.training.models import Booking
from goldenthread.training.tests.support import SKILLS, held, put_on

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
COURSE = "Trauma-informed practice: the essentials"


def heading(page):
    return page.get_by_role("heading", level=1)


def fits_a_phone(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide at a phone's width"


def switch_to(sign_in_browser, page, user):
    """Leave the page first, so no request still running for the last person sets their cookie again."""
    page.goto("about:blank")
    page.wait_for_timeout(300)
    return sign_in_browser(user)


def test_a_practitioner_gets_a_freed_place_comes_gives_feedback_and_downloads_a_certificate_and_the_trainer_takes_the_register(
    sign_in_browser, assert_accessible, partnership_lead, trainer, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks
):
    def check(page, what):
        assert_accessible(page, what)
        fits_a_phone(page, what)

    programme = services.create_programme(by=partnership_lead, name="Core programme (fictional)", kind="core")
    course = services.create_course(programme, by=trainer, title=COURSE, parts=["The session"], skills=SKILLS)
    session = put_on(course, trainer, capacity=1, trainers=[trainer])
    riley_place = services.book(session, by=practitioner)
    session_page = reverse("training:session", args=[session.public_id])

    # Casey finds the session full and joins the waiting list.
    page = sign_in_browser(other_agency_practitioner)
    page.set_viewport_size(PHONE)
    page.goto(session_page)
    expect(heading(page)).to_contain_text(COURSE)
    check(page, "a full session")
    page.get_by_role("button", name="Join the waiting list").click()
    check(page, "the session with Casey on the waiting list")
    assert Booking.objects.get(session=session, person=other_agency_practitioner).status == Booking.Status.WAITING

    # Riley cancels: the place is offered to Casey, who says yes.
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_place(riley_place, by=practitioner)
    page.goto(session_page)
    page.get_by_role("link", name="Say whether you would like the place").click()
    expect(heading(page)).to_have_text("A place has come free for you")
    check(page, "the offer of a place")
    page.locator("input[name=answer][value=yes]").check()
    page.get_by_role("button", name="Send your answer").click()
    casey_place = Booking.objects.get(session=session, person=other_agency_practitioner)
    assert casey_place.status == Booking.Status.BOOKED

    # On the day, Pat takes the register.
    held(session, days_ago=0)
    page = switch_to(sign_in_browser, page, trainer)
    page.goto(reverse("training:register", args=[session.public_id]))
    expect(heading(page)).to_have_text("Register")
    check(page, "the register")
    page.locator(f"input[name='attendance-{casey_place.public_id}'][value=attended]").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_text("The register is saved.")).to_be_visible()

    # Casey says how it went and downloads the certificate.
    page = switch_to(sign_in_browser, page, other_agency_practitioner)
    page.goto(session_page)
    page.get_by_role("link", name="Say how the session went").click()
    expect(heading(page)).to_have_text("How did the session go?")
    check(page, "the feedback form")
    page.locator("input[name=usefulness][value='5']").check()
    page.locator("input[name=before_0][value='2']").check()
    page.locator("input[name=after_0][value='4']").check()
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_text("Thank you: your feedback is saved.")).to_be_visible()

    page.goto(reverse("training:record"))
    expect(heading(page)).to_have_text("Your training record")
    check(page, "Casey's training record")
    link = page.get_by_role("link", name=f"Download the certificate (PDF) for {COURSE}")
    certificate = page.request.get(link.get_attribute("href"))
    assert certificate.ok and certificate.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(certificate.body())).pages[0].extract_text()
    assert "Casey Evans" in text and COURSE in text
