"""The main menu and the home page (its cards, and what waits for the person): each app registers what it adds (see `core.registry`)."""

from .registry import home_cards_for, menu_for, waiting_for


def navigation_for(user):
    return menu_for(user)


__all__ = ["home_cards_for", "navigation_for", "waiting_for"]
