"""What the resources part adds to the programme's home page (gathered by ../menu.py): a section, "Resources"."""

from django.urls import reverse

from . import permissions


def home_cards(user) -> list:
    return []


def home_links(user):
    """This part's section on the programme's home page, as (heading, [(words, address), ...]), or None when it has nothing for this person."""
    if not permissions.can_read_library(user):
        return None
    links = [("Find guides, tools, templates and recordings", reverse("programme:resources-library"))]
    if permissions.can_add(user):
        links.append(("Add a resource to the library", reverse("programme:resources-add")))
    return ("Resources", links)
