"""The calendar file and the certificate, read back as a calendar and a PDF reader would read them."""

import io
from datetime import UTC

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from goldenthread.training import services

from .support import LINK, came, held, put_on, signed_in


def the_event(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="training-')
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_booked_session_is_added_to_a_calendar_with_its_time_place_and_access(session, practitioner):
    services.book(session, by=practitioner)
    calendar, event = the_event(signed_in(practitioner).get(reverse("training:calendar", args=[session.public_id])))

    assert str(calendar["version"]) == "2.0"
    assert str(event["summary"]) == "Trauma-informed practice: the essentials"
    assert event.decoded("dtstart") == session.starts_at.astimezone(UTC)
    assert event.decoded("dtend") == session.ends_at.astimezone(UTC)
    assert str(event["location"]) == "The Willow Room, second floor, Riverbend Civic Centre, 1 Market Street (fictional)"
    assert "Step-free entrance" in str(event["description"])
    assert str(event["uid"]) == f"training-session-{session.public_id}@goldenthread"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]).endswith(f"/training/sessions/{session.public_id}/")


def test_the_joining_link_is_in_the_calendar_only_for_someone_booked(online, practitioner, other_agency_practitioner):
    services.book(online, by=practitioner)
    _, booked = the_event(signed_in(practitioner).get(reverse("training:calendar", args=[online.public_id])))
    _, not_booked = the_event(signed_in(other_agency_practitioner).get(reverse("training:calendar", args=[online.public_id])))
    assert str(booked["location"]) == "Online"
    assert LINK in str(booked["description"])
    assert LINK not in not_booked.to_ical().decode()


def test_a_session_for_a_course_in_parts_names_the_part_and_a_cancelled_one_says_so(leading, trainer, organisation_lead):
    day_two = put_on(leading, trainer, part=2)
    services.cancel_session(day_two, by=trainer, reason="The trainer is unwell.")
    _, event = the_event(signed_in(organisation_lead).get(reverse("training:calendar", args=[day_two.public_id])))
    assert str(event["summary"]) == "Leading a trauma-informed organisation, Day 2"
    assert str(event["status"]) == "CANCELLED"


def test_the_calendar_file_is_never_kept_in_the_browser_cache(session, practitioner):
    response = signed_in(practitioner).get(reverse("training:calendar", args=[session.public_id]))
    assert response["Cache-Control"] == "no-store"


# --- the certificate ------------------------------------------------------------------------


def test_the_certificate_names_the_person_the_course_the_programme_and_the_day(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    completion = practitioner.training_completions.get()

    response = signed_in(practitioner).get(reverse("training:certificate", args=[completion.public_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    day = timezone.localtime(session.starts_at).date()
    for words in (
        "Certificate of completion",
        "Riley Shah",
        "of Riverbend Children's Services",
        "Trauma-informed practice: the essentials",
        f"part of Core programme (fictional), on {day.day} {day:%B %Y}",
        "Noticing the impact of trauma",
        str(completion.public_id),
    ):
        assert words in text, words
    assert reader.metadata.title == "Certificate of completion: Trauma-informed practice: the essentials"


def test_a_certificate_for_a_course_in_parts_lists_each_part_and_its_day(leading, trainer, organisation_lead):
    days = [put_on(leading, trainer, part=part, days=part + 2) for part in (1, 2, 3)]
    for offset, day in enumerate(days):
        services.book(day, by=organisation_lead)
        held(day, days_ago=9 - offset * 3)
        came(day, trainer, organisation_lead)
    completion = organisation_lead.training_completions.get()
    response = signed_in(organisation_lead).get(reverse("training:certificate", args=[completion.public_id]))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Sam Okafor" in text
    for day in days:
        local = timezone.localtime(day.starts_at).date()
        assert f"{day.part_name} on {local.day} {local:%B %Y}" in text


def test_a_certificate_is_not_for_someone_else(session, trainer, practitioner, other_agency_practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    completion = practitioner.training_completions.get()
    assert signed_in(other_agency_practitioner).get(reverse("training:certificate", args=[completion.public_id])).status_code == 403
    assert signed_in(trainer).get(reverse("training:certificate", args=[completion.public_id])).status_code == 200
