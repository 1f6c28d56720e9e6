"""What waits for a person in the stories part: a story to approve (champions, leads, and the partnership team where an organisation has neither), and one's own story sent back with a note."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    notices = []
    for story in queries.handed_to(user):
        notices.append(
            Waiting(
                what=f"Read a story of practice and approve it or send it back: {story.title}",
                about=f"Shared by a colleague from {story.organisation.name}. Nobody else sees it until it is approved.",
                link=reverse("programme:stories-decide", args=[story.public_id]),
                since=story.sent_for_approval_at,
            )
        )
    for story in queries.sent_back_to(user):
        notices.append(
            Waiting(
                what=f"Look again at your story: {story.title}",
                about="It came back with a note on what would help before it is shared. Change it and send it again, or withdraw it.",
                link=reverse("programme:stories-detail", args=[story.public_id]),
                since=story.sent_back_at,
            )
        )
    return notices
