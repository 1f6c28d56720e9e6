"""A family's pages make a bounded number of database queries, however big the family's record grows.

The Brightwater family is measured as recorded (two people, one story entry, one event),
then with a household of twelve, sixty events, ten story entries and a bigger team. The
overview must make the same number of queries both times, and no more than the bound:
a query per person or per event would make a long-running family's page slow.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from goldenthread.families.models import (
    ChronologyEntry,
    ConsentAgreement,
    Family,
    OnePageProfile,
    Part,
    Person,
    StoryEntry,
    TeamMember,
)
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

OVERVIEW_QUERY_BOUND = 30
YOUR_FAMILIES_QUERY_BOUND = 30


def grow(family, *, people=10, events=60, stories=9, agencies=3):
    """Make the family's record much longer, straight through the ORM (the services are tested elsewhere)."""
    recorder = family.recording_organisation
    added = [
        Person(family=family, first_name=f"Cousin{n}", last_name="Brightwater", date_of_birth=date(2010, 1, 1) + timedelta(days=n), role_in_family="other")
        for n in range(people)
    ]
    for person in Person.objects.bulk_create(added):
        OnePageProfile.objects.create(person=person, liked_and_admired="Kind and funny", important_to_me="My family", how_to_support_me="Ask me first")
    ChronologyEntry.objects.bulk_create(
        ChronologyEntry(
            family=family,
            occurred_on=date(2024, 1, 1) + timedelta(days=n),
            what_happened=f"Event {n}",
            meaning_for_child="Something good",
            organisation=recorder,
        )
        for n in range(events)
    )
    StoryEntry.objects.bulk_create(
        StoryEntry(
            family=family, story=f"More of the story, part {n}", who_was_there="Marnie", told_on=date(2025, 1, 1) + timedelta(days=n), how_agreed="Agreed"
        )
        for n in range(stories)
    )
    for n in range(agencies):
        organisation = Organisation.objects.create(name=f"Riverbend Agency {n}", sector=Sector.VOLUNTARY)
        user = type(family.created_by).objects.create_user(f"worker{n}@agency{n}.example", "a-long-test-password", full_name=f"Worker {n}")
        Membership.objects.create(user=user, organisation=organisation, role=Role.PRACTITIONER)
        TeamMember.objects.create(family=family, user=user, organisation=organisation)
        ConsentAgreement.objects.create(family=family, organisation=organisation, parts=[Part.STORY], given_by_name="Marnie", method="in-person")


def queries_for(client, url, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["practitioner", "other_agency_practitioner"])
def test_the_family_overview_makes_a_bounded_number_of_queries_that_does_not_grow_with_the_record(
    who, request, recorded_family, verified_client, django_assert_max_num_queries
):
    client = verified_client(request.getfixturevalue(who))
    url = reverse("families:overview", args=[recorded_family.public_id])
    client.get(url)  # the first look may set up the session; measure the next ones

    small = queries_for(client, url, django_assert_max_num_queries, OVERVIEW_QUERY_BOUND)
    grow(recorded_family)
    large = queries_for(client, url, django_assert_max_num_queries, OVERVIEW_QUERY_BOUND)

    assert recorded_family.people.count() == 12 and recorded_family.chronology.count() == 61
    assert large == small, f"{small} queries for a small record, {large} for a large one"


def test_your_families_makes_a_bounded_number_of_queries_that_does_not_grow_with_the_caseload(
    recorded_family, practitioner, verified_client, django_assert_max_num_queries
):
    client = verified_client(practitioner)
    url = reverse("families:your-families")
    client.get(url)

    one = queries_for(client, url, django_assert_max_num_queries, YOUR_FAMILIES_QUERY_BOUND)
    for n in range(10):
        family = Family.objects.create(
            family_name=f"The Caseload family {n}", lawful_basis="public-task", recording_organisation=recorded_family.recording_organisation
        )
        TeamMember.objects.create(family=family, user=practitioner, organisation=recorded_family.recording_organisation, is_lead=True)
    eleven = queries_for(client, url, django_assert_max_num_queries, YOUR_FAMILIES_QUERY_BOUND)

    assert eleven == one, f"{one} queries for one family, {eleven} for eleven"
