"""The access rule at work: every look logged with its basis, refusals logged, withdrawal at once,
and a bounded number of queries however many parts a page shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.families import access, services
from goldenthread.families.models import AccessLogEntry, ConsentAgreement, Family, Part
from goldenthread.partnership import services as partnership_services
from goldenthread.partnership.models import Membership
from tests.family_fixtures import record_family

from .test_access_support import (
    CONTENT,
    agree,
    log_lines,
    start_emergency,
)

Basis = AccessLogEntry.Basis


def test_reading_a_part_logs_who_what_and_the_basis(family, practitioner):
    decision = access.read(practitioner, family, Part.STORY, detail="Family page")

    assert decision.allowed
    line = log_lines(family, practitioner).last()
    assert (line.action, line.part, line.basis, line.detail) == ("view", "story", Basis.RECORDING_ORGANISATION, "Family page")
    assert line.user_label == "Riley Shah"
    assert line.organisation_label == "Riverbend Children's Services"
    assert line.family_reference == family.reference


def test_a_refused_read_is_logged_as_refused_with_the_reason(family, champion):
    decision = access.read(champion, family, Part.STORY, detail="Family page")

    assert not decision.allowed
    line = log_lines(family, champion).get()
    assert (line.action, line.part, line.basis) == ("view", "story", Basis.REFUSED)
    assert "Only the team" in line.detail


def test_reading_through_consent_is_logged_with_the_consent_basis(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    access.read(other_agency_practitioner, family, Part.STORY)
    access.read(other_agency_practitioner, family, Part.PROFILES)

    story, profiles = log_lines(family, other_agency_practitioner, action="view")
    assert (story.part, story.basis) == ("story", Basis.CONSENT)
    assert (profiles.part, profiles.basis) == ("profiles", Basis.REFUSED)
    assert "not agreed" in profiles.detail


def test_reading_several_parts_logs_each_one_in_a_single_insert(family, practitioner, django_assert_max_num_queries):
    access.decide(practitioner, family, Part.STORY)  # the answer is now kept for the request
    with django_assert_max_num_queries(1):
        decisions = access.read_parts(practitioner, family, [Part.STORY, Part.PROFILES, access.TEAM], detail="Family page")

    assert all(d.allowed for d in decisions.values())
    assert [line.part for line in log_lines(family, practitioner, action="view")] == ["story", "profiles", "team"]


def test_emergency_reads_are_marked_with_the_emergency_access(family, other_agency_lead):
    emergency = start_emergency(other_agency_lead, family)

    access.read(other_agency_lead, family, Part.CHRONOLOGY)

    line = log_lines(family, other_agency_lead, action="view").get()
    assert line.basis == Basis.EMERGENCY
    assert line.emergency_id == emergency.pk
    assert line.organisation_label == "Riverbend Community Health"


def test_withdrawal_takes_effect_at_once_even_for_answers_already_worked_out(family, practitioner, other_agency_practitioner, community_health):
    consent = agree(family, community_health, CONTENT, by=practitioner)
    assert access.decide(other_agency_practitioner, family, Part.STORY).allowed

    services.withdraw_consent(consent, by=practitioner, note="Marnie changed their mind")

    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed
    assert access.visible_parts(other_agency_practitioner, family) == {access.TEAM, access.CONSENTS}


def test_an_agreement_stops_the_day_after_it_ends(family, practitioner, other_agency_practitioner, community_health):
    today = timezone.localdate()
    agree(family, community_health, CONTENT, by=practitioner, valid_until=today)
    assert access.decide(other_agency_practitioner, family, Part.STORY).allowed

    ConsentAgreement.objects.update(valid_until=today - timedelta(days=1))
    access.forget()

    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed


def test_an_agreement_that_starts_tomorrow_does_not_open_anything_today(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, CONTENT, by=practitioner, valid_from=timezone.localdate() + timedelta(days=1))

    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed


def test_an_agreement_for_another_organisation_opens_nothing_for_this_one(family, practitioner, other_agency_practitioner, childrens_services):
    from goldenthread.partnership.models import Organisation, Sector

    school = Organisation.objects.create(name="Riverbend Primary (fictional)", sector=Sector.HEALTH, area="North")
    agree(family, school, CONTENT, by=practitioner)

    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed


def test_leaving_the_organisation_ends_the_team_place(family, other_agency_practitioner, practitioner, community_health, other_agency_lead):
    agree(family, community_health, CONTENT, by=practitioner)
    assert access.decide(other_agency_practitioner, family, Part.STORY).allowed

    membership = Membership.objects.get(user=other_agency_practitioner, organisation=community_health)
    partnership_services.remove_member(membership, by=other_agency_lead)

    assert access.visible_parts(other_agency_practitioner, family) == set()
    assert family not in access.families_for(other_agency_practitioner)


def test_leaving_the_team_ends_access(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, CONTENT, by=practitioner)
    place = family.team.get(user=other_agency_practitioner)

    services.leave_team(place, by=other_agency_practitioner)

    assert access.visible_parts(other_agency_practitioner, family) == set()


def test_an_emergency_access_ends_when_its_time_is_up(family, other_agency_lead):
    start_emergency(other_agency_lead, family, expired=True)

    assert access.visible_parts(other_agency_lead, family) == set()


def test_role_alone_opens_nothing_not_even_for_the_partnership_lead(family, partnership_lead, organisation_lead, data_protection_lead):
    assert access.visible_parts(partnership_lead, family) == set()
    assert access.visible_parts(organisation_lead, family) == set()
    assert access.visible_parts(data_protection_lead, family) == {access.ACCESS_LOG}


def test_someone_not_signed_in_sees_nothing(family):
    from django.contrib.auth.models import AnonymousUser

    assert access.visible_parts(AnonymousUser(), family) == set()
    assert not access.read(AnonymousUser(), family, Part.STORY)
    assert log_lines(family, basis=Basis.REFUSED, user__isnull=True).count() == 1


def test_a_closed_account_sees_nothing(family, practitioner):
    practitioner.is_active = False

    assert access.visible_parts(practitioner, family) == set()


def test_an_unknown_part_is_refused(family, practitioner):
    assert not access.decide(practitioner, family, "secrets").allowed


def test_the_family_member_sees_only_their_own_profile(family, family_member):
    decision = access.decide(family_member, family, Part.PROFILES)
    jordan = family.people.get(first_name="Marnie")
    wrenna = family.people.get(first_name="Wrenna")

    assert decision.covers_person(jordan)
    assert not decision.covers_person(wrenna)


def test_your_families_lists_only_live_team_places(family, practitioner, other_agency_practitioner, champion, childrens_services):
    other = record_family(champion, childrens_services, family_name="The Sampleton family (fictional)")

    assert list(access.families_for(practitioner)) == [family]
    assert list(access.families_for(other_agency_practitioner)) == [family]
    assert list(access.families_for(champion)) == [other]


def test_the_team_is_visible_to_anyone_with_a_team_place(family, other_agency_practitioner, champion):
    assert access.can_see_team(other_agency_practitioner, family)
    assert not access.can_see_team(champion, family)


@pytest.mark.parametrize("person", ["practitioner", "other_agency_practitioner", "family_member", "data_protection_lead", "champion"])
def test_deciding_every_part_costs_at_most_two_queries(request, person, family, practitioner, community_health, django_assert_max_num_queries):
    agree(family, community_health, [Part.STORY], by=practitioner)
    user = request.getfixturevalue(person)
    fresh = Family.objects.get(pk=family.pk)

    with django_assert_max_num_queries(2):
        for part in access.ALL_PARTS:
            access.decide(user, fresh, part)
        access.visible_parts(user, fresh)
        access.can_see_team(user, fresh)


def test_the_answer_is_kept_for_the_request_so_a_page_asks_once(family, practitioner, django_assert_num_queries):
    access.visible_parts(practitioner, family)

    with django_assert_num_queries(0):
        access.visible_parts(practitioner, family)


def test_the_access_log_cannot_be_changed_or_deleted(family, practitioner):
    line = access.read(practitioner, family, Part.STORY) and log_lines(family, practitioner).last()

    with pytest.raises(PermissionError):
        line.save()
    with pytest.raises(PermissionError):
        line.delete()
