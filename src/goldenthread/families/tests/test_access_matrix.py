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

family = support.family
family_member = support.family_member
mia = support.mia

Basis = AccessLogEntry.Basis

ROLES = [
    "practitioner", "champion", "organisation_lead", "trainer", "other_agency_practitioner", "other_agency_lead",
    "partnership_lead", "data_protection_lead", "family_member", "emergency", "expired_emergency",
]
NOTHING: dict = {}
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
        return {part: Basis.FAMILY_MEMBER for part in [Part.STORY, Part.PROFILES, access.HOUSEHOLD, access.TEAM, access.CONSENTS, access.ACCESS_LOG]}
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


def change(part, person, family, mia):
    """Make a change to one part of the record, as `person`."""
    if part == Part.STORY:
        return services.add_story_entry(person, family, story="Mia drew a picture of the new house.", who_was_there="Mia", told_on=timezone.localdate(), how_agreed="Mia said yes")
    if part == Part.PROFILES:
        profile = getattr(mia, "profile", None)
        mia.refresh_from_db()
        return services.save_profile(person, mia, mia.profile.version if profile else None, liked_and_admired="Brave", important_to_me="Biscuit", how_to_support_me="Give me time")
    if part == Part.CHRONOLOGY:
        return services.add_chronology_entry(person, family, occurred_on=timezone.localdate(), what_happened="Started at a new school", meaning_for_child="A fresh start")
    if part == Part.CONTACT:
        family.refresh_from_db()
        return services.update_contact_details(person, family, family.version, "2 Example Row, Riverbend (fictional)")
    if part == access.HOUSEHOLD:
        return services.add_person(person, family, first_name="Ola", role_in_family="sibling", date_of_birth=date(2019, 1, 2))
    raise AssertionError(part)


WRITABLE = [Part.STORY, Part.PROFILES, Part.CHRONOLOGY, Part.CONTACT, access.HOUSEHOLD]


def may_change(role, part, state) -> bool:
    if role == "family_member" and part == Part.PROFILES:
        return False  # Jordan may change only Jordan's own profile, not Mia's
    return part in expected(role, state)


@pytest.mark.parametrize("state", ["none", "partial"])
@pytest.mark.parametrize("part", WRITABLE)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_changes_exactly_the_parts_it_may_see(request, role, part, state, family, mia, practitioner, community_health):
    set_consent(state, family, community_health, practitioner)
    person = person_for(role, request, family)

    if may_change(role, part, state):
        change(part, person, family, mia)
        line = last_line(family, person)
        assert line.basis == expected(role, state)[part]
        assert line.action in ("create", "update")
        assert line.part == part
    else:
        with pytest.raises(PermissionDenied):
            change(part, person, family, mia)
        line = last_line(family, person)
        assert line.basis == Basis.REFUSED
        assert line.part == part


@pytest.mark.parametrize("state", ["expired", "withdrawn"])
@pytest.mark.parametrize("part", WRITABLE)
def test_an_expired_or_withdrawn_agreement_allows_no_change(part, state, family, mia, practitioner, other_agency_practitioner, community_health):
    set_consent(state, family, community_health, practitioner)

    with pytest.raises(PermissionDenied):
        change(part, other_agency_practitioner, family, mia)

    assert last_line(family, other_agency_practitioner).basis == Basis.REFUSED


def test_a_family_member_may_change_their_own_profile(family, family_member):
    jordan = family.people.get(first_name="Jordan")

    services.save_profile(family_member, jordan, None, liked_and_admired="I never give up", important_to_me="My children")

    assert jordan.profile.liked_and_admired == "I never give up"
    assert last_line(family, family_member).basis == Basis.FAMILY_MEMBER
