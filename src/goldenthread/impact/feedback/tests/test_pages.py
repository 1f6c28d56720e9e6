"""The pages' own words pass the shared-language check, and the results page draws its chart with its table."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from goldenthread.impact.feedback import menu
from goldenthread.language import check
from goldenthread.language.readers import read_bytes

from .conftest import give_answers, signed_in

pytestmark = pytest.mark.django_db


def flagged(response):
    text = unescape(read_bytes(response.content, ".html"))
    return [finding.text for finding in check(text)]


def test_every_family_page_passes_the_language_check(sent, childrens_services, organisation_lead):
    from goldenthread.impact.feedback import services

    _, token = sent
    link = services.make_open_link(childrens_services, by=organisation_lead, survey="open")
    pages = [
        Client().get(reverse("family_feedback:answer", args=[token])),
        Client().get(reverse("family_feedback:answer_open", args=[link.public_id])),
        Client().get(reverse("family_feedback:thank_you")),
        Client().get("/feedback/answer/unknown/"),
    ]
    Client().post(reverse("family_feedback:answer", args=[token]), {"q_listened": "5", "anonymous": "anonymous"})
    pages.append(Client().get(reverse("family_feedback:answer", args=[token])))
    services.stop_open_link(link, by=organisation_lead)
    pages.append(Client().get(reverse("family_feedback:answer_open", args=[link.public_id])))
    for response in pages:
        assert flagged(response) == [], response


def test_the_staff_pages_pass_the_language_check(family, practitioner, partnership_lead, verified_client, childrens_services):
    give_answers(childrens_services, 6)
    client = verified_client(practitioner)
    pages = [client.get(reverse("impact:feedback_send_list")), client.get(reverse("impact:feedback_send", args=[family.public_id]))]
    lead = signed_in(partnership_lead)
    pages += [lead.get(reverse("impact:feedback_results")), lead.get(reverse("impact:feedback_open_links"))]
    for response in pages:
        assert response.status_code == 200
        assert flagged(response) == [], response


def test_the_results_chart_comes_with_its_table(childrens_services, organisation_lead):
    give_answers(childrens_services, 6)
    page = signed_in(organisation_lead).get(reverse("impact:feedback_results")).content.decode()
    assert 'role="img"' in page and "Average score each month" in page and "<table" in page


def test_the_impact_home_links_to_each_page_for_those_who_may_open_it(partnership_lead, practitioner, family, family_member):
    assert [words for words, _ in menu.home_links(partnership_lead)] == ["Family feedback results, by service and month", "Open survey links"]
    assert [words for words, _ in menu.home_links(practitioner)] == ["Ask a family for feedback"]
    assert menu.home_links(family_member) == []
