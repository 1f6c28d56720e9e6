"""The three-month follow-up: queued when a course is completed here, sent by the system, answered by the person.

The training services queue it when the register completes a course (or moves its day),
through `tasks.schedule_follow_up`, for `follow_up_time`. `send_follow_up` runs in that
background task three months on; `answer_follow_up` is the person's own, and answering again
replaces their answers. Nothing here queues a task, so the tasks module imports this one.
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if

from .. import permissions
from ..models import PracticeFollowUp
from . import emails, rules
from .questions import follow_up_questions


def follow_up_time(completion) -> datetime:
    """Three months after the day the course was completed, in the morning."""
    day = completion.completed_on + rules.FOLLOW_UP_AFTER
    return timezone.make_aware(datetime.combine(day, time(rules.FOLLOW_UP_HOUR, 0)))


def send_follow_up(completion, *, by=None) -> PracticeFollowUp | None:
    """E-mail the person the follow-up form, once per person and course. The system does this (`by` None).

    None when there is nothing to send: the person's account is closed, or they were asked
    about this course before (a register corrected and taken again completes a course twice).
    """
    person = completion.person
    with transaction.atomic():
        if not person.is_active or PracticeFollowUp.objects.filter(person=person, course=completion.course_id).exists():
            return None
        follow_up = PracticeFollowUp.objects.create(completion=completion, person=person, course=completion.course)
        send_later(person.email, *emails.follow_up(follow_up))
    return follow_up


def answer_follow_up(follow_up, *, by, answers: dict, in_own_words: str = "") -> PracticeFollowUp:
    """Say what has changed in your work since the course: an answer to each question, and a few words if you like."""
    if not permissions.can_answer_follow_up(by, follow_up):
        raise Refused(rules.NOT_YOURS)
    questions = follow_up_questions().questions
    answers = answers or {}
    errors = {}
    chosen = {}
    for question in questions:
        value = answers.get(question.code) or ""
        if not question.label_of(value):
            errors[question.code] = rules.ANSWER_MESSAGE.format(question=question.question)
        else:
            chosen[question.code] = value
    if set(answers) - {question.code for question in questions}:
        errors[NON_FIELD_ERRORS] = rules.UNKNOWN_QUESTION
    text = rules.IN_OWN_WORDS.clean(in_own_words, field="in_own_words", errors=errors)
    raise_if(errors)
    with transaction.atomic():
        follow_up.answers = chosen
        follow_up.in_own_words = text
        follow_up.answered_at = timezone.now()
        follow_up.save()
    return follow_up
