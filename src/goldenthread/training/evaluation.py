"""What people said, at each Kirkpatrick level, counted and without names. Reads only.

1. Reaction: how useful people found their sessions.
2. Learning: confidence before and after, in each skill the courses name.
   Both compared between sessions held in person and online.
3. Behaviour, three months on: the follow-up on practice (the words in records, group
   supervision, motivational interviewing), and what the platform already records: how many
   of the people who completed a course took part in group supervision in the three months
   before it, and in the three months after.

Figures about what people do in their work (level 3) are shown only once at least the
partnership's minimum number of people are counted (`GOLDENTHREAD_MINIMUM_RESPONDENTS`, never
fewer than 3), so no figure can point to one person; people's own words from the follow-up
are shown without names, in alphabetical order, never in the order they came in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone

from .follow_up.questions import follow_up_questions
from .follow_up.rules import FOLLOW_UP_AFTER
from .models import Completion, ConfidenceRating, Feedback, PracticeFollowUp, TrainingSession
from .queries import SkillConfidence

FEWEST = 3
USEFUL = (Feedback.Usefulness.VERY, Feedback.Usefulness.USEFUL)


def minimum_people() -> int:
    """The fewest people a figure about practice may count: the partnership's minimum, never fewer than 3."""
    return max(int(getattr(settings, "GOLDENTHREAD_MINIMUM_RESPONDENTS", FEWEST) or FEWEST), FEWEST)


def _one_decimal(value) -> float | None:
    return None if value is None else round(float(value), 1)


@dataclass
class FormatFigures:
    """Sessions held one way (in person or online): how many people gave feedback, and their averages out of 5."""

    format: str
    name: str
    responses: int
    usefulness: float | None
    useful_percent: int | None
    confidence_before: float | None
    confidence_after: float | None

    @property
    def confidence_rise(self) -> float | None:
        if self.confidence_before is None or self.confidence_after is None:
            return None
        return round(self.confidence_after - self.confidence_before, 1)


@dataclass
class QuestionFigures:
    code: str
    name: str
    question: str
    answers: list[tuple[str, int]]  # (answer, people), in the file's order


@dataclass
class SupervisionFigures:
    """People who completed a course at least three months ago: how many took part in group supervision before and after."""

    people: int
    before: int
    after: int

    def percent(self, count: int) -> int:
        return round(100 * count / self.people) if self.people else 0

    @property
    def before_percent(self) -> int:
        return self.percent(self.before)

    @property
    def after_percent(self) -> int:
        return self.percent(self.after)


@dataclass
class PracticeChange:
    sent: int
    answered: int
    enough: bool
    minimum: int
    questions: list[QuestionFigures] = field(default_factory=list)
    own_words: list[str] = field(default_factory=list)
    supervision: SupervisionFigures | None = None

    @property
    def answered_percent(self) -> int:
        return round(100 * self.answered / self.sent) if self.sent else 0


@dataclass
class Evaluation:
    responses: int
    usefulness: list[tuple[str, int]]  # (answer, people), most useful first
    confidence: list[SkillConfidence]
    formats: list[FormatFigures]
    practice: PracticeChange


def _feedback(course=None):
    found = Feedback.objects.exclude(session__status=TrainingSession.Status.CANCELLED)
    return found.filter(session__course=course) if course is not None else found


def usefulness(course=None) -> list[tuple[str, int]]:
    counts = dict(_feedback(course).values_list("usefulness").annotate(n=Count("id")).order_by())
    return [(label, counts.get(value, 0)) for value, label in Feedback.Usefulness.choices]


def confidence(course=None) -> list[SkillConfidence]:
    """Each skill's average confidence before and after, across everyone who rated it; the most rated first."""
    ratings = ConfidenceRating.objects.exclude(feedback__session__status=TrainingSession.Status.CANCELLED)
    if course is not None:
        ratings = ratings.filter(feedback__session__course=course)
    rows = ratings.values("skill").annotate(people=Count("id"), before=Avg("before"), after=Avg("after")).order_by("-people", "skill")
    return [SkillConfidence(skill=row["skill"], people=row["people"], before=_one_decimal(row["before"]), after=_one_decimal(row["after"])) for row in rows]


