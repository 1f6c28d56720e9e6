"""The wellbeing API: a person's own check-ins only; figures with small groups held back."""

import pytest

from goldenthread.core.tests.tokens import bearer
from goldenthread.wellbeing import services
from goldenthread.wellbeing.models import CheckIn

from .conftest import HEAVY_WEEK

pytestmark = pytest.mark.django_db
API = "/api/v1/wellbeing"


def test_every_wellbeing_route_needs_a_token(client):
    for path in ("/questions", "/my/check-ins", "/figures"):
        assert client.get(API + path).status_code == 401


def test_a_practitioner_takes_reads_and_deletes_their_check_in_through_the_api(client, practitioner):
    headers = bearer(practitioner)
    questions = client.get(f"{API}/questions", **headers).json()
    assert [question["key"] for question in questions["questions"]][0] == "weight"
    made = client.post(f"{API}/my/check-ins", {"answers": {"weight": 4}, "in_own_words": "Noted (fictional)."}, content_type="application/json", **headers)
    assert made.status_code == 201
    listed = client.get(f"{API}/my/check-ins", **headers).json()
    assert [item["answers"] for item in listed] == [{"weight": 4}]
    assert client.delete(f"{API}/my/check-ins/{made.json()['id']}", **headers).json() == {"deleted": 1}
    assert not CheckIn.objects.exists()


def test_a_bad_answer_through_the_api_says_what_to_do(client, practitioner):
    response = client.post(f"{API}/my/check-ins", {"answers": {"weight": 7}}, content_type="application/json", **bearer(practitioner))
    assert response.status_code == 400 and "Choose one of the answers" in response.json()["detail"]


def test_another_persons_check_in_is_not_found_through_the_api(client, practitioner, partnership_lead):
    theirs = services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK)
    headers = bearer(partnership_lead)
    assert client.get(f"{API}/my/check-ins", **headers).json() == []
    assert client.delete(f"{API}/my/check-ins/{theirs.public_id}", **headers).status_code == 404
    assert client.delete(f"{API}/my/check-ins", **headers).json() == {"deleted": 0}
    assert CheckIn.objects.filter(pk=theirs.pk).exists()


def test_figures_through_the_api_are_for_leads_with_small_groups_held_back(client, practitioner, organisation_lead):
    assert client.get(f"{API}/figures", **bearer(practitioner)).status_code == 403
    found = client.get(f"{API}/figures", **bearer(organisation_lead)).json()
    assert found and all(item["people"] is None for item in found)
