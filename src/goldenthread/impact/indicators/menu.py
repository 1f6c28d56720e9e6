"""What the indicators part adds to a person's home page and the impact home page."""

from django.urls import reverse

from . import permissions, queries


def home_cards(user) -> list:
    """For the partnership team and organisation leads: the indicators, and how many are in use (their figures are on the page, not worked out here)."""
    if not permissions.can_see_indicators(user):
        return []
    in_use = queries.indicators().count()
    if not in_use:
        return []
    words = f"The partnership follows {in_use} indicator{'' if in_use == 1 else 's'} of its theory of change, each with its figure, target and trend."
    return [{"title": "The partnership's indicators", "text": words, "links": [("The indicators", reverse("impact:indicators"))]}]


def home_links(user) -> list[tuple[str, str]]:
    """Links (words, address) for the impact home page's section on this part, for this person."""
    if not permissions.can_see_indicators(user):
        return []
    links = [("The indicators and how each is doing", reverse("impact:indicators"))]
    if permissions.can_keep_indicators(user):
        links.append(("Add an indicator", reverse("impact:indicator_add")))
    return links
