"""Reach: who the training has reached, against each organisation's workforce, for its lead and for the partnership.

The world: yesterday's essentials session was held. Riley came to the whole of it and so is
trained; Casey came to part of it and has started. Jo has a place next week; Drew is on its
waiting list. Sam and Pat have not been reached yet. Riverbend Children's Services has four
people (Sam, Jo, Riley, Pat); Riverbend Community Health has two (Casey, Drew).
"""

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Role
from goldenthread.training import menu, queries, services
from goldenthread.training.models import Booking
from goldenthread.training.queries import Reach

from .support import came, held, put_on, signed_in


@pytest.fixture
def world(essentials, trainer, practitioner, champion, organisation_lead, other_agency_practitioner, other_agency_lead):
    past = put_on(essentials, trainer, days=3, trainers=[trainer])
    services.book(past, by=practitioner)
    services.book(past, by=other_agency_practitioner)
    held(past)
    came(past, trainer, practitioner)
    came(past, trainer, other_agency_practitioner, how=Booking.Attendance.PART)
    coming = put_on(essentials, trainer, capacity=1, days=7, trainers=[trainer])
    services.book(coming, by=champion)
    services.book(coming, by=other_agency_lead)  # full: Drew waits
    return past, coming


def text_of(response) -> str:
    return unescape(response.content.decode())


def test_each_person_is_counted_once_at_the_furthest_they_have_come(world, childrens_services, community_health):
    counts, roles = queries.organisation_reach(childrens_services)
    assert (counts.trained, counts.started, counts.booked, counts.not_reached) == (1, 0, 1, 2)
    assert counts.people == 4 and counts.came_percent == 25
    assert {row.name: (row.counts.trained, row.counts.booked, row.counts.not_reached) for row in roles} == {
        "Organisation lead": (0, 0, 1),
        "Champion": (0, 1, 0),
        "Practitioner": (1, 0, 0),
        "Trainer": (0, 0, 1),
    }
    health, _ = queries.organisation_reach(community_health)
    assert (health.trained, health.started, health.booked, health.not_reached) == (0, 1, 1, 0)


def test_a_person_who_was_not_able_to_come_and_has_nothing_booked_is_not_reached_yet(essentials, trainer, champion, childrens_services):
    past = put_on(essentials, trainer, days=3, trainers=[trainer])
    services.book(past, by=champion)
    held(past)
    came(past, trainer, champion, how=Booking.Attendance.NOT_ABLE)
    assert queries.people_reached(childrens_services).get(user=champion).reach == Reach.NOT_REACHED


def test_someone_who_has_left_is_not_counted_in_the_workforce(world, childrens_services, organisation_lead):
    organisation_lead.is_active = False
    organisation_lead.save()
    counts, _ = queries.organisation_reach(childrens_services)
    assert counts.people == 3 and counts.not_reached == 1


def test_the_partnership_counts_each_organisation_sector_role_programme_and_format(world):
    found = queries.partnership_reach()
    assert (found.everyone.people, found.everyone.came, found.everyone.booked) == (6, 2, 2)
    assert {row.name: row.counts.people for row in found.organisations} == {"Riverbend Children's Services": 4, "Riverbend Community Health": 2}
    assert {row.name: row.counts.came for row in found.sectors} == {"Children's social care": 1, "Health": 1}
    assert {row.name: row.counts.people for row in found.roles} == {"Organisation lead": 2, "Champion": 1, "Practitioner": 2, "Trainer": 1}
    [core] = found.programmes
    assert (core.name, core.meant_for, core.for_people, core.completed, core.came, core.booked) == ("Core programme", "Everyone", 6, 1, 2, 2)
    in_person, online = found.formats
    assert (in_person.held, in_person.people, in_person.places_attended, in_person.to_come, in_person.places_booked) == (1, 2, 2, 1, 1)
    assert (online.held, online.people) == (0, 0)


def test_a_programme_for_leaders_is_counted_against_the_leaders(world, leading, trainer, organisation_lead):
    services.book(put_on(leading, trainer, part=1, days=14), by=organisation_lead)
    leaders = next(p for p in queries.partnership_reach().programmes if p.kind == "leaders")
    assert (leaders.meant_for, leaders.for_people, leaders.booked) == ("Organisation leads", 2, 1)


def test_the_organisation_lead_sees_who_is_trained_booked_and_not_reached_yet_by_name_and_role(world, organisation_lead, childrens_services):
    page = text_of(signed_in(organisation_lead).get(reverse("training:reach-organisation", args=[childrens_services.slug])))
    assert "1 of the 4 people in Riverbend Children's Services (25%) have come to training. 1 more is booked, and 2 are not reached yet." in page
    for words in ("Riley Shah", "Trauma-informed practice: the essentials", "Jo Park", "Sam Okafor", "Not reached yet", "Nothing booked"):
        assert words in page, words
    assert "Casey Evans" not in page, "people of another organisation are not listed"
    assert '<svg class="gt-chart"' in page and "Where the people of Riverbend Children" in page


