"""Who sees which writing figures: the partnership lead every organisation, an organisation lead their own, everyone else their own writing, a family member nothing."""

import pytest

from goldenthread.language_monitoring import permissions

PEOPLE = [
    "partnership_lead",
    "organisation_lead",
    "champion",
    "practitioner",
    "other_agency_practitioner",
    "other_agency_lead",
    "trainer",
    "data_protection_lead",
    "family_member",
]

MATRIX = {
    # person: (organisations' figures, the partnership's, their own writing)
    "partnership_lead": (True, True, True),
    "organisation_lead": (True, False, True),
    "champion": (False, False, True),
    "practitioner": (False, False, True),
    "other_agency_practitioner": (False, False, True),
    "other_agency_lead": (True, False, True),
    "trainer": (False, False, True),
    "data_protection_lead": (False, False, True),
    "family_member": (False, False, False),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_see_which_figures(who, request):
    person = request.getfixturevalue(who)
    assert (
        permissions.can_see_organisation_figures(person),
        permissions.can_see_partnership_figures(person),
        permissions.can_see_own_writing(person),
    ) == MATRIX[who]


@pytest.mark.parametrize("who", PEOPLE)
def test_whose_organisations_each_person_may_see(who, request, childrens_services, community_health):
    person = request.getfixturevalue(who)
    names = set(permissions.organisations_for_figures(person).values_list("name", flat=True))
    expected = {
        "partnership_lead": {"Riverbend Children's Services", "Riverbend Community Health"},
        "organisation_lead": {"Riverbend Children's Services"},
        "other_agency_lead": {"Riverbend Community Health"},
    }.get(who, set())
    assert expected <= names if who == "partnership_lead" else names == expected
    assert permissions.can_see_figures_for(person, childrens_services) == ("Riverbend Children's Services" in expected)


def test_nobody_signed_in_sees_anything(db):
    from django.contrib.auth.models import AnonymousUser

    for check in (permissions.can_see_organisation_figures, permissions.can_see_partnership_figures, permissions.can_see_own_writing):
        assert not check(AnonymousUser()) and not check(None)
