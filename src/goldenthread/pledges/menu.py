"""What the pledges app adds to the menu and to a person's home page."""

from django.urls import reverse

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.queries import memberships_of, pledge_of

from . import permissions, queries
from .models import Pledge


def _memberships(user):
    return memberships_of(user, active_only=False)


def navigation(user):
    links = [("Pledge wall", reverse("pledges:wall"))]
    memberships = _memberships(user)
    if memberships:
        links.append(("Our pledge", reverse("pledges:manage", args=[memberships[0].organisation.slug])))
    return links


def home_cards(user):
    if not is_signed_in(user):
        return []
    memberships = _memberships(user)
    pledges = {m.organisation_id: pledge for m in memberships if (pledge := pledge_of(m.organisation)) is not None}
    cards = []
    for membership in memberships:
        organisation = membership.organisation
        pledge = pledges.get(organisation.pk)
        manage_url = reverse("pledges:manage", args=[organisation.slug])
        if membership.role == Role.ORGANISATION_LEAD:
            if pledge is None:
                cards.append(
                    {
                        "title": f"Sign the pledge for {organisation.name}",
                        "text": f"{organisation.name} has not signed the partnership's trauma-informed pledge yet.",
                        "links": [("Sign the pledge", reverse("pledges:sign", args=[organisation.slug]))],
                    }
                )
            else:
                cards.append(
                    {
                        "title": f"Our pledge: {organisation.name}",
                        "text": queries.state_description(pledge) + ".",
                        "links": [
                            ("Manage the pledge", manage_url),
                            ("Keep the action plan", reverse("pledges:actions", args=[organisation.slug])),
                        ],
                    }
                )
        else:
            if pledge is not None and pledge.status == Pledge.Status.PUBLISHED:
                links = [(f"Read {organisation.name}'s pledge", reverse("pledges:organisation", args=[organisation.slug]))]
                text = "See what your organisation has committed to, its action plan and its champions."
            else:
                links = [(f"See where {organisation.name}'s pledge stands", manage_url)]
                text = "Your organisation lead signs the pledge and keeps it up to date."
            cards.append({"title": f"Our pledge: {organisation.name}", "text": text, "links": links})
    if permissions.has_personal_pledge_organisation(user):
        cards.append(
            {
                "title": "Your personal pledge",
                "text": "Make a short commitment in your own words, shown with your organisation on the pledge wall.",
                "links": [("Make or change your personal pledge", reverse("pledges:personal-pledge"))],
            }
        )
    if permissions.can_see_all_pledges(user):
        counts = queries.pledge_counts()
        cards.append(
            {
                "title": "Pledges across the partnership",
                "text": f"{counts['signed']} signed, {counts['due']} due for renewal in the next two months, "
                f"{counts['lapsed']} lapsed, {counts['withdrawn']} withdrawn.",
                "links": [("See every pledge", reverse("pledges:all")), ("See the pledge wall", reverse("pledges:wall"))],
            }
        )
    return cards
