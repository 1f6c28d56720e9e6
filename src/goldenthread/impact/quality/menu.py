"""What the quality part adds to a person's home page and the impact home page."""

from django.urls import reverse

from . import permissions


def home_cards(user) -> list:
    """A card for an appointed auditor: where their audits are (what waits for them is in "Waiting for you")."""
    if not permissions.is_appointed(user):
        return []
    return [
        {
            "title": "Quality assurance of records",
            "text": "You are one of the partnership's auditors. Read the records drawn for you, with the language check alongside, and grade them against the audit questions.",
            "links": [("Your audits", reverse("impact:quality")), ("The audit questions", reverse("impact:quality_questions"))],
        }
    ]


def home_links(user) -> list[tuple[str, str]]:
    """Links (words, address) for the impact home page's section on this part, for this person."""
    links = []
    if permissions.is_auditor(user):
        links.append(("Your audits", reverse("impact:quality")))
        links.append(("Draw a sample of records", reverse("impact:quality_draw")))
    if permissions.can_appoint(user):
        links.append(("Auditors", reverse("impact:quality_auditors")))
    if permissions.can_see_results(user):
        links.append(("Audit results by question", reverse("impact:quality_results")))
        if not permissions.is_auditor(user):
            links.insert(0, ("Quality assurance of records", reverse("impact:quality")))
    if links or permissions.can_read_questions(user):
        links.append(("The audit questions", reverse("impact:quality_questions")))
    return links
