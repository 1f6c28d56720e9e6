"""What the wellbeing pages and the API read. A person's check-ins are only ever looked up by the person signed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart
from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Membership

from . import questions
from .models import CheckIn, Place, ReflectiveSpace, Reminder, SupportKind, SupportOption

TREND_CHECK_INS = 6  # the chart shows the latest six; the table all of them


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def when_words(space) -> str:
    start, end = timezone.localtime(space.starts_at), timezone.localtime(space.ends_at)
    return f"{start:%A} {long_date(start.date())}, {start:%H:%M} to {end:%H:%M}"


def own_check_ins(user):
    if not is_signed_in(user):
        return CheckIn.objects.none()
    return CheckIn.objects.filter(person=user).order_by("-taken_at")


def own_check_in(user, public_id) -> CheckIn | None:
    """One of the person's own check-ins; None for anyone else's, exactly as for one that does not exist."""
    return own_check_ins(user).filter(public_id=public_id).first()


def reminder_for(user) -> Reminder | None:
    if not is_signed_in(user):
        return None
    return Reminder.objects.filter(person=user).first()


@dataclass
class AnswerShown:
    asks: str
    short: str
    words: str
    value: int | None


def answers_shown(check_in: CheckIn) -> list[AnswerShown]:
    """Each question as it was asked, with the answer's words; questions left unanswered say so."""
    asked = questions.version(check_in.questions_version)
    return [
        AnswerShown(
            asks=question.asks,
            short=question.short,
            words=question.words_for(check_in.answers.get(question.key)) or "Not answered",
            value=check_in.answers.get(question.key),
        )
        for question in asked.questions
    ]


def _support_listed_for(user):
    organisations = Membership.objects.filter(user=user).values("organisation")
    return SupportOption.objects.filter(is_listed=True).filter(Q(organisation__isnull=True) | Q(organisation__in=organisations))


def support_list(user) -> list[tuple[str, list[SupportOption]]]:
    """The whole list of support the person can use, by kind, someone to talk to now first."""
    options = list(_support_listed_for(user))
    order = [SupportKind.CRISIS] + [kind for kind in SupportKind if kind != SupportKind.CRISIS]
    return [(kind.label, [option for option in options if option.kind == kind]) for kind in order if any(option.kind == kind for option in options)]


@dataclass
class Signpost:
    themes: list[str]  # the themes the answers touched, in words
    matched: list[SupportOption]
    talk_now: list[SupportOption]


def signposts(user, check_in: CheckIn) -> Signpost:
    """Support chosen by the answers: the kinds each theme points to where an answer was at the harder end; someone to talk to now, always."""
    asked = questions.version(check_in.questions_version)
    themes = questions.themes()
    touched = []
    for question in asked.questions:
        if question.is_harder(check_in.answers.get(question.key)) and question.theme not in touched:
            touched.append(question.theme)
    kinds = {kind for theme in touched for kind in themes.get(theme, {}).get("kinds", [])}
    options = list(_support_listed_for(user))
    return Signpost(
        themes=[themes.get(theme, {}).get("words", theme) for theme in touched],
        matched=[option for option in options if option.kind in kinds],
        talk_now=[option for option in options if option.kind == SupportKind.CRISIS],
    )


def trend_chart(check_ins: list[CheckIn]):
    """The person's own answers over time: for each question, a bar for each of their latest check-ins, oldest first, with a table of every answer."""
    if not check_ins:
        return None
    current = questions.current()
    latest = list(reversed(check_ins[:TREND_CHECK_INS]))
    groups = []
    for question in current.questions:
        bars = []
        for check_in in latest:
            value = check_in.answers.get(question.key)
            day = timezone.localtime(check_in.taken_at)
            words = question.words_for(value) or "not answered"
            bars.append(Bar(f"{day.day} {day:%b}: {words}", value))
        groups.append(BarGroup(question.short, bars))
    rows = []
    for check_in in check_ins:
        day = timezone.localtime(check_in.taken_at)
        rows.append(
            (
                f"{long_date(day.date())}, {day:%H:%M}",
                [question.words_for(check_in.answers.get(question.key)) or "Not answered" for question in current.questions],
            )
        )
    return bar_chart(
        groups,
        id="your-check-ins",
        title="Your answers over time",
        description=(
            "For each question, a bar for each of your latest check-ins, oldest first. A longer bar is an answer further along the list of answers, "
            "which for some questions is the easier end and for others the harder end: each bar's words give the answer."
        ),
        scale_max=5,
        shaded=True,
        table=DataTable(caption="Every check-in you have kept", headings=["When", *[question.short for question in current.questions]], rows=rows),
    )


# Reflective spaces


def space_by_id(public_id) -> ReflectiveSpace | None:
    return ReflectiveSpace.objects.select_related("organisation", "host", "created_by").filter(public_id=public_id).first()


def own_place(user, space) -> Place | None:
    if not is_signed_in(user) or space is None:
        return None
    return Place.objects.filter(space=space, person=user).first()


def spaces_open_to(user):
    """Spaces to come that the person may see: for everyone, for their organisations, or offered to them after a hard event."""
    if not is_signed_in(user):
        return ReflectiveSpace.objects.none()
    organisations = Membership.objects.filter(user=user).values("organisation")
    return (
        ReflectiveSpace.objects.filter(is_cancelled=False, starts_at__gt=timezone.now())
        .filter(
            Q(after_hard_event=False, organisation__isnull=True)
            | Q(after_hard_event=False, organisation__in=organisations)
            | Q(after_hard_event=True, offered_to=user)
        )
        .select_related("organisation")
        .annotate(taken=Count("places", distinct=True))
        .distinct()
        .order_by("starts_at")
    )


def own_places(user):
    if not is_signed_in(user):
        return Place.objects.none()
    return (
        Place.objects.filter(person=user, space__starts_at__gt=timezone.now(), space__is_cancelled=False).select_related("space").order_by("space__starts_at")
    )


def spaces_run_by(user):
    """Spaces to come that the person put on or hosts, for the people who run them."""
    if not is_signed_in(user):
        return ReflectiveSpace.objects.none()
    return (
        ReflectiveSpace.objects.filter(Q(created_by=user) | Q(host=user), starts_at__gt=timezone.now() - timedelta(days=1))
        .select_related("organisation", "host")
        .annotate(taken=Count("places", distinct=True))
        .order_by("starts_at")
    )


def places_taken(space) -> int:
    return space.places.count()


def names_shared_with_host(space) -> list[str]:
    return [place.person.full_name for place in space.places.filter(host_may_see_name=True).select_related("person").order_by("person__full_name")]


def team_offers_waiting_for(user):
    """Spaces offered to the person after a hard event, still to come, that they have not taken a place in."""
    if not is_signed_in(user):
        return ReflectiveSpace.objects.none()
    return ReflectiveSpace.objects.filter(after_hard_event=True, offered_to=user, is_cancelled=False, starts_at__gt=timezone.now()).exclude(places__person=user)


def hosts_to_choose(organisation):
    """Who can host a space: the people of the organisation (for one organisation's space), or anyone in the workforce."""
    from goldenthread.core.models import User

    people = User.objects.filter(is_active=True, memberships__isnull=False)
    if organisation is not None:
        people = people.filter(memberships__organisation=organisation)
    return people.distinct().order_by("full_name")
