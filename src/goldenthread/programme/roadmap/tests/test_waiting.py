"""What waits for the people who keep the roadmap: a milestone whose date has passed while it is still planned. Everyone is fictional."""

import pytest

from goldenthread.core.registry import waiting_for
from goldenthread.programme.roadmap import services, waiting

from .conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_dates(recovery, partnership_lead, organisation_lead, other_agency_lead, childrens_services, community_health):
    def add(by, title, **scope):
        return services.add_milestone(recovery, by=by, title=title, description="What it means.", due_on=in_days(-5), **scope)

    return {
        "whole_system": add(partnership_lead, "A shared plan agreed"),
        "sector": add(partnership_lead, "Every school has a calm space", sector="school-primary"),
        "own": add(organisation_lead, "A calm welcome at reception", organisation=childrens_services),
        "other_agency": add(other_agency_lead, "A quiet corner in every clinic", organisation=community_health),
    }


def whats_waiting(user):
    return [notice.what for notice in waiting.waiting(user)]


def test_an_organisation_lead_is_told_of_their_own_organisations_milestone_only(past_dates, organisation_lead):
    assert whats_waiting(organisation_lead) == ["A milestone’s date has passed: A calm welcome at reception"]


def test_the_partnership_team_is_told_of_the_whole_system_and_sector_milestones(past_dates, partnership_lead):
    assert sorted(whats_waiting(partnership_lead)) == [
        "A milestone’s date has passed: A shared plan agreed",
        "A milestone’s date has passed: Every school has a calm space",
    ]


def test_a_practitioner_has_nothing_waiting_from_the_roadmap(past_dates, practitioner):
    assert whats_waiting(practitioner) == []


def test_marking_it_reached_or_moving_it_ends_the_notice(past_dates, organisation_lead, partnership_lead):
    services.mark_reached(past_dates["own"], by=organisation_lead, reached_on=in_days(-1))
    services.move_milestone(past_dates["whole_system"], by=partnership_lead, due_on=in_days(30), reason="The board meets next month.")
    services.drop_milestone(past_dates["sector"], by=partnership_lead, reason="It is part of another milestone now.")
    assert whats_waiting(organisation_lead) == [] and whats_waiting(partnership_lead) == []


def test_a_moved_milestone_whose_new_date_has_passed_waits_again(past_dates, partnership_lead):
    moved = services.move_milestone(past_dates["whole_system"], by=partnership_lead, due_on=in_days(-1), reason="It was agreed a few days later.")
    assert f"A milestone’s date has passed: {moved.title}" in whats_waiting(partnership_lead)


def test_the_notice_reaches_the_home_pages_list_and_links_to_the_milestone(past_dates, organisation_lead):
    (notice,) = [n for n in waiting_for(organisation_lead) if "milestone" in n.what]
    assert notice.link == f"/programme/roadmap/{past_dates['own'].public_id}/"
    assert "Mark it reached, or move it to a new date" in notice.about
