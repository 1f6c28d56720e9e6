"""What impact adds to the menu and to a person's home page: a card for the people who see the figures, and each part's cards."""

from django.urls import reverse

from . import permissions
from .feedback import menu as feedback_menu
from .indicators import menu as indicators_menu
from .quality import menu as quality_menu
from .reports import menu as reports_menu
from .theory import menu as theory_menu

PARTS = (
    ("The golden thread and board reports", reports_menu),
    ("Theory of change", theory_menu),
    ("Indicators", indicators_menu),
    ("What families tell us", feedback_menu),
    ("Quality assurance of records", quality_menu),
)


def navigation(user):
    """No link in the menu: a lead's menu is full, so impact is reached from the home page, which keeps the menu on one row."""
    return []


def home_cards(user):
    cards = [card for _, part in PARTS for card in part.home_cards(user)]
    if permissions.sees_figures(user):
        cards.insert(
            0,
            {
                "title": "Impact",
                "text": "The theory of change, the indicators against their targets, what families tell us, the quality of records and the reports for the boards, in one place.",
                "links": [("Open impact", reverse("impact:home"))],
            },
        )
    return cards


def home_links(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The impact home page's sections, one per part that has links for this person."""
    return [(title, links) for title, part in PARTS if (links := part.home_links(user))]
