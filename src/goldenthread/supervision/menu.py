"""What group supervision adds to the menu and to a person's home page."""

from django.urls import reverse
from django.utils import timezone

from goldenthread.partnership.queries import memberships_of

from . import permissions, queries


def _has_membership(user) -> bool:
    return bool(memberships_of(user, active_only=False))


def navigation(user):
    if _has_membership(user):
        return [("Supervision", reverse("supervision:home"))]
    if permissions.can_see_figures(user):
        return [("Supervision", reverse("supervision:figures"))]
    return []


def home_cards(user):
    cards = []
    if _has_membership(user):
        actions, to_confirm = queries.own_and_to_confirm(user)
        today = timezone.localdate()
        overdue = sum(1 for action in actions if action.due_on < today)
        if actions:
            text = f"You have {len(actions)} open action{'s' if len(actions) != 1 else ''} from group supervision."
        else:
            text = "You have no open actions from group supervision."
        extra = [f"{overdue} {'is' if overdue == 1 else 'are'} past the date agreed."] if overdue else []
        to_confirm = len(to_confirm)
        if to_confirm:
            extra.append(f"{to_confirm} action{'s' if to_confirm != 1 else ''} {'are' if to_confirm != 1 else 'is'} waiting for you to confirm.")
        extra = " ".join(extra)
        links = [("See your sessions and actions", reverse("supervision:home"))]
        if permissions.can_request(user):
            links.append(("Request a group supervision or learning conversation", reverse("supervision:request")))
        cards.append({"title": "Group supervision", "text": text, "extra": extra, "links": links})
    if permissions.can_see_figures(user):
        cards.append(
            {
                "title": "Group supervision figures",
                "text": "How many sessions the partnership holds, which agencies take part and the themes that come up. No family is ever shown.",
                "links": [("See the supervision figures", reverse("supervision:figures"))],
            }
        )
    return cards
