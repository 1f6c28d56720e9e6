"""The training API: programmes, courses and sessions to come; your own places (book, cancel); reach for those allowed.

Everything needs a personal token: programmes, courses and sessions are for anyone signed in,
as on the pages. An online session's joining link is in the answer only for a session the
token's person has a booked place on. Booking and cancelling go through the same services as
the pages, with the same checks: a refusal answers 403 with why, and something that cannot
happen now (already booked, the session has started) answers 409 with why. Reach is counts,
never names: across the partnership for its leads and trainers (`permissions.can_see_reach`),
and for one organisation for its own lead too (`permissions.can_see_organisation_reach`). The
figures are `queries.partnership_reach` and `queries.organisation_reach`, as the reach pages.
"""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Organisation

from . import permissions, queries, rules, services
from .models import Booking, Course, TrainingSession

router = Router(tags=["Training"])

NO_REACH = "Reach across the partnership is for the partnership leads and the partnership's trainers. If you think you should see it, ask the partnership team."
NOT_YOUR_ORGANISATION = "Reach in an organisation is for its organisation lead and the partnership leads. Ask your organisation lead."
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
STARTED = "This session has already started, so the place cannot be cancelled"


class TrainingCourseBriefOut(Schema):
    id: str
    title: str


class TrainingProgrammeOut(Schema):
    id: str
    name: str
    kind: str
    kind_label: str
    description: str
    is_open: bool = Field(..., description="A closed programme keeps its history but offers no new sessions.")
    courses: list[TrainingCourseBriefOut]


class TrainingCourseOut(Schema):
    id: str
    title: str
    summary: str
    programme_id: str
    programme: str
    programme_kind: str
    parts: list[str] = Field(..., description="Each part a person comes to, in order; a person completes the course once they come to the whole of each.")
    skills: list[str] = Field(..., description="The skills people rate their confidence in, before and after.")
    audience: list[str] = Field(..., description="The roles it is meant for; empty means everyone. Anyone in a member organisation can book it.")
    audience_words: str


class TrainingSessionOut(Schema):
    id: str
    course: TrainingCourseBriefOut
    programme: str
    part: int
    part_name: str
    starts_at: datetime
    ends_at: datetime
    format: str = Field(..., description="in-person or online")
    format_label: str
    where: str = Field(..., description="The room and venue, or 'Online'.")
    accessibility: str
    capacity: int
    places_left: int
    waiting: int = Field(..., description="People on the waiting list.")
    joining_link: str | None = Field(None, description="An online session's link: only when the token's person has a booked place on it.")
    your_place: str | None = Field(None, description="The token's person's place on it: booked, waiting or offered; null when none.")


class TrainingBookingOut(Schema):
    id: str
    status: str = Field(..., description="booked, waiting, offered or cancelled")
    status_label: str
    place_in_waiting_list: int | None = Field(None, description="1 for the first person waiting; null when not waiting.")
    offer_expires_at: datetime | None = Field(None, description="Until when a place offered is kept; accept it on the session's page.")
    session: TrainingSessionOut


class TrainingReachCountsOut(Schema):
    people: int
    trained: int = Field(..., description="Completed a course (here, or in a learning system it was imported from).")
    started: int = Field(..., description="Came to a session, and has not completed a course yet.")
    booked: int = Field(..., description="Has a place, an offer or a place on a waiting list, and has not come to a session yet.")
    not_reached: int


class TrainingReachRowOut(Schema):
    name: str
    counts: TrainingReachCountsOut


class TrainingOrganisationReachRowOut(Schema):
    name: str
    slug: str
    sector: str
    counts: TrainingReachCountsOut


class TrainingPartnershipReachOut(Schema):
    everyone: TrainingReachCountsOut = Field(..., description="Everyone in a member organisation, each person once.")
    organisations: list[TrainingOrganisationReachRowOut]
    sectors: list[TrainingReachRowOut]
    roles: list[TrainingReachRowOut]


