"""The team's pages for what a family asks: the list, a suggestion beside the current words, a question, a request to share, an invitation."""

from datetime import date
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, StoryEntry
from goldenthread.family_door import services
from goldenthread.family_door.models import Invitation, Suggestion, Waiting
from goldenthread.family_door.tests.family_side import marnie, marnie_person  # noqa: F401
from tests.family_fixtures import STORY


@pytest.fixture
def suggestion(family, marnie, marnie_person):  # noqa: F811
    entry = StoryEntry.objects.get(family=family)
    return services.suggest_change(marnie_person, by=marnie, target=Suggestion.Target.STORY_ENTRY, story_entry=entry, text="Our story, in my words now.")


def suggestion_url(family, suggestion):
    return reverse("from_the_family:suggestion", args=[family.public_id, suggestion.public_id])


def test_the_lead_practitioner_sees_what_waits_from_the_family_and_the_look_is_logged(family, suggestion, practitioner, verified_client):
    response = verified_client(practitioner).get(reverse("from_the_family:list", args=[family.public_id]))
    assert response.status_code == 200
    assert "Marnie" in response.content.decode()
    assert AccessLogEntry.objects.filter(family=family, user=practitioner, detail__contains="what the family asked for").exists()


def test_the_record_page_links_to_what_the_family_asked_with_how_many_wait(family, suggestion, practitioner, verified_client):
    page = verified_client(practitioner).get(reverse("families:overview", args=[family.public_id])).content.decode()
    assert "(1 waiting)" in page


def test_the_suggestion_page_shows_the_current_words_beside_the_family_members(family, suggestion, practitioner, verified_client):
    page = verified_client(practitioner).get(suggestion_url(family, suggestion)).content.decode()
    assert STORY in page
    assert "Our story, in my words now." in page


def test_accepting_on_the_page_puts_the_words_in_the_record(family, suggestion, practitioner, verified_client):
    response = verified_client(practitioner).post(suggestion_url(family, suggestion), {"outcome": "accept", "final_text": "", "reply": ""})
    assert response.status_code == 302
    assert StoryEntry.objects.get(family=family).story == "Our story, in my words now."


def test_a_reply_without_words_is_asked_for_and_nothing_changes(family, suggestion, practitioner, verified_client):
    response = verified_client(practitioner).post(suggestion_url(family, suggestion), {"outcome": "reply", "final_text": "", "reply": ""})
    assert response.status_code == 400
    assert "Write a reply" in response.content.decode()
    assert Suggestion.objects.get(pk=suggestion.pk).status == Waiting.WAITING


def test_a_partner_agency_sees_the_list_but_cannot_decide(family, suggestion, other_agency_practitioner, verified_client):
    client = verified_client(other_agency_practitioner)
    assert client.get(reverse("from_the_family:list", args=[family.public_id])).status_code == 200
    assert client.post(suggestion_url(family, suggestion), {"outcome": "accept"}).status_code == 403
    assert Suggestion.objects.get(pk=suggestion.pk).status == Waiting.WAITING


def test_someone_outside_the_team_gets_nothing(family, suggestion, third_agency_practitioner, verified_client):
    client = verified_client(third_agency_practitioner)
    assert client.get(reverse("from_the_family:list", args=[family.public_id])).status_code == 403
    assert client.get(suggestion_url(family, suggestion)).status_code == 403


def test_the_pages_need_two_steps(family, suggestion, practitioner):
    client = Client()
    client.force_login(practitioner)
    response = client.get(reverse("from_the_family:list", args=[family.public_id]))
    assert response.status_code == 302 and "two-step" in response["Location"]


def test_the_lead_practitioner_invites_a_young_person_from_the_record(family, practitioner, verified_client):
    today = timezone.localdate()
    juniper = family_services.add_person(family, by=practitioner, first_name="Juniper", date_of_birth=date(today.year - 15, 2, 1), role_in_family="sibling")
    client = verified_client(practitioner)
    assert "Invite to their own sign-in" in client.get(reverse("families:overview", args=[family.public_id])).content.decode()
    url = reverse("from_the_family:invite", args=[family.public_id, juniper.public_id])
    assert client.post(url, {"email": "not an address"}).status_code == 400
    assert client.post(url, {"email": "juniper@family.example"}).status_code == 302
    assert Invitation.objects.get(person=juniper).email == "juniper@family.example"


def test_a_child_too_young_is_not_offered_an_invitation_and_the_page_says_why(family, wrenna, practitioner, verified_client):
    client = verified_client(practitioner)
    response = client.post(reverse("from_the_family:invite", args=[family.public_id, wrenna.public_id]), {"email": "wrenna@family.example"})
    assert response.status_code == 400
    assert "from the age of 13" in response.content.decode()


def test_writing_back_to_a_young_person_shows_the_reading_age_as_you_type(practitioner, verified_client):
    response = verified_client(practitioner).post(
        reverse("core:language-feedback"),
        {"field": "reply", "reply": "Thank you for telling us. We will change your story with you on Tuesday.", "mode": "child"},
    )
    assert "reading age" in response.content.decode()


def test_the_reply_box_to_a_young_person_asks_for_child_mode(family, practitioner, verified_client, django_capture_on_commit_callbacks):
    wrenna_account_person = family.people.get(first_name="Wrenna")
    from goldenthread.family_door.tests.family_side import make_family_account

    account = make_family_account(wrenna_account_person, by=practitioner, email="wrenna.b@family.example")
    suggestion = services.suggest_change(wrenna_account_person, by=account, target=Suggestion.Target.NEW_STORY, text="I like the new school now.")
    page = verified_client(practitioner).get(suggestion_url(family, suggestion)).content.decode()
    assert '"mode": "child"' in unescape(page)
