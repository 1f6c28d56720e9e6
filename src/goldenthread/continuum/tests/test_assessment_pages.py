"""The self-assessment as people meet it in the browser: start, invite, answer, check, send, complete, read."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from goldenthread.continuum import services
from goldenthread.continuum.models import Answer, Assessment, Response
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.partnership.models import Organisation, Sector

from .conftest import (
    answer_and_send,
    answer_everything,
    items_of,
    move_round_back,
    response_of,
)


def domain_items(assessment, code):
    return [item for item in items_of(assessment.framework) if item.domain.code == code]


def answer_url(assessment, domain=None):
    url = reverse("continuum:answer", args=[assessment.public_id])
    return f"{url}?domain={domain}" if domain else url


# Starting and inviting ----------------------------------------------------------------


def test_lead_starts_a_round_from_the_start_page(as_person, organisation_lead, childrens_services, small_framework):
    client = as_person(organisation_lead)
    page = client.get(reverse("continuum:start", args=[childrens_services.slug]))
    assert "Name this round" in page.content.decode()
    response = client.post(reverse("continuum:start", args=[childrens_services.slug]), {"framework": small_framework.pk, "title": "Spring round"})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("continuum:assessment", args=[assessment.public_id])
    assert assessment.title == "Spring round"


def test_the_schools_framework_is_suggested_to_a_school(as_person, organisation_lead, childrens_services, small_framework, small_schools_framework):
    Organisation.objects.filter(pk=childrens_services.pk).update(sector=Sector.SCHOOL_PRIMARY)
    page = as_person(organisation_lead).get(reverse("continuum:start", args=[childrens_services.slug])).content.decode()
    checked = re.search(r'<input[^>]*value="(\d+)"[^>]*checked', page)
    assert checked and checked.group(1) in {str(f.pk) for f in small_schools_framework.__class__.objects.filter(kind="schools", is_current=True)}
    assert "suggested for your organisation" in page


def test_the_general_framework_is_suggested_to_everyone_else(as_person, organisation_lead, childrens_services, small_framework, small_schools_framework):
    page = as_person(organisation_lead).get(reverse("continuum:start", args=[childrens_services.slug])).content.decode()
    checked = re.search(r'<input[^>]*value="(\d+)"[^>]*checked', page)
    assert checked and checked.group(1) in {str(f.pk) for f in small_framework.__class__.objects.filter(kind="general", is_current=True)}


def test_start_page_says_a_round_is_already_open(as_person, organisation_lead, open_round, childrens_services):
    page = as_person(organisation_lead).get(reverse("continuum:start", args=[childrens_services.slug]))
    assert page.status_code == 200
    assert "is still open" in page.content.decode()
    assert 'name="title"' not in page.content.decode()


def test_lead_invites_chosen_colleagues_and_everyone(
    as_person, organisation_lead, champion, practitioner, trainer, childrens_services, small_framework, django_capture_on_commit_callbacks
):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    client = as_person(organisation_lead)
    url = reverse("continuum:invite", args=[assessment.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"people": [str(practitioner.pk)]}).status_code == 302
    assert len(sent_by_the_worker()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"everyone": "1"}).status_code == 302
    assert assessment.responses.count() == 4
    assert len(sent_by_the_worker()) == 3


def test_inviting_nobody_or_an_outsider_is_explained(
    as_person, organisation_lead, practitioner, other_agency_practitioner, childrens_services, small_framework
):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    client = as_person(organisation_lead)
    url = reverse("continuum:invite", args=[assessment.public_id])
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Choose at least one person to invite" in empty.content.decode()
    outsider = client.post(url, {"people": [str(other_agency_practitioner.pk)]})
    assert outsider.status_code == 400
    assert "Choose people from the list" in outsider.content.decode()
    assert assessment.responses.count() == 1


def test_overview_shows_where_people_have_got_to_but_never_their_answers(as_person, organisation_lead, practitioner, champion, open_round):
    answer_everything(response_of(open_round, practitioner), practitioner, 1, "A private note about my team")
    response = response_of(open_round, champion)
    answer_everything(response, champion, 2)
    services.submit_response(response, by=champion)
    page = as_person(organisation_lead).get(reverse("continuum:assessment", args=[open_round.public_id])).content.decode()
    assert "Riley Shah" in page and "In progress" in page and "Submitted" in page and "Invited" in page
    assert "A private note about my team" not in page


# Answering ----------------------------------------------------------------------------


def test_answering_one_area_at_a_time_then_checking_and_sending(as_person, practitioner, open_round):
    client = as_person(practitioner)
    start = client.get(answer_url(open_round)).content.decode()
    assert "0 of 3 areas answered" in start
    leadership = domain_items(open_round, "leadership")
    page = client.get(answer_url(open_round, "leadership")).content.decode()
    assert "I don&#x27;t know" in page or "I don't know" in page
    assert "Save and come back later" in page
    data = {
        services.answer_field(leadership[0]): "3",
        services.answer_field(leadership[1]): "dont-know",
        services.answer_field(leadership[2]): "1",
        services.evidence_field(leadership[0]): "Board minutes, March",
        "continue": "1",
    }
    moved_on = client.post(answer_url(open_round, "leadership"), data)
    assert moved_on.status_code == 302
    assert moved_on["Location"] == answer_url(open_round, "safety")
    assert "1 of 3 areas answered" in client.get(answer_url(open_round, "safety")).content.decode()
    check = client.get(reverse("continuum:check-answers", args=[open_round.public_id])).content.decode()
    assert "You have not answered 6 statements" in check
    assert "Board minutes, March" in check
    sent = client.post(reverse("continuum:check-answers", args=[open_round.public_id]), {"role_description": "Social worker"})
    assert sent.status_code == 302
    response = response_of(open_round, practitioner)
    assert response.status == Response.Status.SUBMITTED
    assert response.role_description == "Social worker"
    assert {a.item_id: a.value for a in response.answers.all()} == {leadership[0].pk: 3, leadership[1].pk: None, leadership[2].pk: 1}
    assert "You sent your answers" in client.get(answer_url(open_round)).content.decode()


def test_the_last_area_leads_to_checking_your_answers(as_person, practitioner, open_round):
    wellbeing = domain_items(open_round, "wellbeing")
    response = as_person(practitioner).post(answer_url(open_round, "wellbeing"), {services.answer_field(wellbeing[0]): "2", "continue": "1"})
    assert response["Location"] == reverse("continuum:check-answers", args=[open_round.public_id])


def test_a_half_finished_assessment_is_there_when_you_come_back(as_person, practitioner, open_round, client):
    safety = domain_items(open_round, "safety")
    data = {
        services.answer_field(safety[0]): "4",
        services.evidence_field(safety[0]): "New quiet room",
        services.answer_field(safety[2]): "dont-know",
        "later": "1",
    }
    saved = as_person(practitioner).post(answer_url(open_round, "safety"), data)
    assert saved["Location"] == answer_url(open_round)
    client.logout()
    again = as_person(practitioner).get(answer_url(open_round, "safety")).content.decode()
    assert re.search(rf'name="{services.answer_field(safety[0])}"[^>]*value="4"[^>]*checked', again)
    assert re.search(rf'name="{services.answer_field(safety[2])}"[^>]*value="dont-know"[^>]*checked', again)
    assert "New quiet room" in again
    assert "2 of 3 answered" in as_person(practitioner).get(answer_url(open_round)).content.decode()


def test_a_respondent_sees_only_their_own_answers(as_person, practitioner, champion, open_round):
    safety = domain_items(open_round, "safety")
    services.save_answers(response_of(open_round, champion), by=champion, answers={safety[0].pk: (0, "Champion's own note")})
    page = as_person(practitioner).get(answer_url(open_round, "safety")).content.decode()
    assert "Champion's own note" not in page and "Champion&#x27;s own note" not in page
    assert not re.search(r'value="0"[^>]*checked', page)
    check = as_person(practitioner).get(reverse("continuum:check-answers", args=[open_round.public_id])).content.decode()
    assert "own note" not in check


def test_someone_not_invited_cannot_answer(as_person, organisation_lead, childrens_services, small_framework, practitioner):
    assessment = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Spring round")
    client = as_person(practitioner)
    assert client.get(answer_url(assessment)).status_code == 403
    item = items_of(small_framework)[0]
    assert client.post(answer_url(assessment, "leadership"), {services.answer_field(item): "4"}).status_code == 403
    assert not Answer.objects.exists()


def test_after_sending_the_answer_pages_only_thank_you(as_person, practitioner, open_round):
    response = response_of(open_round, practitioner)
    answer_everything(response, practitioner, 2)
    services.submit_response(response, by=practitioner)
    client = as_person(practitioner)
    page = client.get(answer_url(open_round, "safety"))
    assert page.status_code == 200 and 'name="continue"' not in page.content.decode()
    item = domain_items(open_round, "safety")[0]
    assert client.post(answer_url(open_round, "safety"), {services.answer_field(item): "4"}).status_code == 302
    assert Answer.objects.get(response=response, item=item).value == 2
    assert client.get(reverse("continuum:check-answers", args=[open_round.public_id])).status_code == 302


# Completing and reading the result ----------------------------------------------------


def test_completing_asks_for_confirmation_then_shows_the_result(as_person, organisation_lead, champion, open_round):
    response = response_of(open_round, champion)
    answer_everything(response, champion, 3)
    services.submit_response(response, by=champion)
    client = as_person(organisation_lead)
    confirm = client.get(reverse("continuum:complete", args=[open_round.public_id])).content.decode()
    assert "Are you ready to complete" in confirm
    assert "1 person has sent their answers" in confirm
    done = client.post(reverse("continuum:complete", args=[open_round.public_id]))
    assert done["Location"] == reverse("continuum:result", args=[open_round.public_id])
    open_round.refresh_from_db()
    assert open_round.status == Assessment.Status.SUBMITTED


def test_completing_with_no_answers_sent_is_explained_not_an_error_page(as_person, organisation_lead, open_round):
    response = as_person(organisation_lead).post(reverse("continuum:complete", args=[open_round.public_id]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "No one has sent their answers yet" in page
    assert "<title>Error:" in page


def test_result_shows_bands_the_rule_disagreements_strengths_and_next_steps(as_person, organisation_lead, completed_round):
    page = as_person(organisation_lead).get(reverse("continuum:result", args=[completed_round.public_id])).content.decode()
    assert "Trauma Sensitive" in page
    assert "self-assessed stage" in page
    assert "middle value (median)" in page  # the rule in words
    assert "Where each stage starts" in page and "3.25" in page
    # With exactly three answers, the lowest and highest would be everyone's answers: only the fact is shown.
    assert "Where people see things differently" in page and "Two or more points apart" in page
    assert "Starting (1) to Mostly (3)" not in page
    assert "Next steps" in page and "What good could look like" in page
    add = reverse("continuum:add-action", args=[completed_round.organisation.slug])
    assert f"{add}?assessment={completed_round.public_id}&amp;domain=leadership&amp;item=leadership-1" in page
    assert "Add to the action plan" in page
    assert reverse("continuum:result-pdf", args=[completed_round.public_id]) in page


def test_result_never_names_who_answered_what(as_person, practitioner, completed_round):
    page = as_person(practitioner).get(reverse("continuum:result", args=[completed_round.public_id])).content.decode()
    assert "Sam Okafor" not in page and "Jo Park" not in page
    assert "We have a plan." not in page  # the lead's evidence stays theirs
    assert "Add to the action plan" not in page  # only the lead manages actions


def test_strengths_list_areas_at_responsive_or_above(as_person, organisation_lead, champion, practitioner, open_round):
    for person in (organisation_lead, champion, practitioner):
        answer_and_send(open_round, person, 3)
    services.complete_assessment(open_round, by=organisation_lead)
    page = as_person(organisation_lead).get(reverse("continuum:result", args=[open_round.public_id])).content.decode()
    strengths = page.split('<h2 class="govuk-heading-l">Strengths</h2>')[1].split("Next steps")[0]
    assert "Staff wellbeing: Trauma Responsive" in strengths
    assert "Leaders model calm, kind responses." in strengths


def test_an_open_rounds_result_page_says_it_is_not_ready(as_person, practitioner, open_round):
    page = as_person(practitioner).get(reverse("continuum:result", args=[open_round.public_id]))
    assert page.status_code == 200
    assert "still open" in page.content.decode()


def test_the_one_page_audit_is_a_pdf_with_a_filename(as_person, organisation_lead, completed_round):
    pytest.importorskip("goldenthread.continuum.pdf")
    response = as_person(organisation_lead).get(reverse("continuum:result-pdf", args=[completed_round.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="riverbend-childrens-services-self-assessment-' in response["Content-Disposition"]


def test_an_open_round_has_no_pdf_yet(as_person, organisation_lead, open_round):
    assert as_person(organisation_lead).get(reverse("continuum:result-pdf", args=[open_round.public_id])).status_code == 404


# The organisation's page --------------------------------------------------------------


def test_organisation_page_shows_the_latest_stage_with_what_it_looks_like(as_person, champion, completed_round, childrens_services):
    page = as_person(champion).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert "Trauma Sensitive" in page
    assert "self-assessed stage" in page
    assert "We are starting to look at our own ways of working." in page
    assert "Spring round" in page


def test_progress_chart_has_a_table_with_the_same_figures(
    as_person, organisation_lead, champion, practitioner, completed_round, childrens_services, small_framework
):
    move_round_back(completed_round, 200)
    second = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Autumn round")
    services.invite_everyone(second, by=organisation_lead)
    for person in (organisation_lead, champion, practitioner):
        answer_and_send(second, person, 3)
    services.complete_assessment(second, by=organisation_lead)
    page = as_person(organisation_lead).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert "<svg" in page and 'role="img"' in page and '<title id="progress-chart-title">' in page
    assert "style=" not in page.split("<svg")[1].split("</svg>")[0]
    assert page.count("<rect") == 6  # three areas, two rounds
    table = page.split("Progress over time: self-assessed stage and score")[1].split("</table>")[0]
    assert "<caption" in page.split("Progress over time: self-assessed stage")[0][-200:]
    assert "Spring round" in table and "Autumn round" in table
    assert "Trauma Sensitive (2.0)" in table and "Trauma Responsive (3.0)" in table
    assert '<th scope="row" class="govuk-table__header">Staff wellbeing</th>' in table


def test_organisation_page_suggests_reassessing_every_six_months_with_a_date(as_person, organisation_lead, completed_round, childrens_services):
    Assessment.objects.filter(pk=completed_round.pk).update(completed_on=date(2025, 8, 31))
    page = as_person(organisation_lead).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert "We suggest reassessing every six months" in page
    assert "28 February 2026" in page
    assert "Start a new round" in page


def test_organisation_page_counts_overdue_actions(as_person, practitioner, organisation_lead, completed_round, childrens_services, small_framework):
    domain = completed_round.framework.domains.get(code="safety")
    for days in (-10, -3, 20):
        services.add_action(
            childrens_services,
            by=organisation_lead,
            assessment=completed_round,
            domain=domain,
            description=f"Step {days}",
            owner="Team",
            due_on=date.today() + timedelta(days=days),
        )
    page = as_person(practitioner).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert "2 overdue" in page
    assert "Start a new round" not in page


def test_organisation_page_before_any_round(as_person, organisation_lead, childrens_services):
    page = as_person(organisation_lead).get(reverse("continuum:organisation", args=[childrens_services.slug]))
    assert page.status_code == 200
    assert "has not completed a self-assessment yet" in page.content.decode()
