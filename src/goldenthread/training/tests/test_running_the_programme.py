"""Programmes, courses and sessions; moving and cancelling a session; the register and completing a course. The services, as trainers use them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from goldenthread.training import rules, services
from goldenthread.training.models import Booking, Completion, Course, Programme, TrainingSession

from .support import LINK, came, emails_to, held, put_on, starts_in

# --- programmes and courses -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "partnership_lead"])
def test_trainers_and_partnership_leads_start_programmes(who, request):
    programme = services.create_programme(by=request.getfixturevalue(who), name="Motivational interviewing (fictional)", kind="motivational-interviewing")
    assert programme.get_kind_display() == "Motivational interviewing"


@pytest.mark.parametrize("who", ["practitioner", "other_agency_practitioner", "champion", "organisation_lead"])
def test_nobody_else_starts_a_programme(who, request):
    with pytest.raises(PermissionDenied):
        services.create_programme(by=request.getfixturevalue(who), name="A programme", kind="core")
    assert not Programme.objects.exists()


def test_a_course_keeps_its_parts_and_skills_one_a_line_without_blanks_or_repeats(core_programme, trainer):
    course = services.create_course(
        core_programme, by=trainer, title="Refresher", parts="Morning\n\n  Afternoon  \nMorning", skills="Curiosity\nCuriosity\n", audience=["practitioner"]
    )
    assert course.parts == ["Morning", "Afternoon"]
    assert course.skills == ["Curiosity"]
    assert course.audience_words() == "Practitioners"


def test_a_course_needs_a_part_and_a_known_audience(core_programme, trainer):
    with pytest.raises(ValidationError) as refused:
        services.create_course(core_programme, by=trainer, title="Refresher", parts="  ", audience=["director"])
    assert refused.value.message_dict == {"parts": [rules.PARTS.required_message], "audience": [rules.AUDIENCE_MESSAGE]}
    assert not Course.objects.filter(title="Refresher").exists()


def test_a_part_with_sessions_cannot_be_taken_away(leading, trainer):
    put_on(leading, trainer, part=3)
    with pytest.raises(ValidationError) as refused:
        services.update_course(leading, by=trainer, title=leading.title, parts=["Day 1", "Day 2"])
    assert refused.value.message_dict == {"parts": [rules.PARTS_IN_USE]}


# --- sessions -------------------------------------------------------------------------------


def test_an_online_session_needs_a_web_link_and_keeps_no_venue(essentials, trainer):
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, online=True, joining_link="meet the team on Tuesday")
    assert refused.value.message_dict == {"joining_link": [rules.JOINING_LINK_NOT_A_LINK]}
    session = put_on(essentials, trainer, online=True, venue="Somewhere")
    assert (session.venue, session.joining_link) == ("", LINK)


def test_an_in_person_session_needs_a_venue(essentials, trainer):
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, venue="")
    assert refused.value.message_dict == {"venue": [rules.VENUE_MESSAGE]}


def test_a_session_must_end_after_it_starts_and_start_later_than_now(essentials, trainer):
    start, _ = starts_in(3)
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, starts_at=start, ends_at=start - timedelta(hours=1))
    assert refused.value.message_dict == {"ends": [rules.ENDS_BEFORE_START]}
    past, past_end = starts_in(-3)
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, starts_at=past, ends_at=past_end)
    assert refused.value.message_dict == {"starts": [rules.STARTS_IN_PAST]}


@pytest.mark.parametrize("capacity", [0, -1, 501, "12", None, True])
def test_places_are_a_whole_number_from_1_to_500(essentials, trainer, capacity):
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, capacity=capacity)
    assert refused.value.message_dict == {"capacity": [rules.CAPACITY_MESSAGE]}


def test_only_trainers_and_partnership_leads_can_be_named_as_trainers(essentials, trainer, partnership_lead, practitioner):
    session = put_on(essentials, trainer, trainers=[trainer, partnership_lead])
    assert set(session.trainers.values_list("full_name", flat=True)) == {"Pat Lee", "Alex Morgan"}
    with pytest.raises(ValidationError) as refused:
        put_on(essentials, trainer, trainers=[practitioner])
    assert refused.value.message_dict == {"trainers": [rules.TRAINERS_MESSAGE]}


def change(session, by, **overrides):
    fields = {
        "part": session.part,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "format": session.format,
        "venue": session.venue,
        "room": session.room,
        "accessibility": session.accessibility,
        "joining_link": session.joining_link,
        "capacity": session.capacity,
        "trainers": list(session.trainers.all()),
    }
    fields.update(overrides)
    return services.change_session(session, by=by, **fields)


def test_moving_a_session_tells_everyone_with_a_place_or_waiting(
    one_place, trainer, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks
):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    start, end = starts_in(21)
    with django_capture_on_commit_callbacks(execute=True):
        change(one_place, trainer, starts_at=start, ends_at=end)

    for person in (practitioner, other_agency_practitioner):
        ((subject, body),) = [(s, b) for s, b in emails_to(person) if s.startswith("A training session has changed")]
        assert f"It is now on {start:%A} {start.day} {start:%B %Y}, 09:30 to 15:30." in body


def test_a_change_nobody_needs_to_hear_about_sends_nothing(one_place, trainer, practitioner, django_capture_on_commit_callbacks):
    services.book(one_place, by=practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        change(one_place, trainer, trainers=[])
    assert not [s for s, _ in emails_to(practitioner) if s.startswith("A training session has changed")]


def test_there_can_never_be_fewer_places_than_people_holding_one(session, trainer, practitioner, other_agency_practitioner):
    services.book(session, by=practitioner)
    services.book(session, by=other_agency_practitioner)
    with pytest.raises(ValidationError) as refused:
        change(session, trainer, capacity=1)
    assert refused.value.message_dict == {"capacity": ["2 people already have a place, so there must be at least 2 places"]}
    assert TrainingSession.objects.get(pk=session.pk).capacity == 12


def test_more_places_are_offered_to_the_people_waiting_in_order(one_place, trainer, practitioner, other_agency_practitioner, champion):
    for person in (practitioner, other_agency_practitioner, champion):
        services.book(one_place, by=person)
    change(one_place, trainer, capacity=2)
    states = dict(one_place.bookings.values_list("person__full_name", "status"))
    assert states == {"Riley Shah": "booked", "Casey Evans": "offered", "Jo Park": "waiting"}


def test_cancelling_a_session_releases_every_place_and_tells_everyone_why(
    one_place, trainer, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks
):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(one_place, by=trainer, reason="The venue is closed for repairs.")

    assert set(one_place.bookings.values_list("ended_because", flat=True)) == {Booking.EndedBecause.SESSION_CANCELLED}
    for person in (practitioner, other_agency_practitioner):
        ((subject, body),) = [(s, b) for s, b in emails_to(person) if "cancelled" in s]
        assert "Why: The venue is closed for repairs." in body


def test_a_cancelled_session_is_not_cancelled_again_nor_changed(session, trainer):
    services.cancel_session(session, by=trainer, reason="The venue is closed.")
    with pytest.raises(ValidationError) as refused:
        services.cancel_session(session, by=trainer, reason="Again.")
    assert refused.value.messages == [rules.SESSION_ALREADY_CANCELLED]
    with pytest.raises(PermissionDenied):
        change(session, trainer, capacity=20)


# --- the register and completion ------------------------------------------------------------


def test_the_register_waits_for_the_day_of_the_session(session, trainer, practitioner):
    services.book(session, by=practitioner)
    with pytest.raises(PermissionDenied):
        came(session, trainer, practitioner)


def test_coming_to_a_one_part_course_completes_it(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    completion = Completion.objects.get(person=practitioner)
    assert completion.course.title == "Trauma-informed practice: the essentials"
    assert completion.completed_on == timezone.localtime(session.starts_at).date()
    assert completion.organisation.name == "Riverbend Children's Services"


def test_coming_to_part_of_a_session_or_not_being_able_to_come_completes_nothing(session, trainer, practitioner, other_agency_practitioner):
    services.book(session, by=practitioner)
    services.book(session, by=other_agency_practitioner)
    held(session)
    came(session, trainer, practitioner, how=Booking.Attendance.PART)
    came(session, trainer, other_agency_practitioner, how=Booking.Attendance.NOT_ABLE)
    assert not Completion.objects.exists()
    assert set(session.bookings.values_list("attendance", flat=True)) == {"part", "not-able-to-come"}


def test_a_course_in_three_parts_is_completed_when_a_session_of_each_part_is_attended_even_in_different_groups(leading, trainer, organisation_lead):
    days = [put_on(leading, trainer, part=part, days=part + 2) for part in (1, 2, 3)]
    for day in days:
        services.book(day, by=organisation_lead)
    for index, day in enumerate(days[:2]):
        held(day, days_ago=10 - index)
        came(day, trainer, organisation_lead)
    assert not Completion.objects.exists(), "two of three parts is not yet complete"

    held(days[2], days_ago=1)
    came(days[2], trainer, organisation_lead)
    completion = Completion.objects.get(person=organisation_lead, course=leading)
    assert completion.completed_on == timezone.localtime(days[2].starts_at).date()


def test_correcting_the_register_takes_the_completion_back(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    assert Completion.objects.filter(person=practitioner).exists()
    came(session, trainer, practitioner, how=Booking.Attendance.PART)
    assert not Completion.objects.filter(person=practitioner).exists()


def test_the_register_refuses_a_person_not_booked_and_an_unknown_answer(session, trainer, practitioner):
    booking = services.book(session, by=practitioner)
    held(session)
    with pytest.raises(ValidationError) as refused:
        services.take_register(session, by=trainer, attendance={"not-a-booking": "attended"})
    assert refused.value.messages == [rules.REGISTER_UNKNOWN_PERSON]
    with pytest.raises(ValidationError) as refused:
        services.take_register(session, by=trainer, attendance={str(booking.public_id): "did not attend"})
    assert refused.value.message_dict == {f"attendance-{booking.public_id}": [rules.ATTENDANCE_MESSAGE]}
    with pytest.raises(ValidationError) as refused:
        services.take_register(session, by=trainer, attendance={})
    assert refused.value.messages == [rules.REGISTER_EMPTY]


def test_only_trainers_take_the_register(session, practitioner, organisation_lead):
    services.book(session, by=practitioner)
    held(session)
    with pytest.raises(PermissionDenied):
        came(session, organisation_lead, practitioner)
