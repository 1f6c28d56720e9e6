"""The public pledge wall: filter by sector, search, live results by htmx, lapsed shown as lapsed."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.partnership.models import Organisation, Sector
from goldenthread.pledges import services

from .conftest import move_expiry, sign_for

WALL = "/pledges/"


def results(response):
    """The text of the results area only, so the filter form's own words do not count."""
    body = unescape(response.content.decode())
    return body.split('id="wall-results"', 1)[1]


def test_the_wall_lives_at_pledges():
    assert reverse("pledges:wall") == WALL


def test_the_wall_lists_published_pledges_with_sector_and_an_extract(client, signed_pledge, other_pledge):
    response = client.get(WALL)
    assert response.status_code == 200
    text = results(response)
    assert "2 organisations" in text
    assert "Riverbend Children's Services" in text and "Riverbend Community Health" in text
    assert "Children's social care" in text and "Health" in text
    assert "Every child and family in Riverbend feels safe" in text
    assert text.count("Signed") >= 2


def test_filtering_by_sector(client, signed_pledge, other_pledge):
    text = results(client.get(WALL, {"sector": Sector.HEALTH}))
    assert "1 organisation in Health" in text
    assert "Riverbend Community Health" in text
    assert "Riverbend Children's Services" not in text


def test_searching_the_name_and_the_statement(client, signed_pledge, other_pledge):
    by_name = results(client.get(WALL, {"q": "community"}))
    assert "Riverbend Community Health" in by_name and "Riverbend Children's Services" not in by_name
    by_statement = results(client.get(WALL, {"q": "letters"}))
    assert "Riverbend Children's Services" in by_statement and "Riverbend Community Health" not in by_statement
    nothing = results(client.get(WALL, {"q": "zebra"}))
    assert "0 organisations" in nothing
    assert "No pledges match" in nothing


def test_search_and_sector_together(client, signed_pledge, other_pledge):
    text = results(client.get(WALL, {"q": "riverbend", "sector": Sector.CHILDRENS_SOCIAL_CARE}))
    assert "1 organisation" in text
    assert "Riverbend Children's Services" in text


def test_htmx_asks_for_the_results_only(client, signed_pledge, other_pledge):
    response = client.get(WALL, {"sector": Sector.HEALTH}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="wall-results"')
    assert "<html" not in body and "<form" not in body
    assert "Riverbend Community Health" in body
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_whole_page_comes_back(client, signed_pledge):
    body = client.get(WALL, {"q": "riverbend"}).content.decode()
    assert "<html" in body
    assert 'hx-get="/pledges/"' in body
    assert 'method="get"' in body


def test_a_lapsed_pledge_is_shown_as_lapsed(client, signed_pledge, other_pledge):
    move_expiry(signed_pledge, timezone.localdate() - timedelta(days=1))
    text = results(client.get(WALL, {"sector": Sector.CHILDRENS_SOCIAL_CARE}))
    assert "Lapsed" in text
    assert ">Signed<" not in text
    page = unescape(client.get(reverse("pledges:organisation", args=[signed_pledge.organisation.slug])).content.decode())
    assert "Lapsed" in page and "has not renewed it yet" in page


def test_a_withdrawn_pledge_is_not_listed(client, signed_pledge, other_pledge, partnership_lead):
    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="Under review")
    text = results(client.get(WALL))
    assert "1 organisation" in text
    assert "Riverbend Children's Services" not in text


def test_the_wall_is_paginated(client, organisation_lead):
    from goldenthread.partnership.models import Membership, Role

    for n in range(23):
        organisation = Organisation.objects.create(name=f"Fictional Primary School {n:02}", sector=Sector.SCHOOL_PRIMARY)
        Membership.objects.create(user=organisation_lead, organisation=organisation, role=Role.ORGANISATION_LEAD)
        organisation_lead.__dict__.pop("_gt_roles", None)  # roles are cached per request; this "request" goes on
        sign_for(organisation, organisation_lead)
    first = results(client.get(WALL))
    assert "23 organisations" in first
    assert "Fictional Primary School 19" in first and "Fictional Primary School 20" not in first
    second = results(client.get(WALL, {"page": "2"}))
    assert "Fictional Primary School 22" in second
    assert "Page 2 of 2" in second


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "a" * 10_000},
        {"q": "' OR 1=1; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "%_%"},
        {"sector": "no-such-sector"},
        {"sector": "\x00"},
        {"page": "-1"},
        {"page": "lots"},
        {"page": "999999999999999999999"},
    ],
)
def test_odd_queries_never_break_the_wall(client, signed_pledge, query):
    response = client.get(WALL, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unknown_sector_matches_nothing(client, signed_pledge):
    assert "0 organisations" in results(client.get(WALL, {"sector": "no-such-sector"}))


def test_the_organisation_page_shows_the_whole_pledge(client, signed_pledge, organisation_lead, champion, childrens_services, full_action_plan):
    services.post_progress_update(signed_pledge, by=organisation_lead, summary="Every team has trained this year.")
    services.make_personal_pledge(childrens_services, by=organisation_lead, commitment="I will ask what has happened, not what is wrong.")
    page = unescape(client.get(reverse("pledges:organisation", args=[childrens_services.slug])).content.decode())
    for expected in (
        "Our vision",
        "How we will do it",
        "Our priorities for the next 12 months",
        "Recognise",
        "Respond",
        "Avoid re-traumatisation",
        "Build resilience",
        "Morgan Ellis, Chief executive",
        "The Riverbend trauma-informed pledge, version 1",
        "Jo Park, Practice lead",
        "A first step under respond",
        "Not started",
        "Every team has trained this year.",
        "I will ask what has happened, not what is wrong.",
        "Sam Okafor, Director of children's services",
    ):
        assert expected in page, expected


def test_restoring_history_gets_the_whole_page(client, signed_pledge):
    response = client.get(WALL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()
