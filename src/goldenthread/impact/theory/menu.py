"""What the theory part adds to a person's home page and the impact home page."""

from django.urls import reverse

from . import permissions, queries


def home_cards(user) -> list:
    """A card for everyone in the workforce once a theory of change is in force: what we do together, and what we hope changes."""
    if not permissions.can_read(user) or queries.in_force() is None:
        return []
    return [
        {
            "title": "Our theory of change",
            "text": "What the partnership does together, the changes we hope to see for children, families, the workforce and the system, and how we will know.",
            "links": [("Read the theory of change", reverse("impact:theory"))],
        }
    ]


def home_links(user) -> list[tuple[str, str]]:
    """Links (words, address) for the impact home page's section on this part, for this person."""
    if not permissions.can_read(user):
        return []
    links = [("The theory of change in force", reverse("impact:theory")), ("Earlier versions", reverse("impact:theory_versions"))]
    if permissions.can_keep(user):
        draft = queries.draft()
        links.append((f"The draft of version {draft.number}" if draft else "Start a draft of the next version", reverse("impact:theory_draft")))
    return links
