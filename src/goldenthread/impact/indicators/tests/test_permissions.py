"""Who may see and keep the indicators, as a matrix: every named person against every permission, and every page.

Alex Morgan leads the partnership. Sam Okafor leads Riverbend Children's Services; Drew Hughes
leads Riverbend Community Health. Jo Park (champion), Riley Shah (practitioner), Pat Lee
(trainer) and Casey Evans (practitioner, the other agency) are in the workforce; Noor Haddad
is the data protection lead; Marnie Brightwater is a family member; and someone not signed in.
Everyone is fictional.
"""

import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from goldenthread.impact.indicators import permissions

from .conftest import signed_in

pytestmark = pytest.mark.django_db

PEOPLE = [
    "partnership_lead",
    "organisation_lead",
    "other_agency_lead",
    "champion",
    "practitioner",
    "other_agency_practitioner",
    "trainer",
    "data_protection_lead",
    "family_member",
    "anonymous",
]
LEADS = {"partnership_lead", "organisation_lead", "other_agency_lead"}

EXPECTED = {
    "see the indicators": LEADS,
    "see Riverbend Children's Services' figures": {"partnership_lead", "organisation_lead"},
    "see Riverbend Community Health's figures": {"partnership_lead", "other_agency_lead"},
    "see every organisation's figures": {"partnership_lead"},
    "add, change and retire indicators and enter figures": {"partnership_lead"},
}


def checks(childrens_services, community_health):
    return {
        "see the indicators": permissions.can_see_indicators,
        "see Riverbend Children's Services' figures": lambda user: permissions.can_see_organisation(user, childrens_services),
        "see Riverbend Community Health's figures": lambda user: permissions.can_see_organisation(user, community_health),
        "see every organisation's figures": permissions.can_see_every_organisation,
        "add, change and retire indicators and enter figures": permissions.can_keep_indicators,
    }


def person(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_may_do_exactly_what_the_matrix_says(request, childrens_services, community_health, who):
    user = person(request, who)
    allowed = {name for name, check in checks(childrens_services, community_health).items() if check(user)}
    assert allowed == {name for name, people in EXPECTED.items() if who in people}


def test_the_matrix_covers_every_permission(childrens_services, community_health):
    assert set(checks(childrens_services, community_health)) == set(EXPECTED)


def pages(indicator, by_hand, childrens_services, community_health):
    """Page -> the people who open it (200); everyone else is refused or sent to sign in."""
    return {
        reverse("impact:indicators"): LEADS,
        reverse("impact:indicators_csv"): LEADS,
        reverse("impact:indicator", args=[indicator.public_id]): LEADS,
        reverse("impact:indicators") + f"?organisation={childrens_services.slug}": {"partnership_lead", "organisation_lead"},
        reverse("impact:indicator", args=[indicator.public_id]) + f"?organisation={community_health.slug}": {"partnership_lead", "other_agency_lead"},
        reverse("impact:indicator_add"): {"partnership_lead"},
        reverse("impact:indicator_change", args=[indicator.public_id]): {"partnership_lead"},
        reverse("impact:indicator_retire", args=[indicator.public_id]): {"partnership_lead"},
        reverse("impact:indicator_value_add", args=[by_hand.public_id]): {"partnership_lead"},
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_opens_exactly_the_pages_the_matrix_says(request, computed_indicator, by_hand_indicator, childrens_services, community_health, who):
    user = person(request, who)
    client = signed_in(None if who == "anonymous" else user)
    for page, people in pages(computed_indicator, by_hand_indicator, childrens_services, community_health).items():
        status = client.get(page).status_code
        if who in people:
            assert status == 200, page
        elif who == "anonymous":
            assert status == 302, page
        else:
            assert status == 403, page


@pytest.mark.parametrize("who", [who for who in PEOPLE if who not in ("partnership_lead", "anonymous")])
def test_nobody_but_the_partnership_team_changes_anything_by_posting(request, computed_indicator, by_hand_indicator, who):
    client = signed_in(person(request, who))
    for page in (
        reverse("impact:indicator_add"),
        reverse("impact:indicator_change", args=[computed_indicator.public_id]),
        reverse("impact:indicator_retire", args=[computed_indicator.public_id]),
        reverse("impact:indicator_value_add", args=[by_hand_indicator.public_id]),
    ):
        assert client.post(page, {"name": "Changed", "version": "1", "value": "3", "evidence": "x"}).status_code == 403
    computed_indicator.refresh_from_db()
    assert computed_indicator.is_active and computed_indicator.name != "Changed" and by_hand_indicator.values.count() == 0


def test_an_organisation_lead_is_told_why_another_organisations_figures_are_not_shown(organisation_lead, community_health, computed_indicator):
    response = signed_in(organisation_lead).get(reverse("impact:indicators") + f"?organisation={community_health.slug}")
    assert response.status_code == 403
    assert permissions.NOT_YOUR_ORGANISATION in html.unescape(response.content.decode())
