# ruff: noqa: F811 (pytest fixtures are imported by name and used as parameters)
"""The supervision pages say what is true: what saving did, and which family a request can be about.

Riley Shah (practitioner) leads the team around the Brightwater family (fictional), asks for
a group supervision about Wrenna and facilitates it; Casey Evans (Community Health) is in the
family's team; Jo Park (champion) is not. Everyone here is made up.
"""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from goldenthread.families.models import AccessLogEntry
from goldenthread.families.tests.test_pages_support import signed_in as verified
from goldenthread.supervision.models import Session

from .pages_support import acknowledge, arrange, ask, page, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_wrenna(family, practitioner, other_agency_practitioner, organisation_lead):
    session = ask(practitioner, family=family, invitees=[other_agency_practitioner], reference="W.B., aged 9")
    arrange(session, practitioner, facilitator=practitioner, manager=organisation_lead)
    return acknowledge(session, practitioner)


def text_of(response) -> str:
    return unescape(response.content.decode())


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_saving_an_empty_record_is_refused_and_says_nothing_was_saved(about_wrenna, practitioner):
    response = verified(practitioner).post(page("session", about_wrenna), {"version": str(about_wrenna.version)})

    assert response.status_code == 400
    assert "Nothing was saved: the record is empty." in text_of(response)
    assert "The record of the session is saved" not in text_of(response)
    about_wrenna.refresh_from_db()
    assert about_wrenna.version == 1 and about_wrenna.status == Session.Status.SCHEDULED


def test_saving_the_record_again_unchanged_says_nothing_had_changed_and_writes_nothing(about_wrenna, practitioner):
    browser = verified(practitioner)
    browser.post(page("session", about_wrenna), {"version": "1", "going_well": "Wrenna has a friend at school."}, follow=True)
    about_wrenna.refresh_from_db()
    updates = AccessLogEntry.objects.filter(family=about_wrenna.family, action="update").count()

    response = browser.post(page("session", about_wrenna), {"version": str(about_wrenna.version), "going_well": "Wrenna has a friend at school."})

    assert response.status_code == 302
    assert said(response) == ["Nothing had changed, so the record of the session is as it was."]
    about_wrenna.refresh_from_db()
    assert about_wrenna.version == 2
    assert AccessLogEntry.objects.filter(family=about_wrenna.family, action="update").count() == updates


def test_saving_words_in_the_record_says_it_is_saved(about_wrenna, practitioner):
    response = verified(practitioner).post(page("session", about_wrenna), {"version": "1", "going_well": "Wrenna has a friend at school."})

    assert said(response) == ["The record of the session is saved."]


def test_the_request_names_each_family_the_requester_is_in_the_team_of_with_its_reference(family, other_agency_practitioner):
    response = verified(other_agency_practitioner).get(reverse("supervision:request"))

    assert f"The Brightwater family (fictional), reference {family.reference}" in text_of(response)
    assert response["Cache-Control"] == "no-store"
    assert AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, detail__startswith="Families to link").exists()


def test_the_request_asks_for_two_step_verification_before_it_names_a_family(family, practitioner):
    response = signed_in(practitioner).get(reverse("supervision:request"))

    assert response.status_code == 302
    assert reverse("core:two-step-setup") in response["Location"]


def test_someone_in_no_familys_team_sees_no_family_on_the_request(family, champion):
    response = signed_in(champion).get(reverse("supervision:request"))

    assert response.status_code == 200
    assert "Brightwater" not in text_of(response)
    assert family.reference not in text_of(response)


def test_someone_in_the_session_but_not_the_familys_team_is_told_why_without_blaming_the_familys_choice(
    family, practitioner, other_agency_practitioner, champion, organisation_lead
):
    session = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion], reference="W.B., aged 9")
    arrange(session, practitioner, facilitator=practitioner, manager=organisation_lead)
    acknowledge(session, practitioner, champion)

    content = text_of(verified(champion).get(page("session", session)))

    assert "You cannot see the family's story here. Only the team around the family can see its record." in content
    assert "the family has not agreed" not in content
