"""What waits for a person in training, for the "Waiting for you" list on their home page.

Two hand-overs: a place offered from a waiting list, kept for the person until a time (they
are e-mailed when it is offered); and, for a session's trainers, a register to take once the
session has started. Each notice is gone once the person answers the offer or takes the register.
And the three-month follow-up on practice, until the person answers it.
"""

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.registry import Waiting

from . import queries
from .evaluation import follow_ups_waiting_for


def _closes(moment) -> str:
    local = timezone.localtime(moment)
    return f"{queries.long_date(local.date())} at {local:%H:%M}"


def waiting(user) -> list[Waiting]:
    notices = []
    for booking in queries.offers_waiting_for(user):
        session = booking.session
        notices.append(
            Waiting(
                what=f"Say whether you would like a place on {session.course.title}",
                about=f"A place came free on {queries.when_words(session)}. It is kept for you until {_closes(booking.offer_expires_at)}.",
                link=reverse("training:offer", args=[session.public_id]),
                due=timezone.localtime(booking.offer_expires_at).date(),
            )
        )
    for session in queries.registers_waiting_for(user):
        notices.append(
            Waiting(
                what=f"Take the register for {session.course.title}",
                about=f"The session on {queries.when_words(session)} has started or taken place. Record who came.",
                link=reverse("training:register", args=[session.public_id]),
                since=session.starts_at,
            )
        )
    for follow_up in follow_ups_waiting_for(user):
        notices.append(
            Waiting(
                what=f"Say what has changed in your work since {follow_up.course.title}",
                about="Three short questions, three months after the course. Your answers are only counted with other people's.",
                link=reverse("training:follow-up", args=[follow_up.public_id]),
                since=follow_up.sent_at,
            )
        )
    return notices