def by_format(course=None) -> list[FormatFigures]:
    """In person against online: feedback given, how useful on average, the share who found it useful, confidence before and after."""
    feedback = {
        row["session__format"]: row
        for row in _feedback(course)
        .values("session__format")
        .annotate(responses=Count("id"), average=Avg("usefulness"), useful=Count("id", filter=Q(usefulness__in=USEFUL)))
        .order_by()
    }
    ratings = ConfidenceRating.objects.exclude(feedback__session__status=TrainingSession.Status.CANCELLED)
    if course is not None:
        ratings = ratings.filter(feedback__session__course=course)
    confidence_by = {
        row["feedback__session__format"]: row
        for row in ratings.values("feedback__session__format").annotate(before=Avg("before"), after=Avg("after")).order_by()
    }
    found = []
    for value, name in TrainingSession.Format.choices:
        row, rated = feedback.get(value, {}), confidence_by.get(value, {})
        responses = row.get("responses", 0)
        found.append(
            FormatFigures(
                format=value,
                name=name,
                responses=responses,
                usefulness=_one_decimal(row.get("average")),
                useful_percent=round(100 * row.get("useful", 0) / responses) if responses else None,
                confidence_before=_one_decimal(rated.get("before")),
                confidence_after=_one_decimal(rated.get("after")),
            )
        )
    return found


def supervision_before_and_after(course=None, today=None) -> SupervisionFigures:
    """Of the people who completed a course at least three months ago: how many took part in a group supervision session held in
    the three months before the day they completed it, and in the three months after. Each person once (their first completion)."""
    from goldenthread.supervision.models import Attendee, Session

    today = today or timezone.localdate()
    completions = Completion.objects.filter(completed_on__lte=today - FOLLOW_UP_AFTER)
    if course is not None:
        completions = completions.filter(course=course)
    first = {}
    for person_id, day in completions.order_by("completed_on", "id").values_list("person_id", "completed_on"):
        first.setdefault(person_id, day)
    held = defaultdict(list)
    places = Attendee.objects.filter(
        user__in=list(first), attended=True, session__status=Session.Status.HELD, session__kind=Session.Kind.GROUP_SUPERVISION, session__held_on__isnull=False
    )
    for person_id, day in places.values_list("user_id", "session__held_on"):
        held[person_id].append(day)
    before = after = 0
    for person_id, completed in first.items():
        days = held.get(person_id, [])
        before += any(completed - FOLLOW_UP_AFTER <= day < completed for day in days)
        after += any(completed <= day <= completed + FOLLOW_UP_AFTER for day in days)
    return SupervisionFigures(people=len(first), before=before, after=after)


def practice_change(course=None) -> PracticeChange:
    """The three-month follow-up, counted: each question's answers, and people's own words without names, once enough answered."""
    follow_ups = PracticeFollowUp.objects.all()
    if course is not None:
        follow_ups = follow_ups.filter(course=course)
    answered = list(follow_ups.filter(answered_at__isnull=False).values_list("answers", "in_own_words"))
    minimum = minimum_people()
    supervision = supervision_before_and_after(course)
    change = PracticeChange(
        sent=follow_ups.count(),
        answered=len(answered),
        enough=len(answered) >= minimum,
        minimum=minimum,
        supervision=supervision if supervision.people >= minimum else None,
    )
    if not change.enough:
        return change
    for question in follow_up_questions().questions:
        counts = Counter((answers or {}).get(question.code) for answers, _ in answered)
        change.questions.append(
            QuestionFigures(question.code, question.name, question.question, [(answer.label, counts.get(answer.code, 0)) for answer in question.answers])
        )
    change.own_words = sorted((text for _, text in answered if text), key=str.casefold)
    return change


def evaluation(course=None) -> Evaluation:
    """Every level for the whole programme, or for one course."""
    found = usefulness(course)
    return Evaluation(
        responses=sum(count for _, count in found),
        usefulness=found,
        confidence=confidence(course),
        formats=by_format(course),
        practice=practice_change(course),
    )


def follow_up_by_id(public_id):
    return PracticeFollowUp.objects.select_related("course", "person").filter(public_id=public_id).first()


def follow_ups_waiting_for(user):
    """Follow-ups sent to this person in the last three months and not answered yet."""
    since = timezone.now() - timedelta(days=91)
    return PracticeFollowUp.objects.filter(person=user, answered_at__isnull=True, sent_at__gte=since).select_related("course")
