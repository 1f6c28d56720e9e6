"""Read queries for training: what the pages (and later the API and the figures) show. Nothing here writes.

- Finding: the courses on offer with their next sessions and places left, filtered by role,
  kind of programme and how sessions are held.
- A person's own: their bookings, offers waiting for them, their training record.
- Running the programme: programmes and courses, sessions coming up with places taken, a
  session's register and waiting list, the feedback on a session (never with names).
- Aha moments people chose to share, by theme.
- Reach: who the training has reached, against each organisation's workforce, counted in the
  database (a query per table, never one per person).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, Count, Exists, OuterRef, Prefetch, Q, TextChoices, Value, When
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

from .models import AhaMoment, Booking, Completion, ConfidenceRating, Course, Feedback, Programme, TrainingSession

HOLDING = (Booking.Status.BOOKED, Booking.Status.OFFERED)
LIVE = (Booking.Status.BOOKED, Booking.Status.OFFERED, Booking.Status.WAITING)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def when_words(session) -> str:
    """'Tuesday 3 March 2026, 09:30 to 16:00' in local time."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    day = f"{start:%A} {long_date(start.date())}"
    if start.date() == end.date():
        return f"{day}, {start:%H:%M} to {end:%H:%M}"
    return f"{day}, {start:%H:%M}, to {end:%A} {long_date(end.date())}, {end:%H:%M}"


def where_words(session) -> str:
    """'Online' or 'the Willow Room, Riverbend Civic Centre' (never the joining link)."""
    if session.is_online:
        return "Online"
    return ", ".join(part for part in (session.room, session.venue) if part) or "In person"


# --- who people are -------------------------------------------------------------------------


def roles_of(user) -> set[str]:
    """The person's roles across their member organisations."""
    if not is_signed_in(user):
        return set()
    return set(Membership.objects.filter(user=user).values_list("role", flat=True))


def organisation_for(user) -> Organisation | None:
    """The organisation a person comes to training for: the first they joined."""
    if not is_signed_in(user):
        return None
    membership = Membership.objects.filter(user=user).select_related("organisation").order_by("since", "id").first()
    return membership.organisation if membership else None


