"""Who may read and keep the shared roadmap, as a matrix: every person the partnership has, against a milestone of each kind and every way to change it.

Alex Morgan (the partnership team) keeps the whole-system and sector milestones, and may help
with any organisation's own; Sam Okafor keeps Riverbend Children's Services' own milestones;
Drew Hughes keeps Riverbend Community Health's. Everyone in the workforce reads the whole
roadmap; the data protection lead (in no organisation) and a family member see none of it.
"""

import pytest
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.programme.roadmap import permissions, services
from goldenthread.programme.roadmap.models import Milestone

from .conftest import in_days

pytestmark = pytest.mark.django_db

WORKFORCE = ["partnership_lead", "organisation_lead", "champion", "practitioner", "other_agency_practitioner", "other_agency_lead", "trainer"]
NOT_WORKFORCE = ["data_protection_lead", "family_member"]
KINDS = ["whole_system", "childrens_sector", "health_sector", "own", "other_agency"]
KEEPS = {
    "partnership_lead": set(KINDS),
    "organisation_lead": {"own"},
    "other_agency_lead": {"other_agency"},
}
CHANGES = ["roadmap-change", "roadmap-reached", "roadmap-move", "roadmap-drop"]


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE, "anonymous"])
def test_the_roadmap_is_read_by_the_workforce_only(request, who):
    assert permissions.can_see_roadmap(person(request, who)) is (who in WORKFORCE)


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE, "anonymous"])
def test_each_person_keeps_exactly_their_own_part_of_the_roadmap(request, who, every_kind):
    user = person(request, who)
    kept = {kind for kind, milestone in every_kind.items() if permissions.can_change(user, milestone)}
    assert kept == KEEPS.get(who, set())


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE, "anonymous"])
def test_adding_milestones_is_for_the_partnership_team_and_organisation_leads(request, who):
    assert permissions.can_add_milestones(person(request, who)) is (who in KEEPS)


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE])
def test_every_change_is_refused_by_the_service_to_anyone_who_does_not_keep_the_milestone(request, who, every_kind):
    user = person(request, who)
    for kind, milestone in every_kind.items():
        if kind in KEEPS.get(who, set()):
            continue
        for attempt in (
            lambda m: services.move_milestone(m, by=user, due_on=in_days(300), reason="A new date."),
            lambda m: services.mark_reached(m, by=user, reached_on=in_days(0)),
            lambda m: services.drop_milestone(m, by=user, reason="Not needed."),
            lambda m: services.change_milestone(m, by=user, title="Another title", description="", sector=m.sector, organisation=m.organisation),
        ):
            with pytest.raises(Refused):
                attempt(milestone)
    assert not Milestone.objects.exclude(status=Milestone.Status.PLANNED).exists()


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE, "anonymous"])
def test_every_page_about_changing_a_milestone_answers_each_person_as_the_matrix_says(request, client, who, every_kind):
    user = person(request, who)
    if user is not None:
        client.force_login(user)
    for kind, milestone in every_kind.items():
        for name in CHANGES:
            status = client.get(reverse(f"programme:{name}", args=[milestone.public_id])).status_code
            expected = 302 if user is None else 200 if kind in KEEPS.get(who, set()) else 403
            assert status == expected, (kind, name)


@pytest.mark.parametrize("who", [*WORKFORCE, *NOT_WORKFORCE, "anonymous"])
def test_the_roadmap_and_a_milestone_page_answer_each_person(request, client, who, whole_system):
    user = person(request, who)
    if user is not None:
        client.force_login(user)
    expected = 302 if user is None else 200 if who in WORKFORCE else 403
    assert client.get(reverse("programme:roadmap-home")).status_code == expected
    assert client.get(reverse("programme:roadmap-milestone", args=[whole_system.public_id])).status_code == expected


def test_an_organisation_lead_may_not_put_a_milestone_on_the_whole_system_or_another_organisation(recovery, organisation_lead, community_health):
    for scope in ({}, {"sector": "health"}, {"organisation": community_health}):
        with pytest.raises(Refused):
            services.add_milestone(recovery, by=organisation_lead, title="A milestone", description="What it means.", due_on=in_days(9), **scope)
    assert not Milestone.objects.exists()


def test_an_organisation_lead_may_not_turn_their_own_milestone_into_a_whole_system_one(own_milestone, organisation_lead):
    with pytest.raises(Refused):
        services.change_milestone(own_milestone, by=organisation_lead, title=own_milestone.title, description=own_milestone.description)
    own_milestone.refresh_from_db()
    assert own_milestone.organisation is not None


def test_the_partnership_team_may_help_with_an_organisations_own_milestone(own_milestone, partnership_lead):
    services.move_milestone(own_milestone, by=partnership_lead, due_on=in_days(200), reason="The organisation asked for help to plan it.")
    own_milestone.refresh_from_db()
    assert own_milestone.status == Milestone.Status.MOVED


def test_a_refusal_says_who_keeps_the_roadmap(client, practitioner, whole_system):
    client.force_login(practitioner)
    response = client.get(reverse("programme:roadmap-move", args=[whole_system.public_id]))
    assert response.status_code == 403
    assert "kept by the partnership team" in response.content.decode()
