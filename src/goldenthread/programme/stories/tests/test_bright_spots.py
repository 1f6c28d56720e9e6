"""The stories list for one area of the continuum shows the map's bright spots in that area beside the stories, read from the continuum and never written.

Riverbend Children's Services is strong in leadership, where Riverbend Community Health is
early on: a bright spot. Everyone in the workforce sees which
organisation stands out; the stage it is at is for those who may see the map.
"""

import pytest

from goldenthread.continuum.models import Assessment
from goldenthread.continuum.tests.map_factories import complete_round, make_framework
from goldenthread.programme.stories import queries, services

from .conftest import story_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def leadership_bright_spot(childrens_services, community_health, organisation_lead, other_agency_lead):
    general = make_framework()
    complete_round(childrens_services, general, [organisation_lead], {"leadership": 4, "safety": 2, "language": 2})
    complete_round(community_health, general, [other_agency_lead], {"leadership": 1, "safety": 2, "language": 1})
    return general


def test_the_bright_spots_of_an_area_are_the_continuums_own(leadership_bright_spot):
    spots = queries.bright_spots_in("leadership", with_detail=True)
    assert [spot.organisation for spot in spots] == ["Riverbend Children's Services"]
    assert spots[0].stage == "Trauma Informed"
    assert queries.bright_spots_in("safety", with_detail=True) == []
    assert queries.bright_spots_in("", with_detail=True) == []


def test_reading_the_bright_spots_writes_nothing(leadership_bright_spot):
    before = list(Assessment.objects.order_by("pk").values())
    queries.bright_spots_in("leadership", with_detail=False)
    assert list(Assessment.objects.order_by("pk").values()) == before


def test_the_list_for_an_area_shows_its_stories_and_bright_spots_together(
    client, leadership_bright_spot, practitioner, childrens_services, champion, other_agency_practitioner
):
    story = services.share_story(childrens_services, by=practitioner, **story_details(title="Leading with curiosity (fictional)", domains=["leadership"]))
    services.approve_story(story, by=champion)
    client.force_login(other_agency_practitioner)
    page = client.get("/programme/stories/?domain=leadership").content.decode()
    assert "Bright spots in Leadership and governance" in page
    assert "Leading with curiosity (fictional)" in page
    assert "Riverbend Children" in page.split("Bright spots in")[1]
    assert "Trauma Informed" not in page  # the stage is for those who may see the map


def test_the_partnership_lead_sees_the_stage_as_on_the_map(client, leadership_bright_spot, partnership_lead):
    client.force_login(partnership_lead)
    page = client.get("/programme/stories/?domain=leadership").content.decode()
    assert "Trauma Informed" in page


def test_without_an_area_no_bright_spots_are_shown(client, leadership_bright_spot, other_agency_practitioner):
    client.force_login(other_agency_practitioner)
    assert "Bright spots in" not in client.get("/programme/stories/").content.decode()
