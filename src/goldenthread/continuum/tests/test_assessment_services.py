"""Running a round of self-assessment through the services: start, invite, answer, submit, complete."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from goldenthread.continuum import services
from goldenthread.continuum.models import (
    Answer,
    Assessment,
    Domain,
    Framework,
    Item,
    Response,
)
from goldenthread.core.tests.mail import sent_by_the_worker

from .conftest import (
    answer_and_send,
    answer_everything,
    items_of,
    make_framework,
    response_of,
)

# Starting a round ---------------------------------------------------------------------


def test_organisation_lead_starts_a_round_and_is_its_first_respondent(childrens_services, organisation_lead, small_framework):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    assert assessment.status == Assessment.Status.OPEN
    assert assessment.framework == small_framework
    assert assessment.started_by == organisation_lead
    assert list(assessment.responses.values_list("respondent", flat=True)) == [organisation_lead.pk]


@pytest.mark.parametrize("person", ["champion", "practitioner", "trainer", "other_agency_lead", "partnership_lead"])
def test_only_the_organisation_lead_may_start_a_round(person, request, childrens_services, small_framework):
    with pytest.raises(PermissionDenied):
        services.start_assessment(childrens_services, by=request.getfixturevalue(person), framework=small_framework, title="Spring round")
    assert not Assessment.objects.exists()


def test_a_second_round_cannot_start_while_one_is_open(open_round, childrens_services, organisation_lead, small_framework):
    with pytest.raises(ValidationError, match="still open"):
        services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Another round")
    assert Assessment.objects.count() == 1


def test_a_new_round_can_start_once_the_last_one_is_complete(completed_round, childrens_services, organisation_lead, small_framework):
    second = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Autumn round")
    assert second.status == Assessment.Status.OPEN


@pytest.mark.parametrize("title", ["", "   ", "x" * 121])
def test_a_round_needs_a_name_of_sensible_length(title, childrens_services, organisation_lead, small_framework):
    with pytest.raises(ValidationError) as error:
        services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title=title)
    assert "title" in error.value.message_dict


def test_a_round_uses_a_current_framework_only(childrens_services, organisation_lead):
    old = make_framework(code="retired", is_current=False)
    with pytest.raises(ValidationError) as error:
        services.start_assessment(childrens_services, by=organisation_lead, framework=old, title="Spring round")
    assert "framework" in error.value.message_dict


# Inviting -----------------------------------------------------------------------------


def test_invited_colleagues_get_a_calm_email_with_the_link(
    childrens_services, organisation_lead, practitioner, small_framework, settings, django_capture_on_commit_callbacks
):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    with django_capture_on_commit_callbacks(execute=True):
        new = services.invite(assessment, by=organisation_lead, people=[practitioner])
    assert [r.respondent for r in new] == [practitioner]
    assert response_of(assessment, practitioner).status == Response.Status.INVITED
    assert len(sent_by_the_worker()) == 1
    message = mail.outbox[0]
    assert message.to == [practitioner.email]
    assert settings.GOLDENTHREAD_SITE_URL + f"/continuum/assessments/{assessment.public_id}/answer/" in message.body
    assert "I don't know" in message.body
    assert "No one else sees your answers" in message.body


def test_someone_already_invited_is_skipped_and_not_emailed_again(
    childrens_services, organisation_lead, practitioner, small_framework, django_capture_on_commit_callbacks
):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(assessment, by=organisation_lead, people=[practitioner])
        again = services.invite(assessment, by=organisation_lead, people=[practitioner, organisation_lead])
    assert again == []
    assert len(sent_by_the_worker()) == 1
    assert assessment.responses.count() == 2


def test_inviting_everyone_invites_every_member_whatever_their_role(
    childrens_services, organisation_lead, champion, practitioner, trainer, small_framework, django_capture_on_commit_callbacks
):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_everyone(assessment, by=organisation_lead)
    invited = set(assessment.responses.values_list("respondent", flat=True))
    assert invited == {organisation_lead.pk, champion.pk, practitioner.pk, trainer.pk}
    assert len(sent_by_the_worker()) == 3


def test_people_outside_the_organisation_cannot_be_invited(childrens_services, organisation_lead, other_agency_practitioner, small_framework):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    with pytest.raises(ValidationError) as error:
        services.invite(assessment, by=organisation_lead, people=[other_agency_practitioner])
    assert "people" in error.value.message_dict
    assert not assessment.responses.filter(respondent=other_agency_practitioner).exists()


@pytest.mark.parametrize("person", ["champion", "practitioner", "other_agency_lead", "partnership_lead"])
def test_only_the_organisation_lead_may_invite(person, request, open_round, childrens_services):
    with pytest.raises(PermissionDenied):
        services.invite(open_round, by=request.getfixturevalue(person), people=[])
    with pytest.raises(PermissionDenied):
        services.invite_everyone(open_round, by=request.getfixturevalue(person))


def test_no_one_can_be_invited_to_a_completed_round(completed_round, organisation_lead, childrens_services):
    from goldenthread.core.models import User
    from goldenthread.partnership.models import Membership, Role

    newcomer = User.objects.create_user("newcomer@childrens.example", None, full_name="Kit Newcomer")
    Membership.objects.create(user=newcomer, organisation=childrens_services, role=Role.PRACTITIONER)
    with pytest.raises(ValidationError, match="completed"):
        services.invite(completed_round, by=organisation_lead, people=[newcomer])


# Answering ----------------------------------------------------------------------------


def test_a_half_finished_assessment_is_never_lost(open_round, practitioner):
    response = response_of(open_round, practitioner)
    first, second, third, *_others = items_of(open_round.framework)
    services.save_answers(response, by=practitioner, answers={first.pk: (2, "Most teams, not nights."), second.pk: (None, "")})
    # Later, on another page, only one more statement is sent: the first two stay as they were.
    services.save_answers(response, by=practitioner, answers={third.pk: (4, "")})
    kept = {a.item_id: (a.value, a.evidence) for a in Answer.objects.filter(response=response)}
    assert kept == {first.pk: (2, "Most teams, not nights."), second.pk: (None, ""), third.pk: (4, "")}
    response.refresh_from_db()
    assert response.status == Response.Status.IN_PROGRESS


def test_changing_an_answer_replaces_it_rather_than_adding_another(open_round, practitioner):
    response = response_of(open_round, practitioner)
    item = items_of(open_round.framework)[0]
    services.save_answers(response, by=practitioner, answers={item.pk: (1, "")})
    services.save_answers(response, by=practitioner, answers={item.pk: (3, "We changed our rota.")})
    assert list(Answer.objects.filter(response=response).values_list("value", "evidence")) == [(3, "We changed our rota.")]


@pytest.mark.parametrize("person", ["organisation_lead", "champion", "other_agency_lead", "partnership_lead"])
def test_only_the_respondent_may_save_or_submit_their_answers(person, request, open_round, practitioner):
    response = response_of(open_round, practitioner)
    item = items_of(open_round.framework)[0]
    with pytest.raises(PermissionDenied):
        services.save_answers(response, by=request.getfixturevalue(person), answers={item.pk: (3, "")})
    with pytest.raises(PermissionDenied):
        services.submit_response(response, by=request.getfixturevalue(person))
    assert not Answer.objects.filter(response=response).exists()


@pytest.mark.parametrize("value", [-1, 5, 99, "3", 2.5, True])
def test_an_answer_outside_the_scale_is_refused(value, open_round, practitioner):
    response = response_of(open_round, practitioner)
    item = items_of(open_round.framework)[0]
    with pytest.raises(ValidationError) as error:
        services.save_answers(response, by=practitioner, answers={item.pk: (value, "")})
    assert services.answer_field(item) in error.value.message_dict
    assert not Answer.objects.exists()


@pytest.mark.parametrize("item_id", [0, 999999, "not-a-number", None])
def test_an_unknown_statement_is_refused_and_nothing_is_saved(item_id, open_round, practitioner):
    response = response_of(open_round, practitioner)
    item = items_of(open_round.framework)[0]
    with pytest.raises(ValidationError):
        services.save_answers(response, by=practitioner, answers={item.pk: (3, ""), item_id: (2, "")})
    assert not Answer.objects.exists()


def test_a_statement_from_another_framework_is_refused(open_round, practitioner):
    other = make_framework(code="another")
    response = response_of(open_round, practitioner)
    with pytest.raises(ValidationError):
        services.save_answers(response, by=practitioner, answers={items_of(other)[0].pk: (3, "")})


def test_evidence_is_tidied_and_limited_in_length(open_round, practitioner):
    response = response_of(open_round, practitioner)
    item = items_of(open_round.framework)[0]
    services.save_answers(response, by=practitioner, answers={item.pk: (2, "  <b>Team huddles</b>\x00 on Mondays  ")})
    assert Answer.objects.get().evidence == "<b>Team huddles</b> on Mondays"
    with pytest.raises(ValidationError) as error:
        services.save_answers(response, by=practitioner, answers={item.pk: (2, "x" * 2001)})
    assert services.evidence_field(item) in error.value.message_dict
    assert Answer.objects.get().evidence == "<b>Team huddles</b> on Mondays"


def test_a_response_can_be_submitted_with_statements_unanswered(open_round, practitioner):
    response = response_of(open_round, practitioner)
    services.save_answers(response, by=practitioner, answers={items_of(open_round.framework)[0].pk: (2, "")})
    submitted = services.submit_response(response, by=practitioner, role_description="Social worker")
    assert submitted.status == Response.Status.SUBMITTED
    assert submitted.submitted_at is not None
    assert submitted.role_description == "Social worker"


def test_sent_answers_cannot_be_changed_or_sent_twice(open_round, practitioner):
    response = response_of(open_round, practitioner)
    answer_everything(response, practitioner, 2)
    services.submit_response(response, by=practitioner)
    with pytest.raises(ValidationError, match="already sent"):
        services.save_answers(response, by=practitioner, answers={items_of(open_round.framework)[0].pk: (4, "")})
    with pytest.raises(ValidationError, match="already sent"):
        services.submit_response(response, by=practitioner)


def test_answers_cannot_change_once_the_round_is_complete(completed_round, practitioner):
    response = response_of(completed_round, practitioner)
    with pytest.raises(ValidationError, match="completed"):
        services.save_answers(response, by=practitioner, answers={items_of(completed_round.framework)[0].pk: (4, "")})
    with pytest.raises(ValidationError, match="completed"):
        services.submit_response(response, by=practitioner)


# Completing ---------------------------------------------------------------------------


def test_a_round_needs_at_least_one_submitted_response_to_complete(open_round, organisation_lead, practitioner):
    answer_everything(response_of(open_round, practitioner), practitioner, 3)  # saved, not sent
    with pytest.raises(ValidationError, match="No one has sent"):
        services.complete_assessment(open_round, by=organisation_lead)
    open_round.refresh_from_db()
    assert open_round.status == Assessment.Status.OPEN


@pytest.mark.parametrize("person", ["champion", "practitioner", "other_agency_lead", "partnership_lead"])
def test_only_the_organisation_lead_may_complete_a_round(person, request, open_round, organisation_lead):
    response = response_of(open_round, organisation_lead)
    answer_everything(response, organisation_lead, 3)
    services.submit_response(response, by=organisation_lead)
    with pytest.raises(PermissionDenied):
        services.complete_assessment(open_round, by=request.getfixturevalue(person))


def test_the_result_counts_submitted_responses_only(open_round, organisation_lead, champion, trainer, practitioner):
    for person in (organisation_lead, champion, trainer):
        answer_and_send(open_round, person, 4)
    answer_everything(response_of(open_round, practitioner), practitioner, 0)  # never sent
    completed = services.complete_assessment(open_round, by=organisation_lead)
    assert completed.status == Assessment.Status.SUBMITTED
    assert completed.completed_on is not None
    assert completed.result["respondents"] == 3
    assert completed.result["band"] == "informed"
    assert {domain["score"] for domain in completed.result["domains"]} == {4.0}


def test_the_result_is_worked_out_by_the_scoring_rule_and_shows_disagreement(completed_round):
    result = completed_round.result
    assert result["respondents"] == 3
    # The lead answered 3 everywhere, the champion 1 and the practitioner 2: the median of each statement is 2.
    assert [domain["score"] for domain in result["domains"]] == [2.0, 2.0, 2.0]
    assert result["band"] == "sensitive"
    assert all(item["disagreement"] for domain in result["domains"] for item in domain["items"])


def test_results_are_stored_against_the_framework_version_they_were_answered_on(completed_round, small_framework):
    assert completed_round.framework == small_framework
    assert completed_round.result["framework"] == {"code": small_framework.code, "version": small_framework.version}
    stored = dict(completed_round.result)
    # The framework is edited: a new version, with the old one kept and no longer current.
    Framework.objects.filter(pk=small_framework.pk).update(is_current=False)
    newer = make_framework(version=2)
    Item.objects.filter(domain__framework=newer, code="leadership-1").update(text="Changed words")
    completed_round.refresh_from_db()
    assert completed_round.framework_id == small_framework.pk
    assert completed_round.result == stored
    assert Item.objects.get(domain__framework=small_framework, code="leadership-1").text == "Our leaders talk about trauma-informed practice."


def test_unanswered_statements_count_as_i_dont_know(open_round, organisation_lead, champion, practitioner):
    leadership = [i for i in items_of(open_round.framework) if i.domain.code == "leadership"]
    for person in (organisation_lead, champion, practitioner):
        response = response_of(open_round, person)
        services.save_answers(response, by=person, answers={leadership[0].pk: (4, ""), leadership[1].pk: (4, "")})
        services.submit_response(response, by=person)
    completed = services.complete_assessment(open_round, by=organisation_lead)
    domains = {d["code"]: d for d in completed.result["domains"]}
    assert domains["leadership"]["score"] == 4.0
    assert domains["leadership"]["answered_items"] == 2
    assert domains["safety"]["band"] is None  # not enough answers, not counted as 0


def test_a_completed_round_cannot_be_completed_again(completed_round, organisation_lead):
    with pytest.raises(ValidationError, match="completed"):
        services.complete_assessment(completed_round, by=organisation_lead)


def test_the_local_and_shared_framework_specs_agree_on_the_small_framework(small_framework):
    spec = services.framework_spec(small_framework)
    assert [d.code for d in spec.domains] == [d.code for d in Domain.objects.filter(framework=small_framework)]
    assert [len(d.item_codes) for d in spec.domains] == [3, 3, 3]
    assert [b.code for b in spec.bands] == ["aware", "sensitive", "responsive", "informed"]
    assert spec.scale_max == 4
