"""After a session: feedback with confidence before and after, aha moments and who may read them, and reminders before it."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from goldenthread.training import queries, rules, services
from goldenthread.training.models import AhaMoment, ConfidenceRating, Feedback
from goldenthread.training.tasks import send_session_reminder

from .support import SKILLS, came, held, put_on, queued, starts_in

REMINDER_TASK = "goldenthread.training.tasks.send_session_reminder"


@pytest.fixture
def riley_came(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    return session


# --- feedback -------------------------------------------------------------------------------


def test_someone_who_came_says_how_useful_it_was_and_rates_their_confidence_before_and_after(riley_came, practitioner):
    feedback = services.give_feedback(
        riley_came,
        by=practitioner,
        usefulness="5",
        most_helpful="Hearing how a letter lands with a parent.",
        will_do_differently="Ask what happened, not what is wrong.",
        confidence={SKILLS[0]: ("2", "4"), SKILLS[1]: ("3", "5")},
    )
    assert feedback.get_usefulness_display() == "Very useful"
    assert list(feedback.confidence.values_list("skill", "before", "after")) == [(SKILLS[0], 2, 4), (SKILLS[1], 3, 5)]


def test_giving_feedback_again_replaces_it_and_keeps_one(riley_came, practitioner):
    services.give_feedback(riley_came, by=practitioner, usefulness=3, confidence={SKILLS[0]: (2, 3)})
    services.give_feedback(riley_came, by=practitioner, usefulness=4, confidence={SKILLS[1]: (1, 2)})
    (feedback,) = Feedback.objects.all()
    assert feedback.usefulness == 4
    assert list(ConfidenceRating.objects.values_list("skill", flat=True)) == [SKILLS[1]]


def test_a_skill_rated_on_one_side_only_is_sent_back_to_finish(riley_came, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.give_feedback(riley_came, by=practitioner, usefulness=4, confidence={SKILLS[0]: (2, None)})
    assert refused.value.message_dict == {"after_0": [rules.CONFIDENCE_MESSAGE.format(when="after the session", skill=SKILLS[0])]}
    assert not Feedback.objects.exists()


def test_feedback_needs_how_useful_it_was(riley_came, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.give_feedback(riley_came, by=practitioner, usefulness="", most_helpful="The stories.")
    assert refused.value.message_dict == {"usefulness": [rules.USEFULNESS_MESSAGE]}


@pytest.mark.parametrize("how", ["booked only", "not able to come", "someone else"])
def test_only_people_who_came_give_feedback(session, trainer, practitioner, other_agency_practitioner, how):
    services.book(session, by=practitioner)
    held(session)
    if how == "not able to come":
        came(session, trainer, practitioner, how="not-able-to-come")
    person = other_agency_practitioner if how == "someone else" else practitioner
    with pytest.raises(PermissionDenied):
        services.give_feedback(session, by=person, usefulness=5)


def test_the_trainers_see_what_people_said_counted_and_without_names(riley_came, practitioner):
    services.give_feedback(riley_came, by=practitioner, usefulness=5, could_be_better="More time for questions.", confidence={SKILLS[0]: (2, 4)})
    summary = queries.feedback_summary(riley_came)
    assert summary.responses == 1
    assert ("Very useful", 1) in summary.usefulness
    (skill,) = summary.confidence
    assert (skill.skill, skill.before, skill.after) == (SKILLS[0], 2.0, 4.0)
    assert summary.comments["What could make it better"] == ["More time for questions."]


# --- aha moments ----------------------------------------------------------------------------


@pytest.mark.parametrize("sharing, browsed", [("named", True), ("anonymous", True), ("private", False)])
def test_an_aha_moment_is_read_by_the_partnership_only_when_shared(riley_came, practitioner, sharing, browsed):
    services.share_aha_moment(riley_came, by=practitioner, text="I noticed I say 'kicking off' about children.", theme="language", sharing=sharing)
    assert queries.shared_aha_moments().exists() is browsed
    assert queries.my_aha_moments(practitioner).count() == 1


def test_aha_moments_are_browsed_by_theme(riley_came, practitioner):
    services.share_aha_moment(riley_came, by=practitioner, text="Asking what happened changed the conversation.", theme="curiosity", sharing="anonymous")
    services.share_aha_moment(riley_came, by=practitioner, text="I notice my own tiredness now.", theme="own-wellbeing", sharing="named")
    assert [m.theme for m in queries.shared_aha_moments(theme="curiosity")] == ["curiosity"]
    assert queries.shared_aha_moments(theme="no-such-theme").count() == 2
    assert queries.aha_theme_counts() == {"curiosity": 1, "own-wellbeing": 1}


def test_an_aha_moment_needs_words_a_theme_and_a_choice_of_who_reads_it(riley_came, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.share_aha_moment(riley_came, by=practitioner, text="   ", theme="gossip", sharing="everyone")
    assert refused.value.message_dict == {
        "text": [rules.AHA_TEXT.required_message],
        "theme": [rules.THEME_MESSAGE],
        "sharing": [rules.SHARING_MESSAGE],
    }
    assert not AhaMoment.objects.exists()


# --- reminders ------------------------------------------------------------------------------


def at_nine_two_days_before(session):
    day = timezone.localtime(session.starts_at).date() - timedelta(days=2)
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def test_booking_queues_a_reminder_two_days_before_at_nine(session, practitioner):
    booking = services.book(session, by=practitioner)
    (reminder,) = queued(REMINDER_TASK)
    assert reminder.run_after == at_nine_two_days_before(session)
    assert reminder.args_kwargs["args"] == [booking.pk, session.starts_at.isoformat()]


def test_the_reminder_says_when_and_where_and_how_to_cancel(session, practitioner, settings):
    booking = services.book(session, by=practitioner)
    assert send_session_reminder.call(booking.pk, session.starts_at.isoformat()) == 1
    (message,) = mail.outbox
    assert message.to == [practitioner.email]
    assert message.subject.startswith("Coming up on")
    assert "The Willow Room" in message.body and "Step-free entrance" in message.body
    assert settings.GOLDENTHREAD_SITE_URL + f"/training/sessions/{session.public_id}/" in message.body


def test_no_reminder_once_the_place_is_cancelled(session, practitioner):
    booking = services.book(session, by=practitioner)
    services.cancel_place(booking, by=practitioner)
    assert send_session_reminder.call(booking.pk, session.starts_at.isoformat()) == 0
    assert mail.outbox == []


def test_moving_a_session_makes_the_old_reminder_do_nothing_and_queues_a_new_one(session, trainer, practitioner):
    booking = services.book(session, by=practitioner)
    old_start = session.starts_at.isoformat()
    start, end = starts_in(20)
    services.change_session(
        session,
        by=trainer,
        part=1,
        starts_at=start,
        ends_at=end,
        format=session.format,
        venue=session.venue,
        room=session.room,
        accessibility=session.accessibility,
        capacity=session.capacity,
        trainers=[trainer],
    )
    assert send_session_reminder.call(booking.pk, old_start) == 0
    assert len(queued(REMINDER_TASK)) == 2
    session.refresh_from_db()
    assert queued(REMINDER_TASK)[-1].run_after == at_nine_two_days_before(session)
    assert send_session_reminder.call(booking.pk, session.starts_at.isoformat()) == 1


def test_a_late_booking_has_no_reminder_only_its_confirmation(essentials, trainer, practitioner):
    tomorrow = put_on(essentials, trainer, days=1)
    services.book(tomorrow, by=practitioner)
    assert queued(REMINDER_TASK) == []


def test_no_reminder_for_a_cancelled_session(session, trainer, practitioner):
    booking = services.book(session, by=practitioner)
    services.cancel_session(session, by=trainer, reason="The trainer is unwell.")
    assert send_session_reminder.call(booking.pk, session.starts_at.isoformat()) == 0