def test_the_people_are_filtered_by_where_they_are_and_by_role(world, organisation_lead, childrens_services):
    browser = signed_in(organisation_lead)
    address = reverse("training:reach-organisation", args=[childrens_services.slug])
    page = text_of(browser.get(address + "?reach=not-reached"))
    assert "Sam Okafor" in page and "Pat Lee" in page and "Riley Shah" not in page
    assert "2 people matching your filters" in page
    page = text_of(browser.get(address + "?role=champion"))
    assert "Jo Park" in page and "Sam Okafor" not in page
    assert "1 person matching your filters" in page
    assert "1 person matching" in text_of(browser.get(address + "?role=champion&reach=booked"))
    assert "Nobody matches" in text_of(browser.get(address + "?role=champion&reach=trained"))
    assert "4 people" in text_of(browser.get(address))
    assert browser.get(address + "?reach=nonsense&role=42").status_code == 200


def test_a_lead_of_another_organisation_is_refused_and_told_who_to_ask(world, other_agency_lead, childrens_services):
    response = signed_in(other_agency_lead).get(reverse("training:reach-organisation", args=[childrens_services.slug]))
    assert response.status_code == 403
    assert "for its organisation lead and the partnership team" in text_of(response)


def test_an_organisation_that_does_not_exist_is_not_found(partnership_lead):
    assert signed_in(partnership_lead).get(reverse("training:reach-organisation", args=["no-such-organisation"])).status_code == 404


def test_the_partnership_page_shows_a_chart_beside_each_table_and_links_to_each_organisation(world, partnership_lead, childrens_services):
    page = text_of(signed_in(partnership_lead).get(reverse("training:reach")))
    assert page.count('<svg class="gt-chart"') == 6
    assert page.count('<table class="govuk-table"') == 6
    assert "2 of 6 people in the partnership’s workforce (33%) have come to training. 2 more are booked." in page
    assert reverse("training:reach-organisation", args=[childrens_services.slug]) in page


def test_a_trainer_sees_the_figures_but_not_the_names(world, trainer, childrens_services):
    browser = signed_in(trainer)
    page = text_of(browser.get(reverse("training:reach")))
    assert "Riley Shah" not in page
    assert reverse("training:reach-organisation", args=[childrens_services.slug]) not in page
    assert browser.get(reverse("training:reach-organisation", args=[childrens_services.slug])).status_code == 403


def test_the_organisation_lead_has_a_home_card_with_the_figures(world, organisation_lead, childrens_services):
    [card] = [card for card in menu.home_cards(organisation_lead) if card["title"].startswith("Training in")]
    assert card["text"] == "1 of 4 people (25%) have come to training; 1 more booked."
    assert card["links"] == [("Who is trained, booked or not reached yet", reverse("training:reach-organisation", args=[childrens_services.slug]))]


def _more_people(organisation, count, start=0):
    people = User.objects.bulk_create(User(email=f"person{start + n}@more.example", full_name=f"Extra Person {start + n}") for n in range(count))
    Membership.objects.bulk_create(Membership(user=person, organisation=organisation, role=Role.PRACTITIONER) for person in people)


def _queries_for(browser, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(address).status_code == 200
    return len(captured)


def test_the_reach_pages_ask_the_database_the_same_number_of_times_however_many_people_there_are(world, partnership_lead, childrens_services):
    browser = signed_in(partnership_lead)
    pages = [reverse("training:reach"), reverse("training:reach-organisation", args=[childrens_services.slug])]
    browser.get(reverse("core:home"))  # the session's first page writes it; the pages after it do not
    _more_people(childrens_services, 3)
    before = [_queries_for(browser, address) for address in pages]
    _more_people(childrens_services, 40, start=3)
    assert [_queries_for(browser, address) for address in pages] == before


def test_someone_in_two_organisations_is_counted_in_each_and_once_across_the_partnership(world, practitioner, community_health):
    Membership.objects.create(user=practitioner, organisation=community_health, role=Role.PRACTITIONER)
    found = queries.partnership_reach()
    assert {row.name: row.counts.trained for row in found.organisations} == {"Riverbend Children's Services": 1, "Riverbend Community Health": 1}
    assert (found.everyone.people, found.everyone.trained) == (6, 1)


def test_the_training_home_page_leads_an_organisation_lead_to_their_organisations_people(organisation_lead, childrens_services, practitioner):
    link = reverse("training:reach-organisation", args=[childrens_services.slug])
    assert link in text_of(signed_in(organisation_lead).get(reverse("training:home")))
    assert link not in text_of(signed_in(practitioner).get(reverse("training:home")))
