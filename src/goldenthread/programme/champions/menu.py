"""What the champions network adds to a person's home page and to the programme's home page (gathered by ../menu.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from . import permissions, queries

NEWS_FOR_DAYS = 30


def home_cards(user) -> list:
    """A card only when there is news: the answer to the person's own offer to be a champion, for a month."""
    answered = queries.recently_answered(user, timezone.now() - timedelta(days=NEWS_FOR_DAYS)).first()
    if answered is None:
        return []
    if answered.status == answered.Status.ACCEPTED:
        return [
            {
                "title": f"You are a champion in {answered.organisation.name}",
                "text": "Thank you for offering. Tell colleagues what you offer, and meet the other champions.",
                "links": [
                    ("Write your champion profile", reverse("programme:champions-profile")),
                    ("The champions network", reverse("programme:champions-network")),
                ],
            }
        ]
    return [
        {
            "title": "Your offer to be a champion",
            "text": f"Thank you for offering to be a champion in {answered.organisation.name}. It is not this time; there are other ways to be involved.",
            "links": [
                ("Your offer and the reply", reverse("programme:champions-volunteer")),
                ("Ways to be involved in the programme", reverse("programme:home")),
            ],
        }
    ]


def home_links(user):
    """This part's section on the programme's home page, or None when it has nothing for this person."""
    if not permissions.can_see_network(user):
        return None
    links = [("Find a champion", reverse("programme:champions-directory")), ("The champions network", reverse("programme:champions-network"))]
    if permissions.can_edit_profile(user):
        links.append(("Your champion profile", reverse("programme:champions-profile")))
    if permissions.can_volunteer(user):
        links.append(("Volunteer to be a champion", reverse("programme:champions-volunteer")))
    if permissions.can_decide_offers(user):
        links.append(("Offers to be a champion", reverse("programme:champions-offers")))
    return ("Champions network", links)
