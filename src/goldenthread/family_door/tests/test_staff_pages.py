"""The team's pages for what a family asks: the list, a suggestion beside the current words, a question, a request to share, an invitation."""

from datetime import date
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Part, StoryEntry
from goldenthread.family_door import services
from goldenthread.family_door.models import Invitation, Suggestion, Waiting
from goldenthread.family_door.tests.family_side import MARNIE_EMAIL, marnie, marnie_person, own_words_faults  # noqa: F401
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


# --- each decision on the page does what it says, and tells the family member ------------------------------


@pytest.mark.parametrize(
    ("outcome", "final_text", "reply", "story_after", "status"),
    [
        ("accept", "", "", "Our story, in my words now.", Waiting.ACCEPTED),
        ("change-together", "Words we agreed together on Tuesday.", "", "Words we agreed together on Tuesday.", Waiting.CHANGED_TOGETHER),
        ("reply", "", "Let us talk about it when I visit on Tuesday.", STORY, Waiting.REPLIED),
    ],
)
def test_each_decision_on_the_page_does_what_it_says_and_emails_the_family_member(
    family, suggestion, practitioner, verified_client, django_capture_on_commit_callbacks, outcome, final_text, reply, story_after, status
):
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(practitioner).post(suggestion_url(family, suggestion), {"outcome": outcome, "final_text": final_text, "reply": reply})
    assert response.status_code == 302
    assert StoryEntry.objects.get(family=family).story == story_after
    assert Suggestion.objects.get(pk=suggestion.pk).status == status
    assert sent_by_the_worker()[-1].to == [MARNIE_EMAIL]


def test_accepting_a_story_suggestion_marks_the_words_as_the_family_members(family, suggestion, marnie_person, practitioner, verified_client):  # noqa: F811
    verified_client(practitioner).post(suggestion_url(family, suggestion), {"outcome": "accept", "final_text": "", "reply": ""})
    assert StoryEntry.objects.get(family=family).in_words_of == marnie_person
    assert f"In {marnie_person}'s own words" in unescape(
        verified_client(practitioner).get(reverse("families:overview", args=[family.public_id])).content.decode()
    )


def test_changing_the_words_together_offers_their_words_to_start_from(family, suggestion, practitioner, verified_client):
    page = unescape(verified_client(practitioner).get(suggestion_url(family, suggestion)).content.decode())
    assert page.count("Our story, in my words now.") >= 2  # beside the current words, and in the box to change together


def test_a_decided_suggestion_shows_what_was_decided_and_cannot_be_decided_again_on_the_page(family, suggestion, practitioner, verified_client):
    client = verified_client(practitioner)
    client.post(suggestion_url(family, suggestion), {"outcome": "reply", "final_text": "", "reply": "Thank you. Let us talk on Tuesday."})
    response = client.post(suggestion_url(family, suggestion), {"outcome": "accept", "final_text": "", "reply": ""})
    assert response.status_code == 200
    assert "What was decided" in response.content.decode()
    assert StoryEntry.objects.get(family=family).story == STORY
    assert Suggestion.objects.get(pk=suggestion.pk).status == Waiting.REPLIED


def test_the_page_says_when_the_record_changed_after_the_suggestion(family, suggestion, practitioner, verified_client):
    entry = StoryEntry.objects.get(family=family)
    family_services.update_story_entry(
        entry,
        by=practitioner,
        version=entry.version,
        story=STORY + " Riley added this later.",
        who_was_there=entry.who_was_there,
        told_on=entry.told_on,
        how_agreed=entry.how_agreed,
    )
    page = verified_client(practitioner).get(suggestion_url(family, suggestion)).content.decode()
    assert "The record has changed since they made this suggestion" in page


# --- a question and a request to share ----------------------------------------------------------------------


def test_the_lead_practitioner_answers_a_question_on_its_page(family, marnie, marnie_person, practitioner, verified_client, django_capture_on_commit_callbacks):  # noqa: F811
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    url = reverse("from_the_family:question", args=[family.public_id, question.public_id])
    client = verified_client(practitioner)
    assert "When is the next meeting?" in client.get(url).content.decode()
    assert client.post(url, {"answer": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"answer": "Next Tuesday at ten, at your home."}).status_code == 302
    question.refresh_from_db()
    assert question.status == Waiting.REPLIED and question.answer == "Next Tuesday at ten, at your home."
    assert sent_by_the_worker()[-1].to == [MARNIE_EMAIL]


def test_the_recording_team_confirms_a_request_to_share_as_given_by_the_family_member(
    family, marnie, marnie_person, practitioner, third_agency, verified_client
):  # noqa: F811
    share = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY], why="They help me at youth club.")
    url = reverse("from_the_family:share-request", args=[family.public_id, share.public_id])
    client = verified_client(practitioner)
    page = client.get(url).content.decode()
    assert third_agency.name in page and "They help me at youth club." in page
    assert client.post(url, {"agree": "yes", "reply": ""}).status_code == 302
    agreement = ConsentAgreement.objects.get(family=family, organisation=third_agency)
    assert agreement.given_by == marnie_person and agreement.method == ConsentAgreement.Method.ONLINE


