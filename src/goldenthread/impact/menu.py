"""What impact adds to the menu and to a person's home page: one menu link for the people who see the figures, and each part's cards."""

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
    if permissions.sees_figures(user):
        return [("Impact", reverse("impact:home"))]
    return []


def home_cards(user):
    return [card for _, part in PARTS for card in part.home_cards(user)]


def home_links(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The impact home page's sections, one per part that has links for this person."""
    return [(title, links) for title, part in PARTS if (links := part.home_links(user))]
