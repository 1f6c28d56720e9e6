"""What the programme adds to the menu and to a person's home page: one menu link, and each part's cards."""

from django.urls import reverse

from . import permissions
from .champions import menu as champions_menu
from .resources import menu as resources_menu
from .roadmap import menu as roadmap_menu
from .stories import menu as stories_menu
from .work import menu as work_menu

PARTS = (work_menu, roadmap_menu, resources_menu, stories_menu, champions_menu)


def navigation(user):
    if permissions.is_workforce(user):
        return [("Programme", reverse("programme:home"))]
    return []


def home_cards(user):
    return [card for part in PARTS for card in part.home_cards(user)]


def home_links(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The programme home page's sections, one per part that has links for this person."""
    return [links for part in PARTS if (links := part.home_links(user))]
