"""Nobody's answers can be picked out: a round shows no figure, to anyone, until enough people have answered it.

The minimum is three (GOLDENTHREAD_MINIMUM_RESPONDENTS may raise it). Below it a round can
still be completed, but it keeps no figures: no stage, score, disagreement, strength, next
step, one-page audit, progress-chart bar, map cell or API figure; each page says why, calmly.
"""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from goldenthread.continuum import (
    menu,
    pdf,
    permissions,
    queries,
    results,
    services,
)
from goldenthread.continuum.models import Assessment, Response
from goldenthread.core.tests.tokens import working_token

from .conftest import answer_and_send, items_of, response_of
from .map_factories import complete_round, make_framework

RULE = "Results are shown once at least 3 people have answered, so that nobody&#x27;s answers can be picked out."
RULE_TEXT = "Results are shown once at least 3 people have answered, so that nobody's answers can be picked out."
API = "/api/v1/continuum"
LEVELS = {"leadership": 3, "safety": 3, "language": 2}


def bearer(user):
    _, key = working_token(user, "Continuum test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def round_two_answered(open_round, organisation_lead, champion):
    """The lead and the champion answered the Spring round, and the lead completed it: one person too few."""
    answer_and_send(open_round, organisation_lead, 3, "We have a plan.")
    answer_and_send(open_round, champion, 1)
    return services.complete_assessment(open_round, by=organisation_lead)


@pytest.fixture
def round_one_answered_before_the_minimum(childrens_services, organisation_lead):
    """A round completed with only the lead's answers before the minimum existed: its figures are stored."""
    return complete_round(
        childrens_services,
        make_framework(),
        [organisation_lead],
        LEVELS,
        title="Lone round",
        enough_people=False,
    )


# The rule ---------------------------------------------------------------------------------


def test_the_minimum_is_three_by_default(settings):
    del settings.GOLDENTHREAD_MINIMUM_RESPONDENTS
    assert permissions.minimum_respondents() == 3


@pytest.mark.parametrize(
    ("setting", "minimum"),
    [(3, 3), (5, 5), (2, 3), (1, 3), (0, 3), ("four", 3), (None, 3)],
)
def test_the_setting_can_raise_the_minimum_but_never_below_three(settings, setting, minimum):
    settings.GOLDENTHREAD_MINIMUM_RESPONDENTS = setting
    assert permissions.minimum_respondents() == minimum


def test_a_round_and_the_query_over_many_rounds_apply_the_same_rule(
    completed_round,
    round_one_answered_before_the_minimum,
    community_health,
    other_agency_lead,
    small_framework,
):
    too_few = services.start_assessment(community_health, by=other_agency_lead, framework=small_framework, title="Health round")
    answer_and_send(too_few, other_agency_lead, 2)
    services.complete_assessment(too_few, by=other_agency_lead)
    every_round = Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
    shown_one_by_one = {a.pk for a in every_round if permissions.can_show_figures(a)}
    shown_by_the_query = set(every_round.filter(permissions.figures_shown()).values_list("pk", flat=True))
    assert shown_one_by_one == shown_by_the_query == {completed_round.pk}


# Completing a round with too few answers ------------------------------------------------------


def test_a_round_with_one_respondent_can_be_completed_but_keeps_no_figures(open_round, organisation_lead):
    answer_and_send(open_round, organisation_lead, 4, "We have a plan.")
    completed = services.complete_assessment(open_round, by=organisation_lead)
    assert completed.status == Assessment.Status.SUBMITTED
    assert completed.result["respondents"] == 1
    assert completed.result["withheld"] is True
    assert (
        completed.result["score"],
        completed.result["band"],
        completed.result["domains"],
    ) == (None, None, [])
    assert not permissions.can_show_figures(completed)
    assert results.read_result(completed) is None


def test_a_round_with_two_respondents_keeps_no_figures_either(round_two_answered):
    assert round_two_answered.result["respondents"] == 2
    assert round_two_answered.result["domains"] == []
    assert "score" in round_two_answered.result and round_two_answered.result["score"] is None


def test_a_round_with_three_respondents_keeps_and_shows_its_result(completed_round):
    assert completed_round.result["respondents"] == 3
    assert "withheld" not in completed_round.result
    assert permissions.can_show_figures(completed_round)
    assert results.read_result(completed_round).band == "sensitive"


def test_a_round_no_one_answered_still_cannot_be_completed(open_round, organisation_lead):
    with pytest.raises(ValidationError, match="No one has sent"):
        services.complete_assessment(open_round, by=organisation_lead)


def test_raising_the_minimum_hides_a_round_that_had_enough_answers_before(settings, completed_round):
    settings.GOLDENTHREAD_MINIMUM_RESPONDENTS = 4
    assert not permissions.can_show_figures(completed_round)
    assert results.read_result(completed_round) is None
    assert "at least 4 people" in results.why_no_result(completed_round)


# The pages ---------------------------------------------------------------------------------------


def test_the_round_page_says_plainly_how_many_have_answered_so_far(as_person, organisation_lead, open_round):
    answer_and_send(open_round, organisation_lead, 3)
    page = as_person(organisation_lead).get(reverse("continuum:assessment", args=[open_round.public_id])).content.decode()
    assert f"{RULE} 1 person has answered so far." in page


def test_the_round_page_says_no_one_has_answered_yet(as_person, organisation_lead, open_round):
    page = as_person(organisation_lead).get(reverse("continuum:assessment", args=[open_round.public_id])).content.decode()
    assert f"{RULE} No one has answered so far." in page


def test_the_round_page_stops_explaining_once_enough_people_have_answered(as_person, organisation_lead, champion, practitioner, open_round):
    for person in (organisation_lead, champion, practitioner):
        answer_and_send(open_round, person, 3)
    page = as_person(organisation_lead).get(reverse("continuum:assessment", args=[open_round.public_id])).content.decode()
    assert "Results are shown once" not in page


def test_completing_with_too_few_answers_says_so_before_the_lead_confirms(as_person, organisation_lead, champion, open_round):
    answer_and_send(open_round, organisation_lead, 3)
    answer_and_send(open_round, champion, 1)
    page = as_person(organisation_lead).get(reverse("continuum:complete", args=[open_round.public_id])).content.decode()
    assert RULE in page
    assert "If you complete the round now, it will have no result" in page


def test_completing_with_enough_answers_gives_no_such_warning(as_person, organisation_lead, champion, practitioner, open_round):
    for person in (organisation_lead, champion, practitioner):
        answer_and_send(open_round, person, 3)
    page = as_person(organisation_lead).get(reverse("continuum:complete", args=[open_round.public_id])).content.decode()
    assert "it will have no result" not in page


def test_the_lead_completes_a_round_with_too_few_answers_and_is_told_why_there_is_no_result(as_person, organisation_lead, champion, open_round):
    answer_and_send(open_round, organisation_lead, 3)
    answer_and_send(open_round, champion, 1)
    client = as_person(organisation_lead)
    response = client.post(reverse("continuum:complete", args=[open_round.public_id]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("continuum:result", args=[open_round.public_id])
    page = response.content.decode()
    assert "Too few people answered for it to have a result" in page
    assert f"{RULE} 2 people answered ‘Spring round’, so it has no result to show." in page


@pytest.mark.parametrize("person", ["organisation_lead", "champion", "practitioner", "partnership_lead"])
def test_a_round_with_two_respondents_shows_no_result_to_anyone(as_person, request, round_two_answered, person):
    page = as_person(request.getfixturevalue(person)).get(reverse("continuum:result", args=[round_two_answered.public_id])).content.decode()
    assert RULE in page
    for figure in (
        "Trauma Sensitive",
        "Trauma Aware",
        "Trauma Responsive",
        "Strengths",
        "Next steps",
        "Where people see things differently",
        "Median",
    ):
        assert figure not in page
    assert reverse("continuum:result-pdf", args=[round_two_answered.public_id]) not in page


def test_a_round_completed_with_one_respondent_before_the_minimum_shows_no_result(as_person, organisation_lead, round_one_answered_before_the_minimum):
    page = (
        as_person(organisation_lead)
        .get(
            reverse(
                "continuum:result",
                args=[round_one_answered_before_the_minimum.public_id],
            )
        )
        .content.decode()
    )
    assert f"{RULE} 1 person answered ‘Lone round’, so it has no result to show." in page
    assert "Trauma Responsive" not in page and "Median" not in page


def test_there_is_no_one_page_audit_of_a_round_too_few_answered(
    as_person,
    organisation_lead,
    round_two_answered,
    round_one_answered_before_the_minimum,
):
    client = as_person(organisation_lead)
    for assessment in (round_two_answered, round_one_answered_before_the_minimum):
        assert client.get(reverse("continuum:result-pdf", args=[assessment.public_id])).status_code == 404
        with pytest.raises(ValueError):
            pdf.one_page_audit(assessment)


def test_the_organisation_page_keeps_the_last_result_that_can_be_shown(
    as_person,
    champion,
    completed_round,
    childrens_services,
    organisation_lead,
    small_framework,
):
    second = services.start_assessment(childrens_services, by=organisation_lead, framework=small_framework, title="Autumn round")
    answer_and_send(second, organisation_lead, 4)
    services.complete_assessment(second, by=organisation_lead)
    page = as_person(champion).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    latest = page.split("Our latest result")[1].split("When to assess again")[0]
    assert "From ‘Spring round’" in latest and "Trauma Sensitive" in latest
    assert page.count("<rect") == 3  # the progress chart: three areas, one round with a result
    every_round = page.split("Every round")[1]
    assert "too few people answered to show a result" in every_round


def test_the_organisation_page_explains_when_no_round_has_a_result_yet(as_person, champion, round_two_answered, childrens_services):
    page = as_person(champion).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert "No completed round has a result to show yet." in page and RULE in page
    assert "Progress shows here once a round is complete." in page


def test_the_organisation_page_says_how_many_have_answered_the_open_round(as_person, champion, organisation_lead, open_round, childrens_services):
    answer_and_send(open_round, organisation_lead, 3)
    page = as_person(champion).get(reverse("continuum:organisation", args=[childrens_services.slug])).content.decode()
    assert f"{RULE} 1 person has answered so far." in page


def test_the_home_card_does_not_place_an_organisation_by_a_round_too_few_answered(organisation_lead, round_one_answered_before_the_minimum):
    card = next(card for card in menu.home_cards(organisation_lead) if card["title"].startswith("Where we stand"))
    assert "has no self-assessment result yet" in card["text"]
    assert "Trauma" not in card["text"]


# A statement too few people gave an answer to --------------------------------------------------


@pytest.fixture
def round_with_a_statement_two_did_not_know(open_round, organisation_lead, champion, practitioner):
    """Three people answered, but only the lead gave an answer to the first leadership statement."""
    first = items_of(open_round.framework)[0]
    for person, value in ((organisation_lead, 4), (champion, 1), (practitioner, 2)):
        response = response_of(open_round, person)
        answers = {item.pk: (value, "") for item in items_of(open_round.framework)}
        if person != organisation_lead:
            answers[first.pk] = (None, "")  # "I don't know"
        services.save_answers(response, by=person, answers=answers)
        services.submit_response(response, by=person)
    return services.complete_assessment(open_round, by=organisation_lead)


def test_a_statement_only_one_person_answered_shows_no_score_of_its_own(
    round_with_a_statement_two_did_not_know,
):
    reading = results.read_result(round_with_a_statement_two_did_not_know)
    first = reading.items[0]
    assert (first.code, first.answers, first.withheld) == ("leadership-1", 1, True)
    assert (first.score, first.lowest, first.highest) == (None, None, None)
    assert first not in reading.disagreements and first not in reading.strong_items and first not in reading.next_steps
    assert all(item.score == 2.0 for item in reading.items[1:])


def test_an_area_score_cannot_be_worked_back_to_the_one_answer_of_a_hidden_statement(
    round_with_a_statement_two_did_not_know,
):
    reading = results.read_result(round_with_a_statement_two_did_not_know)
    area = next(domain for domain in reading.domains if domain.code == "leadership")
    shown = [item.score for item in area.items if item.score is not None]

    # The area is the mean of the statements that show a score, and of nothing else.
    assert area.answered_items == len(shown)
    assert area.score == pytest.approx(sum(shown) / len(shown))
    assert round(area.score * area.answered_items - sum(shown), 6) == 0


def test_a_round_scored_under_an_older_rule_shows_nothing_until_it_is_worked_out_again(
    round_with_a_statement_two_did_not_know,
):
    round_ = round_with_a_statement_two_did_not_know
    older = dict(round_.result)
    del older[permissions.SCORED_WITH_MINIMUM]
    Assessment.objects.filter(pk=round_.pk).update(result=older)
    round_.refresh_from_db()

    hidden, why = results.read_result(round_), results.why_no_result(round_)
    redone = services.rescore_completed_rounds(by=None)
    round_.refresh_from_db()

    assert hidden is None
    assert "worked out again" in why
    assert redone == 1
    assert results.read_result(round_) is not None
    assert round_.result[permissions.SCORED_WITH_MINIMUM] == 3


def test_with_exactly_three_answers_the_range_is_not_shown_but_the_disagreement_is(as_person, organisation_lead, round_with_a_statement_two_did_not_know):
    reading = results.read_result(round_with_a_statement_two_did_not_know)
    page = as_person(organisation_lead).get(reverse("continuum:result", args=[round_with_a_statement_two_did_not_know.public_id])).content.decode()

    assert reading.disagreements
    assert all(not item.spread_shown and item.lowest_label == "" for item in reading.items)
    assert "Two or more points apart" in page
    assert "Fully, everywhere (4)" not in page


def test_the_result_page_says_a_statement_had_too_few_answers_to_show(as_person, organisation_lead, round_with_a_statement_two_did_not_know):
    page = (
        as_person(organisation_lead)
        .get(
            reverse(
                "continuum:result",
                args=[round_with_a_statement_two_did_not_know.public_id],
            )
        )
        .content.decode()
    )
    assert "Too few answers to show" in page
    assert "Not yet (0) to Fully, everywhere (4)" not in page


# The map, its spreadsheet and the API -----------------------------------------------------------


def test_the_map_and_its_spreadsheet_leave_out_a_round_too_few_answered(
    client,
    partnership_lead,
    childrens_services,
    community_health,
    organisation_lead,
    other_agency_lead,
):
    framework = make_framework()
    complete_round(childrens_services, framework, [organisation_lead], LEVELS, enough_people=False)
    complete_round(community_health, framework, [other_agency_lead], LEVELS)
    summary = queries.partnership_map()
    assert [standing.name for standing in summary.standings] == [community_health.name]
    assert summary.not_assessed == 1
    client.force_login(partnership_lead)
    rows = list(csv.reader(io.StringIO(client.get(reverse("continuum:map-csv")).content.decode())))
    assert {row[0] for row in rows[1:]} == {community_health.name}


def test_the_map_compares_with_an_earlier_round_only_if_it_had_enough_answers(childrens_services, organisation_lead):
    framework = make_framework()
    complete_round(
        childrens_services,
        framework,
        [organisation_lead],
        {"leadership": 0, "safety": 0, "language": 0},
        days_ago=400,
        enough_people=False,
    )
    complete_round(childrens_services, framework, [organisation_lead], LEVELS, days_ago=30)
    [standing] = queries.latest_standings()
    assert standing.earlier is None and standing.movement == "first"


def test_the_api_withholds_every_figure_of_a_round_too_few_answered(client, practitioner, childrens_services, round_two_answered):
    response = client.get(
        f"{API}/organisations/{childrens_services.slug}/assessments",
        **bearer(practitioner),
    )
    assert response.status_code == 200
    [withheld] = response.json()
    assert withheld["id"] == str(round_two_answered.public_id)
    assert withheld["figures_withheld"] is True
    assert withheld["withheld_reason"] == f"{RULE_TEXT} 2 people answered ‘Spring round’, so it has no result to show."
    assert (
        withheld["respondents"],
        withheld["score"],
        withheld["stage"],
        withheld["capped"],
        withheld["domains"],
    ) == (2, None, None, False, [])


def test_the_api_withholds_the_figures_stored_before_the_minimum_existed(client, organisation_lead, childrens_services, round_one_answered_before_the_minimum):
    [withheld] = client.get(
        f"{API}/organisations/{childrens_services.slug}/assessments",
        **bearer(organisation_lead),
    ).json()
    assert withheld["figures_withheld"] is True and withheld["domains"] == [] and withheld["score"] is None


def test_the_api_gives_no_score_for_a_statement_only_one_person_answered(
    client,
    organisation_lead,
    childrens_services,
    round_with_a_statement_two_did_not_know,
):
    [shown] = client.get(
        f"{API}/organisations/{childrens_services.slug}/assessments",
        **bearer(organisation_lead),
    ).json()
    assert shown["figures_withheld"] is False
    first = shown["domains"][0]["items"][0]
    assert first == {
        "code": "leadership-1",
        "score": None,
        "answers": 1,
        "disagreement": False,
        "figures_withheld": True,
    }
    assert shown["domains"][0]["items"][1]["score"] == 2.0


def test_the_api_summary_leaves_out_a_round_too_few_answered(client, partnership_lead, childrens_services, round_one_answered_before_the_minimum):
    data = client.get(f"{API}/summary", **bearer(partnership_lead)).json()
    assert data["assessed"] == 0 and data["standings"] == []


def test_the_responses_of_a_round_too_few_answered_are_kept_as_sent(round_two_answered):
    assert round_two_answered.responses.filter(status=Response.Status.SUBMITTED).count() == 2
