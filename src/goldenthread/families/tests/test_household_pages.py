"""Seeing a part is not changing the household, through the real pages, as a partner agency would try it.

Casey Evans (Riverbend Community Health) is in the team around the fictional Brightwater family;
the family agrees that health may see only their story, or only their contact details. Casey can
then see who is in the household, but every attempt to change it is refused (403), written to the
access log as refused, and changes nothing. The shared family is in test_pages_support.
"""

from html import unescape

import pytest

from goldenthread.core.refusals import Refused
from goldenthread.families import access, services
from goldenthread.families.models import AccessLogEntry, OnePageProfile, Part, Person

from .test_pages_support import REASON, agree, signed_in, story_data, url

Basis = AccessLogEntry.Basis


def page_text(response):
    return unescape(response.content.decode())


def refused_lines(family, user, part):
    return AccessLogEntry.objects.filter(family_reference=family.reference, user=user, basis=Basis.REFUSED, part=part)


def household(family):
    return list(
        family.people.order_by("pk").values_list(
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "role_in_family",
            "is_focus",
        )
    )


PERSON = {
    "first_name": "Jay",
    "last_name": "Brightwater",
    "pronouns": "he/him",
    "role_in_family": "sibling",
}


@pytest.mark.parametrize("parts", [[Part.STORY], [Part.CONTACT]])
def test_a_partner_agency_that_sees_only_one_part_cannot_add_a_person_to_the_household(
    parts, family, practitioner, other_agency_practitioner, community_health
):
    agree(family, community_health, parts, by=practitioner)
    before = household(family)

    response = signed_in(other_agency_practitioner).post(url("add-person", family.public_id), PERSON)

    assert response.status_code == 403
    assert household(family) == before
    assert refused_lines(family, other_agency_practitioner, access.HOUSEHOLD).exists()


def test_a_partner_agency_that_sees_only_the_story_cannot_add_a_person_to_the_household(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)
    browser = signed_in(other_agency_practitioner)
    assert "Wrenna" in page_text(browser.get(url("overview", family.public_id)))  # the household is shown to Casey

    response = browser.post(url("add-person", family.public_id), PERSON)

    assert response.status_code == 403
    assert not family.people.filter(first_name="Jay").exists()
    line = refused_lines(family, other_agency_practitioner, access.HOUSEHOLD).latest("id")
    assert line.action == "update" and "holding the record" in line.detail


@pytest.mark.parametrize(
    "parts",
    [
        [Part.STORY],
        [Part.CONTACT],
        [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT],
    ],
)
def test_a_partner_agency_that_sees_the_household_cannot_change_a_childs_pronouns(
    parts, family, wrenna, practitioner, other_agency_practitioner, community_health
):
    agree(family, community_health, parts, by=practitioner)
    before = household(family)

    response = signed_in(other_agency_practitioner).post(
        url("edit-person", family.public_id, wrenna.public_id),
        {
            "first_name": "Wrenna",
            "last_name": "Brightwater",
            "pronouns": "he/him",
            "role_in_family": "child",
        },
    )

    wrenna.refresh_from_db()
    assert response.status_code == 403
    assert wrenna.pronouns == "" and household(family) == before
    assert refused_lines(family, other_agency_practitioner, access.HOUSEHOLD).exists()


@pytest.mark.parametrize("page", ["add-person", "edit-person"])
def test_a_partner_agency_cannot_even_open_the_forms_that_change_the_household(page, family, wrenna, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)
    address = url(page, family.public_id) if page == "add-person" else url(page, family.public_id, wrenna.public_id)

    response = signed_in(other_agency_practitioner).get(address)

    assert response.status_code == 403
    assert "Brightwater" not in page_text(response)
    assert refused_lines(family, other_agency_practitioner, access.HOUSEHOLD).exists()


def test_a_partner_agency_is_not_offered_links_to_change_the_household(family, wrenna, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY, Part.PROFILES], by=practitioner)
    browser = signed_in(other_agency_practitioner)

    overview = page_text(browser.get(url("overview", family.public_id)))
    profile = page_text(browser.get(url("profile", family.public_id, wrenna.public_id)))

    assert "Wrenna" in overview
    assert url("add-person", family.public_id) not in overview
    assert url("edit-person", family.public_id, wrenna.public_id) not in profile
    assert url("edit-profile", family.public_id, wrenna.public_id) in profile  # the agreement covers the profiles


def test_the_lead_practitioner_is_still_offered_the_links_to_change_the_household(family, wrenna, practitioner):
    browser = signed_in(practitioner)

    overview = page_text(browser.get(url("overview", family.public_id)))
    profile = page_text(browser.get(url("profile", family.public_id, wrenna.public_id)))

    assert url("add-person", family.public_id) in overview
    assert url("edit-person", family.public_id, wrenna.public_id) in profile


