"""The permission matrix: every role against every part of a family's record, to view and to change,
with the family's agreement given, partial, expired, withdrawn or not given, emergency access
active or expired, and the family member. Each refused change is logged as refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from goldenthread.families import access, services
from goldenthread.families.models import AccessLogEntry, Part

from . import test_access_support as support
from .test_access_support import (
    CONSENT_STATES,
    EVERY_PART,
    last_line,
    set_consent,
    start_emergency,
)

Basis = AccessLogEntry.Basis

ROLES = [
    "practitioner",
    "champion",
    "organisation_lead",
    "trainer",
    "other_agency_practitioner",
    "other_agency_lead",
    "partnership_lead",
    "data_protection_lead",
    "family_member",
    "emergency",
    "expired_emergency",
]
NOTHING: dict = {}
# A family member sees the story, their own profile, the chronology about them or the whole household, and the contact details.
FAMILY_MEMBER_CONTENT = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT]
EVERYTHING_BUT_LOG = {part: Basis.EMERGENCY for part in EVERY_PART if part != access.ACCESS_LOG}


def expected(role, state) -> dict:
    """part -> basis, for the parts the role may see in that state of the agreement."""
    if role == "practitioner":
        return {part: Basis.RECORDING_ORGANISATION for part in EVERY_PART}
    if role == "other_agency_practitioner":
        seen = {access.TEAM: Basis.TEAM, access.CONSENTS: Basis.TEAM}
        if state == "full":
            seen.update({part: Basis.CONSENT for part in [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD]})
        if state == "partial":
            seen.update({Part.STORY: Basis.CONSENT, access.HOUSEHOLD: Basis.CONSENT})
        return seen
    if role == "family_member":
        return {part: Basis.FAMILY_MEMBER for part in [*FAMILY_MEMBER_CONTENT, access.HOUSEHOLD, access.TEAM, access.CONSENTS, access.ACCESS_LOG]}
    if role == "data_protection_lead":
        return {access.ACCESS_LOG: Basis.DATA_PROTECTION}
    if role == "emergency":
        return EVERYTHING_BUT_LOG
    return NOTHING


def person_for(role, request, family):
    if role == "emergency":
        user = request.getfixturevalue("other_agency_lead")
        start_emergency(user, family)
        return user
    if role == "expired_emergency":
        user = request.getfixturevalue("other_agency_lead")
        start_emergency(user, family, expired=True)
        return user
    return request.getfixturevalue(role)


@pytest.mark.parametrize("state", CONSENT_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_the_parts_the_rule_allows(request, role, state, family, practitioner, community_health):
    set_consent(state, family, community_health, practitioner)
    person = person_for(role, request, family)

    seen = {part: decision.basis for part, decision in access.decide_all(person, family).items() if decision.allowed}

    assert seen == expected(role, state)
    assert access.visible_parts(person, family) == set(expected(role, state))


@pytest.mark.parametrize("state", CONSENT_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_a_refused_part_says_why_and_carries_the_refused_basis(request, role, state, family, practitioner, community_health):
    set_consent(state, family, community_health, practitioner)
    person = person_for(role, request, family)

    for part in EVERY_PART:
        decision = access.decide(person, family, part)
        if part not in expected(role, state):
            assert not decision.allowed
            assert decision.basis == Basis.REFUSED
            assert decision.refusal_reason


def change(part, person, family, wrenna):
    """Make a change to one part of the record, as `person`."""
    if part == Part.STORY:
        return services.add_story_entry(
            family,
            by=person,
            story="Wrenna drew a picture of the new house.",
            who_was_there="Wrenna",
            told_on=timezone.localdate(),
            how_agreed="Wrenna said yes",
        )
    if part == Part.PROFILES:
        profile = getattr(wrenna, "profile", None)
        wrenna.refresh_from_db()
        return services.save_profile(
            wrenna,
            by=person,
            version=wrenna.profile.version if profile else None,
            liked_and_admired="Brave",
            important_to_me="Biscuit",
            how_to_support_me="Give me time",
        )
    if part == Part.CHRONOLOGY:
        return services.add_chronology_entry(
            family, by=person, occurred_on=timezone.localdate(), what_happened="Started at a new school", meaning_for_child="A fresh start"
        )
    if part == Part.CONTACT:
        family.refresh_from_db()
        return services.update_contact_details(family, by=person, version=family.version, contact_details="2 Example Row, Riverbend (fictional)")
    if part == access.HOUSEHOLD:
        return services.add_person(family, by=person, first_name="Ola", role_in_family="sibling", date_of_birth=date(2019, 1, 2))
    raise AssertionError(part)


WRITABLE = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD]


def may_change(role, part, state) -> bool:
    if part == access.HOUSEHOLD:
        return role in ("practitioner", "emergency")  # seeing the household is not changing it
    if role == "family_member":
        return False  # Marnie suggests changes on her own pages; the team decides with her
    return part in expected(role, state)


@pytest.mark.parametrize("state", ["none", "partial"])
@pytest.mark.parametrize("part", WRITABLE)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_changes_exactly_the_parts_it_may_see(request, role, part, state, family, wrenna, practitioner, community_health):
    set_consent(state, family, community_health, practitioner)
    person = person_for(role, request, family)

    if may_change(role, part, state):
        change(part, person, family, wrenna)
        line = last_line(family, person)
        assert line.basis == expected(role, state)[part]
        assert line.action in ("create", "update")
        assert line.part == part
    else:
        with pytest.raises(PermissionDenied):
            change(part, person, family, wrenna)
        line = last_line(family, person)
        assert line.basis == Basis.REFUSED
        assert line.part == part


@pytest.mark.parametrize("state", ["expired", "withdrawn"])
@pytest.mark.parametrize("part", WRITABLE)
def test_an_expired_or_withdrawn_agreement_allows_no_change(part, state, family, wrenna, practitioner, other_agency_practitioner, community_health):
    set_consent(state, family, community_health, practitioner)

    with pytest.raises(PermissionDenied):
        change(part, other_agency_practitioner, family, wrenna)

    assert last_line(family, other_agency_practitioner).basis == Basis.REFUSED


def test_a_family_member_never_changes_even_their_own_profile_directly_they_suggest(family, family_member):
    marnie = family.people.get(first_name="Marnie")

    with pytest.raises(PermissionDenied):
        services.save_profile(marnie, by=family_member, version=None, liked_and_admired="I never give up", important_to_me="My children")

    assert not hasattr(family.people.get(pk=marnie.pk), "profile")
    assert last_line(family, family_member).basis == Basis.REFUSED
    assert access.decide_change(family_member, family, Part.PROFILES, person=marnie).refusal_reason == access.FAMILY_MEMBERS_SUGGEST


# Seeing is not changing: the household ----------------------------------------------------------------


def expected_changes(role, state) -> dict:
    """part -> basis, for the parts the role may change in that state of the agreement (Marnie: none, she suggests)."""
    seen = expected(role, state)
    if role == "family_member":
        return {}
    changes = {part: basis for part, basis in seen.items() if part in access.CONTENT_PARTS}
    if role in ("practitioner", "emergency"):
        changes[access.HOUSEHOLD] = seen[access.HOUSEHOLD]
    return changes


@pytest.mark.parametrize("state", CONSENT_STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_change_exactly_the_parts_the_rule_allows_and_never_more_than_it_sees(request, role, state, family, practitioner, community_health):
    set_consent(state, family, community_health, practitioner)
    person = person_for(role, request, family)

    seen = {part for part in EVERY_PART if access.decide(person, family, part).allowed}
    changes = {part: access.decide_change(person, family, part) for part in EVERY_PART}

    assert {part: d.basis for part, d in changes.items() if d.allowed} == expected_changes(role, state)
    assert {part for part, d in changes.items() if d.allowed} <= seen
    for part, decision in changes.items():
        if not decision.allowed:
            assert decision.basis == Basis.REFUSED and decision.refusal_reason, part


@pytest.mark.parametrize("parts", [[Part.STORY], [Part.CONTACT], [Part.PROFILES], support.CONTENT])
def test_an_agreement_that_lets_a_partner_agency_see_the_household_never_lets_it_change_the_household(
    parts, family, practitioner, other_agency_practitioner, community_health
):
    support.agree(family, community_health, parts, by=practitioner)

    seen = access.decide(other_agency_practitioner, family, access.HOUSEHOLD)
    change = access.decide_change(other_agency_practitioner, family, access.HOUSEHOLD)

    assert seen.allowed and seen.basis == Basis.CONSENT
    assert not change.allowed
    assert "organisation holding the record" in change.refusal_reason


def test_a_partner_agency_with_emergency_access_may_change_the_household_on_the_emergency_basis(
    family, practitioner, other_agency_practitioner, community_health
):
    support.agree(family, community_health, [Part.STORY], by=practitioner)
    start_emergency(other_agency_practitioner, family)

    change = access.decide_change(other_agency_practitioner, family, access.HOUSEHOLD)

    assert change.allowed and change.basis == Basis.EMERGENCY and change.emergency is not None


@pytest.mark.parametrize("household_change", ["add a person", "change pronouns"])
@pytest.mark.parametrize("role_and_state", [("other_agency_practitioner", "partial"), ("other_agency_practitioner", "full"), ("family_member", "none")])
def test_a_person_who_only_sees_the_household_cannot_change_it_and_the_refusal_is_logged(
    request, household_change, role_and_state, family, wrenna, practitioner, community_health
):
    role, state = role_and_state
    set_consent(state, family, community_health, practitioner)
    person = request.getfixturevalue(role)
    people_before = list(family.people.order_by("pk").values_list("first_name", "pronouns"))

    with pytest.raises(PermissionDenied):
        if household_change == "add a person":
            services.add_person(family, by=person, first_name="Ola", role_in_family="sibling")
        else:
            services.update_person(wrenna, by=person, pronouns="they/them")

    line = last_line(family, person)
    assert (line.basis, line.part) == (Basis.REFUSED, access.HOUSEHOLD)
    assert list(family.people.order_by("pk").values_list("first_name", "pronouns")) == people_before
