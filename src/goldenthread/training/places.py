"""A session's places: booked, offered from the waiting list, lapsed, ended; each change with the session's row locked.

The services (a person books, cancels or answers an offer; a trainer changes or cancels a
session) and the background task that passes on a lapsed offer both work through here. It
queues no task: `offer_free_places` returns the offers it made, and its caller queues the end
of each (`tasks.schedule_offer_ends`) in the same transaction. So `services` imports `tasks`,
both import this module, and this module imports neither.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from goldenthread.core.mail import send_later

from . import emails, queries, rules
from .models import Booking, TrainingSession


def tell(person, words: tuple[str, str]) -> None:
    """E-mail a person once the change is saved (nobody whose account is closed)."""
    if person.is_active:
        send_later(person.email, *words)


def locked(session) -> TrainingSession:
    """The session's row, locked until the transaction ends: every change to its places goes through here."""
    return TrainingSession.objects.select_for_update(of=("self",)).select_related("course", "course__programme").get(pk=session.pk)


def end(booking, because, now=None) -> None:
    booking.status = Booking.Status.CANCELLED
    booking.ended_because = because
    booking.ended_at = now or timezone.now()
    booking.save()


def offer_closes_at(session, now=None) -> datetime:
    """How long a place offered now is kept: the offer time, but never later than a little before the session starts."""
    now = now or timezone.now()
    return min(now + rules.OFFER_TIME, session.starts_at - rules.OFFER_CLOSES_BEFORE_START)


def _lapse(booking, now) -> None:
    """An offer whose time passed: the place is released, and the person told gently, with a way back."""
    end(booking, Booking.EndedBecause.OFFER_LAPSED, now)
    tell(booking.person, emails.offer_lapsed(booking))


def offer_free_places(session, now=None) -> list[Booking]:
    """Lapse offers whose time has passed, then offer each free place to the next person waiting. Call with the session locked.

    Returns the offers made; the caller queues the end of each (`tasks.schedule_offer_ends`) before the transaction ends.
    """
    now = now or timezone.now()
    for stale in session.bookings.filter(status=Booking.Status.OFFERED, offer_expires_at__lte=now).select_related("person"):
        stale.session = session
        _lapse(stale, now)
    if session.is_cancelled or offer_closes_at(session, now) <= now:
        return []  # too close to the start to offer: the people waiting stay waiting
    free = session.capacity - session.bookings.filter(status__in=queries.HOLDING).count()
    offered = []
    if free <= 0:
        return offered
    for booking in session.bookings.filter(status=Booking.Status.WAITING, person__is_active=True).select_related("person").order_by("queued_at", "id")[:free]:
        booking.session = session
        booking.status = Booking.Status.OFFERED
        booking.offer_expires_at = offer_closes_at(session, now)
        booking.save()
        tell(booking.person, emails.offered(booking))
        offered.append(booking)
    return offered


def pass_on_lapsed_offer(booking) -> list[Booking] | None:
    """The time to accept an offer has passed: release it and offer the place to the next person. Call inside a transaction.

    None when the offer had been answered, cancelled or moved on already; otherwise the offers
    made in its place, whose ends the caller queues in the same transaction.
    """
    session = locked(booking.session)
    current = Booking.objects.get(pk=booking.pk)
    if not current.offer_has_lapsed:
        return None
    return offer_free_places(session)
