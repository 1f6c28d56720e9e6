"""What the partnership directory adds to the menu and to each person's home page."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from goldenthread.partnership import menu as partnership_menu
from goldenthread.partnership.models import Membership, Role


def links(cards):
    return [href for card in cards for _, href in card["links"]]


def test_the_partnership_lead_has_organisations_in_the_menu(partnership_lead):
    assert ("Organisations", reverse("partnership:organisations")) in partnership_menu.navigation(partnership_lead)


def test_a_member_reaches_their_own_organisation_from_their_home_page_not_the_menu(practitioner, childrens_services):
    assert partnership_menu.navigation(practitioner) == []
    assert reverse("partnership:organisation", args=[childrens_services.slug]) in links(partnership_menu.home_cards(practitioner))


def test_someone_not_signed_in_has_nothing_from_the_directory():
    assert partnership_menu.navigation(AnonymousUser()) == []
    assert partnership_menu.home_cards(AnonymousUser()) == []


def test_the_partnership_lead_is_offered_the_organisations_and_people(partnership_lead):
    cards = partnership_menu.home_cards(partnership_lead)

    assert cards[0]["title"] == "Organisations and people"
    assert reverse("partnership:organisation-add") in links(cards)


def test_an_organisation_lead_is_offered_their_people(organisation_lead, childrens_services):
    cards = partnership_menu.home_cards(organisation_lead)

    assert cards[0]["title"] == "Your people at Riverbend Children's Services"
    assert reverse("partnership:member-add", args=[childrens_services.slug]) in links(cards)


def test_a_champion_is_told_what_being_a_champion_means(champion, childrens_services):
    cards = partnership_menu.home_cards(champion)

    assert cards[0]["title"] == "You are a champion at Riverbend Children's Services"
    assert "share what is going well" in cards[0]["text"]
    assert links(cards) == [reverse("partnership:organisation", args=[childrens_services.slug])]


def test_practitioners_and_trainers_each_have_a_card_about_their_role(practitioner, trainer):
    assert partnership_menu.home_cards(practitioner)[0]["title"] == "Your place in Riverbend Children's Services"
    assert partnership_menu.home_cards(trainer)[0]["title"] == "You are a trainer at Riverbend Children's Services"


def test_a_person_in_two_organisations_has_a_card_for_each(other_agency_practitioner, organisation_lead, childrens_services):
    Membership.objects.create(user=other_agency_practitioner, organisation=childrens_services, role=Role.TRAINER)

    titles = [card["title"] for card in partnership_menu.home_cards(other_agency_practitioner)]

    assert titles == ["You are a trainer at Riverbend Children's Services", "Your place in Riverbend Community Health"]


def test_an_organisation_that_has_left_no_longer_appears_in_the_menu(practitioner, childrens_services):
    childrens_services.is_active = False
    childrens_services.save()

    assert partnership_menu.navigation(practitioner) == []
    assert partnership_menu.home_cards(practitioner) == []
