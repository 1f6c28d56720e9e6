"""What the feedback part adds to a person's home page and the impact home page."""

from django.urls import reverse

from . import permissions


def home_cards(user) -> list:
    return []


def home_links(user) -> list[tuple[str, str]]:
    """Links (words, address) for the impact home page's section on this part, for this person."""
    links = []
    if permissions.sees_results(user):
        links.append(("Family feedback results, by service and month", reverse("impact:feedback_results")))
    if permissions.keeps_open_links(user):
        links.append(("Open survey links", reverse("impact:feedback_open_links")))
    if permissions.may_send_at_all(user):
        links.append(("Ask a family for feedback", reverse("impact:feedback_send_list")))
    return links