def test_a_family_member_cannot_add_a_person_to_their_household_through_the_page(family, family_member, family_client):
    before = household(family)

    response = family_client(family_member).post(url("add-person", family.public_id), PERSON)

    # A family account never reaches a staff page: refused before the page or its form runs.
    assert response.status_code == 403
    assert "people who work in the partnership" in page_text(response)
    assert household(family) == before
    with pytest.raises(Refused):
        services.add_person(family, by=family_member, first_name="Jay", role_in_family="sibling")
    assert refused_lines(family, family_member, access.HOUSEHOLD).exists()
    assert household(family) == before


def test_someone_with_emergency_access_may_change_a_persons_details_on_the_emergency_basis(family, wrenna, champion):
    services.start_emergency_access(family, by=champion, reason=REASON)

    response = signed_in(champion).post(
        url("edit-person", family.public_id, wrenna.public_id),
        {
            "first_name": "Wrenna",
            "last_name": "Brightwater",
            "pronouns": "she/her",
            "role_in_family": "child",
        },
    )

    wrenna.refresh_from_db()
    assert response.status_code == 302
    assert wrenna.pronouns == "she/her"
    line = AccessLogEntry.objects.filter(
        family_reference=family.reference,
        user=champion,
        part=access.HOUSEHOLD,
        action="update",
    ).latest("id")
    assert line.basis == Basis.EMERGENCY


def test_a_partner_agency_still_adds_to_the_story_its_agreement_covers(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    response = signed_in(other_agency_practitioner).post(
        url("add-story", family.public_id),
        story_data(story="Wrenna showed the health visitor her drawings."),
    )

    assert response.status_code == 302
    assert family.story_entries.filter(story="Wrenna showed the health visitor her drawings.").exists()
    line = AccessLogEntry.objects.filter(
        family_reference=family.reference,
        user=other_agency_practitioner,
        part=Part.STORY,
        action="create",
    ).latest("id")
    assert line.basis == Basis.CONSENT


def test_a_partner_agency_that_sees_only_the_story_cannot_rewrite_a_one_page_profile_and_the_refusal_is_logged(
    family, wrenna, practitioner, other_agency_practitioner, community_health
):
    agree(family, community_health, [Part.STORY], by=practitioner)
    saved = OnePageProfile.objects.get(person=wrenna)

    response = signed_in(other_agency_practitioner).post(
        url("edit-profile", family.public_id, wrenna.public_id),
        {
            "liked_and_admired": "Rewritten by someone the family did not agree to",
            "version": saved.version,
        },
    )

    assert response.status_code == 403
    assert OnePageProfile.objects.get(person=wrenna).liked_and_admired == saved.liked_and_admired
    assert refused_lines(family, other_agency_practitioner, Part.PROFILES).exists()


def test_a_family_member_cannot_rewrite_someone_elses_profile_and_the_refusal_is_logged(family, wrenna, family_member, family_client):
    saved = OnePageProfile.objects.get(person=wrenna)

    response = family_client(family_member).post(
        url("edit-profile", family.public_id, wrenna.public_id),
        {"liked_and_admired": "Rewritten", "version": saved.version},
    )

    assert response.status_code == 403
    assert OnePageProfile.objects.get(person=wrenna).liked_and_admired == saved.liked_and_admired
    with pytest.raises(Refused):
        services.save_profile(wrenna, by=family_member, version=saved.version, liked_and_admired="Rewritten")
    assert OnePageProfile.objects.get(person=wrenna).liked_and_admired == saved.liked_and_admired
    line = refused_lines(family, family_member, Part.PROFILES).latest("id")
    assert access.FAMILY_MEMBERS_SUGGEST in line.detail


def test_a_family_member_suggests_on_their_own_pages_instead_of_writing_their_profile_on_the_teams_page(family, family_member, family_client):
    marnie = Person.objects.get(family=family, first_name="Marnie")
    client = family_client(family_member)

    opened = client.get(url("edit-profile", family.public_id, marnie.public_id))
    response = client.post(url("edit-profile", family.public_id, marnie.public_id), {"important_to_me": "Wrenna and our dog", "version": 0})

    assert opened.status_code == 403 and 'href="/my-record/"' in page_text(opened)
    assert response.status_code == 403
    assert not OnePageProfile.objects.filter(person=marnie).exists()
    with pytest.raises(Refused):
        services.save_profile(marnie, by=family_member, version=None, important_to_me="Wrenna and our dog")
    assert refused_lines(family, family_member, Part.PROFILES).latest("id").detail == access.FAMILY_MEMBERS_SUGGEST