class TrainingOrganisationReachOut(Schema):
    organisation: str
    slug: str
    everyone: TrainingReachCountsOut
    roles: list[TrainingReachRowOut]


def _counts(counts) -> dict:
    return {"people": counts.people, "trained": counts.trained, "started": counts.started, "booked": counts.booked, "not_reached": counts.not_reached}


def _organisation_row(row) -> dict:
    """A line of the reach table for one organisation: its name, address, sector and counts."""
    organisation = getattr(row, "organisation", None)
    if organisation is not None:
        slug, sector = organisation.slug, organisation.get_sector_display()
    else:
        slug, sector = getattr(row, "slug", ""), getattr(row, "sector", "")
    return {"name": row.name, "slug": slug, "sector": sector, "counts": _counts(row.counts)}


def _session_out(session, booking=None) -> dict:
    booked = booking is not None and booking.status == Booking.Status.BOOKED
    course = session.course
    return {
        "id": str(session.public_id),
        "course": {"id": str(course.public_id), "title": course.title},
        "programme": course.programme.name,
        "part": session.part,
        "part_name": session.part_name,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "format": session.format,
        "format_label": session.get_format_display(),
        "where": queries.where_words(session),
        "accessibility": "" if session.is_online else session.accessibility,
        "capacity": session.capacity,
        "places_left": queries.places_left(session),
        "waiting": queries.waiting_count(session),
        "joining_link": session.joining_link if booked and session.is_online and not session.is_cancelled else None,
        "your_place": booking.status if booking is not None and booking.status != Booking.Status.CANCELLED else None,
    }


def _booking_out(booking) -> dict:
    return {
        "id": str(booking.public_id),
        "status": booking.status,
        "status_label": booking.get_status_display(),
        "place_in_waiting_list": queries.place_in_waiting_list(booking),
        "offer_expires_at": booking.offer_expires_at if booking.status == Booking.Status.OFFERED else None,
        "session": _session_out(booking.session, booking),
    }


def _why(error: ValidationError) -> str:
    return " ".join(message.rstrip(".") + "." for message in error.messages)


@router.get("/programmes", response=list[TrainingProgrammeOut], auth=personal_token, summary="The training programmes and their courses")
def programmes(request):
    return [
        {
            "id": str(programme.public_id),
            "name": programme.name,
            "kind": programme.kind,
            "kind_label": programme.get_kind_display(),
            "description": programme.description,
            "is_open": programme.is_open,
            "courses": [{"id": str(course.public_id), "title": course.title} for course in programme.courses.all()],
        }
        for programme in queries.programmes()
    ]


@router.get("/courses", response=list[TrainingCourseOut], auth=personal_token, summary="The courses open for booking")
def courses(request):
    """Open courses in open programmes, whoever they are meant for (`audience` says)."""
    found = Course.objects.filter(is_open=True, programme__is_open=True).select_related("programme").order_by("programme__name", "title")
    return [
        {
            "id": str(course.public_id),
            "title": course.title,
            "summary": course.summary,
            "programme_id": str(course.programme.public_id),
            "programme": course.programme.name,
            "programme_kind": course.programme.kind,
            "parts": list(course.parts or []),
            "skills": list(course.skills or []),
            "audience": list(course.audience or []),
            "audience_words": course.audience_words(),
        }
        for course in found
    ]


@router.get("/sessions", response=list[TrainingSessionOut], auth=personal_token, summary="Sessions to come, with places left")
def sessions(request, course: UUID | None = None):
    """Sessions going ahead that have not started, soonest first; `course` (a course's id) narrows them."""
    chosen = None
    if course is not None:
        chosen = Course.objects.filter(public_id=course).first()
        if chosen is None:
            return []
    found = list(queries.upcoming_sessions(chosen).filter(course__is_open=True, course__programme__is_open=True))
    own = {b.session_id: b for b in Booking.objects.filter(person=request.auth, session__in=[s.pk for s in found])}
    return [_session_out(session, own.get(session.pk)) for session in found]


