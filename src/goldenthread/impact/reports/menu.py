"""What the golden thread and board reports add to a person's home page and to the impact home page."""

from django.urls import reverse

from goldenthread.impact.permissions import is_partnership_team, organisations_seen

from . import permissions


def home_links(user) -> list[tuple[str, str]]:
    """The golden thread (the partnership's and each organisation's the person sees) and the board reports."""
    if not permissions.can_see_thread(user):
        return []
    links = [("The golden thread for the partnership", reverse("impact:thread"))]
    if not is_partnership_team(user):
        links += [(f"The golden thread for {each.name}", reverse("impact:thread_organisation", args=[each.pk])) for each in organisations_seen(user)]
    links.append(("Board reports", reverse("impact:reports")))
    return links


def home_cards(user) -> list:
    if not permissions.can_see_thread(user):
        return []
    return [
        {
            "title": "The golden thread",
            "text": "Follow the way of working from each pledge to what families tell us: where the thread is strong, and where it breaks.",
            "links": home_links(user),
        }
    ]
