"""The main menu: each app says which links a person may see, core puts them together."""

from importlib import import_module

from django.conf import settings


def navigation_for(user):
    links = [("Home", "/")]
    for path in settings.GOLDENTHREAD_SECTIONS:
        section = import_module(path)
        links.extend(section.navigation(user))
    return links


def home_cards_for(user):
    """What a person can do, from every app, for their home page."""
    cards = []
    for path in settings.GOLDENTHREAD_SECTIONS:
        section = import_module(path)
        cards.extend(section.home_cards(user))
    return cards
