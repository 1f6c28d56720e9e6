"""What the stories part puts on people's home pages: a card only when there is news, and its section of the programme's home page."""

import pytest

from goldenthread.programme.stories import menu, services

pytestmark = pytest.mark.django_db


def test_the_author_hears_on_their_home_page_when_their_story_is_approved(practitioner, waiting_story, champion):
    assert menu.home_cards(practitioner) == []
    services.approve_story(waiting_story, by=champion)
    [card] = menu.home_cards(practitioner)
    assert card["title"] == "Your story is shared"
    assert waiting_story.title in card["text"]


def test_nobody_else_gets_a_card(approved_story, champion, other_agency_practitioner, family_member):
    for person in (champion, other_agency_practitioner, family_member):
        assert menu.home_cards(person) == []


def test_the_programme_home_page_has_a_section_for_stories(practitioner, champion, family_member):
    heading, links = menu.home_links(practitioner)
    assert heading == "Stories of practice"
    words = [text for text, _ in links]
    assert "Share a story" in words
    assert "Stories waiting for approval" not in words
    assert "Stories waiting for approval" in [text for text, _ in menu.home_links(champion)[1]]
    assert menu.home_links(family_member) is None


def test_the_home_page_shows_the_waiting_story_to_the_champion(client, waiting_story, champion):
    client.force_login(champion)
    page = client.get("/").content.decode()
    assert f"/programme/stories/{waiting_story.public_id}/decide/" in page
