"""Bad input on every training form: a clear message by the field, everything typed kept, nothing saved, never a server error."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.training import rules, services
from goldenthread.training.models import AhaMoment, Booking, Course, Feedback, Programme, TrainingSession

from .support import SKILLS, came, held, signed_in


def text_of(response) -> str:
    return unescape(response.content.decode())


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def refused_with(response, *messages):
    """400, the 'There is a problem' box, and each message on the page."""
    assert response.status_code == 400, response.status_code
    page = text_of(response)
    assert "There is a problem" in page
    for message in messages:
        assert message in page, message
    return page


# --- programmes -----------------------------------------------------------------------------


def test_a_programme_without_a_name_or_kind_is_sent_back_with_the_description_kept(trainer):
    typed = "For the people who lead services across Riverbend."
    response = signed_in(trainer).post(reverse("training:programme-add"), {"name": "   ", "description": typed})
    page = refused_with(response, rules.PROGRAMME_NAME.required_message, rules.PROGRAMME_KIND_MESSAGE)
    assert typed in page
    assert not Programme.objects.exists()


def test_a_programme_with_an_unknown_kind_or_a_name_too_long_is_sent_back(trainer, core_programme):
    response = signed_in(trainer).post(reverse("training:programme-edit", args=[core_programme.public_id]), {"name": "x" * 201, "kind": "secret"})
    refused_with(response, rules.PROGRAMME_NAME.too_long_message, rules.PROGRAMME_KIND_MESSAGE)
    core_programme.refresh_from_db()
    assert core_programme.name == "Core programme (fictional)"


def test_a_programme_is_added_and_the_trainer_goes_on_to_its_page(trainer):
    response = signed_in(trainer).post(reverse("training:programme-add"), {"name": "Refreshers (fictional)", "kind": "refresher"})
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:programme", args=[programme.public_id])


# --- courses --------------------------------------------------------------------------------


def test_a_course_with_too_many_skills_or_an_unknown_role_is_sent_back_with_the_parts_kept(trainer, core_programme):
    data = {"title": "Refresher", "parts": "Morning\nAfternoon", "skills": "\n".join(f"Skill {n}" for n in range(9)), "audience": ["director"]}
    response = signed_in(trainer).post(reverse("training:course-add", args=[core_programme.public_id]), data)
    page = refused_with(response, rules.AUDIENCE_MESSAGE)
    assert "Morning\nAfternoon" in page
    assert not Course.objects.exists()


def test_too_many_skills_is_said_by_the_service_and_shown_by_the_field(trainer, core_programme):
    data = {"title": "Refresher", "parts": "Morning", "skills": "\n".join(f"Skill {n}" for n in range(9))}
    response = signed_in(trainer).post(reverse("training:course-add", args=[core_programme.public_id]), data)
    refused_with(response, rules.TOO_MANY_SKILLS)
    assert not Course.objects.exists()


def test_a_course_without_a_title_or_parts_is_sent_back(trainer, essentials):
    response = signed_in(trainer).post(reverse("training:course-edit", args=[essentials.public_id]), {"title": "", "parts": "", "summary": "Kept"})
    page = refused_with(response, rules.COURSE_TITLE.required_message, rules.PARTS.required_message)
    assert "Kept" in page
    essentials.refresh_from_db()
    assert essentials.title == "Trauma-informed practice: the essentials"


# --- sessions -------------------------------------------------------------------------------


def session_data(day, **overrides):
    data = {
        "part": "1",
        **date_fields("date", day),
        "starts": "9:30",
        "ends": "4pm",
        "format": "in-person",
        "venue": "Riverbend Civic Centre (fictional)",
        "room": "The Willow Room",
        "accessibility": "Step-free entrance.",
        "joining_link": "",
        "capacity": "20",
    }
    data.update(overrides)
    return data


def test_a_session_is_put_on_from_the_form_with_times_as_people_write_them(trainer, essentials):
    day = timezone.localdate() + timedelta(days=10)
    response = signed_in(trainer).post(
        reverse("training:session-add", args=[essentials.public_id]), {**session_data(day), "trainers": [str(trainer.public_id)]}
    )
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    assert (start.date(), start.hour, start.minute, end.hour) == (day, 9, 30, 16)
    assert list(session.trainers.all()) == [trainer]


@pytest.mark.parametrize(
    "overrides, messages",
    [
        ({"starts": "", "ends": "half past"}, [rules.STARTS_MESSAGE, "Enter a real time, for example 14:30 or 2:30pm"]),
        ({"starts": "16:00", "ends": "9:30"}, [rules.ENDS_BEFORE_START]),
        ({"format": "by carrier pigeon"}, [rules.FORMAT_MESSAGE]),
        ({"venue": ""}, [rules.VENUE_MESSAGE]),
        ({"format": "online", "joining_link": ""}, [rules.JOINING_LINK_MESSAGE]),
        ({"format": "online", "joining_link": "ftp://meet.example"}, [rules.JOINING_LINK_NOT_A_LINK]),
        ({"capacity": "twenty"}, [rules.CAPACITY_MESSAGE]),
        ({"capacity": "0"}, [rules.CAPACITY_MESSAGE]),
        ({"trainers": ["not-a-person"]}, [rules.TRAINERS_MESSAGE]),
        ({"date_0": "31", "date_1": "2"}, ["Enter a real date"]),
        ({"date_0": "", "date_1": "", "date_2": ""}, [rules.SESSION_DATE.required_message]),
    ],
)
def test_a_session_with_bad_input_is_sent_back_with_what_was_typed(trainer, essentials, overrides, messages):
    day = timezone.localdate() + timedelta(days=10)
    response = signed_in(trainer).post(reverse("training:session-add", args=[essentials.public_id]), session_data(day, **overrides))
    page = refused_with(response, *messages)
    assert "The Willow Room" in page
    assert not TrainingSession.objects.exists()


def test_a_session_cannot_be_put_on_in_the_past(trainer, essentials):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = signed_in(trainer).post(reverse("training:session-add", args=[essentials.public_id]), session_data(yesterday))
    refused_with(response, rules.SESSION_DATE.past_message)


def test_fewer_places_than_people_booked_is_sent_back_by_the_field(trainer, one_place, practitioner):
    services.book(one_place, by=practitioner)
    day = timezone.localtime(one_place.starts_at).date()
    response = signed_in(trainer).post(reverse("training:session-edit", args=[one_place.public_id]), session_data(day, capacity="0"))
    refused_with(response, rules.CAPACITY_MESSAGE)


def test_cancelling_a_session_needs_a_reason(trainer, session):
    response = signed_in(trainer).post(reverse("training:session-cancel", args=[session.public_id]), {"reason": "  "})
    refused_with(response, rules.SESSION_CANCELLATION_REASON.required_message)
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.SCHEDULED


# --- places ---------------------------------------------------------------------------------


def test_booking_twice_from_the_page_says_why_and_keeps_the_one_place(session, practitioner):
    browser = signed_in(practitioner)
    browser.post(reverse("training:book", args=[session.public_id]))
    response = browser.post(reverse("training:book", args=[session.public_id]), follow=True)
    assert response.status_code == 200
    assert rules.ALREADY_BOOKED in text_of(response)
    assert Booking.objects.filter(session=session).count() == 1


def test_answering_an_offer_without_choosing_is_sent_back(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.cancel_place(Booking.objects.get(person=practitioner), by=practitioner)
    for answer in ({}, {"answer": "maybe"}):
        response = signed_in(other_agency_practitioner).post(reverse("training:offer", args=[one_place.public_id]), answer)
        refused_with(response, rules.OFFER_ANSWER_MESSAGE)
    assert Booking.objects.get(person=other_agency_practitioner).status == Booking.Status.OFFERED


def test_an_offer_whose_time_passed_says_so_on_the_form(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.cancel_place(Booking.objects.get(person=practitioner), by=practitioner)
    Booking.objects.filter(person=other_agency_practitioner).update(offer_expires_at=timezone.now() - timedelta(minutes=5))
    response = signed_in(other_agency_practitioner).post(reverse("training:offer", args=[one_place.public_id]), {"answer": "yes"})
    refused_with(response, rules.OFFER_LAPSED)


# --- the register ---------------------------------------------------------------------------


def test_a_register_answer_not_on_the_list_is_sent_back_with_the_others_kept(session, trainer, practitioner, other_agency_practitioner):
    riley = services.book(session, by=practitioner)
    casey = services.book(session, by=other_agency_practitioner)
    held(session, days_ago=0)
    data = {f"attendance-{riley.public_id}": "attended", f"attendance-{casey.public_id}": "did-not-attend"}
    response = signed_in(trainer).post(reverse("training:register", args=[session.public_id]), data)
    page = refused_with(response, rules.ATTENDANCE_MESSAGE)
    assert 'value="attended" checked' in page or 'checked value="attended"' in page or "checked" in page
    assert not Booking.objects.exclude(attendance="").exists()


def test_saving_an_empty_register_says_nothing_was_saved(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session, days_ago=0)
    response = signed_in(trainer).post(reverse("training:register", args=[session.public_id]), {})
    refused_with(response, rules.REGISTER_EMPTY)


def test_the_register_is_taken_and_saying_it_again_changes_nothing(session, trainer, practitioner):
    riley = services.book(session, by=practitioner)
    held(session, days_ago=0)
    browser = signed_in(trainer)
    data = {f"attendance-{riley.public_id}": "attended"}
    first = browser.post(reverse("training:register", args=[session.public_id]), data, follow=True)
    assert "The register is saved." in text_of(first)
    again = browser.post(reverse("training:register", args=[session.public_id]), data, follow=True)
    assert "Nothing had changed, so the register is as it was." in text_of(again)


# --- feedback and aha moments ---------------------------------------------------------------


@pytest.fixture
def riley_came(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    return session


def test_feedback_without_how_useful_it_was_is_sent_back_with_the_words_kept(riley_came, practitioner):
    words = "Hearing the story from the young person's side."
    response = signed_in(practitioner).post(reverse("training:feedback", args=[riley_came.public_id]), {"most_helpful": words})
    page = refused_with(response, rules.USEFULNESS_MESSAGE)
    assert words in page
    assert not Feedback.objects.exists()


def test_confidence_rated_on_one_side_only_is_sent_back_by_that_question(riley_came, practitioner):
    response = signed_in(practitioner).post(reverse("training:feedback", args=[riley_came.public_id]), {"usefulness": "4", "before_0": "2"})
    refused_with(response, rules.CONFIDENCE_MESSAGE.format(when="after the session", skill=SKILLS[0]))
    assert not Feedback.objects.exists()


def test_feedback_that_is_too_long_or_has_an_unknown_answer_is_sent_back(riley_came, practitioner):
    response = signed_in(practitioner).post(reverse("training:feedback", args=[riley_came.public_id]), {"usefulness": "11", "could_be_better": "x" * 2001})
    refused_with(response, rules.USEFULNESS_MESSAGE, rules.COULD_BE_BETTER.too_long_message)


def test_feedback_is_saved_from_the_page(riley_came, practitioner):
    data = {"usefulness": "5", "before_0": "2", "after_0": "4", "will_do_differently": "Ask what happened."}
    response = signed_in(practitioner).post(reverse("training:feedback", args=[riley_came.public_id]), data)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert list(feedback.confidence.values_list("skill", "before", "after")) == [(SKILLS[0], 2, 4)]


def test_an_aha_moment_without_words_or_a_theme_is_sent_back(riley_came, practitioner):
    response = signed_in(practitioner).post(reverse("training:aha-moment", args=[riley_came.public_id]), {"text": " ", "sharing": "named"})
    refused_with(response, rules.AHA_TEXT.required_message, rules.THEME_MESSAGE)
    assert not AhaMoment.objects.exists()


def test_an_aha_moment_with_a_character_we_cannot_store_is_sent_back_with_the_words_kept(riley_came, practitioner):
    data = {"text": "I noticed\x00 how I ask questions.", "theme": "curiosity", "sharing": "private"}
    response = signed_in(practitioner).post(reverse("training:aha-moment", args=[riley_came.public_id]), data)
    page = refused_with(response, rules.AHA_TEXT.not_storable_message)
    assert "how I ask questions." in page
    assert not AhaMoment.objects.exists()


def test_an_aha_moment_with_invisible_characters_is_tidied_and_saved(riley_came, practitioner):
    data = {"text": "  I noticed how I ask questions.\u200b  ", "theme": "curiosity", "sharing": "private"}
    response = signed_in(practitioner).post(reverse("training:aha-moment", args=[riley_came.public_id]), data)
    assert response.status_code == 302
    assert AhaMoment.objects.get().text == "I noticed how I ask questions."


# --- filters never fail ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["?show=everything&kind=%00&format=9", "?kind=core&format=online", "?show=all", "?page=-1"])
def test_course_filters_from_an_odd_address_never_fail(session, practitioner, query):
    assert signed_in(practitioner).get(reverse("training:courses") + query).status_code == 200


@pytest.mark.parametrize("query", ["?theme=gossip", "?theme=language&page=999", "?page=abc"])
def test_aha_moment_filters_from_an_odd_address_never_fail(practitioner, query):
    assert signed_in(practitioner).get(reverse("training:aha-moments") + query).status_code == 200
