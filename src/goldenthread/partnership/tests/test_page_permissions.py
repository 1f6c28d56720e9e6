"""Who may open each partnership page: every role, allowed or refused, checked on the server."""

import uuid

import pytest
from django.urls import reverse

from goldenthread.core.tests.two_step import signed_in_with_two_steps
from goldenthread.partnership.models import Membership, Role

EVERYONE = [
    "practitioner",
    "champion",
    "trainer",
    "organisation_lead",
    "other_agency_lead",
    "other_agency_practitioner",
    "partnership_lead",
]
PARTNERSHIP_LEAD_ONLY = {"partnership_lead"}
MEMBERS_AND_PARTNERSHIP_LEAD = {"practitioner", "champion", "trainer", "organisation_lead", "partnership_lead"}
LEADS_OF_THIS_ORGANISATION = {"organisation_lead", "partnership_lead"}


@pytest.fixture
def partnership(
    childrens_services, community_health, partnership_lead, organisation_lead, champion, practitioner, trainer, other_agency_lead, other_agency_practitioner
):
    """Everyone in the story, in their organisations."""
    return childrens_services


def pages(organisation, practitioner):
    slug = organisation.slug
    person = practitioner.public_id
    return {
        "organisation list": (reverse("partnership:organisations"), PARTNERSHIP_LEAD_ONLY),
        "add an organisation": (reverse("partnership:organisation-add"), PARTNERSHIP_LEAD_ONLY),
        "organisation page": (reverse("partnership:organisation", args=[slug]), MEMBERS_AND_PARTNERSHIP_LEAD),
        "change an organisation": (reverse("partnership:organisation-change", args=[slug]), PARTNERSHIP_LEAD_ONLY),
        "add a person": (reverse("partnership:member-add", args=[slug]), LEADS_OF_THIS_ORGANISATION),
        "change a role": (reverse("partnership:member-role", args=[slug, person]), LEADS_OF_THIS_ORGANISATION),
        "remove a person": (reverse("partnership:member-remove", args=[slug, person]), LEADS_OF_THIS_ORGANISATION),
    }


PAGE_NAMES = ["organisation list", "add an organisation", "organisation page", "change an organisation", "add a person", "change a role", "remove a person"]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_someone_not_signed_in_is_sent_to_sign_in(client, partnership, practitioner, page):
    url, _ = pages(partnership, practitioner)[page]

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign-in"))


@pytest.mark.parametrize("page", PAGE_NAMES)
@pytest.mark.parametrize("person", EVERYONE)
def test_each_role_is_allowed_or_refused(client, request, partnership, practitioner, page, person):
    url, allowed = pages(partnership, practitioner)[page]
    signed_in_with_two_steps(request.getfixturevalue(person), client)

    response = client.get(url)

    if person in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "You cannot see this page" in response.content.decode()


@pytest.mark.parametrize("person", ["practitioner", "champion", "trainer", "other_agency_lead"])
def test_refused_people_cannot_change_a_role_by_posting(client, request, partnership, practitioner, person):
    signed_in_with_two_steps(request.getfixturevalue(person), client)

    response = client.post(reverse("partnership:member-role", args=[partnership.slug, practitioner.public_id]), {"role": Role.ORGANISATION_LEAD})

    assert response.status_code == 403
    assert Membership.objects.get(user=practitioner, organisation=partnership).role == Role.PRACTITIONER


@pytest.mark.parametrize("person", ["practitioner", "champion", "trainer", "other_agency_lead"])
def test_refused_people_cannot_remove_someone_by_posting(client, request, partnership, practitioner, person):
    signed_in_with_two_steps(request.getfixturevalue(person), client)

    response = client.post(reverse("partnership:member-remove", args=[partnership.slug, practitioner.public_id]))

    assert response.status_code == 403
    assert Membership.objects.filter(user=practitioner, organisation=partnership).exists()


def test_organisation_lead_cannot_add_an_organisation_by_posting(client, organisation_lead):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:organisation-add"), {"name": "Riverbend Youth Club", "sector": "voluntary"})

    assert response.status_code == 403


def test_an_unknown_organisation_is_not_found(client, partnership_lead):
    signed_in_with_two_steps(partnership_lead, client)

    response = client.get(reverse("partnership:organisation", args=["no-such-organisation"]))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_person_who_is_not_in_the_organisation_is_not_found(client, partnership, partnership_lead, other_agency_practitioner):
    signed_in_with_two_steps(partnership_lead, client)

    unknown = client.get(reverse("partnership:member-role", args=[partnership.slug, uuid.uuid4()]))
    elsewhere = client.get(reverse("partnership:member-remove", args=[partnership.slug, other_agency_practitioner.public_id]))

    assert unknown.status_code == 404
    assert elsewhere.status_code == 404


def test_an_organisation_lead_cannot_reach_people_of_another_organisation_through_their_own(client, partnership, organisation_lead, other_agency_practitioner):
    signed_in_with_two_steps(organisation_lead, client)

    response = client.post(reverse("partnership:member-remove", args=[partnership.slug, other_agency_practitioner.public_id]))

    assert response.status_code == 404
    assert Membership.objects.filter(user=other_agency_practitioner).exists()


def test_members_see_names_roles_but_not_email_addresses(client, partnership, practitioner, champion):
    signed_in_with_two_steps(practitioner, client)

    page = client.get(reverse("partnership:organisation", args=[partnership.slug])).content.decode()

    assert "Jo Park" in page and "Champion" in page
    assert champion.email not in page
    assert "Add a person" not in page


def test_organisation_lead_sees_what_they_can_change(client, partnership, organisation_lead, practitioner):
    signed_in_with_two_steps(organisation_lead, client)

    page = client.get(reverse("partnership:organisation", args=[partnership.slug])).content.decode()

    assert "Add a person" in page
    assert practitioner.email in page
    assert reverse("partnership:member-role", args=[partnership.slug, practitioner.public_id]) in page
    assert "Change the details of" not in page, "only the partnership lead changes an organisation's details"
