"""Sending a survey: a contact with the family, allowed by the families access rule and written in the family's access log."""

import pytest
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.families import services as family_services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Part
from goldenthread.impact.feedback import services
from goldenthread.impact.feedback.models import FeedbackRequest, digest

pytestmark = pytest.mark.django_db


def test_the_lead_practitioner_sends_a_survey_and_marnie_gets_it_by_email(
    family, practitioner, marnie_person, family_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request, token = services.send_survey(family, by=practitioner, survey="after-plan", person=marnie_person)
    [message] = sent_by_the_worker()
    assert message.to == [family_member.email]
    assert reverse("family_feedback:answer", args=[token]) in message.body
    assert request.emailed and request.organisation.name == "Riverbend Children's Services"


def test_only_a_digest_of_the_links_secret_is_kept(sent):
    request, token = sent
    assert request.token_digest == digest(token) and token not in str(FeedbackRequest.objects.filter(pk=request.pk).values().first())


def test_without_an_address_on_record_the_practitioner_is_shown_the_link(family, practitioner, verified_client, marnie_person):
    client = verified_client(practitioner)
    response = client.post(reverse("impact:feedback_send", args=[family.public_id]), {"survey": "after-contact", "person": str(marnie_person.public_id)})
    assert response.status_code == 302
    page = client.get(response["Location"])
    request = FeedbackRequest.objects.get()
    assert not request.emailed
    assert "/feedback/answer/" in page.content.decode()
    again = client.get(response["Location"])
    assert "/feedback/answer/" not in again.content.decode()  # shown once


def test_sending_is_written_in_the_familys_access_log(family, practitioner):
    services.send_survey(family, by=practitioner, survey="after-contact")
    entry = AccessLogEntry.objects.filter(family=family, user=practitioner, part=Part.CONTACT).latest("pk")
    assert entry.basis == AccessLogEntry.Basis.RECORDING_ORGANISATION and "feedback" in entry.detail


def test_a_team_member_without_the_familys_agreement_for_contact_details_cannot_send(family, other_agency_practitioner):
    with pytest.raises(Refused):
        services.send_survey(family, by=other_agency_practitioner, survey="after-contact")
    assert not FeedbackRequest.objects.exists()
    assert AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, basis=AccessLogEntry.Basis.REFUSED).exists()


def test_once_the_family_agrees_to_share_contact_details_the_other_agency_can_send(
    family, practitioner, other_agency_practitioner, community_health, marnie_person
):
    family_services.record_consent(
        family, by=practitioner, organisation=community_health, parts=[Part.CONTACT], given_by=marnie_person, method=ConsentAgreement.Method.IN_PERSON
    )
    request, _ = services.send_survey(family, by=other_agency_practitioner, survey="at-closure")
    assert request.organisation == community_health


def test_someone_outside_the_team_cannot_send(family, third_agency_practitioner, partnership_lead, organisation_lead):
    for person in (third_agency_practitioner, partnership_lead, organisation_lead):
        with pytest.raises(Refused):
            services.send_survey(family, by=person, survey="after-contact")


def test_an_open_survey_cannot_be_sent_and_a_person_must_be_in_the_family(family, practitioner, wrenna):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.send_survey(family, by=practitioner, survey="open")
    other = family_services.create_family(
        family.recording_organisation,
        by=practitioner,
        family_name="The Second family (fictional)",
        lawful_basis="public-task",
        lawful_basis_note="Fictional",
        people=[{"first_name": "Ash", "role_in_family": "child", "is_focus": True}],
    )
    with pytest.raises(ValidationError):
        services.send_survey(other, by=practitioner, survey="after-contact", person=wrenna)


def test_the_email_to_the_family_passes_the_language_check(family, practitioner, marnie_person, family_member, django_capture_on_commit_callbacks):
    from goldenthread.language import check

    with django_capture_on_commit_callbacks(execute=True):
        services.send_survey(family, by=practitioner, survey="at-closure", person=marnie_person)
    [message] = sent_by_the_worker()
    assert [finding.text for finding in check(message.subject + "\n\n" + message.body)] == []


def test_the_page_showing_the_link_is_in_the_familys_access_log(family, practitioner, verified_client):
    client = verified_client(practitioner)
    response = client.post(reverse("impact:feedback_send", args=[family.public_id]), {"survey": "after-plan"})
    before = AccessLogEntry.objects.filter(family=family, user=practitioner).count()
    assert client.get(response["Location"]).status_code == 200
    assert AccessLogEntry.objects.filter(family=family, user=practitioner).count() == before + 1


def test_a_form_to_send_with_mistakes_keeps_the_choice(family, practitioner, verified_client, marnie_person):
    response = verified_client(practitioner).post(reverse("impact:feedback_send", args=[family.public_id]), {"person": str(marnie_person.public_id)})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose which survey to send" in page
    assert f'value="{marnie_person.public_id}" checked' in page
    assert not FeedbackRequest.objects.exists()
