"""A practitioner offers to be a champion; the organisation's lead answers, and accepting makes them a champion through the partnership's own service."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.partnership.models import Membership, Role
from goldenthread.programme.champions import menu, queries, rules, services, waiting
from goldenthread.programme.champions.models import ChampionVolunteer

from .conftest import WHY

pytestmark = pytest.mark.django_db


def test_the_lead_is_told_and_finds_the_offer_waiting(practitioner, childrens_services, organisation_lead, champion, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.volunteer(childrens_services, by=practitioner, why=WHY)
    [message] = sent_by_the_worker()
    assert message.to == [organisation_lead.email]
    assert message.subject == "Riley Shah would like to be a champion in Riverbend Children's Services"
    [notice] = waiting.waiting(organisation_lead)
    assert notice.link == f"/programme/champions/offers/{offer.public_id}/"
    assert waiting.waiting(champion) == []


def test_accepting_changes_the_role_through_the_partnerships_own_service(
    offer, organisation_lead, practitioner, monkeypatch, django_capture_on_commit_callbacks
):
    from goldenthread.partnership import services as partnership_services

    calls = []
    real = partnership_services.change_role
    monkeypatch.setattr(
        partnership_services, "change_role", lambda membership, *, by, role: calls.append((membership.user, by, role)) or real(membership, by=by, role=role)
    )
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.accept_offer(offer, by=organisation_lead, reply="Welcome aboard.")
    assert calls == [(practitioner, organisation_lead, Role.CHAMPION)]
    assert Membership.objects.get(user=practitioner).role == Role.CHAMPION
    assert answered.status == ChampionVolunteer.Status.ACCEPTED
    assert answered.decided_by == organisation_lead
    [message] = sent_by_the_worker()
    assert message.to == [practitioner.email]
    assert message.subject == "You are now a champion in Riverbend Children's Services"
    assert "Welcome aboard." in message.body
    assert waiting.waiting(organisation_lead) == []
    [card] = menu.home_cards(practitioner)
    assert card["title"] == "You are a champion in Riverbend Children's Services"


def test_the_new_champion_is_in_the_directory(offer, organisation_lead, practitioner):
    assert practitioner not in [champion.person for champion in queries.champions()]
    services.accept_offer(offer, by=organisation_lead)
    assert practitioner in [champion.person for champion in queries.champions()]


def test_declining_keeps_the_role_and_tells_them_kindly(offer, organisation_lead, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_offer(offer, by=organisation_lead, reply="Not this time: we have two champions in your team. Would you join the workstream?")
    assert Membership.objects.get(user=practitioner).role == Role.PRACTITIONER
    [message] = sent_by_the_worker()
    assert "Would you join the workstream?" in message.body
    assert menu.home_cards(practitioner)[0]["title"] == "Your offer to be a champion"


@pytest.mark.parametrize("who", ["champion", "practitioner", "other_agency_lead", "partnership_lead", "family_member"])
def test_only_the_organisations_lead_answers(offer, request, who):
    person = request.getfixturevalue(who)
    for answer in (services.accept_offer, services.decline_offer):
        with pytest.raises(Refused):
            answer(offer, by=person)
    offer.refresh_from_db()
    assert offer.status == ChampionVolunteer.Status.PENDING


def test_an_offer_is_answered_once(offer, organisation_lead):
    services.decline_offer(offer, by=organisation_lead)
    with pytest.raises(ValidationError) as refused:
        services.accept_offer(offer, by=organisation_lead)
    assert rules.NOT_PENDING in refused.value.messages


def test_someone_who_left_the_organisation_is_not_made_a_champion(offer, organisation_lead, practitioner):
    Membership.objects.filter(user=practitioner).delete()
    with pytest.raises(ValidationError) as refused:
        services.accept_offer(offer, by=organisation_lead)
    assert rules.NO_LONGER_A_MEMBER in refused.value.messages


def test_one_offer_at_a_time(offer, practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        services.volunteer(childrens_services, by=practitioner, why=WHY)
    assert rules.ALREADY_ASKED in refused.value.messages


@pytest.mark.parametrize("who", ["champion", "organisation_lead", "trainer", "partnership_lead", "family_member"])
def test_only_a_practitioner_offers(request, who, childrens_services):
    with pytest.raises(Refused):
        services.volunteer(childrens_services, by=request.getfixturevalue(who), why=WHY)


def test_an_offer_says_why(practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        services.volunteer(childrens_services, by=practitioner, why="  ")
    assert refused.value.message_dict == {"why": [rules.WHY.required_message]}


def test_an_offer_is_only_for_ones_own_organisation(practitioner, community_health):
    with pytest.raises(ValidationError) as refused:
        services.volunteer(community_health, by=practitioner, why=WHY)
    assert refused.value.message_dict == {"organisation": [rules.ORGANISATION_NEEDED]}
