"""What the roadmap part adds to the programme's home page (gathered by ../menu.py): a section, "The shared roadmap"."""

from django.urls import reverse

from . import permissions, queries

HEADING = "The shared roadmap"


def home_cards(user) -> list:
    return []


def home_links(user):
    """This part's section on the programme's home page, as (heading, [(words, address), ...]), or None when it has nothing for this person."""
    if not permissions.can_see_roadmap(user):
        return None
    home = reverse("programme:roadmap-home")
    links = []
    own = queries.own_organisations(user)
    if own:
        links.append((f"The part of the roadmap for {own[0].name}", f"{home}?part={own[0].slug}"))
        links.append(("The whole roadmap", f"{home}?part=all"))
    else:
        links.append(("The roadmap: milestones for the whole system, each sector and each organisation", home))
    if permissions.can_add_milestones(user):
        links.append(("Add a milestone", reverse("programme:roadmap-add")))
    return HEADING, links