def trainers_to_choose():
    """The people who can be named as a session's trainers: trainers and partnership leads, open accounts."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(memberships__role=Role.TRAINER) | Q(is_partnership_admin=True)).distinct().order_by("full_name", "id")


# --- sessions and places --------------------------------------------------------------------


def with_places(sessions):
    """Sessions with `taken` (booked or offered) and `waiting` counted, for 'places left'."""
    return sessions.annotate(
        taken=Count("bookings", filter=Q(bookings__status__in=HOLDING), distinct=True),
        waiting_count=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING), distinct=True),
    )


def places_left(session) -> int:
    taken = getattr(session, "taken", None)
    if taken is None:
        taken = session.bookings.filter(status__in=HOLDING).count()
    return max(session.capacity - taken, 0)


def waiting_count(session) -> int:
    found = getattr(session, "waiting_count", None)
    return found if found is not None else session.bookings.filter(status=Booking.Status.WAITING).count()


def session_by_id(public_id):
    return TrainingSession.objects.select_related("course", "course__programme").filter(public_id=public_id).first()


def upcoming_sessions(course=None):
    """Sessions going ahead that have not started, soonest first, with places counted."""
    sessions = TrainingSession.objects.filter(status=TrainingSession.Status.SCHEDULED, starts_at__gt=timezone.now())
    if course is not None:
        sessions = sessions.filter(course=course)
    return with_places(sessions.select_related("course", "course__programme").order_by("starts_at", "id"))


def sessions_of(course):
    """Every session of a course, newest last, with places counted and trainers."""
    return with_places(course.sessions.select_related("course", "course__programme").prefetch_related("trainers").order_by("starts_at", "id"))


def place_in_waiting_list(booking) -> int | None:
    """1 for the first person waiting, and so on; None when not waiting."""
    if booking is None or booking.status != Booking.Status.WAITING:
        return None
    ahead = Booking.objects.filter(session=booking.session_id, status=Booking.Status.WAITING).filter(
        Q(queued_at__lt=booking.queued_at) | Q(queued_at=booking.queued_at, id__lt=booking.id)
    )
    return ahead.count() + 1


# --- finding courses ------------------------------------------------------------------------


@dataclass
class CourseListing:
    course: Course
    sessions: list = field(default_factory=list)
    for_you: bool = True


def courses_to_find(user, *, for_my_role: bool = True, kind: str = "", format: str = "") -> list[CourseListing]:
    """Open courses in open programmes with their next sessions; for the person's roles unless asked for all.

    A course for everyone is for anyone. `kind` is a programme kind, `format` in person or
    online (a course is listed when it has an upcoming session held that way); unknown values
    are no filter.
    """
    roles = roles_of(user)
    courses = Course.objects.filter(is_open=True, programme__is_open=True).select_related("programme").order_by("programme__name", "title")
    if kind in Programme.Kind.values:
        courses = courses.filter(programme__kind=kind)
    sessions = upcoming_sessions()
    if format in TrainingSession.Format.values:
        sessions = sessions.filter(format=format)
    by_course = defaultdict(list)
    for session in sessions.filter(course__in=courses):
        session.places_left = places_left(session)
        by_course[session.course_id].append(session)
    listings = []
    for course in courses:
        for_you = course.is_for(roles)
        if for_my_role and roles and not for_you:
            continue
        if format in TrainingSession.Format.values and not by_course.get(course.pk):
            continue
        listings.append(CourseListing(course=course, sessions=by_course.get(course.pk, []), for_you=for_you))
    return listings


# --- a person's own -------------------------------------------------------------------------


def my_places(user):
    """The person's places, offers and waiting-list places on sessions still to come, soonest first."""
    if not is_signed_in(user):
        return Booking.objects.none()
    return (
        Booking.objects.filter(person=user, status__in=LIVE, session__status=TrainingSession.Status.SCHEDULED, session__ends_at__gt=timezone.now())
        .select_related("session", "session__course", "session__course__programme")
        .order_by("session__starts_at", "id")
    )


def offers_waiting_for(user):
    """Places offered to the person from a waiting list, still open to accept, soonest to close first."""
    if not is_signed_in(user):
        return Booking.objects.none()
    return (
        Booking.objects.filter(person=user, status=Booking.Status.OFFERED, offer_expires_at__gt=timezone.now())
        .select_related("session", "session__course")
        .order_by("offer_expires_at", "id")
    )


@dataclass
class TrainingRecord:
    completions: list
    came_to: list
    coming_up: list
    other_places: list
    feedback_given: set


def training_record(user) -> TrainingRecord:
    """Everything about a person's own training: courses completed, sessions they came to, what is coming up."""
    completions = list(Completion.objects.filter(person=user).select_related("course", "course__programme").order_by("-completed_on", "id"))
    bookings = list(
        Booking.objects.filter(person=user).select_related("session", "session__course", "session__course__programme").order_by("-session__starts_at", "id")
    )
    now = timezone.now()
    came = [b for b in bookings if b.status == Booking.Status.BOOKED and b.attendance]
    coming = sorted(
        (b for b in bookings if b.status in LIVE and not b.session.is_cancelled and b.session.ends_at > now),
        key=lambda b: b.session.starts_at,
    )
    other = [b for b in bookings if b not in came and b not in coming]
    feedback = set(Feedback.objects.filter(person=user).values_list("session_id", flat=True))
    return TrainingRecord(completions=completions, came_to=came, coming_up=coming, other_places=other, feedback_given=feedback)


def completion_by_id(public_id):
    return Completion.objects.select_related("course", "course__programme", "person", "organisation").filter(public_id=public_id).first()


