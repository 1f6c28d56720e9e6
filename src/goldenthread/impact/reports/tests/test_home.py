"""What waits for the partnership team, the links on the impact home page, and the demo's board reports."""

import random
from datetime import date

import pytest
from django.urls import reverse

from goldenthread.core.registry import waiting_for
from goldenthread.impact.reports import demo, menu, queries, services
from goldenthread.impact.reports.models import BoardReport

pytestmark = pytest.mark.django_db


def test_a_draft_report_waits_for_the_partnership_team_until_it_is_final(draft_report, partnership_lead, organisation_lead):
    [notice] = [each for each in waiting_for(partnership_lead) if each.link == draft_report.get_absolute_url()]
    assert notice.what == "Finish the board report for 1 January 2026 to 31 March 2026"
    assert not [each for each in waiting_for(organisation_lead) if "board report" in each.what]
    services.finalise(draft_report, by=partnership_lead)
    assert not [each for each in waiting_for(partnership_lead) if each.link == draft_report.get_absolute_url()]


def test_the_people_who_see_figures_find_the_thread_and_the_reports(partnership_lead, organisation_lead, practitioner, family_member, childrens_services):
    assert [words for words, _ in menu.home_links(partnership_lead)] == ["The golden thread for the partnership", "Board reports"]
    assert (f"The golden thread for {childrens_services.name}", reverse("impact:thread_organisation", args=[childrens_services.pk])) in menu.home_links(
        organisation_lead
    )
    assert menu.home_links(practitioner) == [] and menu.home_cards(practitioner) == []
    assert menu.home_links(family_member) == []
    assert menu.home_cards(organisation_lead)[0]["title"] == "The golden thread"


def test_the_last_full_quarter():
    assert queries.last_full_quarter(date(2026, 5, 14)).words() == "1 January 2026 to 31 March 2026"
    assert queries.last_full_quarter(date(2026, 1, 2)).words() == "1 October 2025 to 31 December 2025"


def test_the_demo_writes_one_final_report_with_commentary_and_one_draft_and_nothing_more_when_run_again(partnership_lead):
    demo.load(random.Random("test"), date(2026, 5, 14))
    demo.load(random.Random("test"), date(2026, 5, 14))
    final = BoardReport.objects.get(state="final")
    draft = BoardReport.objects.get(state="draft")
    assert final.period.words() == "1 January 2026 to 31 March 2026" and "(fictional)" in final.title and final.commentary
    assert final.made_by == partnership_lead and final.digest and "(fictional)" in draft.title


def test_the_demo_s_words_pass_the_shared_language_check():
    from goldenthread.core.language import findings_for

    data = demo.read_demo_reports()
    for part in ("final", "draft"):
        assert not findings_for(data[part]["title"]) and not findings_for(data[part]["commentary"])
