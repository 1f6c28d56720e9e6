"""Bad input on the self-assessment's forms: a clear message, status 400, and nothing typed is lost."""

import pytest
from django.urls import reverse

from goldenthread.continuum import services
from goldenthread.continuum.models import Answer, Assessment

from .conftest import items_of, response_of

HTML = '<script>alert("hi")</script><b>bold</b>'


def answer_url(assessment, domain):
    return reverse("continuum:answer", args=[assessment.public_id]) + f"?domain={domain}"


def leadership(assessment):
    return [item for item in items_of(assessment.framework) if item.domain.code == "leadership"]


@pytest.mark.parametrize("value", ["5", "-1", "4.0", "three", "", "None", "0x1", "1; DROP TABLE continuum_answer", "٣"])
def test_an_answer_outside_the_scale_is_explained_and_the_page_keeps_everything(value, as_person, practitioner, open_round):
    first, second, third = leadership(open_round)
    data = {
        services.answer_field(first): value,
        services.answer_field(second): "2",
        services.evidence_field(second): "Our board papers, June",
        services.evidence_field(third): "A note with no answer yet",
        "continue": "1",
    }
    response = as_person(practitioner).post(answer_url(open_round, "leadership"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error:" in page and "There is a problem" in page
    if value:
        assert "Choose one of the answers listed" in page
    assert "You wrote a note about this statement: choose an answer too" in page
    assert "Our board papers, June" in page and "A note with no answer yet" in page
    assert f'name="{services.answer_field(second)}" type="radio" value="2" checked' in page
    assert not Answer.objects.exists()


def test_huge_evidence_is_refused_with_its_limit_and_kept_on_the_page(as_person, practitioner, open_round):
    first = leadership(open_round)[0]
    huge = "I saw this happen. " * 200
    response = as_person(practitioner).post(
        answer_url(open_round, "leadership"), {services.answer_field(first): "3", services.evidence_field(first): huge, "later": "1"}
    )
    assert response.status_code == 400
    assert "The evidence must be 2,000 characters or fewer" in response.content.decode()
    assert huge.strip()[:200] in response.content.decode()
    assert not Answer.objects.exists()


def test_html_in_evidence_is_kept_as_text_and_never_run(as_person, practitioner, open_round):
    first = leadership(open_round)[0]
    client = as_person(practitioner)
    client.post(answer_url(open_round, "leadership"), {services.answer_field(first): "1", services.evidence_field(first): HTML, "later": "1"})
    assert Answer.objects.get().evidence == HTML
    page = client.get(answer_url(open_round, "leadership")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    check = client.get(reverse("continuum:check-answers", args=[open_round.public_id])).content.decode()
    assert "<script>alert" not in check


def test_unknown_statement_ids_in_the_form_are_ignored_not_saved(as_person, practitioner, open_round):
    first = leadership(open_round)[0]
    safety_item = next(i for i in items_of(open_round.framework) if i.domain.code == "safety")
    data = {services.answer_field(first): "2", "item_999999": "4", services.answer_field(safety_item): "4", "item_abc": "1", "continue": "1"}
    response = as_person(practitioner).post(answer_url(open_round, "leadership"), data)
    assert response.status_code == 302
    assert list(Answer.objects.values_list("item_id", "value")) == [(first.pk, 2)]


@pytest.mark.parametrize("domain", ["", "LEADERSHIP", "../safety", "x" * 5000, "<b>"])
def test_odd_area_codes_are_not_found(domain, as_person, practitioner, open_round):
    response = as_person(practitioner).get(reverse("continuum:answer", args=[open_round.public_id]), {"domain": domain})
    assert response.status_code == 404


@pytest.mark.parametrize("title", ["", "    ", "x" * 121, "\x00\x01"])
def test_a_bad_round_name_is_explained(title, as_person, organisation_lead, childrens_services, small_framework):
    response = as_person(organisation_lead).post(reverse("continuum:start", args=[childrens_services.slug]), {"framework": small_framework.pk, "title": title})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "Enter a name for this round" in page or "120 characters or fewer" in page or "cannot store" in page
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("framework", ["", "999999", "abc", "1 OR 1=1"])
def test_an_unknown_framework_is_explained_and_the_name_kept(framework, as_person, organisation_lead, childrens_services, small_framework):
    response = as_person(organisation_lead).post(
        reverse("continuum:start", args=[childrens_services.slug]), {"framework": framework, "title": "Spring – ☀️ round"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose" in page and "framework" in page
    assert "Spring – ☀️ round" in page


def test_a_retired_framework_cannot_be_chosen_by_posting_its_id(as_person, organisation_lead, childrens_services, small_framework):
    from .conftest import make_framework

    retired = make_framework(code="retired", is_current=False)
    response = as_person(organisation_lead).post(reverse("continuum:start", args=[childrens_services.slug]), {"framework": retired.pk, "title": "Spring"})
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_a_huge_role_description_is_explained_and_the_answers_stay_unsent(as_person, practitioner, open_round):
    response = as_person(practitioner).post(reverse("continuum:check-answers", args=[open_round.public_id]), {"role_description": "x" * 151})
    assert response.status_code == 400
    assert "150 characters or fewer" in response.content.decode()
    assert response_of(open_round, practitioner).status != "submitted"


@pytest.mark.parametrize("people", [["999999"], ["abc"], [""], ["1 OR 1=1"]])
def test_unknown_people_cannot_be_invited(people, as_person, organisation_lead, open_round):
    response = as_person(organisation_lead).post(reverse("continuum:invite", args=[open_round.public_id]), {"people": people})
    assert response.status_code in (400, 302)
    assert open_round.responses.count() == 4


def test_every_page_answers_odd_query_strings_calmly(as_person, organisation_lead, completed_round, childrens_services):
    client = as_person(organisation_lead)
    odd = {"domain": "\x00", "item": "💥" * 100, "assessment": "not-a-uuid", "status": "<script>"}
    for url in (
        reverse("continuum:organisation", args=[childrens_services.slug]),
        reverse("continuum:actions", args=[childrens_services.slug]),
        reverse("continuum:add-action", args=[childrens_services.slug]),
        reverse("continuum:result", args=[completed_round.public_id]),
    ):
        assert client.get(url, odd).status_code == 200, url
