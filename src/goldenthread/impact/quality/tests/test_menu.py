"""What the quality part adds to the impact home page and a person's home page, for each person."""

import pytest
from django.urls import reverse

from goldenthread.impact.quality import menu

pytestmark = pytest.mark.django_db


def words(links):
    return [text for text, _ in links]


def test_each_person_finds_the_links_for_them(auditor, partnership_lead, organisation_lead, champion, data_protection_lead, family_member):
    assert words(menu.home_links(auditor)) == ["Your audits", "Draw a sample of records", "The audit questions"]
    assert words(menu.home_links(partnership_lead)) == [
        "Your audits",
        "Draw a sample of records",
        "Auditors",
        "Audit results by question",
        "The audit questions",
    ]
    assert words(menu.home_links(organisation_lead)) == ["Quality assurance of records", "Audit results by question", "The audit questions"]
    assert words(menu.home_links(champion)) == ["The audit questions"]
    assert menu.home_links(data_protection_lead) == [] and menu.home_links(family_member) == []


def test_an_appointed_auditor_has_a_home_card(auditor, partnership_lead):
    [card] = menu.home_cards(auditor)
    assert ("Your audits", reverse("impact:quality")) in card["links"]
    assert menu.home_cards(partnership_lead) == []
