"""What the champions network puts on the programme's home page, and on a person's home page only when there is news."""

import pytest

from goldenthread.programme.champions import menu

pytestmark = pytest.mark.django_db


def words(links):
    return [text for text, _ in links]


def test_the_programme_home_page_invites_a_practitioner_to_volunteer(client, practitioner):
    heading, links = menu.home_links(practitioner)
    assert heading == "Champions network"
    assert "Volunteer to be a champion" in words(links)
    client.force_login(practitioner)
    page = client.get("/programme/").content.decode()
    assert "Champions network" in page and "Volunteer to be a champion" in page
    assert "Stories of practice" in page and "Share a story" in page


def test_a_champion_keeps_their_profile_and_a_lead_answers_offers(champion, organisation_lead, family_member):
    assert "Your champion profile" in words(menu.home_links(champion)[1])
    assert "Volunteer to be a champion" not in words(menu.home_links(champion)[1])
    assert "Offers to be a champion" in words(menu.home_links(organisation_lead)[1])
    assert menu.home_links(family_member) is None


def test_no_card_unless_there_is_news(champion, practitioner, organisation_lead, offer):
    for person in (champion, practitioner, organisation_lead):
        assert menu.home_cards(person) == []
