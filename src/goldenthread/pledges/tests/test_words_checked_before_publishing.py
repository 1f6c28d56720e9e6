"""Before words go on the public pledge wall, the shared-language findings are shown once: advice, never a block."""

import re
from html import unescape

import pytest
from django.urls import reverse

from goldenthread.pledges.models import PersonalPledge, Pledge

from .test_forms import good_signing

LABELLING_VISION = "We will support disruptive pupils with challenging behaviour who are non-compliant."


def page_text(response):
    return unescape(response.content.decode())


def words_checked(response):
    """The hidden field the check step adds: sending it back says the advice was seen."""
    return re.search(r'name="words_checked" value="([0-9a-f]+)"', response.content.decode()).group(1)


@pytest.fixture
def lead_client(as_person, organisation_lead):
    return as_person(organisation_lead)


def test_a_statement_that_labels_children_is_shown_each_finding_with_a_suggestion_before_it_is_published(lead_client, childrens_services):
    url = reverse("pledges:sign", args=[childrens_services.slug])

    response = lead_client.post(url, good_signing(childrens_services, vision=LABELLING_VISION))

    assert response.status_code == 200
    assert not Pledge.objects.filter(organisation=childrens_services).exists()
    body = page_text(response)
    assert "Before it goes on the public pledge wall" in body
    assert "‘disruptive’" in body or "‘disruptive pupils’" in body
    assert "‘non-compliant’" in body
    assert "You could write" in body
    assert 'href="#id_vision"' in body
    assert LABELLING_VISION in body  # what was typed is kept, to change or to keep


def test_the_lead_can_still_publish_the_words_as_they_are(lead_client, childrens_services, client):
    url = reverse("pledges:sign", args=[childrens_services.slug])
    data = good_signing(childrens_services, vision=LABELLING_VISION)
    first = lead_client.post(url, data)

    response = lead_client.post(url, {**data, "words_checked": words_checked(first)})

    assert response.status_code == 302
    assert Pledge.objects.get(organisation=childrens_services).vision == LABELLING_VISION


def test_changed_words_are_checked_again(lead_client, childrens_services):
    url = reverse("pledges:sign", args=[childrens_services.slug])
    first = lead_client.post(url, good_signing(childrens_services, vision=LABELLING_VISION))

    changed = good_signing(childrens_services, vision="Pupils who are disruptive will get help.", words_checked=words_checked(first))
    response = lead_client.post(url, changed)

    assert response.status_code == 200
    assert not Pledge.objects.filter(organisation=childrens_services).exists()


def test_words_with_nothing_to_suggest_are_published_at_once(lead_client, childrens_services):
    url = reverse("pledges:sign", args=[childrens_services.slug])

    response = lead_client.post(url, good_signing(childrens_services))

    assert response.status_code == 302


def test_a_changed_statement_is_checked_before_it_replaces_the_published_one(lead_client, signed_pledge, childrens_services):
    url = reverse("pledges:statement", args=[childrens_services.slug])
    data = {k: v for k, v in good_signing(childrens_services, vision=LABELLING_VISION).items() if not k.startswith(("signatory", "signed_on", "confirm"))}

    response = lead_client.post(url, data)

    assert response.status_code == 200
    assert "Before it goes on the public pledge wall" in page_text(response)
    signed_pledge.refresh_from_db()
    assert signed_pledge.vision != LABELLING_VISION


def test_a_progress_update_is_checked_before_it_is_posted(lead_client, signed_pledge, childrens_services):
    url = reverse("pledges:progress", args=[childrens_services.slug])

    response = lead_client.post(url, {"summary": "Fewer families failed to engage this year."})

    assert response.status_code == 200
    assert "‘failed to engage’" in page_text(response)
    assert not signed_pledge.progress_updates.exists()


def test_a_personal_pledge_shown_on_the_wall_is_checked_and_a_private_one_is_not(lead_client, signed_pledge, organisation_lead, childrens_services):
    url = reverse("pledges:personal-pledge")
    words = "I will stop calling children attention seeking."
    chosen = {"organisation": childrens_services.slug, "commitment": words}

    shown = lead_client.post(url, {**chosen, "is_shown": "on"})
    assert shown.status_code == 200
    assert not PersonalPledge.objects.filter(user=organisation_lead).exists()

    private = lead_client.post(url, chosen)
    assert private.status_code == 302
    assert PersonalPledge.objects.get(user=organisation_lead).is_shown is False
