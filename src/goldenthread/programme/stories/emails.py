"""The words of the e-mails the stories part sends: each returns (subject, body), sent with `core.mail.send_later`.

None carries the story's words: the e-mail says what happened and the page to go to.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def link(name: str, *args) -> str:
    """The full address of one of our pages, on the partnership's own address."""
    return settings.GOLDENTHREAD_SITE_URL + reverse(name, args=args)


def _hello(person) -> str:
    return f"Hello {person.full_name or person.email},"


def waiting_for_approval(story, approver) -> tuple[str, str]:
    """A story from the approver's organisation waits for a champion or lead to approve it."""
    subject = f"A story of practice is waiting for approval: {story.title}"
    body = (
        f"{_hello(approver)}\n\n"
        f"A colleague from {story.organisation.name} has shared a story of practice, ‘{story.title}’. "
        "It is waiting for a champion or lead to approve it before others can read it.\n\n"
        f"You can read it, and approve it or send it back with a few kind words, here:\n{link('programme:stories-decide', story.public_id)}\n"
    )
    return subject, body


def approved(story) -> tuple[str, str]:
    where = "on the partnership's public stories page" if story.reach == story.Reach.PUBLIC else "for everyone who works in the partnership"
    subject = f"Your story is approved: {story.title}"
    body = (
        f"{_hello(story.author)}\n\n"
        f"Thank you for sharing ‘{story.title}’. It is approved, and it is now shared {where}.\n\n"
        f"You can read it here:\n{link('programme:stories-detail', story.public_id)}\n\n"
        "You can withdraw it at any time from the same page, and it will leave every page at once.\n"
    )
    return subject, body


def sent_back(story) -> tuple[str, str]:
    subject = f"Your story has come back with a note: {story.title}"
    body = (
        f"{_hello(story.author)}\n\n"
        f"Thank you for sharing ‘{story.title}’. Before it is shared, the person who read it has a suggestion for you:\n\n"
        f"{story.sent_back_reason}\n\n"
        f"You can change it and send it again here:\n{link('programme:stories-edit', story.public_id)}\n"
    )
    return subject, body
