"""Booking a place, the waiting list, offers of a place that comes free, and cancelling: the services, as people use them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from goldenthread.training import rules, services
from goldenthread.training.models import Booking, TrainingSession
from goldenthread.training.tasks import pass_on_lapsed_offer

from .support import emails_to, held, put_on, queued

OFFER_TASK = "goldenthread.training.tasks.pass_on_lapsed_offer"


def message_of(refused) -> str:
    return " ".join(refused.value.messages)


# --- booking --------------------------------------------------------------------------------


def test_a_practitioner_books_a_place_and_is_told_by_email(session, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book(session, by=practitioner)

    assert booking.status == Booking.Status.BOOKED
    assert booking.organisation.name == "Riverbend Children's Services"
    ((subject, body),) = emails_to(practitioner)
    assert subject == "Your place is booked: Trauma-informed practice: the essentials"
    assert "The Willow Room" in body and "/training/sessions/" in body


def test_booking_the_same_session_twice_is_refused_and_nothing_changes(session, practitioner):
    services.book(session, by=practitioner)
    with pytest.raises(ValidationError) as refused:
        services.book(session, by=practitioner)
    assert message_of(refused) == rules.ALREADY_BOOKED
    assert Booking.objects.filter(session=session).count() == 1


def test_a_second_place_on_the_same_part_of_a_course_is_refused(essentials, session, trainer, practitioner):
    later = put_on(essentials, trainer, days=14)
    services.book(session, by=practitioner)
    with pytest.raises(ValidationError) as refused:
        services.book(later, by=practitioner)
    assert message_of(refused).startswith("You already have a place on this course, on ")


def test_a_second_place_on_the_same_day_of_a_longer_course_names_the_day(leading, trainer, organisation_lead):
    services.book(put_on(leading, trainer, part=2, days=7), by=organisation_lead)
    with pytest.raises(ValidationError) as refused:
        services.book(put_on(leading, trainer, part=2, days=9), by=organisation_lead)
    assert message_of(refused).startswith("You already have a place on another session of Day 2 of this course, on ")


def test_each_part_of_a_course_is_booked_on_its_own(leading, trainer, organisation_lead):
    day_one = put_on(leading, trainer, part=1, days=7)
    day_two = put_on(leading, trainer, part=2, days=8)
    assert services.book(day_one, by=organisation_lead).status == Booking.Status.BOOKED
    assert services.book(day_two, by=organisation_lead).status == Booking.Status.BOOKED


def test_someone_in_no_member_organisation_is_refused_with_who_to_ask(session, partnership_lead):
    with pytest.raises(PermissionDenied) as refused:
        services.book(session, by=partnership_lead)
    assert "member organisation" in str(refused.value)
    assert not Booking.objects.exists()


def test_a_cancelled_session_cannot_be_booked(session, trainer, practitioner):
    services.cancel_session(session, by=trainer, reason="The trainer is unwell.")
    with pytest.raises(ValidationError) as refused:
        services.book(session, by=practitioner)
    assert message_of(refused) == rules.NOT_BOOKABLE_CANCELLED


def test_a_session_that_has_started_cannot_be_booked(session, practitioner):
    held(session, days_ago=0)
    with pytest.raises(ValidationError) as refused:
        services.book(session, by=practitioner)
    assert message_of(refused) == rules.NOT_BOOKABLE_STARTED


def test_a_closed_course_cannot_be_booked(session, essentials, trainer, practitioner):
    services.update_course(essentials, by=trainer, title=essentials.title, parts=essentials.parts, skills=essentials.skills, is_open=False)
    session.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.book(session, by=practitioner)
    assert message_of(refused) == rules.NOT_BOOKABLE_CLOSED


# --- capacity and the waiting list ----------------------------------------------------------


def test_a_full_session_puts_the_next_person_on_the_waiting_list_in_order(one_place, practitioner, other_agency_practitioner, champion):
    assert services.book(one_place, by=practitioner).status == Booking.Status.BOOKED
    casey = services.book(one_place, by=other_agency_practitioner)
    jo = services.book(one_place, by=champion)

    assert (casey.status, jo.status) == (Booking.Status.WAITING, Booking.Status.WAITING)
    assert one_place.bookings.filter(status=Booking.Status.BOOKED).count() == 1


def test_someone_waiting_is_told_their_place_in_the_list(one_place, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks):
    services.book(one_place, by=practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        services.book(one_place, by=other_agency_practitioner)
    ((subject, body),) = emails_to(other_agency_practitioner)
    assert subject.startswith("You are on the waiting list")
    assert "(number 1)" in body


def test_joining_the_waiting_list_twice_is_refused(one_place, practitioner, other_agency_practitioner):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    with pytest.raises(ValidationError) as refused:
        services.book(one_place, by=other_agency_practitioner)
    assert message_of(refused) == rules.ALREADY_WAITING


# --- cancelling and offers ------------------------------------------------------------------


@pytest.fixture
def full_with_two_waiting(one_place, practitioner, other_agency_practitioner, champion):
    """Riley has the one place; Casey, then Jo, are waiting."""
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.book(one_place, by=champion)
    return one_place


def place_of(session, person) -> Booking:
    return Booking.objects.get(session=session, person=person)


def test_a_cancelled_place_is_offered_to_the_first_person_waiting_with_a_time_limit(
    full_with_two_waiting, practitioner, other_agency_practitioner, champion, django_capture_on_commit_callbacks
):
    session = full_with_two_waiting
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_place(place_of(session, practitioner), by=practitioner)

    casey = place_of(session, other_agency_practitioner)
    assert place_of(session, practitioner).ended_because == Booking.EndedBecause.CANCELLED_BY_PERSON
    assert casey.status == Booking.Status.OFFERED
    assert timezone.now() + rules.OFFER_TIME - timedelta(minutes=1) < casey.offer_expires_at <= timezone.now() + rules.OFFER_TIME
    assert place_of(session, champion).status == Booking.Status.WAITING
    ((subject, body),) = emails_to(other_agency_practitioner)
    assert subject.startswith("A place has come free for you")
    assert "/offer/" in body and "We will keep the place for you until" in body


def test_the_end_of_the_offer_is_queued_for_the_moment_it_lapses(full_with_two_waiting, practitioner, other_agency_practitioner):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    casey = place_of(full_with_two_waiting, other_agency_practitioner)
    (task,) = queued(OFFER_TASK)
    assert task.run_after == casey.offer_expires_at
    assert task.args_kwargs["args"] == [casey.pk, casey.offer_expires_at.isoformat()]


def test_accepting_the_offer_books_the_place(full_with_two_waiting, practitioner, other_agency_practitioner, django_capture_on_commit_callbacks):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.answer_offer(place_of(full_with_two_waiting, other_agency_practitioner), by=other_agency_practitioner, accept=True)
    assert accepted.status == Booking.Status.BOOKED
    assert [subject for subject, _ in emails_to(other_agency_practitioner)][-1].startswith("Your place is booked")


def test_saying_no_passes_the_place_to_the_next_person(full_with_two_waiting, practitioner, other_agency_practitioner, champion):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    services.answer_offer(place_of(full_with_two_waiting, other_agency_practitioner), by=other_agency_practitioner, accept=False)
    assert place_of(full_with_two_waiting, other_agency_practitioner).ended_because == Booking.EndedBecause.OFFER_DECLINED
    assert place_of(full_with_two_waiting, champion).status == Booking.Status.OFFERED


def test_only_the_person_offered_can_answer(full_with_two_waiting, practitioner, other_agency_practitioner, champion):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    with pytest.raises(PermissionDenied):
        services.answer_offer(place_of(full_with_two_waiting, other_agency_practitioner), by=champion, accept=True)


def lapse(booking):
    """Let the offer's time pass, as the clock would."""
    Booking.objects.filter(pk=booking.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    booking.refresh_from_db()
    return booking


def test_an_offer_not_answered_in_time_passes_to_the_next_person_waiting(
    full_with_two_waiting, practitioner, other_agency_practitioner, champion, django_capture_on_commit_callbacks
):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    casey = lapse(place_of(full_with_two_waiting, other_agency_practitioner))

    with django_capture_on_commit_callbacks(execute=True):
        assert pass_on_lapsed_offer.call(casey.pk, casey.offer_expires_at.isoformat()) is True

    casey.refresh_from_db()
    assert (casey.status, casey.ended_because) == (Booking.Status.CANCELLED, Booking.EndedBecause.OFFER_LAPSED)
    assert place_of(full_with_two_waiting, champion).status == Booking.Status.OFFERED
    subjects = [subject for subject, _ in emails_to(other_agency_practitioner)]
    assert any(subject.startswith("The place we kept for you has passed on") for subject in subjects)
    assert any(subject.startswith("A place has come free for you") for subject, _ in emails_to(champion))


def test_the_end_of_an_offer_already_answered_does_nothing(full_with_two_waiting, practitioner, other_agency_practitioner, champion):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    casey = place_of(full_with_two_waiting, other_agency_practitioner)
    expires = casey.offer_expires_at.isoformat()
    services.answer_offer(casey, by=other_agency_practitioner, accept=True)

    assert pass_on_lapsed_offer.call(casey.pk, expires) is False
    assert place_of(full_with_two_waiting, other_agency_practitioner).status == Booking.Status.BOOKED
    assert place_of(full_with_two_waiting, champion).status == Booking.Status.WAITING


def test_an_offer_whose_time_passed_cannot_be_accepted_and_says_so_gently(full_with_two_waiting, practitioner, other_agency_practitioner, champion):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    casey = lapse(place_of(full_with_two_waiting, other_agency_practitioner))

    with pytest.raises(ValidationError) as refused:
        services.answer_offer(casey, by=other_agency_practitioner, accept=True)

    assert refused.value.message_dict == {"answer": [rules.OFFER_LAPSED]}
    assert place_of(full_with_two_waiting, other_agency_practitioner).status == Booking.Status.CANCELLED
    assert place_of(full_with_two_waiting, champion).status == Booking.Status.OFFERED


def test_an_offer_never_runs_past_a_little_before_the_session_starts(essentials, trainer, practitioner, other_agency_practitioner):
    tomorrow_morning = put_on(essentials, trainer, capacity=1, days=1)
    services.book(tomorrow_morning, by=practitioner)
    services.book(tomorrow_morning, by=other_agency_practitioner)
    services.cancel_place(place_of(tomorrow_morning, practitioner), by=practitioner)
    casey = place_of(tomorrow_morning, other_agency_practitioner)
    assert casey.offer_expires_at == tomorrow_morning.starts_at - rules.OFFER_CLOSES_BEFORE_START


def test_a_new_booking_does_not_jump_the_waiting_list(full_with_two_waiting, practitioner, organisation_lead):
    services.cancel_place(place_of(full_with_two_waiting, practitioner), by=practitioner)
    assert services.book(full_with_two_waiting, by=organisation_lead).status == Booking.Status.WAITING


def test_leaving_the_waiting_list_offers_nothing(full_with_two_waiting, other_agency_practitioner, champion):
    services.cancel_place(place_of(full_with_two_waiting, other_agency_practitioner), by=other_agency_practitioner)
    assert place_of(full_with_two_waiting, champion).status == Booking.Status.WAITING
    assert queued(OFFER_TASK) == []


def test_booking_again_after_cancelling_uses_the_same_place_and_joins_the_end_of_the_list(full_with_two_waiting, other_agency_practitioner, champion):
    casey = place_of(full_with_two_waiting, other_agency_practitioner)
    services.cancel_place(casey, by=other_agency_practitioner)
    again = services.book(full_with_two_waiting, by=other_agency_practitioner)
    assert again.pk == casey.pk
    assert again.status == Booking.Status.WAITING
    assert list(full_with_two_waiting.bookings.filter(status="waiting").order_by("queued_at").values_list("person__full_name", flat=True)) == [
        "Jo Park",
        "Casey Evans",
    ]


def test_a_place_cannot_be_cancelled_once_the_session_has_started(session, practitioner):
    booking = services.book(session, by=practitioner)
    held(session, days_ago=0)
    booking.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.cancel_place(booking, by=practitioner)


def test_someone_else_cannot_cancel_your_place_but_a_trainer_can(session, practitioner, other_agency_practitioner, trainer):
    booking = services.book(session, by=practitioner)
    with pytest.raises(PermissionDenied):
        services.cancel_place(booking, by=other_agency_practitioner)
    services.cancel_place(booking, by=trainer)
    booking.refresh_from_db()
    assert booking.ended_because == Booking.EndedBecause.CANCELLED_BY_TRAINER


def test_two_places_never_go_to_the_same_seat_even_when_places_change(one_place, trainer, practitioner, other_agency_practitioner, champion):
    services.book(one_place, by=practitioner)
    services.book(one_place, by=other_agency_practitioner)
    services.book(one_place, by=champion)
    services.cancel_place(place_of(one_place, practitioner), by=practitioner)
    services.cancel_place(place_of(one_place, other_agency_practitioner), by=other_agency_practitioner)
    holding = one_place.bookings.filter(status__in=[Booking.Status.BOOKED, Booking.Status.OFFERED])
    assert list(holding.values_list("person__full_name", flat=True)) == ["Jo Park"]
    assert TrainingSession.objects.get(pk=one_place.pk).capacity == 1
