"""What the language rules add to the menu and to a person's home page."""

from django.urls import reverse

from . import permissions


def navigation(user):
    """No link in the menu: the rules are reached from the home page, which keeps the menu on one row."""
    return []


def home_cards(user):
    if not permissions.can_read_rules(user):
        return []
    links = [("See the partnership's language rules", reverse("language_rules:list"))]
    if permissions.can_propose(user):
        links.append(("Propose a language rule", reverse("language_rules:propose")))
    links.append(("Download the partnership's rules (a lexicon .toml file)", reverse("language_rules:download")))
    return [
        {
            "title": "The partnership's language rules",
            "text": "The words the shared-language check looks for, beyond the ones it comes with: proposed by language leads, reviewed by a second person, then published.",
            "links": links,
        }
    ]