def parts_attended(completion) -> list[tuple[str, TrainingSession]]:
    """For a certificate: each part of the course and the session of it the person came to (the latest)."""
    bookings = (
        Booking.objects.filter(
            person=completion.person_id, session__course=completion.course_id, status=Booking.Status.BOOKED, attendance=Booking.Attendance.ATTENDED
        )
        .exclude(session__status=TrainingSession.Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_at")
    )
    latest = {}
    for booking in bookings:
        latest[booking.session.part] = booking.session
    return [(completion.course.part_name(part), latest[part]) for part in sorted(latest)]


# --- running the programme ------------------------------------------------------------------


def programmes():
    """Every programme, with its courses (and how many sessions each has coming up)."""
    upcoming = Count(
        "sessions",
        filter=Q(sessions__status=TrainingSession.Status.SCHEDULED, sessions__starts_at__gt=timezone.now()),
        distinct=True,
    )
    courses = Course.objects.annotate(upcoming=upcoming).order_by("title")
    return Programme.objects.prefetch_related(Prefetch("courses", queryset=courses)).order_by("-is_open", "name")


def programme_by_id(public_id):
    return Programme.objects.filter(public_id=public_id).first()


def course_by_id(public_id):
    return Course.objects.select_related("programme").filter(public_id=public_id).first()


def sessions_to_run(*, days: int = 56):
    """Sessions going ahead in the coming weeks, with places taken and people waiting."""
    now = timezone.now()
    return with_places(
        TrainingSession.objects.filter(status=TrainingSession.Status.SCHEDULED, ends_at__gt=now, starts_at__lte=now + timedelta(days=days))
        .select_related("course", "course__programme")
        .order_by("starts_at", "id")
    )


def registers_waiting_for(user):
    """Sessions this person trains on that have started, with someone booked whose attendance is not recorded yet."""
    if not is_signed_in(user):
        return TrainingSession.objects.none()
    return (
        TrainingSession.objects.filter(trainers=user, status=TrainingSession.Status.SCHEDULED, starts_at__lte=timezone.now())
        .filter(bookings__status=Booking.Status.BOOKED, bookings__attendance="")
        .select_related("course")
        .distinct()
        .order_by("starts_at", "id")
    )


@dataclass
class Register:
    booked: list
    offered: list
    waiting: list
    cancelled: list


def register(session) -> Register:
    """Who is booked, offered a place, waiting (in order) and no longer coming, with their organisations."""
    bookings = list(session.bookings.select_related("person", "organisation").order_by("queued_at", "id"))
    by = defaultdict(list)
    for booking in bookings:
        by[booking.status].append(booking)
    booked = sorted(by[Booking.Status.BOOKED], key=lambda b: (b.person.full_name.casefold(), b.id))
    return Register(booked=booked, offered=by[Booking.Status.OFFERED], waiting=by[Booking.Status.WAITING], cancelled=by[Booking.Status.CANCELLED])


@dataclass
class SkillConfidence:
    skill: str
    people: int
    before: float
    after: float


@dataclass
class FeedbackSummary:
    responses: int
    usefulness: list  # (label, count), most useful first
    confidence: list  # SkillConfidence
    comments: dict  # question -> list of texts, never with names


def feedback_summary(session) -> FeedbackSummary:
    """What the people who came said about a session, counted, and their words without names."""
    feedback = list(session.feedback.order_by("given_at", "id"))
    counts = Counter(item.usefulness for item in feedback)
    usefulness = [(label, counts.get(value, 0)) for value, label in Feedback.Usefulness.choices]
    ratings = defaultdict(list)
    for rating in ConfidenceRating.objects.filter(feedback__session=session).order_by("id"):
        ratings[rating.skill].append(rating)
    confidence = [
        SkillConfidence(
            skill=skill,
            people=len(found),
            before=round(sum(r.before for r in found) / len(found), 1),
            after=round(sum(r.after for r in found) / len(found), 1),
        )
        for skill, found in ratings.items()
    ]
    comments = {
        "What helped most": [item.most_helpful for item in feedback if item.most_helpful],
        "What people will do differently": [item.will_do_differently for item in feedback if item.will_do_differently],
        "What could make it better": [item.could_be_better for item in feedback if item.could_be_better],
    }
    return FeedbackSummary(responses=len(feedback), usefulness=usefulness, confidence=confidence, comments=comments)


def own_feedback(user, session) -> Feedback | None:
    if not is_signed_in(user):
        return None
    return Feedback.objects.filter(session=session, person=user).prefetch_related("confidence").first()


# --- aha moments ----------------------------------------------------------------------------


def shared_aha_moments(*, theme: str = ""):
    """Aha moments people chose to share, newest first; a theme from the list narrows them, anything else is no filter."""
    moments = AhaMoment.objects.exclude(sharing=AhaMoment.Sharing.PRIVATE).select_related("session__course", "person")
    if theme in AhaMoment.Theme.values:
        moments = moments.filter(theme=theme)
    return moments.order_by("-created_at", "-id")


def aha_theme_counts() -> dict[str, int]:
    rows = AhaMoment.objects.exclude(sharing=AhaMoment.Sharing.PRIVATE).values("theme").annotate(n=Count("id"))
    return {row["theme"]: row["n"] for row in rows}


def my_aha_moments(user):
    if not is_signed_in(user):
        return AhaMoment.objects.none()
    return AhaMoment.objects.filter(person=user).select_related("session__course").order_by("-created_at", "-id")


# --- reach: who the training has reached, against each organisation's workforce ---------------
#
# An organisation's workforce is its people here: the active people with a membership in it.
# The partnership records only a size band for an organisation ("250 to 999 staff"), too
# coarse to count against, and a head count typed in somewhere else could never say who has
# not been reached yet. Each organisation adds its own people, so the figures are as true as
# its list of people; the demo states each organisation's workforce in its data file and
# gives it that many people. Everyone is counted once, at the furthest they have come.


class Reach(TextChoices):
    """Where a person is with the training, the furthest they have come."""

    TRAINED = "trained", "Trained"
    STARTED = "started", "Started"
    BOOKED = "booked", "Booked"
    NOT_REACHED = "not-reached", "Not reached yet"


REACH_MEANING = {
    Reach.TRAINED: "Completed a course: came to the whole of each of its parts.",
    Reach.STARTED: "Came to a session, and has not completed a course yet.",
    Reach.BOOKED: "Has a place, a place offered or a place on a waiting list for a session to come, and has not come to one yet.",
    Reach.NOT_REACHED: "Has not come to a session and has nothing booked.",
}
CAME = (Booking.Attendance.ATTENDED, Booking.Attendance.PART)


def workforce():
    """Every organisation's people: active people in active member organisations, one row per membership."""
    return Membership.objects.filter(user__is_active=True, organisation__is_active=True)


def _came_to_sessions():
    """Bookings of people who came to a session (the whole of it or part), on sessions not cancelled."""
    return Booking.objects.filter(status=Booking.Status.BOOKED, attendance__in=CAME).exclude(session__status=TrainingSession.Status.CANCELLED)


def _places_to_come(now):
    return Booking.objects.filter(status__in=LIVE, session__status=TrainingSession.Status.SCHEDULED, session__ends_at__gt=now)


def reach_of(person: str):
    """Where each row's person is (a `Reach` value), as one expression for the database; `person` names the person's id."""
    return Case(
        When(Exists(Completion.objects.filter(person=OuterRef(person))), then=Value(Reach.TRAINED.value)),
        When(Exists(_came_to_sessions().filter(person=OuterRef(person))), then=Value(Reach.STARTED.value)),
        When(Exists(_places_to_come(timezone.now()).filter(person=OuterRef(person))), then=Value(Reach.BOOKED.value)),
        default=Value(Reach.NOT_REACHED.value),
        output_field=CharField(),
    )


@dataclass
class ReachCounts:
    """How many people are at each place, and shares of the whole."""

    trained: int = 0
    started: int = 0
    booked: int = 0
    not_reached: int = 0

    def add(self, reach: str, count: int) -> None:
        name = reach.replace("-", "_")
        setattr(self, name, getattr(self, name) + count)

    def count(self, reach: str) -> int:
        return getattr(self, reach.replace("-", "_"))

    @property
    def people(self) -> int:
        return self.trained + self.started + self.booked + self.not_reached

    @property
    def came(self) -> int:
        """Came to training: trained, or started."""
        return self.trained + self.started

    def percent(self, count: int) -> int:
        return round(100 * count / self.people) if self.people else 0

    @property
    def came_percent(self) -> int:
        return self.percent(self.came)


@dataclass
class ReachRow:
    """One line of a reach table: an organisation, a sector or a role, and its people's counts."""

    name: str
    counts: ReachCounts
    organisation: Organisation | None = None
    key: str = ""  # a sector's or a role's value


@dataclass
class ProgrammeReach:
    """People a kind of programme has reached, against the people its courses are for."""

    kind: str
    name: str
    meant_for: str
    for_people: int
    completed: int
    came: int
    booked: int


@dataclass
class FormatReach:
    """In person or online: sessions held and to come, the people who came, and places taken."""

    format: str
    name: str
    held: int
    people: int
    places_attended: int
    to_come: int
    places_booked: int


@dataclass
class PartnershipReach:
    everyone: ReachCounts
    organisations: list[ReachRow]
    sectors: list[ReachRow]
    roles: list[ReachRow]
    programmes: list[ProgrammeReach]
    formats: list[FormatReach]


def _programme_reach(everyone: int, now) -> list[ProgrammeReach]:
    kind_of = "session__course__programme__kind"
    came = Q(status=Booking.Status.BOOKED, attendance__in=CAME) & ~Q(session__status=TrainingSession.Status.CANCELLED)
    coming = Q(status__in=LIVE, session__status=TrainingSession.Status.SCHEDULED, session__ends_at__gt=now)
    people = {
        row[kind_of]: row
        for row in Booking.objects.values(kind_of)
        .annotate(came=Count("person", filter=came, distinct=True), booked=Count("person", filter=coming, distinct=True))
        .order_by()
    }
    completed = {
        row["course__programme__kind"]: row["n"]
        for row in Completion.objects.values("course__programme__kind").annotate(n=Count("person", distinct=True)).order_by()
    }
    audiences, for_everyone = defaultdict(set), set()
    for kind, audience in Course.objects.values_list("programme__kind", "audience"):
        if audience:
            audiences[kind] |= set(audience)
        else:
            for_everyone.add(kind)
    for_some = {kind: roles for kind, roles in audiences.items() if kind not in for_everyone}
    aliases = {kind: f"for_{number}" for number, kind in enumerate(for_some)}
    sizes = (
        workforce().aggregate(**{aliases[kind]: Count("user", filter=Q(role__in=roles), distinct=True) for kind, roles in for_some.items()}) if for_some else {}
    )
    found = []
    for kind, name in Programme.Kind.choices:
        if kind not in audiences and kind not in for_everyone:
            continue  # no courses of this kind
        if kind in for_everyone:
            meant_for, for_people = "Everyone", everyone
        else:
            words = [f"{label.lower()}s" for value, label in Role.choices if value in for_some[kind]]
            meant_for = (words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]).capitalize()
            for_people = sizes[aliases[kind]]
        counts = people.get(kind, {})
        found.append(ProgrammeReach(kind, name, meant_for, for_people, completed.get(kind, 0), counts.get("came", 0), counts.get("booked", 0)))
    return found


