"""What the stories part adds to a person's home page and to the programme's home page (gathered by ../menu.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from . import permissions, queries

NEWS_FOR_DAYS = 30


def home_cards(user) -> list:
    """A card only when there is news: the person's own story approved in the last month."""
    approved = list(queries.recently_approved_for(user, timezone.now() - timedelta(days=NEWS_FOR_DAYS))[:3])
    if not approved:
        return []
    titles = "; ".join(f"‘{story.title}’" for story in approved)
    return [
        {
            "title": "Your story is shared" if len(approved) == 1 else "Your stories are shared",
            "text": f"Thank you. {titles} {'is' if len(approved) == 1 else 'are'} approved and shared.",
            "links": [(f"Read ‘{story.title}’", reverse("programme:stories-detail", args=[story.public_id])) for story in approved],
        }
    ]


def home_links(user):
    """This part's section on the programme's home page, or None when it has nothing for this person."""
    if not permissions.can_read_stories(user):
        return None
    links = [("Read stories of practice", reverse("programme:stories-list"))]
    if permissions.can_share_story(user):
        links += [("Share a story", reverse("programme:stories-share")), ("Your stories", reverse("programme:stories-mine"))]
    if permissions.can_approve_stories(user):
        links.append(("Stories waiting for approval", reverse("programme:stories-waiting")))
    links.append(("Stories shared with the public", reverse("programme:stories-public")))
    return ("Stories of practice", links)
