"""What the training pages show each person, the menu and home cards, what waits for them, and that every word passes the product's own language check."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.registry import home_cards_for, menu_for, waiting_for
from goldenthread.language import check
from goldenthread.language.readers import read_bytes
from goldenthread.training import emails, menu, services
from goldenthread.training.models import Booking

from .support import came, held, put_on, signed_in


def text_of(response) -> str:
    return unescape(response.content.decode())


def faults(text: str) -> list[str]:
    return [f"‘{f.text}’ ({f.rule})" for f in check(text) if f.is_fault]


# --- finding and booking --------------------------------------------------------------------


def test_courses_for_my_role_leave_out_a_course_for_leaders_until_asked_for_all(session, leading, trainer, practitioner):
    put_on(leading, trainer, part=1)
    browser = signed_in(practitioner)
    mine = text_of(browser.get(reverse("training:courses")))
    everything = text_of(browser.get(reverse("training:courses") + "?show=all"))
    assert "Trauma-informed practice: the essentials" in mine
    assert "Leading a trauma-informed organisation" not in mine
    assert "Leading a trauma-informed organisation" in everything


def test_an_organisation_lead_finds_the_leaders_course_for_their_role(leading, trainer, organisation_lead):
    put_on(leading, trainer, part=1)
    assert "Leading a trauma-informed organisation" in text_of(signed_in(organisation_lead).get(reverse("training:courses")))


def test_courses_are_filtered_by_how_they_are_held(session, online, essentials, leading, trainer, practitioner):
    put_on(leading, trainer, part=1)
    page = text_of(signed_in(practitioner).get(reverse("training:courses") + "?show=all&format=online"))
    assert "Trauma-informed practice: the essentials" in page
    assert "Leading a trauma-informed organisation" not in page


def test_a_practitioner_books_from_the_session_page_and_sees_their_place(session, practitioner):
    browser = signed_in(practitioner)
    page = text_of(browser.get(reverse("training:session", args=[session.public_id])))
    assert "There are 12 places left." in page and "Book a place" in page
    response = browser.post(reverse("training:book", args=[session.public_id]), follow=True)
    page = text_of(response)
    assert "Your place is booked." in page
    assert "You have a place on this session." in page
    assert "Add it to your calendar (.ics file)" in page and "Cancel your place" in page


def test_a_full_session_offers_the_waiting_list_and_says_your_number(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    browser = signed_in(other_agency_practitioner)
    assert "Join the waiting list" in text_of(browser.get(reverse("training:session", args=[one_place.public_id])))
    page = text_of(browser.post(reverse("training:book", args=[one_place.public_id]), follow=True))
    assert "you are on the waiting list (number 1)" in page
    assert "Leave the waiting list" in page


def test_an_offer_is_accepted_from_its_page_and_waits_on_the_home_page_until_then(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.cancel_place(Booking.objects.get(person=practitioner), by=practitioner)
    (notice,) = waiting_for(other_agency_practitioner)
    assert notice.what == "Say whether you would like a place on Trauma-informed practice: the essentials"
    assert notice.link == reverse("training:offer", args=[one_place.public_id])

    browser = signed_in(other_agency_practitioner)
    assert "Say whether you would like a place" in text_of(browser.get(reverse("core:home")))
    page = text_of(browser.post(notice.link, {"answer": "yes"}, follow=True))
    assert "The place is yours." in page
    assert waiting_for(other_agency_practitioner) == []


def test_an_offer_page_after_the_time_passed_explains_gently(one_place, practitioner, other_agency_practitioner, champion):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.book(one_place, by=champion)
    services.cancel_place(Booking.objects.get(person=practitioner), by=practitioner)
    Booking.objects.filter(person=other_agency_practitioner).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    services.pass_on_lapsed_offer(Booking.objects.get(person=other_agency_practitioner))
    page = text_of(signed_in(other_agency_practitioner).get(reverse("training:offer", args=[one_place.public_id])))
    assert "That time has passed, so it went to the next person waiting." in page


def test_cancelling_a_place_from_its_page_offers_it_on(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    response = signed_in(practitioner).post(reverse("training:cancel-place", args=[one_place.public_id]), follow=True)
    assert "Your place is cancelled." in text_of(response)
    assert Booking.objects.get(person=other_agency_practitioner).status == Booking.Status.OFFERED


# --- the record, the register, the trainer's pages -----------------------------------------


def test_the_training_record_shows_completions_with_a_certificate_and_asks_for_feedback(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    page = text_of(signed_in(practitioner).get(reverse("training:record")))
    assert "Download the certificate (PDF)" in page
    assert "Came to the whole session." in page
    assert "Say how it went" in page


def test_the_register_lists_who_is_booked_offered_and_waiting_and_no_longer_coming(one_place, trainer, practitioner, other_agency_practitioner, champion):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.book(one_place, by=champion)
    services.cancel_place(Booking.objects.get(person=practitioner), by=practitioner)
    page = text_of(signed_in(trainer).get(reverse("training:register", args=[one_place.public_id])))
    assert "Casey Evans (Riverbend Community Health), kept until" in page
    assert "Jo Park (Riverbend Children's Services)" in page
    assert "Riley Shah (Riverbend Children's Services): they cancelled their place" in page
    assert "You can take the register from the day of the session." in page


def test_a_trainer_waits_to_take_the_register_once_the_session_has_started(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session, days_ago=0)
    (notice,) = [n for n in waiting_for(trainer) if n.what.startswith("Take the register")]
    assert notice.link == reverse("training:register", args=[session.public_id])
    came(session, trainer, practitioner)
    assert [n for n in waiting_for(trainer) if n.what.startswith("Take the register")] == []


def test_the_menu_takes_trainers_to_the_programme_and_everyone_else_to_their_training(trainer, partnership_lead, practitioner, data_protection_lead):
    assert menu.navigation(trainer) == [("Training", reverse("training:manage"))]
    assert menu.navigation(partnership_lead) == [("Training", reverse("training:manage"))]
    assert menu.navigation(practitioner) == [("Training", reverse("training:home"))]
    assert menu.navigation(data_protection_lead) == []
    assert ("Training", reverse("training:home")) in menu_for(practitioner)


def test_the_home_cards_say_what_is_booked_and_what_is_coming_up(session, trainer, practitioner):
    services.book(session, by=practitioner)
    (card,) = [c for c in home_cards_for(practitioner) if c["title"] == "Training"]
    assert card["text"].startswith("You have 1 training session booked. The next is Trauma-informed practice: the essentials on ")
    (running,) = [c for c in home_cards_for(trainer) if c["title"] == "Run the training programme"]
    assert running["text"] == "1 session in the next four weeks."


def test_a_trainer_puts_on_a_programme_a_course_and_a_session_from_the_pages(trainer):
    browser = signed_in(trainer)
    browser.post(reverse("training:programme-add"), {"name": "Core programme (fictional)", "kind": "core"})
    from goldenthread.training.models import Course, Programme, TrainingSession

    programme = Programme.objects.get()
    browser.post(reverse("training:course-add", args=[programme.public_id]), {"title": "The essentials", "parts": "Day 1\nDay 2", "skills": "Curiosity"})
    course = Course.objects.get()
    day = timezone.localdate() + timedelta(days=14)
    data = {"part": "2", "date_0": str(day.day), "date_1": day.strftime("%B"), "date_2": str(day.year), "starts": "10am", "ends": "1pm"}
    data.update({"format": "online", "joining_link": "https://meet.example/day-two", "capacity": "30"})
    response = browser.post(reverse("training:session-add", args=[course.public_id]), data, follow=True)
    session = TrainingSession.objects.get()
    assert "The session is added." in text_of(response)
    assert (session.part, session.capacity, session.is_online) == (2, 30, True)
    assert "The essentials: Day 2" in text_of(browser.get(reverse("training:manage")))


# --- our own words --------------------------------------------------------------------------


@pytest.fixture
def a_year_in_small(one_place, online, leading, trainer, practitioner, other_agency_practitioner, champion, organisation_lead):
    """Enough of everything for every page to say something: places, an offer, a register, feedback, an aha moment."""
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.book(one_place, by=champion)
    services.cancel_place(Booking.objects.get(session=one_place, person=practitioner), by=practitioner)
    services.book(online, by=practitioner)
    day_one = put_on(leading, trainer, part=1, days=2, trainers=[trainer])
    services.book(day_one, by=organisation_lead)
    held(day_one)
    came(day_one, trainer, organisation_lead)
    services.give_feedback(day_one, by=organisation_lead, usefulness=5, most_helpful="Time to think.", confidence={"Leading with curiosity": (2, 4)})
    services.share_aha_moment(day_one, by=organisation_lead, text="I ask my teams what happened.", theme="curiosity", sharing="named")
    return {"one_place": one_place, "online": online, "day_one": day_one}


def pages_for(world):
    one, online, day_one = world["one_place"], world["online"], world["day_one"]
    course = day_one.course
    return [
        reverse("training:home"),
        reverse("training:courses"),
        reverse("training:courses") + "?show=all",
        reverse("training:course", args=[course.public_id]),
        reverse("training:session", args=[one.public_id]),
        reverse("training:session", args=[online.public_id]),
        reverse("training:session", args=[day_one.public_id]),
        reverse("training:offer", args=[one.public_id]),
        reverse("training:cancel-place", args=[online.public_id]),
        reverse("training:feedback", args=[day_one.public_id]),
        reverse("training:aha-moment", args=[day_one.public_id]),
        reverse("training:aha-moments"),
        reverse("training:record"),
        reverse("training:manage"),
        reverse("training:programme", args=[course.programme.public_id]),
        reverse("training:programme-add"),
        reverse("training:programme-edit", args=[course.programme.public_id]),
        reverse("training:course-add", args=[course.programme.public_id]),
        reverse("training:course-edit", args=[course.public_id]),
        reverse("training:session-add", args=[course.public_id]),
        reverse("training:session-edit", args=[one.public_id]),
        reverse("training:session-cancel", args=[one.public_id]),
        reverse("training:register", args=[one.public_id]),
        reverse("training:register", args=[day_one.public_id]),
    ]


@pytest.mark.parametrize("who", ["practitioner", "other_agency_practitioner", "organisation_lead", "trainer"])
def test_every_training_page_passes_the_shared_language_check(a_year_in_small, who, request):
    browser = signed_in(request.getfixturevalue(who))
    problems = []
    for address in pages_for(a_year_in_small):
        response = browser.get(address)
        if response.status_code != 200:
            continue
        problems += [f"{address}: {fault}" for fault in faults(read_bytes(response.content, ".html"))]
    assert not problems, "\n".join(problems)


def test_every_email_training_sends_passes_the_shared_language_check(a_year_in_small):
    booking = Booking.objects.filter(status=Booking.Status.OFFERED).select_related("session__course", "person").first()
    session = booking.session
    session.cancellation_reason = "The trainer is unwell."
    written = [
        emails.booked(booking),
        emails.waiting(booking, 2),
        emails.offered(booking),
        emails.offer_lapsed(booking),
        emails.session_changed(booking, ["It is now on Tuesday 3 March 2026, 09:30 to 16:00.", "The joining link has changed."]),
        emails.session_cancelled(booking),
        emails.reminder(booking),
    ]
    builders = {name for name, value in vars(emails).items() if callable(value) and getattr(value, "__annotations__", {}).get("return") == "tuple[str, str]"}
    assert len(builders) == len(written), "every e-mail is checked here"
    problems = [f"{subject}: {fault}" for subject, body in written for fault in faults(f"{subject}\n\n{body}")]
    assert not problems, "\n".join(problems)


def test_every_message_and_refusal_in_training_passes_the_shared_language_check():
    from goldenthread.training import rules
    from goldenthread.training.views import finding, places, reflecting

    words = [value for value in vars(rules).values() if isinstance(value, str)]
    words += [rule.required_message or rule.label for rule in vars(rules).values() if hasattr(rule, "label")]
    words += list(places.CANCELLED_WORDS.values()) + list(reflecting.SHARED_WORDS.values()) + list(finding.ENDED_FOR_YOU.values())
    words += [label for model in (Booking.Attendance, Booking.EndedBecause, Booking.Status) for _, label in model.choices]
    problems = [f"{text}: {fault}" for text in words for fault in faults(text)]
    assert not problems, "\n".join(problems)
