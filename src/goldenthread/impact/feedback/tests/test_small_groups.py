"""Never a figure for fewer than five answers: not on the page, in the CSV, in the API or in the figures."""

from datetime import date

import pytest
from django.urls import reverse

from goldenthread.core.tests.tokens import working_token
from goldenthread.impact.feedback import figures, rules
from goldenthread.impact.periods import Period

from .conftest import give_answers, signed_in

pytestmark = pytest.mark.django_db

MONTH = date(2026, 3, 1)
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}
WORDS = "A distinctive sentence only one family wrote (fictional)"


def bearer(user):
    _, key = working_token(user, "Feedback test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_rule_is_five_answers():
    assert rules.MINIMUM_ANSWERS == 5 and not rules.shown(4) and rules.shown(5)


def test_four_answers_show_nothing_on_the_page(childrens_services, organisation_lead):
    give_answers(childrens_services, 4, score=2, month=MONTH, words=WORDS)
    page = signed_in(organisation_lead).get(reverse("impact:feedback_results"), MARCH).content.decode()
    assert "Fewer than 5 answers" in page and "fewer than 5 answers: not shown, to protect who answered" in page.lower()
    assert "2.0" not in page and ">4<" not in page
    assert WORDS not in page


def test_five_answers_are_shown_on_the_page_with_the_familys_words(childrens_services, organisation_lead):
    give_answers(childrens_services, 5, score=2, month=MONTH, words=WORDS)
    page = signed_in(organisation_lead).get(reverse("impact:feedback_results"), MARCH).content.decode()
    assert "2.0" in page and ">5<" in page and WORDS in page


def test_four_answers_show_nothing_in_the_csv(childrens_services, organisation_lead):
    give_answers(childrens_services, 4, score=2, month=MONTH)
    text = signed_in(organisation_lead).get(reverse("impact:feedback_results_csv"), MARCH).content.decode()
    assert "Riverbend Children's Services,2026-03,Fewer than 5 answers,Fewer than 5 answers" in text
    assert ",4," not in text and "2.0" not in text


def test_five_answers_are_in_the_csv(childrens_services, organisation_lead):
    give_answers(childrens_services, 5, score=2, month=MONTH)
    text = signed_in(organisation_lead).get(reverse("impact:feedback_results_csv"), MARCH).content.decode()
    assert "Riverbend Children's Services,2026-03,5,2.0" in text


def test_four_answers_show_nothing_in_the_api(client, childrens_services, organisation_lead):
    give_answers(childrens_services, 4, score=2, month=MONTH)
    body = client.get("/api/v1/impact/feedback/results", MARCH, **bearer(organisation_lead)).json()
    [month] = body["months"]
    assert month == {
        "organisation": "Riverbend Children's Services",
        "organisation_slug": childrens_services.slug,
        "month": "2026-03-01",
        "answers": None,
        "average_score": None,
        "held_back": True,
    }


def test_five_answers_are_in_the_api(client, childrens_services, organisation_lead):
    give_answers(childrens_services, 5, score=2, month=MONTH)
    body = client.get("/api/v1/impact/feedback/results", MARCH, **bearer(organisation_lead)).json()
    assert body["months"][0]["answers"] == 5 and body["months"][0]["average_score"] == 2.0 and body["minimum_answers"] == 5


def test_the_api_refuses_another_agency_and_odd_dates_calmly(client, childrens_services, other_agency_lead, practitioner):
    assert client.get("/api/v1/impact/feedback/results", {"organisation": childrens_services.slug}, **bearer(other_agency_lead)).status_code == 403
    assert client.get("/api/v1/impact/feedback/results", **bearer(practitioner)).status_code == 403
    assert client.get("/api/v1/impact/feedback/results", {"from": "March"}, **bearer(other_agency_lead)).status_code == 400


def test_a_bad_period_on_the_page_says_what_to_change(organisation_lead):
    response = signed_in(organisation_lead).get(reverse("impact:feedback_results"), {"from": "2026-13-45"})
    assert response.status_code == 400 and "year-month-day" in response.content.decode()
    assert signed_in(organisation_lead).get(reverse("impact:feedback_results"), {"survey": "nonsense"}).status_code == 400


def test_a_question_answered_by_fewer_than_five_is_held_back_on_its_own(childrens_services, partnership_lead):
    give_answers(childrens_services, 4, score=3, month=MONTH, survey="at-closure")
    give_answers(childrens_services, 6, score=4, month=MONTH, survey="after-plan")
    page = signed_in(partnership_lead).get(reverse("impact:feedback_results"), MARCH).content.decode()
    assert "When our work together ended: Fewer than 5 answers answers" in page or "When our work together ended: Fewer than 5" in page
    assert "3.0" not in page and "4.0" in page


def test_the_figures_hold_back_under_five_answers(childrens_services):
    march = Period(MONTH, date(2026, 3, 31))
    give_answers(childrens_services, 4, score=3, month=MONTH)
    score, given = figures.feedback_score(march, childrens_services), figures.answers_given(march)
    assert (score.value, score.held_back, given.value, given.held_back) == (None, True, None, True)
    assert "Fewer than 5 answers" in score.words
    give_answers(childrens_services, 1, score=5, month=MONTH)
    score = figures.feedback_score(march, childrens_services)
    assert score.value == round((4 * 4 * 3 + 4 * 5) / 20, 2) and not score.held_back
    assert figures.answers_given(march).value == 5


def test_no_answers_is_said_plainly(db):
    figure = figures.feedback_score(Period(MONTH, date(2026, 3, 31)))
    assert figure.value is None and not figure.held_back and figures.answers_given(Period(MONTH, date(2026, 3, 31))).value == 0


def test_a_total_that_would_give_away_a_small_month_is_held_back(childrens_services, organisation_lead):
    give_answers(childrens_services, 6, score=4, month=MONTH)
    give_answers(childrens_services, 2, score=1, month=date(2026, 4, 1))
    spring = {"from": "2026-03-01", "to": "2026-04-30"}
    text = signed_in(organisation_lead).get(reverse("impact:feedback_results_csv"), spring).content.decode()
    assert "2026-03,6,4.0" in text
    assert "2026-04,Fewer than 5 answers" in text
    assert "The whole period,Not shown: it would show a smaller group" in text and ",8," not in text


def test_a_partnership_month_counts_only_the_organisations_shown_when_the_rest_would_be_given_away(childrens_services, community_health, partnership_lead):
    give_answers(childrens_services, 6, score=4, month=MONTH)
    give_answers(community_health, 3, score=1, month=MONTH)
    text = signed_in(partnership_lead).get(reverse("impact:feedback_results_csv"), MARCH).content.decode()
    assert "Across the partnership,2026-03,6,4.0" in text and "Riverbend Children's Services,2026-03,6,4.0" in text
    assert "Across the partnership,The whole period,Not shown" in text
    assert ",9," not in text and "3.0" not in text