def _format_reach(now) -> list[FormatReach]:
    going_ahead = TrainingSession.objects.filter(status=TrainingSession.Status.SCHEDULED)
    sessions = {
        row["format"]: row
        for row in going_ahead.values("format")
        .annotate(held=Count("id", filter=Q(starts_at__lte=now)), to_come=Count("id", filter=Q(starts_at__gt=now)))
        .order_by()
    }
    came = Q(status=Booking.Status.BOOKED, attendance__in=CAME)
    coming = Q(status__in=HOLDING, session__starts_at__gt=now)
    places = {
        row["session__format"]: row
        for row in Booking.objects.filter(session__status=TrainingSession.Status.SCHEDULED)
        .values("session__format")
        .annotate(people=Count("person", filter=came, distinct=True), attended=Count("id", filter=came), booked=Count("id", filter=coming))
        .order_by()
    }
    found = []
    for value, name in TrainingSession.Format.choices:
        held, taken = sessions.get(value, {}), places.get(value, {})
        found.append(
            FormatReach(value, name, held.get("held", 0), taken.get("people", 0), taken.get("attended", 0), held.get("to_come", 0), taken.get("booked", 0))
        )
    return found


def partnership_reach() -> PartnershipReach:
    """Reach across the partnership: everyone, each organisation, sector and role; each kind of programme; in person and online.

    An organisation, a sector or a role counts its memberships: someone who works in two
    organisations is counted in each. `everyone` counts each person once.
    """
    now = timezone.now()
    organisations = list(Organisation.objects.filter(is_active=True).only("name", "slug", "sector").order_by("name"))
    by_organisation = {organisation.pk: ReachCounts() for organisation in organisations}
    by_sector, by_role = defaultdict(ReachCounts), defaultdict(ReachCounts)
    sector_of = {organisation.pk: organisation.sector for organisation in organisations}
    everyone = ReachCounts()
    # A person's first membership in the workforce counts them once for `everyone`, in the same query.
    first = ~Exists(workforce().filter(user=OuterRef("user_id"), id__lt=OuterRef("id")))
    rows = workforce().annotate(reach=reach_of("user_id"), first=first).values("organisation_id", "role", "reach", "first").annotate(n=Count("id")).order_by()
    for row in rows:
        if row["organisation_id"] not in by_organisation:
            continue
        by_organisation[row["organisation_id"]].add(row["reach"], row["n"])
        by_sector[sector_of[row["organisation_id"]]].add(row["reach"], row["n"])
        by_role[row["role"]].add(row["reach"], row["n"])
        if row["first"]:
            everyone.add(row["reach"], row["n"])
    return PartnershipReach(
        everyone=everyone,
        organisations=[ReachRow(o.name, by_organisation[o.pk], organisation=o) for o in organisations],
        sectors=[ReachRow(name, by_sector[value], key=value) for value, name in Sector.choices if value in set(sector_of.values())],
        roles=[ReachRow(name, by_role[value], key=value) for value, name in Role.choices if value in by_role],
        programmes=_programme_reach(everyone.people, now),
        formats=_format_reach(now),
    )


