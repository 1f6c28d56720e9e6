"""Who may do what in the champions network, as a matrix: the champion, the organisation lead, a practitioner, the partnership lead, a family member and anyone not signed in."""

import pytest
from django.contrib.auth.models import AnonymousUser

from goldenthread.programme.champions import permissions

pytestmark = pytest.mark.django_db

PEOPLE = ["champion", "organisation_lead", "practitioner", "other_agency_lead", "partnership_lead", "family_member", "anonymous"]

# (sees the network, edits a profile, posts, volunteers, answers offers, answers Riley's offer, removes Jo's post)
MATRIX = {
    "champion": (True, True, True, False, False, False, True),
    "organisation_lead": (True, False, False, False, True, True, False),
    "practitioner": (True, False, False, True, False, False, False),
    "other_agency_lead": (True, False, False, False, True, False, False),
    "partnership_lead": (True, False, True, False, False, False, True),
    "family_member": (False, False, False, False, False, False, False),
    "anonymous": (False, False, False, False, False, False, False),
}

PAGES = [
    "/programme/champions/",
    "/programme/champions/network/",
    "/programme/champions/profile/",
    "/programme/champions/volunteer/",
    "/programme/champions/offers/",
]


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_do_what(request, who, offer, post):
    user = person(request, who)
    found = (
        permissions.can_see_network(user),
        permissions.can_edit_profile(user),
        permissions.can_post(user),
        permissions.can_volunteer(user),
        permissions.can_decide_offers(user),
        permissions.can_decide(user, offer),
        permissions.can_remove_post(user, post),
    )
    assert found == MATRIX[who]


@pytest.mark.parametrize("who", PEOPLE)
def test_the_pages_answer_as_the_permissions_say(client, request, who, offer, post):
    user = person(request, who)
    if who != "anonymous":
        client.force_login(user)
    sees, edits, _, volunteers, answers, *_ = MATRIX[who]
    allowed = dict(zip(PAGES, (sees, sees, edits, volunteers, answers), strict=True))
    for url, ok in allowed.items():
        status = client.get(url).status_code
        if who == "anonymous":
            assert status == 302, url
        else:
            assert status == (200 if ok else 403), (url, status)
