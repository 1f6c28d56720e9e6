"""Figures for groups only: an organisation's month is shown when five or more people checked in, and no figure lets a smaller group be worked out."""

from datetime import date, datetime
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Role
from goldenthread.wellbeing import figures, questions
from goldenthread.wellbeing.models import CheckIn

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
NOVEMBER = date(2026, 11, 1)
OCTOBER = date(2026, 10, 1)


def colleagues(organisation, how_many, start=0):
    """Fictional colleagues in an organisation, each a practitioner."""
    people = []
    for number in range(start, start + how_many):
        person = User.objects.create_user(
            f"colleague{number}.{organisation.pk}@riverbend.example", "a-long-test-password", full_name=f"Colleague {number} (fictional)"
        )
        Membership.objects.create(user=person, organisation=organisation, role=Role.PRACTITIONER)
        people.append(person)
    return people


def checked_in(person, organisation, day: date, **answers):
    moment = timezone.make_aware(datetime(day.year, day.month, 15, 10, 0))
    return CheckIn.objects.create(
        person=person, organisation=organisation, taken_at=moment, questions_version=questions.current().version, answers=answers or {"weight": 4}
    )


def cell(found, name, month):
    row = next(row for row in ([found.partnership] if found.partnership else []) + found.rows if row.name == name)
    return row.cells[found.months.index(month)]


def test_the_months_shown_are_those_that_have_ended():
    assert figures.months_ended(3, TODAY) == [date(2026, 9, 1), OCTOBER, NOVEMBER]
    assert figures.months_ended(2, date(2027, 1, 10)) == [date(2026, 11, 1), date(2026, 12, 1)]


def test_an_organisation_month_with_five_people_is_shown_and_four_is_held_back(childrens_services):
    people = colleagues(childrens_services, 5)
    for person in people:
        checked_in(person, childrens_services, NOVEMBER, weight=5)
    for person in people[:4]:
        checked_in(person, childrens_services, OCTOBER, weight=5)
    found = figures.figures_for([childrens_services], with_partnership=False, today=TODAY)
    assert cell(found, childrens_services.name, NOVEMBER).people == 5
    assert cell(found, childrens_services.name, NOVEMBER).harder["weight"] == 100
    held = cell(found, childrens_services.name, OCTOBER)
    assert held.people is None and held.share_of_staff is None and all(value is None for value in held.harder.values())


def test_a_person_who_checks_in_twice_in_a_month_counts_once_with_their_latest_answers(childrens_services):
    people = colleagues(childrens_services, 5)
    for person in people:
        checked_in(person, childrens_services, NOVEMBER, weight=5)
    later = checked_in(people[0], childrens_services, NOVEMBER, weight=1)
    CheckIn.objects.filter(pk=later.pk).update(taken_at=timezone.make_aware(datetime(2026, 11, 20, 10, 0)))
    found = cell(figures.figures_for([childrens_services], with_partnership=False, today=TODAY), childrens_services.name, NOVEMBER)
    assert found.people == 5
    assert found.harder["weight"] == 80


def test_a_question_answered_by_fewer_than_five_is_held_back_even_when_the_month_is_shown(childrens_services):
    for number, person in enumerate(colleagues(childrens_services, 6)):
        answers = {"weight": 3, "sleep": 1} if number < 4 else {"weight": 3}
        checked_in(person, childrens_services, NOVEMBER, **answers)
    found = cell(figures.figures_for([childrens_services], with_partnership=False, today=TODAY), childrens_services.name, NOVEMBER)
    assert found.people == 6 and found.harder["weight"] == 0 and found.harder["sleep"] is None


def test_the_partnership_total_never_lets_a_small_group_be_worked_out_by_subtraction(childrens_services, community_health):
    """Six in one organisation, three in the other: a total of nine less the six shown would give the three, so the total counts only the six."""
    for person in colleagues(childrens_services, 6):
        checked_in(person, childrens_services, NOVEMBER, weight=1)
    for person in colleagues(community_health, 3, start=100):
        checked_in(person, community_health, NOVEMBER, weight=5)
    found = figures.figures_for([childrens_services, community_health], with_partnership=True, today=TODAY)
    shown = cell(found, childrens_services.name, NOVEMBER)
    total = cell(found, "Across the partnership", NOVEMBER)
    assert cell(found, community_health.name, NOVEMBER).people is None
    assert total.people == shown.people == 6
    assert total.harder["weight"] == shown.harder["weight"] == 0


def test_the_partnership_total_counts_everyone_when_those_held_back_are_themselves_a_big_enough_group(childrens_services, community_health, db):
    from goldenthread.partnership.models import Organisation, Sector

    school = Organisation.objects.create(name="Riverbend Primary (fictional)", sector=Sector.SCHOOL_PRIMARY, area="East")
    for person in colleagues(childrens_services, 6):
        checked_in(person, childrens_services, NOVEMBER)
    for person in colleagues(community_health, 3, start=100):
        checked_in(person, community_health, NOVEMBER)
    for person in colleagues(school, 3, start=200):
        checked_in(person, school, NOVEMBER)
    found = figures.figures_for([childrens_services, community_health, school], with_partnership=True, today=TODAY)
    assert cell(found, "Across the partnership", NOVEMBER).people == 12  # the six held back are a group of six


def test_the_smallest_group_is_never_below_five_whatever_the_data_file_says(monkeypatch, tmp_path):
    (tmp_path / "privacy.toml").write_text("smallest_group = 2\nkeep_check_ins_for_months = 12\nmonths_of_figures = 12\n")
    monkeypatch.setattr(questions, "DATA", tmp_path)
    questions.privacy.cache_clear()
    try:
        assert questions.privacy().smallest_group == 5
    finally:
        questions.privacy.cache_clear()


def test_the_figures_page_shows_groups_and_holds_back_small_ones_for_an_organisation_lead(client, organisation_lead, childrens_services, community_health):
    last_month = figures.months_ended(1)[0]
    for person in colleagues(childrens_services, 5):
        checked_in(person, childrens_services, last_month)
    for person in colleagues(community_health, 6, start=100):
        checked_in(person, community_health, last_month)
    client.force_login(organisation_lead)
    page = client.get(reverse("wellbeing:figures")).content.decode()
    assert escape(childrens_services.name) in page and escape(community_health.name) not in page  # their own organisation only
    assert "Across the partnership" not in page
    assert "Fewer than 5" in page  # the months before, with nobody
    assert "Colleague" not in page


def test_the_partnership_lead_sees_every_organisation_and_the_partnership(client, partnership_lead, childrens_services, community_health):
    client.force_login(partnership_lead)
    page = client.get(reverse("wellbeing:figures")).content.decode()
    assert escape(childrens_services.name) in page and escape(community_health.name) in page and "Across the partnership" in page


@pytest.mark.parametrize("who", ["practitioner", "champion", "trainer", "family_member"])
def test_people_who_do_not_lead_an_organisation_are_not_shown_figures(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("wellbeing:figures")).status_code == 403


def test_indicators_for_the_impact_module_hold_back_the_same_small_groups(childrens_services):
    for person in colleagues(childrens_services, 4):
        checked_in(person, childrens_services, NOVEMBER)
    found = figures.indicators([childrens_services], with_partnership=False, today=TODAY)
    november = next(item for item in found if item["month"] == NOVEMBER)
    assert november["people"] is None and november["share_of_staff"] is None
