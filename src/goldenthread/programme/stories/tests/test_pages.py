"""The stories pages: sharing (with the words checked before they are shared), bad input kept, approving, withdrawing, and the public pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from goldenthread.programme.stories import rules, services
from goldenthread.programme.stories.models import Story

from .conftest import TITLE, form_data, story_details

pytestmark = pytest.mark.django_db

SHARE = "/programme/stories/share/"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_addresses_are_where_the_programme_mounts_them():
    assert reverse("programme:stories-list") == "/programme/stories/"
    assert reverse("programme:stories-public") == "/programme/stories/public/"
    assert SHARE == reverse("programme:stories-share")


def test_a_practitioner_shares_a_story_and_it_waits_for_approval(client, practitioner):
    response = signed_in(client, practitioner).post(SHARE, form_data())
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programme/stories/{story.public_id}/"
    assert story.status == Story.Status.WAITING
    assert story.author == practitioner
    assert story.consent_confirmed


def test_words_to_check_are_shown_once_before_the_story_is_sent(client, practitioner):
    data = form_data(what_we_did="We met the family after mum failed to engage with the plan.")
    first = signed_in(client, practitioner).post(SHARE, data)
    assert first.status_code == 200
    assert not Story.objects.exists()
    assert "failed to engage" in first.content.decode()
    fingerprint = first.context["words_to_check"].fingerprint
    again = client.post(SHARE, {**data, "words_checked": fingerprint})
    assert again.status_code == 302
    assert Story.objects.get().what_we_did == data["what_we_did"]


def test_a_draft_is_saved_without_consent_and_without_a_check(client, practitioner):
    data = form_data(next_step="draft", consent_confirmed=None, consent_given_by="", consent_how="", consent_on_0="", consent_on_1="", consent_on_2="")
    response = signed_in(client, practitioner).post(SHARE, data)
    assert response.status_code == 302
    assert Story.objects.get().status == Story.Status.DRAFT


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"consent_confirmed": None}, rules.CONSENT_NEEDED),
        ({"consent_given_by": "  "}, rules.CONSENT_BY.required_message),
        ({"title": ""}, rules.TITLE.required_message),
        ({"consent_on_1": "Smarch"}, "Enter the month as a number or a word"),
        ({"domains": ["not-an-area"]}, rules.NOT_AN_AREA),
        ({"reach": "everyone-everywhere"}, rules.REACH_NEEDED),
        ({"what_changed": "x" * 5001}, rules.WHAT_CHANGED.too_long_message),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_everything_typed_is_kept(client, practitioner, changes, message):
    data = form_data(what_we_did="We sat with the family at their kitchen table (fictional).", **changes)
    response = signed_in(client, practitioner).post(SHARE, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "We sat with the family at their kitchen table (fictional)." in page
    assert "the parent and the carers" in page or not data.get("consent_given_by", "").strip()
    assert not Story.objects.exists()


def test_nul_characters_and_odd_input_never_cause_a_server_error(client, practitioner):
    response = signed_in(client, practitioner).post(SHARE, form_data(title="\x00", consent_on_2="99999999999999999999"))
    assert response.status_code == 400


def test_the_champion_approves_from_the_decision_page(client, waiting_story, champion):
    url = f"/programme/stories/{waiting_story.public_id}/decide/"
    page = signed_in(client, champion).get(url)
    assert page.status_code == 200
    assert waiting_story.consent_given_by in page.content.decode()
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.APPROVED


def test_sending_back_without_a_note_keeps_the_choice_and_asks_for_one(client, waiting_story, champion):
    response = signed_in(client, champion).post(f"/programme/stories/{waiting_story.public_id}/decide/", {"decision": "send-back", "reason": ""})
    assert response.status_code == 400
    assert rules.REASON_NEEDED in response.content.decode()
    assert 'value="send-back" checked' in response.content.decode()


def test_the_author_cannot_approve_their_own_story_from_the_page(client, champion, childrens_services):
    story = services.share_story(childrens_services, by=champion, **story_details())
    response = signed_in(client, champion).post(f"/programme/stories/{story.public_id}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.WAITING


def test_the_author_withdraws_from_the_page_and_the_story_is_gone_at_once(client, public_story, practitioner, other_agency_practitioner):
    response = signed_in(client, practitioner).post(f"/programme/stories/{public_story.public_id}/withdraw/")
    assert response.status_code == 302
    assert client.get(f"/programme/stories/{public_story.public_id}/").status_code == 404
    mine = client.get("/programme/stories/mine/").content.decode()
    assert public_story.title in mine and "Withdrawn" in mine
    client.logout()
    assert client.get(f"/programme/stories/public/{public_story.public_id}/").status_code == 404
    assert public_story.title not in client.get("/programme/stories/public/").content.decode()
    signed_in(client, other_agency_practitioner)
    assert public_story.title not in client.get("/programme/stories/").content.decode()


def test_the_author_changes_a_story_sent_back_and_sends_it_again(client, waiting_story, champion, practitioner):
    services.send_back_story(waiting_story, by=champion, reason="Could you add what the family said?")
    url = f"/programme/stories/{waiting_story.public_id}/change/"
    page = signed_in(client, practitioner).get(url)
    assert page.status_code == 200
    assert TITLE in page.content.decode()
    response = client.post(url, form_data(what_families_said="‘It felt normal.’"))
    assert response.status_code == 302
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.WAITING


# --- who sees what, page by page ---------------------------------------------------------------


def test_a_draft_or_waiting_story_is_on_no_page_but_its_authors(client, draft_story, waiting_story, other_agency_practitioner, trainer):
    for person in (other_agency_practitioner, trainer):
        signed_in(client, person)
        for story in (draft_story, waiting_story):
            assert client.get(f"/programme/stories/{story.public_id}/").status_code == 404
            assert story.title not in client.get("/programme/stories/").content.decode()
    client.logout()
    for story in (draft_story, waiting_story):
        assert client.get(f"/programme/stories/public/{story.public_id}/").status_code == 404
    assert TITLE not in client.get("/programme/stories/public/").content.decode()


def test_an_approved_story_is_read_across_the_partnership(client, approved_story, other_agency_practitioner):
    signed_in(client, other_agency_practitioner)
    listing = client.get("/programme/stories/").content.decode()
    assert approved_story.title in listing
    page = client.get(f"/programme/stories/{approved_story.public_id}/").content.decode()
    assert "Riley Shah" in page  # the workforce sees who shared it
    assert approved_story.consent_how not in page  # the record of consent is for the author and approvers


def test_the_public_page_shows_approved_public_stories_only_without_names(client, public_story, approved_story, draft_story):
    response = client.get("/programme/stories/public/")
    assert response.status_code == 200
    page = response.content.decode()
    assert public_story.title in page
    assert approved_story.title not in page  # shared with the partnership only
    assert draft_story.title not in page
    assert "Riley Shah" not in page
    story_page = client.get(f"/programme/stories/public/{public_story.public_id}/")
    assert story_page.status_code == 200
    assert "Riley Shah" not in story_page.content.decode()
    assert escape("Riverbend Children's Services") in story_page.content.decode()
    assert client.get(f"/programme/stories/public/{approved_story.public_id}/").status_code == 404


def test_the_public_page_needs_no_sign_in_but_the_workforce_pages_do(client):
    assert client.get("/programme/stories/public/").status_code == 200
    for url in ("/programme/stories/", SHARE, "/programme/stories/mine/", "/programme/stories/waiting/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/sign-in" in response["Location"] or "login" in response["Location"]


def test_a_family_members_own_account_is_refused_the_workforce_pages_and_the_public_ones_are_for_anyone_signed_out(
    client, family_member, public_story, family_client
):
    own_account = family_client(family_member)
    for url in ("/programme/stories/", SHARE, "/programme/stories/mine/", "/programme/stories/waiting/", f"/programme/stories/{public_story.public_id}/"):
        assert own_account.get(url).status_code == 403, url
    # Signed in with their own account they see only the family's pages; the public page is there for anyone signed out.
    assert own_account.get(f"/programme/stories/public/{public_story.public_id}/").status_code == 403
    assert client.get(f"/programme/stories/public/{public_story.public_id}/").status_code == 200


def test_an_unknown_area_in_the_address_shows_every_story(client, approved_story, other_agency_practitioner):
    response = signed_in(client, other_agency_practitioner).get("/programme/stories/?domain=%00nonsense&page=abc")
    assert response.status_code == 200
    assert approved_story.title in response.content.decode()


def test_the_list_narrows_to_one_area(client, approved_story, other_agency_practitioner, practitioner, childrens_services, champion):
    other = services.share_story(childrens_services, by=practitioner, **story_details(title="About language (fictional)", domains=["language"]))
    services.approve_story(other, by=champion)
    page = signed_in(client, other_agency_practitioner).get("/programme/stories/?domain=relationships").content.decode()
    assert approved_story.title in page
    assert "About language (fictional)" not in page


def test_the_waiting_page_lists_what_the_champion_may_approve(client, waiting_story, champion, other_agency_lead):
    assert waiting_story.title in signed_in(client, champion).get("/programme/stories/waiting/").content.decode()
    assert waiting_story.title not in signed_in(client, other_agency_lead).get("/programme/stories/waiting/").content.decode()


def test_a_practitioner_has_no_waiting_page(client, practitioner):
    assert signed_in(client, practitioner).get("/programme/stories/waiting/").status_code == 403


def test_pages_answer_only_the_methods_they_take(client, practitioner, approved_story):
    signed_in(client, practitioner)
    assert client.post("/programme/stories/").status_code == 405
    assert client.delete(f"/programme/stories/{approved_story.public_id}/").status_code == 405


def test_a_story_decided_by_someone_else_first_is_said_so_calmly(client, waiting_story, champion, organisation_lead):
    services.approve_story(waiting_story, by=organisation_lead)
    response = signed_in(client, champion).post(f"/programme/stories/{waiting_story.public_id}/decide/", {"decision": "send-back", "reason": "More, please."})
    assert response.status_code == 302
    assert response["Location"] == "/programme/stories/waiting/"
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.APPROVED


def test_the_partnership_team_chooses_the_organisation_from_a_list(client, partnership_lead, childrens_services, community_health):
    response = signed_in(client, partnership_lead).post(SHARE, form_data())
    assert response.status_code == 400
    assert rules.ORGANISATION_NEEDED in response.content.decode()
    response = client.post(SHARE, form_data(organisation=str(community_health.public_id)))
    assert response.status_code == 302
    assert Story.objects.get().organisation == community_health
