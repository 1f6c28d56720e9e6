"""The words of the e-mails the language rules send: each returns (subject, body), sent with `core.mail.send_later`.

Each says what happened and the page to go to; none repeats the rule's examples.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def link(name: str, *args) -> str:
    """The full address of one of our pages, on the partnership's own address."""
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def _hello(person) -> str:
    return f"Hello {person.full_name or person.email},"


def _proposer(version) -> str:
    return version.proposed_by.full_name if version.proposed_by else "A language lead"


def waiting_for_review(version, reviewer) -> tuple[str, str]:
    """A proposal waits for a second person to review it."""
    subject = f"A language rule is waiting for your review: {version.rule.rule_id}"
    body = (
        f"{_hello(reviewer)}\n\n"
        f"{_proposer(version)} has proposed version {version.number} of the language rule {version.rule.rule_id}. "
        "It needs a second person to review it before it can be published.\n\n"
        f"You can read it, and approve it or send it back with a note, here:\n{link('language_rules:review', version.public_id)}\n"
    )
    return subject, body


def ready_to_publish(version, lead) -> tuple[str, str]:
    """An approved proposal waits for a language lead to publish it."""
    subject = f"A language rule is ready to publish: {version.rule.rule_id}"
    body = (
        f"{_hello(lead)}\n\n"
        f"Version {version.number} of the language rule {version.rule.rule_id} has been reviewed and approved. "
        "Once a language lead publishes it, every check the site makes uses it.\n\n"
        f"You can publish it here:\n{link('language_rules:publish', version.public_id)}\n"
    )
    return subject, body


def sent_back(version, review) -> tuple[str, str]:
    """A proposal comes back to the person who proposed it, with the reviewer's note."""
    subject = f"Your language rule has come back with a note: {version.rule.rule_id}"
    body = (
        f"{_hello(version.proposed_by)}\n\n"
        f"Thank you for proposing version {version.number} of {version.rule.rule_id}. The person who reviewed it has a note for you:\n\n"
        f"{review.reason}\n\n"
        f"You can propose a new version here:\n{link('language_rules:change', version.rule.rule_id)}\n"
    )
    return subject, body