def test_declining_a_request_to_share_needs_a_reply_and_records_nothing(family, marnie, marnie_person, practitioner, third_agency, verified_client):  # noqa: F811
    share = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY])
    url = reverse("from_the_family:share-request", args=[family.public_id, share.public_id])
    client = verified_client(practitioner)
    assert client.post(url, {"agree": "no", "reply": ""}).status_code == 400
    assert client.post(url, {"agree": "no", "reply": "Let us talk about it first, on Tuesday."}).status_code == 302
    assert not ConsentAgreement.objects.filter(family=family, organisation=third_agency).exists()


def test_a_partner_agency_cannot_answer_or_confirm(family, marnie, marnie_person, other_agency_practitioner, third_agency, verified_client):  # noqa: F811
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    share = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY])
    client = verified_client(other_agency_practitioner)
    assert client.post(reverse("from_the_family:question", args=[family.public_id, question.public_id]), {"answer": "Tuesday."}).status_code == 403
    assert client.post(reverse("from_the_family:share-request", args=[family.public_id, share.public_id]), {"agree": "yes"}).status_code == 403


# --- inviting and stopping a sign-in ---------------------------------------------------------------------------


def test_inviting_from_the_page_sends_the_join_link_by_email(family, practitioner, verified_client, django_capture_on_commit_callbacks):
    marnie_person = family.people.get(first_name="Marnie")
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(practitioner).post(
            reverse("from_the_family:invite", args=[family.public_id, marnie_person.public_id]), {"email": "marnie@family.example"}
        )
    assert response.status_code == 302
    message = sent_by_the_worker()[-1]
    assert message.to == ["marnie@family.example"] and "/my-record/join/" in message.body


def test_someone_with_their_own_sign_in_is_not_invited_again_and_can_be_stopped(family, marnie, marnie_person, practitioner, verified_client):  # noqa: F811
    client = verified_client(practitioner)
    overview = client.get(reverse("families:overview", args=[family.public_id])).content.decode()
    assert "Has their own sign-in" in overview and "Stop their sign-in" in overview
    response = client.post(reverse("from_the_family:invite", args=[family.public_id, marnie_person.public_id]), {"email": "marnie.new@family.example"})
    assert response.status_code == 400
    assert "They already have their own sign-in" in response.content.decode()
    stop = reverse("from_the_family:stop-sign-in", args=[family.public_id, marnie_person.public_id])
    assert client.get(stop).status_code == 200
    assert client.post(stop, {}).status_code == 302
    marnie_person.refresh_from_db()
    assert marnie_person.account is None


def test_a_partner_agency_cannot_invite_or_stop_a_sign_in(family, marnie, marnie_person, other_agency_practitioner, verified_client):  # noqa: F811
    client = verified_client(other_agency_practitioner)
    assert client.get(reverse("from_the_family:invite", args=[family.public_id, marnie_person.public_id])).status_code == 403
    assert client.post(reverse("from_the_family:stop-sign-in", args=[family.public_id, marnie_person.public_id]), {}).status_code == 403
    marnie_person.refresh_from_db()
    assert marnie_person.account == marnie


# --- the words of the team's pages ------------------------------------------------------------------------------


def test_the_team_pages_pass_the_shared_language_check(family, suggestion, marnie, marnie_person, practitioner, third_agency, verified_client):  # noqa: F811
    question = services.ask_question(marnie_person, by=marnie, text="When is the next meeting?")
    share = services.ask_to_share(marnie_person, by=marnie, organisation=third_agency, parts=[Part.STORY])
    client = verified_client(practitioner)
    for url in (
        reverse("from_the_family:list", args=[family.public_id]),
        suggestion_url(family, suggestion),
        reverse("from_the_family:question", args=[family.public_id, question.public_id]),
        reverse("from_the_family:share-request", args=[family.public_id, share.public_id]),
        reverse("from_the_family:stop-sign-in", args=[family.public_id, marnie_person.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert own_words_faults(response) == [], url


def test_without_child_mode_the_language_feedback_gives_no_reading_age(practitioner, verified_client):
    response = verified_client(practitioner).post(reverse("core:language-feedback"), {"field": "reply", "reply": "Thank you for telling us."})
    assert "reading age" not in response.content.decode()


# --- what the family member sees of the chronology starts with who an event is about ---------------------------


def test_a_chronology_event_is_about_the_whole_household_unless_the_team_chooses_a_person(family, wrenna, practitioner, verified_client):
    client = verified_client(practitioner)
    add = reverse("families:add-chronology", args=[family.public_id])
    assert "Who it is about" in client.get(add).content.decode()
    day = timezone.localdate()
    event = {"occurred_on_0": day.day, "occurred_on_1": day.month, "occurred_on_2": day.year, "meaning_for_child": "Wrenna was happy"}
    assert client.post(add, {**event, "what_happened": "A visit from her gran"}).status_code == 302
    assert client.post(add, {**event, "what_happened": "First day at the new school", "about": str(wrenna.public_id)}).status_code == 302
    assert family.chronology.get(what_happened="A visit from her gran").about is None
    assert family.chronology.get(what_happened="First day at the new school").about == wrenna
