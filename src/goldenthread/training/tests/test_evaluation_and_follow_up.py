"""Feedback at each Kirkpatrick level, counted and without names; and the follow-up on practice three months after a course."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.language import check
from goldenthread.partnership.models import Membership, Role
from goldenthread.training import evaluation, services
from goldenthread.training.follow_up import services as follow_up
from goldenthread.training.follow_up.questions import follow_up_questions
from goldenthread.training.lms import services as lms
from goldenthread.training.models import Completion, PracticeFollowUp
from goldenthread.training.tasks import send_practice_follow_up

from .support import SKILLS, came, emails_to, held, put_on, queued, signed_in

FOLLOW_UP_TASK = "goldenthread.training.tasks.send_practice_follow_up"
PAGE = reverse("training:evaluation")
ANSWERS = {"language-in-records": "often", "group-supervision": "sometimes", "motivational-interviewing": "not-yet"}


def text_of(response) -> str:
    return unescape(response.content.decode())


def faults(text: str) -> list[str]:
    return [f"‘{f.text}’ ({f.rule})" for f in check(text) if f.is_fault]


@pytest.fixture
def riley_completed(session, trainer, practitioner):
    services.book(session, by=practitioner)
    held(session)
    came(session, trainer, practitioner)
    return Completion.objects.get(person=practitioner)


def people(organisation, count: int, *, start: int = 0) -> list[User]:
    """More fictional practitioners in an organisation, to count past the minimum."""
    found = []
    for n in range(start, start + count):
        user = User.objects.create_user(f"person{n}@example.org", "a-long-test-password", full_name=f"Person {n}")
        Membership.objects.create(user=user, organisation=organisation, role=Role.PRACTITIONER)
        found.append(user)
    return found


# --- the three-month follow-up ----------------------------------------------------------------


def test_completing_a_course_queues_a_follow_up_three_months_later(riley_completed):
    (task,) = queued(FOLLOW_UP_TASK)
    assert task.args_kwargs["args"] == [riley_completed.pk, riley_completed.completed_on.isoformat()]
    assert timezone.localtime(task.run_after).date() == riley_completed.completed_on + timedelta(days=91)
    assert timezone.localtime(task.run_after).hour == 10


def test_three_months_on_the_person_is_emailed_a_short_form_in_our_own_words(riley_completed, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_practice_follow_up.call(riley_completed.pk, riley_completed.completed_on.isoformat()) is True

    sent = PracticeFollowUp.objects.get()
    ((subject, body),) = emails_to(practitioner)
    assert subject == "Three months on from Trauma-informed practice: the essentials: what has changed?"
    assert reverse("training:follow-up", args=[sent.public_id]) in body
    assert "the words you use in records" in body and "group supervision" in body and "motivational interviewing" in body
    assert not faults(subject + "\n" + body)


def test_the_follow_up_is_sent_once_per_person_and_course(riley_completed):
    day = riley_completed.completed_on.isoformat()
    assert send_practice_follow_up.call(riley_completed.pk, day) is True
    assert send_practice_follow_up.call(riley_completed.pk, day) is False
    assert PracticeFollowUp.objects.count() == 1


def test_no_follow_up_once_the_completion_is_taken_back_or_moved(riley_completed, session, trainer, practitioner):
    day = riley_completed.completed_on.isoformat()
    came(session, trainer, practitioner, how="part")  # a corrected register: not the whole session after all

    assert send_practice_follow_up.call(riley_completed.pk, day) is False
    assert send_practice_follow_up.call(riley_completed.pk, "2020-01-01") is False
    assert PracticeFollowUp.objects.count() == 0


def test_no_follow_up_for_someone_whose_account_is_closed(riley_completed, practitioner):
    practitioner.is_active = False
    practitioner.save()

    assert send_practice_follow_up.call(riley_completed.pk, riley_completed.completed_on.isoformat()) is False


def test_a_completion_imported_from_a_learning_system_queues_no_follow_up(essentials, trainer, practitioner):
    lms.import_completions(b"email,course,completed_on\r\nriley.shah@childrens.example,Trauma-informed practice: the essentials,14/03/2025\r\n", by=trainer)

    assert queued(FOLLOW_UP_TASK) == []


def test_the_person_answers_the_follow_up_and_may_change_their_answers(riley_completed, practitioner):
    sent = follow_up.send_follow_up(riley_completed)
    browser = signed_in(practitioner)
    address = reverse("training:follow-up", args=[sent.public_id])

    page = browser.get(address)
    assert page.status_code == 200
    for question in follow_up_questions().questions:
        assert question.question in text_of(page)

    done = browser.post(address, {**ANSWERS, "in_own_words": "I ask what happened before I write anything down."}, follow=True)
    assert "nobody can tell what you said" in text_of(done)
    sent.refresh_from_db()
    assert sent.answers == ANSWERS and sent.answered_at is not None

    browser.post(address, {**ANSWERS, "motivational-interviewing": "often"})
    sent.refresh_from_db()
    assert sent.answers["motivational-interviewing"] == "often" and sent.in_own_words == ""


def test_every_question_needs_an_answer_from_the_list(riley_completed, practitioner):
    sent = follow_up.send_follow_up(riley_completed)

    response = signed_in(practitioner).post(reverse("training:follow-up", args=[sent.public_id]), {"language-in-records": "always"})

    assert response.status_code == 400
    page = text_of(response)
    for question in follow_up_questions().questions:
        assert f"Choose an answer to: {question.question}" in page


def test_the_service_refuses_an_answer_not_in_the_list_and_a_question_it_does_not_know(riley_completed, practitioner):
    from django.core.exceptions import ValidationError

    sent = follow_up.send_follow_up(riley_completed)
    with pytest.raises(ValidationError) as refused:
        follow_up.answer_follow_up(sent, by=practitioner, answers={**ANSWERS, "language-in-records": "always", "made-up": "yes"})

    assert set(refused.value.message_dict) == {"language-in-records", "__all__"}


@pytest.mark.parametrize("who", ["trainer", "partnership_lead", "other_agency_practitioner", "organisation_lead"])
def test_nobody_else_opens_or_answers_someone_elses_follow_up(request, riley_completed, who):
    sent = follow_up.send_follow_up(riley_completed)
    browser = signed_in(request.getfixturevalue(who))
    address = reverse("training:follow-up", args=[sent.public_id])

    assert browser.get(address).status_code == 403
    assert browser.post(address, ANSWERS).status_code == 403
    sent.refresh_from_db()
    assert sent.answered_at is None


def test_the_follow_up_questions_come_from_the_data_file_in_our_own_words():
    questions = follow_up_questions()
    assert [q.code for q in questions.questions] == ["language-in-records", "group-supervision", "motivational-interviewing"]
    for text in [questions.intro, *(q.question + " " + q.hint + " " + " ".join(a.label for a in q.answers) for q in questions.questions)]:
        assert not faults(text), text


# --- what people said, at each level ----------------------------------------------------------


@pytest.fixture
def two_ways(session, online, trainer, practitioner, other_agency_practitioner, champion):
    """Riley and Jo came in person and found it useful; Casey came online and found it very useful."""
    for person in (practitioner, champion):
        services.book(session, by=person)
    services.book(online, by=other_agency_practitioner)
    held(session, days_ago=2)
    held(online, days_ago=1)
    came(session, trainer, practitioner, champion)
    came(online, trainer, other_agency_practitioner)
    services.give_feedback(session, by=practitioner, usefulness=4, confidence={SKILLS[0]: (2, 4)})
    services.give_feedback(session, by=champion, usefulness=3, confidence={SKILLS[0]: (3, 4)})
    services.give_feedback(online, by=other_agency_practitioner, usefulness=5, confidence={SKILLS[0]: (1, 5)})


def test_reaction_and_confidence_are_counted_and_compared_in_person_and_online(two_ways):
    found = evaluation.evaluation()

    assert found.responses == 3
    assert dict(found.usefulness) == {"Very useful": 1, "Useful": 1, "Somewhat useful": 1, "A little useful": 0, "Not useful for me": 0}
    (skill,) = found.confidence
    assert (skill.skill, skill.people, skill.before, skill.after) == (SKILLS[0], 3, 2.0, 4.3)
    in_person, online = found.formats
    assert (in_person.name, in_person.responses, in_person.usefulness, in_person.useful_percent, in_person.confidence_rise) == ("In person", 2, 3.5, 50, 1.5)
    assert (online.name, online.responses, online.usefulness, online.useful_percent, online.confidence_rise) == ("Online", 1, 5.0, 100, 4.0)


def test_the_page_shows_each_chart_with_its_table_and_no_names(two_ways, trainer):
    response = signed_in(trainer).get(PAGE)

    assert response.status_code == 200
    page = text_of(response)
    for chart in ("reaction-chart", "confidence-chart", "formats-chart"):
        assert f'id="{chart}-title"' in page and f'id="{chart}-table"' in page
    assert "In person and online compared" in page
    assert '<td class="govuk-table__cell">50%</td>' in page and '<td class="govuk-table__cell">100%</td>' in page
    for name in ("Riley", "Casey", "Jo Park"):
        assert name not in page
    assert not faults(page)


def test_the_page_narrows_to_one_course_and_ignores_a_course_it_does_not_know(two_ways, leading, trainer):
    browser = signed_in(trainer)

    other = text_of(browser.get(PAGE + f"?course={leading.public_id}"))
    unknown = browser.get(PAGE + "?course=not-a-course")

    assert "Nobody has given feedback on this course yet." in other
    assert unknown.status_code == 200 and "3 people gave feedback" in text_of(unknown)


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "champion", "other_agency_practitioner"])
def test_only_trainers_and_partnership_leads_see_what_people_said(request, who):
    assert signed_in(request.getfixturevalue(who)).get(PAGE).status_code == 403


def test_the_partnership_lead_sees_what_people_said(partnership_lead):
    assert signed_in(partnership_lead).get(PAGE).status_code == 200


def test_practice_change_is_shown_only_once_enough_people_answered(essentials, trainer, childrens_services, settings):
    settings.GOLDENTHREAD_MINIMUM_RESPONDENTS = 3
    answered = []
    for n, person in enumerate(people(childrens_services, 3)):
        completion = Completion.objects.create(course=essentials, person=person, organisation=childrens_services, completed_on=date(2025, 1, 1 + n))
        sent = follow_up.send_follow_up(completion)
        answered.append(sent)

    follow_up.answer_follow_up(answered[0], by=answered[0].person, answers=ANSWERS, in_own_words="I write what happened, not a label.")
    follow_up.answer_follow_up(answered[1], by=answered[1].person, answers=ANSWERS)
    too_few = evaluation.practice_change()
    page_too_few = text_of(signed_in(trainer).get(PAGE))

    follow_up.answer_follow_up(answered[2], by=answered[2].person, answers={**ANSWERS, "language-in-records": "not-my-work"})
    enough = evaluation.practice_change()
    page = text_of(signed_in(trainer).get(PAGE))

    assert (too_few.sent, too_few.answered, too_few.enough, too_few.questions, too_few.own_words) == (3, 2, False, [], [])
    assert "shown once at least 3 people have answered" in page_too_few
    assert "I write what happened" not in page_too_few
    language = enough.questions[0]
    assert language.answers == [("Yes, often", 2), ("Yes, sometimes", 0), ("Not yet", 0), ("I do not write records in my work", 1)]
    assert enough.own_words == ["I write what happened, not a label."]
    assert 'id="practice-chart-table"' in page and "The words in records: Yes, often" in page
    assert "Person 0" not in page


def test_the_minimum_is_never_below_three(settings):
    settings.GOLDENTHREAD_MINIMUM_RESPONDENTS = 1
    assert evaluation.minimum_people() == 3


def test_group_supervision_before_and_after_a_course_is_counted_from_what_is_recorded(essentials, childrens_services, settings):
    from goldenthread.supervision.models import Attendee, Session

    settings.GOLDENTHREAD_MINIMUM_RESPONDENTS = 3
    completed = date(2025, 3, 1)
    group = people(childrens_services, 4)
    for person in group:
        Completion.objects.create(course=essentials, person=person, organisation=childrens_services, completed_on=completed)

    def took_part(person, day):
        held_session = Session.objects.create(
            kind=Session.Kind.GROUP_SUPERVISION,
            status=Session.Status.HELD,
            situation_reference="A.B.",
            purpose="Thinking together (fictional).",
            proposed_start=timezone.now(),
            held_on=day,
        )
        Attendee.objects.create(session=held_session, user=person, organisation=childrens_services, attended=True)

    took_part(group[0], completed - timedelta(days=30))
    took_part(group[0], completed + timedelta(days=30))
    took_part(group[1], completed + timedelta(days=60))
    took_part(group[2], completed + timedelta(days=200))  # long after: not counted

    found = evaluation.supervision_before_and_after(today=date(2025, 12, 1))

    assert (found.people, found.before, found.after, found.after_percent) == (4, 1, 2, 50)
    assert evaluation.practice_change().supervision is not None


def test_the_manage_page_links_to_what_people_said_and_the_learning_system(trainer):
    page = text_of(signed_in(trainer).get(reverse("training:manage")))
    assert reverse("training:evaluation") in page and reverse("training:lms") in page


def test_aha_moments_are_browsed_by_theme_by_the_partnership(riley_completed, session, practitioner, partnership_lead):
    services.share_aha_moment(session, by=practitioner, text="I had been writing 'refused' when she could not come.", theme="language", sharing="anonymous")
    browser = signed_in(partnership_lead)

    on_theme = text_of(browser.get(reverse("training:aha-moments") + "?theme=language"))
    other = text_of(browser.get(reverse("training:aha-moments") + "?theme=safety"))

    assert "I had been writing" in on_theme and "I had been writing" not in other


def test_a_session_held_online_last_week_is_counted_as_online(essentials, trainer, other_agency_practitioner):
    online_session = put_on(essentials, trainer, online=True, days=3, trainers=[trainer])
    services.book(online_session, by=other_agency_practitioner)
    held(online_session, days_ago=7)
    came(online_session, trainer, other_agency_practitioner)
    services.give_feedback(online_session, by=other_agency_practitioner, usefulness=5)

    in_person, online = evaluation.by_format()
    assert (in_person.responses, in_person.usefulness, online.responses) == (0, None, 1)


def test_an_import_and_a_follow_up_are_in_the_audit_log_in_plain_words_without_the_answers(riley_completed, essentials, trainer, practitioner):
    import re

    from goldenthread.core import audit
    from goldenthread.core.models import AuditEvent

    lms.import_courses(b"programme,title\r\nCore programme (fictional),Motivational interviewing: first steps\r\n", by=trainer)
    sent = follow_up.send_follow_up(riley_completed)
    follow_up.answer_follow_up(sent, by=practitioner, answers=ANSWERS, in_own_words="A private note about my practice.")

    lines = audit.lines(AuditEvent.objects.filter(object_type__in=["training.lmsimport", "training.practicefollowup"]).order_by("id"))
    kinds = {line["kind"] for line in lines}
    assert kinds == {"file from a learning system", "three-month follow-up on practice"}
    for line in lines:
        words = " ".join([line["kind"], line["record"], *line["changed"]])
        assert not re.search(r"object \(|\b[a-z]+_[a-z_]+\b", words), words
        assert "private note" not in words and "Riley" not in words


def test_an_unanswered_follow_up_waits_for_the_person_until_they_answer(riley_completed, practitioner, trainer):
    from goldenthread.core.registry import waiting_for

    sent = follow_up.send_follow_up(riley_completed)
    (notice,) = [n for n in waiting_for(practitioner) if "has changed in your work" in n.what]
    assert notice.link == reverse("training:follow-up", args=[sent.public_id])
    assert not [n for n in waiting_for(trainer) if "has changed in your work" in n.what]

    follow_up.answer_follow_up(sent, by=practitioner, answers=ANSWERS)

    assert not [n for n in waiting_for(practitioner) if "has changed in your work" in n.what]
