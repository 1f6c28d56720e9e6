"""The champions pages: the directory and its filters, a champion's page, the profile, the network, volunteering and answering."""

import pytest
from django.urls import reverse

from goldenthread.partnership.models import Membership, Role
from goldenthread.programme.champions import rules
from goldenthread.programme.champions.models import ChampionProfile, ChampionVolunteer, NetworkPost

from .conftest import WHY

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_addresses_are_where_the_programme_mounts_them():
    assert reverse("programme:champions-directory") == "/programme/champions/"
    assert reverse("programme:champions-volunteer") == "/programme/champions/volunteer/"


def test_the_directory_lists_champions_with_what_they_offer(client, profile, other_agency_practitioner):
    page = signed_in(client, other_agency_practitioner).get("/programme/champions/").content.decode()
    assert "Jo Park" in page
    assert "A bright spot to visit" in page


@pytest.mark.parametrize(
    "query",
    ["?organisation=nowhere", "?sector=%00", "?offer=free-lunch&page=zz", "?interest=%00%00", "?organisation[]=x"],
)
def test_the_directory_never_fails_on_odd_filters(client, profile, other_agency_practitioner, query):
    assert signed_in(client, other_agency_practitioner).get(f"/programme/champions/{query}").status_code == 200


def test_a_search_too_long_is_said_so_and_kept(client, profile, other_agency_practitioner):
    typed = "restorative " * 10
    response = signed_in(client, other_agency_practitioner).get("/programme/champions/", {"interest": typed})
    assert response.status_code == 400
    assert "Enter an interest of 80 characters or fewer" in response.content.decode()
    assert typed.strip() in response.content.decode()


def test_a_champions_page_shows_their_profile_and_a_non_champion_has_none(client, profile, champion, practitioner):
    signed_in(client, practitioner)
    page = client.get(f"/programme/champions/{champion.public_id}/")
    assert page.status_code == 200
    assert "Happy to talk about our assessments." in page.content.decode()
    assert client.get(f"/programme/champions/{practitioner.public_id}/").status_code == 404


def test_a_champion_edits_their_profile_and_bad_input_keeps_what_was_typed(client, champion):
    signed_in(client, champion)
    response = client.post(
        "/programme/champions/profile/", {"interests": "schools, " + "x" * 61, "offers": ["training"], "about": "I like visits (fictional)."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert rules.INTEREST_TOO_LONG in page
    assert "I like visits (fictional)." in page
    response = client.post("/programme/champions/profile/", {"interests": "schools", "offers": ["training"], "about": "I like visits (fictional)."})
    assert response.status_code == 302
    assert ChampionProfile.objects.get(person=champion).offers == ["training"]


def test_a_practitioner_has_no_profile_page(client, practitioner):
    assert signed_in(client, practitioner).get("/programme/champions/profile/").status_code == 403


def test_a_champion_posts_and_a_practitioner_reads(client, champion, practitioner):
    signed_in(client, champion)
    assert client.post("/programme/champions/network/", {"text": "Come to our open morning (fictional)."}).status_code == 302
    signed_in(client, practitioner)
    page = client.get("/programme/champions/network/")
    assert "Come to our open morning (fictional)." in page.content.decode()
    assert 'name="text"' not in page.content.decode()
    assert client.post("/programme/champions/network/", {"text": "Hello"}).status_code == 403
    assert NetworkPost.objects.count() == 1


def test_a_post_is_checked_once_before_it_is_shared(client, champion):
    signed_in(client, champion)
    words = "A reminder: when a parent fails to engage, ask what got in the way."
    first = client.post("/programme/champions/network/", {"text": words})
    assert first.status_code == 200 and not NetworkPost.objects.exists()
    again = client.post("/programme/champions/network/", {"text": words, "words_checked": first.context["words_to_check"].fingerprint})
    assert again.status_code == 302 and NetworkPost.objects.get().text == words


def test_an_empty_post_is_refused_with_a_message(client, champion):
    response = signed_in(client, champion).post("/programme/champions/network/", {"text": "   "})
    assert response.status_code == 400
    assert rules.POST.required_message in response.content.decode()


def test_removing_a_post_is_for_its_author(client, post, organisation_lead, champion):
    url = f"/programme/champions/network/{post.public_id}/remove/"
    assert signed_in(client, organisation_lead).post(url).status_code == 403
    assert signed_in(client, champion).get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not NetworkPost.objects.exists()


def test_a_practitioner_volunteers_from_the_page(client, practitioner):
    signed_in(client, practitioner)
    assert client.get("/programme/champions/volunteer/").status_code == 200
    response = client.post("/programme/champions/volunteer/", {"why": WHY})
    assert response.status_code == 302
    assert ChampionVolunteer.objects.get().person == practitioner


def test_volunteering_without_a_reason_says_so(client, practitioner):
    response = signed_in(client, practitioner).post("/programme/champions/volunteer/", {"why": ""})
    assert response.status_code == 400
    assert rules.WHY.required_message in response.content.decode()


def test_the_lead_accepts_from_the_page(client, offer, organisation_lead, practitioner):
    url = f"/programme/champions/offers/{offer.public_id}/"
    signed_in(client, organisation_lead)
    assert offer.why in client.get(url).content.decode()
    assert client.get("/programme/champions/offers/").status_code == 200
    bad = client.post(url, {"decision": "maybe", "reply": "Thank you for offering."})
    assert bad.status_code == 400
    assert rules.DECISION_NEEDED in bad.content.decode()
    assert "Thank you for offering." in bad.content.decode()
    assert client.post(url, {"decision": "accept", "reply": ""}).status_code == 302
    assert Membership.objects.get(user=practitioner).role == Role.CHAMPION
    assert "This offer is answered" in client.get(url).content.decode()


def test_another_lead_cannot_find_the_offer(client, offer, other_agency_lead):
    assert signed_in(client, other_agency_lead).get(f"/programme/champions/offers/{offer.public_id}/").status_code == 404
