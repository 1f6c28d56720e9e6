"""What the continuum adds to the menu and the home page, for each role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.continuum import menu
from goldenthread.continuum.models import Assessment, ContinuumAction, Domain, Response
from goldenthread.core.models import User

from .map_factories import complete_round, make_framework

LEVELS = {"leadership": 3, "safety": 3, "language": 2}


@pytest.fixture
def framework(db):
    return make_framework()


def card_titled(cards, start):
    return next(card for card in cards if card["title"].startswith(start))


def test_partnership_lead_menu_leads_to_the_map(partnership_lead):
    assert ("Continuum", reverse("continuum:map")) in menu.navigation(partnership_lead)


def test_an_organisations_people_reach_its_continuum_page(practitioner, childrens_services):
    assert menu.navigation(practitioner) == [("Continuum", reverse("continuum:organisation", args=[childrens_services.slug]))]


def test_someone_in_no_organisation_or_not_signed_in_gets_no_continuum_link(db):
    from django.contrib.auth.models import AnonymousUser

    loner = User.objects.create_user("lone@riverbend.example", "a-long-test-password", full_name="Lee Loner")
    assert menu.navigation(loner) == []
    assert menu.navigation(AnonymousUser()) == []
    assert menu.home_cards(AnonymousUser()) == []


def test_lead_of_an_organisation_not_assessed_yet_is_offered_a_start(organisation_lead, childrens_services, framework):
    card = card_titled(menu.home_cards(organisation_lead), "Where we stand")
    assert "has no self-assessment result yet" in card["text"]
    assert (f"Start a self-assessment for {childrens_services.name}", reverse("continuum:start", args=[childrens_services.slug])) in card["links"]


def test_lead_sees_the_latest_stage_and_overdue_actions(organisation_lead, champion, childrens_services, framework):
    assessment = complete_round(childrens_services, framework, [organisation_lead, champion], LEVELS, days_ago=12)
    domain = Domain.objects.get(framework=framework, code="language")
    today = timezone.localdate()
    for days, status in [
        (-5, ContinuumAction.Status.NOT_STARTED),
        (-1, ContinuumAction.Status.IN_PROGRESS),
        (-9, ContinuumAction.Status.DONE),
        (20, ContinuumAction.Status.NOT_STARTED),
    ]:
        ContinuumAction.objects.create(
            organisation=childrens_services,
            assessment=assessment,
            domain=domain,
            description="Review our letters with families",
            owner="Jo Park",
            due_on=today + timedelta(days=days),
            status=status,
        )
    card = card_titled(menu.home_cards(organisation_lead), "Where we stand")
    assert "places Riverbend Children's Services at Trauma Responsive" in card["text"]
    assert "2 actions in the action plan are past the due date" in card["text"]
    assert (f"See the action plan for {childrens_services.name}", reverse("continuum:actions", args=[childrens_services.slug])) in card["links"]


def test_lead_with_an_open_round_follows_it_and_answers_too(organisation_lead, childrens_services, framework):
    open_round = Assessment.objects.create(organisation=childrens_services, framework=framework, title="Autumn round", started_by=organisation_lead)
    Response.objects.create(assessment=open_round, respondent=organisation_lead, status=Response.Status.IN_PROGRESS)
    card = card_titled(menu.home_cards(organisation_lead), "Where we stand")
    hrefs = [href for _, href in card["links"]]
    assert reverse("continuum:assessment", args=[open_round.public_id]) in hrefs
    assert reverse("continuum:answer", args=[open_round.public_id]) in hrefs
    assert reverse("continuum:start", args=[childrens_services.slug]) not in hrefs


@pytest.mark.parametrize("person", ["champion", "practitioner", "trainer"])
def test_colleagues_see_the_invitation_waiting_for_their_answers(request, person, organisation_lead, childrens_services, framework):
    colleague = request.getfixturevalue(person)
    complete_round(childrens_services, framework, [organisation_lead], LEVELS, days_ago=200)
    open_round = Assessment.objects.create(organisation=childrens_services, framework=framework, title="Autumn round", started_by=organisation_lead)
    Response.objects.create(assessment=open_round, respondent=colleague, invited_by=organisation_lead)
    card = card_titled(menu.home_cards(colleague), "Your answers are wanted")
    assert "You are invited to answer ‘Autumn round’" in card["text"]
    assert "Trauma Responsive" in card["text"]
    assert card["links"][0] == (f"Answer the self-assessment for {childrens_services.name}", reverse("continuum:answer", args=[open_round.public_id]))
    assert any(href.endswith("/result/") for _, href in card["links"])


def test_once_answers_are_sent_the_invitation_goes(practitioner, organisation_lead, childrens_services, framework):
    open_round = Assessment.objects.create(organisation=childrens_services, framework=framework, title="Autumn round", started_by=organisation_lead)
    Response.objects.create(assessment=open_round, respondent=practitioner, status=Response.Status.SUBMITTED, submitted_at=timezone.now())
    card = card_titled(menu.home_cards(practitioner), "Where we stand")
    assert "invited" not in card["text"]


def test_another_organisations_round_is_not_on_a_colleagues_card(practitioner, other_agency_lead, community_health, framework):
    open_round = Assessment.objects.create(organisation=community_health, framework=framework, title="Health round", started_by=other_agency_lead)
    Response.objects.create(assessment=open_round, respondent=other_agency_lead)
    texts = " ".join(card["text"] for card in menu.home_cards(practitioner))
    assert "Health round" not in texts


def test_partnership_lead_sees_how_many_have_assessed_and_the_bright_spots(
    partnership_lead, organisation_lead, other_agency_lead, childrens_services, community_health, framework
):
    complete_round(childrens_services, framework, [organisation_lead], {"leadership": 4, "safety": 3, "language": 3})
    complete_round(community_health, framework, [other_agency_lead], {"leadership": 1, "safety": 1, "language": 1})
    card = card_titled(menu.home_cards(partnership_lead), "Where the partnership stands")
    assert card["text"].startswith("2 of 2 member organisations have completed a self-assessment: 1 at Trauma Aware, 1 at Trauma Responsive.")
    assert "bright spots" in card["text"]
    assert ("See the partnership's map", reverse("continuum:map")) in card["links"]


def test_home_page_shows_the_continuum_cards(client, organisation_lead, childrens_services, framework):
    client.force_login(organisation_lead)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "Where we stand: Riverbend Children&#x27;s Services" in response.content.decode()