def organisation_reach(organisation) -> tuple[ReachCounts, list[ReachRow]]:
    """An organisation's people at each place, all together and by role."""
    total, by_role = ReachCounts(), defaultdict(ReachCounts)
    rows = workforce().filter(organisation=organisation).annotate(reach=reach_of("user_id")).values("role", "reach").annotate(n=Count("id")).order_by()
    for row in rows:
        total.add(row["reach"], row["n"])
        by_role[row["role"]].add(row["reach"], row["n"])
    return total, [ReachRow(name, by_role[value], key=value) for value, name in Role.choices if value in by_role]


def organisation_by_slug(slug):
    return Organisation.objects.filter(slug=slug).first()


def people_reached(organisation, *, reach: str = "", role: str = ""):
    """An organisation's people by name, each with `reach`; a place or role from the lists narrows them, anything else is no filter."""
    people = workforce().filter(organisation=organisation).annotate(reach=reach_of("user_id")).select_related("user")
    if reach in Reach.values:
        people = people.filter(reach=reach)
    if role in Role.values:
        people = people.filter(role=role)
    return people.order_by("user__full_name", "id")


@dataclass
class PersonTraining:
    completed: list = field(default_factory=list)  # course titles, first completed first
    next_place: Booking | None = None


def training_of(person_ids) -> dict[int, PersonTraining]:
    """For a page of people: the courses each completed and their next place (booked, offered or waiting). Two queries."""
    person_ids = list(person_ids)
    found = defaultdict(PersonTraining)
    for person_id, title in Completion.objects.filter(person__in=person_ids).order_by("completed_on", "id").values_list("person_id", "course__title"):
        found[person_id].completed.append(title)
    places = _places_to_come(timezone.now()).filter(person__in=person_ids).select_related("session", "session__course").order_by("-session__starts_at", "-id")
    for booking in places:
        found[booking.person_id].next_place = booking  # the soonest wins: they come last
    return found