@router.get("/my/bookings", response=list[TrainingBookingOut], auth=personal_token, summary="Your places on sessions to come")
def my_bookings(request):
    """Your places, offers and places on waiting lists for sessions still to come, soonest first."""
    places = list(queries.my_places(request.auth))
    counted = {s.pk: s for s in queries.with_places(TrainingSession.objects.filter(pk__in=[b.session_id for b in places]))}
    for booking in places:
        booking.session = counted.get(booking.session_id, booking.session)
    return [_booking_out(booking) for booking in places]


@router.post(
    "/sessions/{session_id}/book",
    response={201: TrainingBookingOut, 403: Error, 409: Error},
    auth=personal_token,
    summary="Book a place, or join the waiting list",
)
def book(request, session_id: UUID):
    """Book a place on a session; when it is full, join its waiting list. Either way you are told by e-mail, as on the page."""
    session = queries.session_by_id(session_id)
    if session is None:
        raise Http404
    try:
        booking = services.book(session, by=request.auth)
    except ValidationError as error:
        return 409, {"detail": _why(error)}
    return 201, _booking_out(Booking.objects.select_related("session", "session__course", "session__course__programme").get(pk=booking.pk))


@router.post(
    "/my/bookings/{booking_id}/cancel",
    response={200: TrainingBookingOut, 403: Error, 409: Error},
    auth=personal_token,
    summary="Cancel your place, your offer or your place on a waiting list",
)
def cancel(request, booking_id: UUID):
    """Cancel one of your own places before the session starts; a place freed is offered to the next person waiting."""
    booking = (
        Booking.objects.select_related("session", "session__course", "session__course__programme").filter(public_id=booking_id, person=request.auth).first()
    )
    if booking is None:
        raise Http404
    if booking.status == Booking.Status.CANCELLED:
        return 409, {"detail": rules.NOTHING_TO_CANCEL + "."}
    if booking.session.has_started:
        return 409, {"detail": STARTED + "."}
    try:
        services.cancel_place(booking, by=request.auth)
    except ValidationError as error:
        return 409, {"detail": _why(error)}
    booking.refresh_from_db()
    return 200, _booking_out(booking)


@router.get("/reach", response={200: TrainingPartnershipReachOut, 403: Error}, auth=personal_token, summary="Reach across the partnership, in counts")
def reach(request):
    """Everyone in the partnership's workforce counted once at the furthest they have come; and by organisation, sector and role."""
    if not permissions.can_see_reach(request.auth):
        raise Refused(NO_REACH)
    found = queries.partnership_reach()
    return 200, {
        "everyone": _counts(found.everyone),
        "organisations": [_organisation_row(row) for row in found.organisations],
        "sectors": [{"name": row.name, "counts": _counts(row.counts)} for row in found.sectors],
        "roles": [{"name": row.name, "counts": _counts(row.counts)} for row in found.roles],
    }


@router.get(
    "/reach/{organisation_slug}",
    response={200: TrainingOrganisationReachOut, 403: Error},
    auth=personal_token,
    summary="Reach in one organisation, in counts",
)
def organisation_reach(request, organisation_slug: str):
    """An organisation's people counted at the furthest they have come, all together and by role: its own lead, and the partnership leads."""
    organisation = Organisation.objects.filter(slug=organisation_slug, is_active=True).first() if SLUG.fullmatch(organisation_slug) else None
    if organisation is None:
        raise Http404
    if not permissions.can_see_organisation_reach(request.auth, organisation):
        raise Refused(NOT_YOUR_ORGANISATION)
    everyone, roles = queries.organisation_reach(organisation)
    return 200, {
        "organisation": organisation.name,
        "slug": organisation.slug,
        "everyone": _counts(everyone),
        "roles": [{"name": row.name, "counts": _counts(row.counts)} for row in roles],
    }
