"""What training adds to the menu and to a person's home page."""

from django.urls import reverse
from django.utils import timezone

from . import permissions, queries


def navigation(user):
    if permissions.can_run_training(user):
        return [("Training", reverse("training:manage"))]
    if permissions.is_member(user):
        return [("Training", reverse("training:home"))]
    return []


def _places_text(places) -> str:
    booked = [b for b in places if b.status == b.Status.BOOKED]
    if not booked:
        return "You have no training booked at the moment."
    first = booked[0]
    count = len(booked)
    return (
        f"You have {count} training session{'s' if count != 1 else ''} booked. "
        f"The next is {first.session.course.title} on {queries.long_date(timezone.localtime(first.session.starts_at).date())}."
    )


def home_cards(user):
    cards = []
    if permissions.is_member(user):
        places = list(queries.my_places(user))
        waiting = sum(1 for b in places if b.status == b.Status.WAITING)
        cards.append(
            {
                "title": "Training",
                "text": _places_text(places),
                "extra": f"You are on {waiting} waiting list{'s' if waiting != 1 else ''}." if waiting else "",
                "links": [
                    ("Find a course", reverse("training:courses")),
                    ("Your training record", reverse("training:record")),
                    ("Aha moments people have shared", reverse("training:aha-moments")),
                ],
            }
        )
    if permissions.can_run_training(user):
        sessions = list(queries.sessions_to_run(days=28))
        waiting = sum(session.waiting_count for session in sessions)
        text = f"{len(sessions)} session{'s' if len(sessions) != 1 else ''} in the next four weeks."
        if waiting:
            text += f" {waiting} {'person is' if waiting == 1 else 'people are'} on waiting lists."
        cards.append(
            {
                "title": "Run the training programme",
                "text": text,
                "links": [
                    ("Programmes, courses and sessions", reverse("training:manage")),
                    ("Add a programme", reverse("training:programme-add")),
                    ("Reach across the partnership", reverse("training:reach")),
                ],
            }
        )
    cards.extend(_organisation_cards(user))
    return cards


def _organisation_cards(user):
    """For an organisation lead: how far the training has reached in each organisation they lead."""
    cards = []
    for organisation in permissions.organisations_led(user):
        counts, _ = queries.organisation_reach(organisation)
        cards.append(
            {
                "title": f"Training in {organisation.name}",
                "text": f"{counts.came:,} of {counts.people:,} people ({counts.came_percent}%) have come to training; {counts.booked:,} more booked.",
                "links": [("Who is trained, booked or not reached yet", reverse("training:reach-organisation", args=[organisation.slug]))],
            }
        )
    return cards
