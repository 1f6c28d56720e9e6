"""An organisation sees its own part of the shared roadmap: the whole system's milestones, its sector's, and its own; never another organisation's own.

Riley Shah works in Riverbend Children's Services (children's social care); Casey Evans in
Riverbend Community Health (health). Each first sees their organisation's part, with a link
to the whole roadmap. Everyone here is fictional.
"""

import pytest
from django.urls import reverse

from goldenthread.programme.roadmap import queries

pytestmark = pytest.mark.django_db
ROADMAP = reverse("programme:roadmap-home")
CHILDRENS_PART = ["whole_system", "childrens_sector", "own"]
HEALTH_PART = ["whole_system", "health_sector", "other_agency"]


def shown(client, user, **params):
    client.force_login(user)
    response = client.get(ROADMAP, params)
    assert response.status_code == 200
    return response, [item.milestone for item in response.context["rows"]]


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "champion", "trainer"])
def test_someone_in_childrens_services_first_sees_its_part_of_the_roadmap(request, client, who, every_kind, childrens_services):
    response, milestones = shown(client, request.getfixturevalue(who))
    assert milestones == [every_kind[kind] for kind in CHILDRENS_PART]
    html = response.content.decode()
    assert response.context["part"] == childrens_services
    assert "This is the part of the roadmap for Riverbend Children&#x27;s Services" in html
    assert f'href="{ROADMAP}?part=all">See the whole roadmap</a>' in html


@pytest.mark.parametrize("who", ["other_agency_practitioner", "other_agency_lead"])
def test_someone_in_community_health_first_sees_its_part_of_the_roadmap(request, client, who, every_kind):
    _, milestones = shown(client, request.getfixturevalue(who))
    assert milestones == [every_kind[kind] for kind in HEALTH_PART]


def test_the_whole_roadmap_is_one_link_away(client, practitioner, every_kind):
    response, milestones = shown(client, practitioner, part="all")
    assert milestones == sorted(every_kind.values(), key=lambda m: m.due_on)
    assert response.context["part"] is None


def test_the_partnership_team_sees_the_whole_roadmap_first_and_may_look_at_any_organisations_part(client, partnership_lead, every_kind, community_health):
    _, milestones = shown(client, partnership_lead)
    assert len(milestones) == 5
    _, milestones = shown(client, partnership_lead, part=community_health.slug)
    assert milestones == [every_kind[kind] for kind in HEALTH_PART]


def test_a_practitioner_cannot_pick_another_organisations_part_and_is_told_so(client, practitioner, every_kind, community_health):
    response, milestones = shown(client, practitioner, part=community_health.slug)
    assert len(milestones) == 5, "the filter is left out: the whole roadmap shows"
    assert "The part of the roadmap in the address is not one on the list" in response.content.decode()


def test_the_part_and_the_filters_work_together(client, practitioner, every_kind):
    _, milestones = shown(client, practitioner, domain="language")
    assert milestones == [every_kind["own"]]
    _, milestones = shown(client, practitioner, sector="whole-system")
    assert milestones == [every_kind["whole_system"]]


def test_the_part_query_leaves_out_another_organisations_own_milestone_in_the_same_sector(
    recovery, every_kind, childrens_services, partnership_lead, organisation_lead, community_health
):
    from goldenthread.partnership.models import Organisation, Sector
    from goldenthread.programme.roadmap import services

    neighbour = Organisation.objects.create(name="Riverbend Fostering Service (fictional)", sector=Sector.CHILDRENS_SOCIAL_CARE)
    theirs = services.add_milestone(
        recovery,
        by=partnership_lead,
        title="Foster carers offered training",
        description="What it means.",
        due_on=every_kind["own"].due_on,
        organisation=neighbour,
    )

    part = queries.roadmap(organisation=childrens_services)

    assert theirs not in part and every_kind["own"] in part and every_kind["childrens_sector"] in part
