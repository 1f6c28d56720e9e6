"""What waits for a person in the champions network: an offer to be a champion, for the organisation's lead to answer."""

from django.urls import reverse

from goldenthread.core.registry import Waiting

from . import queries


def waiting(user) -> list[Waiting]:
    return [
        Waiting(
            what=f"Answer {offer.person.full_name}'s offer to be a champion",
            about=f"They would like to be a champion in {offer.organisation.name}, and have said why.",
            link=reverse("programme:champions-decide", args=[offer.public_id]),
            since=offer.created_at,
        )
        for offer in queries.offers_to_decide(user)
    ]
