"""The demo's dates tell one story: organisations joined before they signed, assessed or took
part; nobody's birthday is the day the demo is loaded; a one-year review happens at about a year;
a child's birth in the chronology is the day they were born."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from goldenthread.continuum.models import Assessment
from goldenthread.families.management.commands.load_demo_families import _birthday, read_demo_families
from goldenthread.families.models import ChronologyEntry, Person, TeamMember
from goldenthread.partnership.management.commands.load_demo_partnership import check_demo, joined_days_ago, read_demo
from goldenthread.partnership.models import Membership, Organisation
from goldenthread.pledges.models import Pledge
from goldenthread.supervision.models import Attendee


@pytest.fixture(scope="module")
def whole_demo(django_db_setup, django_db_blocker):
    """Every app's demo, loaded once for this module (it takes a while) and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        try:
            yield timezone.localdate()
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def demo(whole_demo, db):
    return whole_demo


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_between(born: date, on: date) -> int:
    return (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)


# Organisations ---------------------------------------------------------------------------


def test_no_organisation_joined_on_the_day_the_demo_was_loaded(demo):
    assert not Organisation.objects.filter(joined_on__gte=demo).exists()
    assert not Membership.objects.filter(since__gte=demo).exists()


def test_each_organisation_joined_when_its_file_says(demo):
    files = read_demo()
    for entry in files.organisations:
        organisation = Organisation.objects.get(name=entry["name"])
        assert (demo - organisation.joined_on).days == joined_days_ago(files, entry), organisation
        assert set(organisation.memberships.values_list("since", flat=True)) == {organisation.joined_on}, organisation
    assert len(set(Organisation.objects.values_list("joined_on", flat=True))) > 1, "some joined after the partnership began"


def test_every_organisation_joined_before_it_signed_assessed_or_took_part(demo):
    for organisation in Organisation.objects.all():
        joined = organisation.joined_on
        pledge = Pledge.objects.filter(organisation=organisation).first()
        if pledge:
            assert joined < pledge.signed_on, f"{organisation} signed on {pledge.signed_on}, before it joined on {joined}"
        for started_on in Assessment.objects.filter(organisation=organisation).values_list("started_on", flat=True):
            assert joined <= started_on, f"{organisation} assessed itself on {started_on}, before it joined on {joined}"
        for day in TeamMember.objects.filter(organisation=organisation).values_list("joined_on", flat=True):
            assert joined <= day, f"{organisation} joined a family's team on {day}, before it joined on {joined}"
        for held_on in Attendee.objects.filter(organisation=organisation, session__held_on__isnull=False).values_list("session__held_on", flat=True):
            assert joined <= held_on, f"{organisation} took part in a session on {held_on}, before it joined on {joined}"


def test_member_since_on_an_organisations_page_is_the_day_it_joined(demo, client):
    organisation = Organisation.objects.get(name="Riverbend Children's Social Care")
    client.force_login(Membership.objects.filter(organisation=organisation).first().user)

    page = client.get(reverse("partnership:organisation", args=[organisation.slug])).content.decode()

    member_since = page.split("Member since")[1].split("</dd>")[0]
    assert f"{organisation.joined_on:%-d %B %Y}" in member_since
    assert f"{demo:%-d %B %Y}" not in member_since


def test_a_demo_file_where_an_organisation_signed_before_it_joined_is_refused():
    files = read_demo()
    signed = next(entry for entry in files.organisations if "pledge" in entry)
    signed["joined_days_ago"] = signed["pledge"]["signed_days_ago"] - 1

    with pytest.raises(Exception) as refused:
        check_demo(files)

    assert f"{signed['name']}: it signed its pledge before it joined the partnership." in str(refused.value)


# Families ------------------------------------------------------------------------------


def test_nobody_in_the_demo_families_has_a_birthday_on_the_day_the_demo_was_loaded(demo):
    born = Person.objects.exclude(date_of_birth=None).values_list("first_name", "date_of_birth")

    assert born
    assert [name for name, day in born if (day.month, day.day) == (demo.month, demo.day)] == []


def test_each_persons_age_is_the_one_their_file_gives(demo):
    for family in read_demo_families().families:
        for person in family["people"]:
            if "age_years" in person:
                stored = Person.objects.get(family__family_name=family["family_name"], first_name=person["first_name"])
                assert years_between(stored.date_of_birth, demo) == int(person["age_years"]), person["first_name"]


@pytest.mark.parametrize("today", [date(2026, 12, 2), date(2028, 2, 29), date(2027, 3, 1), date(2026, 1, 1)])
@pytest.mark.parametrize("age", [22, 31, 34, 41, 67, 1.2, 0.85, 7.4])
def test_a_birthday_is_never_the_day_the_demo_is_loaded_whatever_that_day_is(today, age):
    for name in ("Carys", "Femi", "Tegan", "Nkechi", "Callum", "Orla"):
        born = _birthday(today, age, name)
        assert (born.month, born.day) != (today.month, today.day)
        assert years_between(born, today) == int(age)


def test_a_one_year_review_happens_when_the_child_is_about_a_year_old(demo):
    reviews = ChronologyEntry.objects.filter(what_happened__iregex=r"one-year|1-year")
    assert reviews.exists()
    for review in reviews:
        whose = re.search(r"(\w+)'s (one|1)-year", review.what_happened).group(1)
        child = review.family.people.get(first_name=whose)
        age = months_between(child.date_of_birth, review.occurred_on)
        assert 11 <= age <= 15, f"{child.first_name}'s one-year review was at {age} months"


def test_a_birth_in_the_chronology_is_on_the_day_the_child_was_born(demo):
    births = ChronologyEntry.objects.filter(what_happened__icontains=" was born")
    assert births.exists()
    for birth in births:
        child = next(person for person in birth.family.people.all() if birth.what_happened.startswith(f"{person.first_name} was born"))
        assert abs((birth.occurred_on - child.date_of_birth).days) <= 3, (
            f"{child.first_name} was born on {child.date_of_birth}, the chronology says {birth.occurred_on}"
        )


def test_no_family_event_is_about_a_child_before_they_were_born(demo):
    for entry in ChronologyEntry.objects.select_related("family"):
        for person in entry.family.people.exclude(date_of_birth=None):
            if re.search(rf"\b{person.first_name}('s)?\b", entry.what_happened) and "was born" not in entry.what_happened:
                assert entry.occurred_on >= person.date_of_birth, f"{entry.what_happened} ({entry.occurred_on}) is before {person.first_name} was born"
