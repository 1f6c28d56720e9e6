"""What the pledges app adds to each person's menu and home page."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.pledges import menu

from .conftest import move_expiry


def titles(cards):
    return [card["title"] for card in cards]


def links(cards):
    return [href for card in cards for _, href in card["links"]]


def test_everyone_sees_the_pledge_wall_in_the_menu(db, client):
    from django.contrib.auth.models import AnonymousUser

    assert menu.navigation(AnonymousUser()) == [("Pledge wall", "/pledges/")]
    assert menu.home_cards(AnonymousUser()) == []


def test_members_see_our_pledge_in_the_menu(practitioner, childrens_services):
    assert ("Our pledge", f"/organisations/{childrens_services.slug}/pledge/") in menu.navigation(practitioner)


def test_a_lead_without_a_pledge_is_asked_to_sign(organisation_lead, childrens_services):
    cards = menu.home_cards(organisation_lead)
    assert "Sign the pledge for Riverbend Children's Services" in titles(cards)
    assert f"/organisations/{childrens_services.slug}/pledge/sign/" in links(cards)
    assert "/personal-pledge/" in links(cards)


def test_a_lead_sees_when_the_pledge_is_due_for_renewal(signed_pledge, organisation_lead):
    end = move_expiry(signed_pledge, timezone.localdate() + timedelta(days=30)).expires_on
    texts = [card["text"] for card in menu.home_cards(organisation_lead)]
    assert f"Due for renewal by {end.day} {end:%B %Y}." in texts


def test_a_lead_sees_a_lapsed_pledge_as_lapsed(signed_pledge, organisation_lead):
    move_expiry(signed_pledge, timezone.localdate() - timedelta(days=2))
    texts = [card["text"] for card in menu.home_cards(organisation_lead)]
    assert any(text.startswith("Lapsed") for text in texts)


def test_a_practitioner_is_pointed_to_the_published_pledge(signed_pledge, practitioner, childrens_services):
    cards = menu.home_cards(practitioner)
    assert f"/pledges/{childrens_services.slug}/" in links(cards)
    assert "/personal-pledge/" not in links(cards)


def test_the_partnership_lead_sees_the_counts_and_the_list(signed_pledge, other_pledge, partnership_lead):
    move_expiry(other_pledge, timezone.localdate() - timedelta(days=1))
    cards = menu.home_cards(partnership_lead)
    card = next(card for card in cards if card["title"] == "Pledges across the partnership")
    assert card["text"].startswith("1 signed") and "1 lapsed" in card["text"]
    assert "/pledges/manage/" in links(cards)
    assert "/personal-pledge/" not in links(cards)


def test_the_home_page_shows_the_pledge_cards(signed_pledge, organisation_lead, as_person):
    page = as_person(organisation_lead).get("/").content.decode()
    assert "Our pledge: Riverbend Children" in page
