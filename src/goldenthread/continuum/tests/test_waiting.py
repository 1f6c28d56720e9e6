"""A self-assessment round reaches each person invited to answer it: on their home page and by e-mail, until they send their answers.

Sam Okafor (organisation lead) starts the ‘Spring round’ at Riverbend Children's Services and
invites Riley Shah; Casey Evans, in another agency, is not asked.
"""

from django.conf import settings
from django.urls import reverse

from goldenthread.continuum import services
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.waiting import nothing_waits_for, waiting_on_home_page

from .conftest import answer_and_send, answer_everything, response_of

TO_ANSWER = "Answer the self-assessment ‘Spring round’"


def spring_round(organisation, lead, framework):
    return services.start_assessment(organisation, by=lead, framework=framework, title="Spring round")


def test_each_person_invited_sees_the_round_on_their_home_page(childrens_services, organisation_lead, practitioner, small_framework):
    assessment = spring_round(childrens_services, organisation_lead, small_framework)
    services.invite(assessment, by=organisation_lead, people=[practitioner])

    waiting = waiting_on_home_page(practitioner)
    assert TO_ANSWER in waiting
    assert "Sam Okafor invited you to say how trauma-informed Riverbend Children's Services feels from where you work." in waiting
    assert reverse("continuum:answer", args=[assessment.public_id]) in waiting


def test_each_person_invited_is_emailed_a_link_to_the_same_page(
    childrens_services, organisation_lead, practitioner, small_framework, django_capture_on_commit_callbacks
):
    assessment = spring_round(childrens_services, organisation_lead, small_framework)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(assessment, by=organisation_lead, people=[practitioner])

    (message,) = sent_by_the_worker()
    assert message.to == [practitioner.email]
    assert settings.GOLDENTHREAD_SITE_URL + reverse("continuum:answer", args=[assessment.public_id]) in message.body


def test_the_lead_who_starts_a_round_is_asked_for_their_own_answers_too(childrens_services, organisation_lead, small_framework):
    spring_round(childrens_services, organisation_lead, small_framework)

    waiting = waiting_on_home_page(organisation_lead)
    assert TO_ANSWER in waiting
    assert "You started this round for Riverbend Children's Services; your own answers count too." in waiting


def test_someone_not_invited_is_not_asked(childrens_services, organisation_lead, practitioner, other_agency_practitioner, small_framework):
    assessment = spring_round(childrens_services, organisation_lead, small_framework)
    services.invite(assessment, by=organisation_lead, people=[practitioner])

    assert nothing_waits_for(other_agency_practitioner)


def test_answers_begun_but_not_sent_still_wait(childrens_services, organisation_lead, practitioner, small_framework):
    assessment = spring_round(childrens_services, organisation_lead, small_framework)
    services.invite(assessment, by=organisation_lead, people=[practitioner])

    answer_everything(response_of(assessment, practitioner), practitioner, 2)

    assert "Carry on with the self-assessment ‘Spring round’" in waiting_on_home_page(practitioner)


def test_once_the_person_sends_their_answers_the_round_no_longer_waits(childrens_services, organisation_lead, practitioner, small_framework):
    assessment = spring_round(childrens_services, organisation_lead, small_framework)
    services.invite(assessment, by=organisation_lead, people=[practitioner])

    answer_and_send(assessment, practitioner, 2)

    assert nothing_waits_for(practitioner)


def test_a_completed_round_waits_for_nobody(completed_round, trainer):
    assert nothing_waits_for(trainer)
