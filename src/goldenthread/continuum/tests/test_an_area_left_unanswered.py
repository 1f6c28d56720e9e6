"""Moving on from an area with nothing answered is a choice the person makes, never a silent skip.

Riley Shah (practitioner) is answering the spring round of Riverbend Children's Services
(fictional) and presses "Save and continue" without choosing an answer.
"""

import re

from django.contrib.messages import get_messages
from django.urls import reverse

from goldenthread.continuum import services
from goldenthread.continuum.models import Answer

from .conftest import items_of, response_of


def answer_url(assessment, domain=None):
    url = reverse("continuum:answer", args=[assessment.public_id])
    return f"{url}?domain={domain}" if domain else url


def test_save_and_continue_with_nothing_answered_says_so_and_offers_to_go_on_or_answer(as_person, practitioner, open_round):
    response = as_person(practitioner).post(answer_url(open_round, "leadership"), {"continue": "1"})

    page = response.content.decode()
    assert response.status_code == 200, "the person stays on the area's page"
    assert "You have not answered any of the statements in Leadership and governance." in page
    assert re.search(rf'href="{re.escape(answer_url(open_round, "safety"))}"[^>]*>Continue to Physical and emotional safety without answering', page)
    assert 'name="continue"' in page, "the statements are still there to answer"
    assert not Answer.objects.exists()


def test_on_the_last_area_the_way_on_is_to_check_the_answers(as_person, practitioner, open_round):
    page = as_person(practitioner).post(answer_url(open_round, "wellbeing"), {"continue": "1"}).content.decode()

    assert re.search(
        rf'href="{re.escape(reverse("continuum:check-answers", args=[open_round.public_id]))}"[^>]*>Continue to check your answers without answering', page
    )


def test_an_area_answered_before_moves_on_as_usual(as_person, practitioner, open_round):
    first = [item for item in items_of(open_round.framework) if item.domain.code == "leadership"][0]
    client = as_person(practitioner)
    client.post(answer_url(open_round, "leadership"), {services.answer_field(first): "2", "later": "1"})

    moved_on = client.post(answer_url(open_round, "leadership"), {services.answer_field(first): "2", "continue": "1"})

    assert moved_on.status_code == 302
    assert moved_on["Location"] == answer_url(open_round, "safety")


def test_come_back_later_with_nothing_answered_does_not_say_answers_were_saved(as_person, practitioner, open_round):
    response = as_person(practitioner).post(answer_url(open_round, "safety"), {"later": "1"})

    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert said == ["You did not answer anything in this area, so nothing new was saved. You can come back and carry on at any time while the round is open."]
    assert not response_of(open_round, practitioner).answers.exists()
