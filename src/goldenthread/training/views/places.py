"""Your place on a session: book it or join the waiting list, cancel it, answer an offer, add it to your calendar."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from goldenthread.core.decorators import no_store
from goldenthread.core.pages import form_page

from .. import forms, ics, permissions, queries, services
from ..models import Booking
from ._common import FORM, READ, post_or_none, require, session_page, session_url


@session_page("POST")
def book(request, session):
    """The 'Book a place' (or 'Join the waiting list') button: booked or waiting, then back to the session with what happened."""
    try:
        booking = services.book(session, by=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect(session_url(session))
    if booking.status == Booking.Status.BOOKED:
        messages.success(request, "Your place is booked. We have sent you an e-mail with the details.")
    else:
        number = queries.place_in_waiting_list(booking)
        messages.success(
            request, f"The session is full, so you are on the waiting list (number {number}). If a place comes free, we will offer it to you by e-mail."
        )
    return redirect(session_url(session))


CANCELLED_WORDS = {
    Booking.Status.BOOKED: "Your place is cancelled. Thank you for letting us know: it can now go to someone else.",
    Booking.Status.OFFERED: "Thank you: the place offered to you will go to the next person waiting.",
    Booking.Status.WAITING: "You have left the waiting list.",
}


@session_page(*FORM)
def cancel_place(request, session):
    """Are you sure? Then the place (or the offer, or the place in the waiting list) is released."""
    user = request.user
    booking = permissions.own_booking(user, session)
    require(permissions.can_cancel_place(user, booking), "You have no place on this session to cancel, or it has already started.")
    status = booking.status
    return form_page(
        request,
        forms.ConfirmForm(post_or_none(request)),
        template="training/cancel_place.html",
        context={"session": session, "booking": booking, "when": queries.when_words(session)},
        action=lambda _: services.cancel_place(booking, by=user),
        success_message=CANCELLED_WORDS.get(status),
        success_url=session_url(session),
    )


@session_page(*FORM)
def offer(request, session):
    """A place offered from the waiting list: yes (it is booked) or no (it goes to the next person)."""
    user = request.user
    booking = permissions.own_booking(user, session)
    if not permissions.can_answer_offer(user, booking):
        require(request.method != "POST", "There is no place offered to you on this session at the moment.")
        return render(request, "training/offer_gone.html", {"session": session, "booking": booking})
    return form_page(
        request,
        forms.OfferForm(post_or_none(request)),
        template="training/offer.html",
        context={"session": session, "booking": booking, "when": queries.when_words(session), "where": queries.where_words(session)},
        action=lambda data: services.answer_offer(booking, by=user, accept=data["answer"] == "yes"),
        success_message=lambda answered: (
            "The place is yours. We have sent you an e-mail with the details."
            if answered.status == Booking.Status.BOOKED
            else "Thank you for letting us know. The place will go to the next person waiting."
        ),
        success_url=session_url(session),
    )


@no_store
@session_page(*READ)
def calendar(request, session):
    """The session as a calendar file; an online session's link only for those who may see it."""
    user = request.user
    require(permissions.can_view_session(user, session))
    body = ics.session_ics(session, with_link=permissions.can_see_joining_link(user, session))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    day = timezone.localtime(session.starts_at).date()
    response["Content-Disposition"] = f'attachment; filename="training-{day:%Y-%m-%d}.ics"'
    return response
