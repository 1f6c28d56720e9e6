"""Finding training: the training home page, courses for your role, a course and its sessions, a session and your place on it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import forms, permissions, queries
from ..models import Booking
from ._common import READ, course_page, require, session_page

ENDED_FOR_YOU = {
    Booking.EndedBecause.CANCELLED_BY_PERSON: "You cancelled your place on this session.",
    Booking.EndedBecause.OFFER_DECLINED: "You said no to the place offered to you on this session.",
    Booking.EndedBecause.OFFER_LAPSED: "A place was kept for you on this session, and the time to accept it passed.",
    Booking.EndedBecause.SESSION_CANCELLED: "You had a place on this session before it was cancelled.",
    Booking.EndedBecause.CANCELLED_BY_TRAINER: "A trainer cancelled your place on this session.",
}


@login_required
@require_http_methods(list(READ))
def home(request):
    """Your places and offers, and where to find more."""
    user = request.user
    require(permissions.can_find_courses(user))
    places = list(queries.my_places(user))
    return render(
        request,
        "training/home.html",
        {
            "offers": [b for b in places if b.status == Booking.Status.OFFERED],
            "booked": [b for b in places if b.status == Booking.Status.BOOKED],
            "waiting": [b for b in places if b.status == Booking.Status.WAITING],
            "is_member": permissions.is_member(user),
            "can_run_training": permissions.can_run_training(user),
            "organisations_led": permissions.organisations_led(user),
        },
    )


@login_required
@require_http_methods(list(READ))
def courses(request):
    """Courses open for booking: for your role unless you ask for all, by programme and by how they are held."""
    user = request.user
    require(permissions.can_find_courses(user))
    form = forms.CourseFilterForm(request.GET or None)
    values = form.values() if form.is_bound else {"for_my_role": True, "kind": "", "format": ""}
    if not form.is_bound:
        form = forms.CourseFilterForm(initial={"show": "mine"})
    listings = queries.courses_to_find(user, **values)
    return render(
        request,
        "training/courses.html",
        {"form": form, "listings": listings, "has_roles": bool(queries.roles_of(user)), "for_my_role": values["for_my_role"]},
    )


@course_page(*READ)
def course_detail(request, course):
    """A course, its parts and its sessions coming up; for trainers, every session and the ways to change them."""
    user = request.user
    require(permissions.can_find_courses(user))
    runs = permissions.can_run_training(user)
    sessions = list(queries.sessions_of(course) if runs else queries.upcoming_sessions(course))
    mine = {b.session_id: b for b in Booking.objects.filter(person=user, session__course=course).exclude(status=Booking.Status.CANCELLED)}
    rows = [{"session": s, "places_left": queries.places_left(s), "waiting": queries.waiting_count(s), "mine": mine.get(s.pk)} for s in sessions]
    return render(request, "training/course.html", {"course": course, "rows": rows, "can_run_training": runs})


@session_page(*READ)
def session_detail(request, session):
    """When and where, places left, and your place: book, join the waiting list, answer an offer, cancel, add to your calendar."""
    user = request.user
    require(permissions.can_view_session(user, session))
    booking = permissions.own_booking(user, session)
    places_left = queries.places_left(session)
    waiting = queries.waiting_count(session)
    live = booking is not None and booking.status != Booking.Status.CANCELLED
    return render(
        request,
        "training/session.html",
        {
            "session": session,
            "course": session.course,
            "booking": booking if live else None,
            "ended_words": ENDED_FOR_YOU.get(booking.ended_because, "") if booking is not None and not live else "",
            "places_left": places_left,
            "waiting_count": waiting,
            "place_in_list": queries.place_in_waiting_list(booking),
            "will_book": places_left > waiting,
            "can_book": permissions.can_book(user, session) and not live,
            "needs_organisation": not permissions.is_member(user),
            "can_see_link": permissions.can_see_joining_link(user, session),
            "can_cancel": permissions.can_cancel_place(user, booking),
            "can_answer_offer": permissions.can_answer_offer(user, booking),
            "came": permissions.came_to(user, session),
            "feedback": queries.own_feedback(user, session),
            "can_run_training": permissions.can_run_training(user),
            "can_change": permissions.can_change_session(user, session),
            "when": queries.when_words(session),
            "where": queries.where_words(session),
        },
    )
