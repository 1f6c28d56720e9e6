"""What the writing figures add to the menu and to a person's home page."""

from django.urls import reverse

from . import permissions


def navigation(user):
    if permissions.can_see_organisation_figures(user):
        return [("Writing", reverse("language_monitoring:figures"))]
    return []


def home_cards(user):
    cards = []
    if permissions.can_see_organisation_figures(user):
        cards.append(
            {
                "title": "How our writing measures up",
                "text": "The share of records written in the shared language, by organisation, kind of record and month, and what the check finds most often. Counts only: no record's words and no one's name.",
                "links": [("See the writing figures", reverse("language_monitoring:figures"))],
            }
        )
    if permissions.can_see_own_writing(user):
        cards.append(
            {
                "title": "Your writing",
                "text": "How the records you write measure up against the shared language, month by month. Only you see these figures.",
                "links": [("See how your writing measures up", reverse("language_monitoring:yours"))],
            }
        )
    return cards
