"""What core adds to the menu and home page: the audit log and API tokens."""

from django.urls import reverse

from .permissions import can_read_audit_log


def navigation(user):
    if can_read_audit_log(user):
        return [("Audit log", reverse("core:audit-log"))]
    return []


def home_cards(user):
    cards = []
    if user.is_authenticated:
        cards.append(
            {
                "title": "Programmes that read our data",
                "text": "Make or revoke tokens that let a programme read the API as you.",
                "links": [("Your API tokens", reverse("core:tokens"))],
            }
        )
    if can_read_audit_log(user):
        cards.append(
            {
                "title": "Audit log",
                "text": "See every sign-in and every change made on the site, by whom and when.",
                "links": [("Read the audit log", reverse("core:audit-log"))],
            }
        )
    return cards
