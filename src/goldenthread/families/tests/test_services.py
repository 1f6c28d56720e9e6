"""Changes to a family's record: search before create, recording, the story and profiles without lost
edits, the team, the family's agreement, emergency access and its review, closing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.core.mail import send_email
from goldenthread.core.refusals import EditConflict
from goldenthread.families import access, services
from goldenthread.families.models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    LawfulBasis,
    Part,
    RetentionRule,
    TeamMember,
)
from tests.family_fixtures import record_family

from .test_access_support import (
    CONTENT,
    agree,
    log_lines,
    start_emergency,
)

Basis = AccessLogEntry.Basis


# --- search before create -------------------------------------------------------------------


def test_search_finds_the_family_by_name_ignoring_case_and_accents(family, champion):
    (match,) = services.search_families(by=champion, family_name="the BRÏGHTWATER family")

    assert match.reference == family.reference
    assert match.lead_organisation == "Riverbend Children's Services"
    assert match.already_in_team is False


def test_search_matches_accented_names_either_way(practitioner, childrens_services, champion):
    zoe = record_family(practitioner, childrens_services, family_name="Zoë Ó Súilleabháin's family (fictional)")

    assert [m.reference for m in services.search_families(by=champion, family_name="zoe o suilleabhain's")] == [zoe.reference]


def test_search_finds_the_family_by_the_childs_first_name_and_date_of_birth(family, other_agency_lead):
    (match,) = services.search_families(by=other_agency_lead, child_first_name="wrenna", child_date_of_birth=date(2015, 3, 4))

    assert match.reference == family.reference
    assert services.search_families(by=other_agency_lead, child_first_name="wrenna", child_date_of_birth=date(2015, 3, 5)) == []


def test_search_says_when_you_are_already_in_the_team(family, other_agency_practitioner):
    (match,) = services.search_families(by=other_agency_practitioner, family_name="Brightwater family (fictional)")

    assert match.already_in_team is True


def test_search_reveals_only_the_reference_the_lead_organisation_and_team_place(family, champion):
    (match,) = services.search_families(by=champion, family_name="The Brightwater family (fictional)")

    assert set(vars(match)) == {"reference", "public_id", "lead_organisation", "already_in_team"}
    shown = " ".join(str(value) for value in vars(match).values())
    for secret in ("Wrenna", "Marnie", "Example Row", "drawing", "Biscuit", "Moved house"):
        assert secret not in shown


def test_each_match_shown_is_logged_as_a_search(family, champion):
    services.search_families(by=champion, family_name="The Brightwater family (fictional)")

    line = log_lines(family, champion).get()
    assert (line.action, line.basis) == ("search", access.SEARCH_BASIS)


def test_search_needs_enough_to_match_on(family, champion):
    with pytest.raises(ValidationError) as nothing:
        services.search_families(by=champion)
    with pytest.raises(ValidationError) as name_only:
        services.search_families(by=champion, child_first_name="Wrenna")

    assert "__all__" in nothing.value.message_dict
    assert name_only.value.message_dict == {"child_date_of_birth": ["Enter the child's date of birth as well as their first name"]}


@pytest.mark.parametrize("person", ["partnership_lead", "data_protection_lead", "trainer"])
def test_only_caseworkers_may_search(request, family, person):
    with pytest.raises(PermissionDenied):
        services.search_families(by=request.getfixturevalue(person), family_name="Brightwater")


def test_search_does_not_match_on_part_of_a_word(family, champion):
    assert services.search_families(by=champion, family_name="Test") == []
    assert services.search_families(by=champion, family_name="Brightwater Smith") == []


@pytest.mark.parametrize("odd", ["", " ", "'; DROP TABLE families_family; --", "<script>x</script>", "\x00", "a" * 10_000, "🙂"])
def test_odd_search_text_finds_nothing_and_breaks_nothing(family, champion, odd):
    try:
        assert services.search_families(by=champion, family_name=odd) == []
    except ValidationError:
        pass


# --- recording a family ---------------------------------------------------------------------


def test_the_person_who_records_a_family_becomes_its_lead_practitioner(family, practitioner, childrens_services):
    lead = family.team.get(is_lead=True)

    assert lead.user == practitioner
    assert lead.organisation == childrens_services
    assert family.people.get(is_focus=True).first_name == "Wrenna"
    assert log_lines(family, practitioner, action="create", part=access.HOUSEHOLD).get().basis == Basis.RECORDING_ORGANISATION


def test_recording_needs_a_name_a_lawful_basis_and_one_child_at_the_centre(practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        services.create_family(
            childrens_services, by=practitioner, family_name=" ", lawful_basis="because", people=[{"first_name": "", "role_in_family": "child"}]
        )

    errors = refused.value.message_dict
    assert errors["family_name"] == ["Enter how the family would like to be known"]
    assert errors["lawful_basis"] == ["Choose the lawful basis for holding and sharing the record"]
    assert errors["people-0-first_name"] == ["Enter their first name"]
    assert errors["__all__"] == ["Choose one child or young person to be at the centre of the record"]
    assert not Family.objects.exists()


@pytest.mark.parametrize("person", ["trainer", "other_agency_practitioner", "partnership_lead"])
def test_only_caseworkers_of_the_organisation_may_record_for_it(request, person, childrens_services):
    with pytest.raises(PermissionDenied):
        services.create_family(
            childrens_services,
            by=request.getfixturevalue(person),
            family_name="X",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            people=[{"first_name": "Sam", "role_in_family": "child", "is_focus": True}],
        )


def test_a_date_of_birth_in_the_future_is_refused(practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        services.create_family(
            childrens_services,
            by=practitioner,
            family_name="X",
            lawful_basis=LawfulBasis.SAFEGUARDING,
            people=[{"first_name": "Sam", "role_in_family": "child", "is_focus": True, "date_of_birth": timezone.localdate() + timedelta(days=3)}],
        )

    assert refused.value.message_dict == {"people-0-date_of_birth": ["The date must be today or in the past"]}


# --- no edit is silently lost ---------------------------------------------------------------


def test_a_story_edit_made_from_an_old_version_raises_a_conflict_with_the_current_text(family, practitioner, champion):
    entry = family.story_entries.get()
    read_version = entry.version
    services.update_story_entry(
        entry, by=practitioner, version=read_version, story="Riley's version", who_was_there="Marnie", told_on=entry.told_on, how_agreed="Agreed"
    )

    with pytest.raises(EditConflict) as conflict:
        services.update_story_entry(
            entry, by=practitioner, version=read_version, story="A second, older edit", who_was_there="Marnie", told_on=entry.told_on, how_agreed="Agreed"
        )

    assert conflict.value.current["story"] == "Riley's version"
    assert conflict.value.current_version == read_version + 1
    entry.refresh_from_db()
    assert entry.story == "Riley's version"


def test_two_people_editing_the_story_at_once_do_not_overwrite_each_other(family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)
    riley_copy = family.story_entries.get()
    casey_copy = family.story_entries.get()

    services.update_story_entry(
        casey_copy,
        by=other_agency_practitioner,
        version=casey_copy.version,
        story="Casey's words",
        who_was_there="Wrenna",
        told_on=casey_copy.told_on,
        how_agreed="Agreed",
    )
    with pytest.raises(EditConflict):
        services.update_story_entry(
            riley_copy,
            by=practitioner,
            version=riley_copy.version,
            story="Riley's words",
            who_was_there="Wrenna",
            told_on=riley_copy.told_on,
            how_agreed="Agreed",
        )

    assert family.story_entries.get().story == "Casey's words"


def test_a_profile_saved_from_an_old_version_raises_a_conflict(family, practitioner, wrenna):
    version = wrenna.profile.version
    services.save_profile(wrenna, by=practitioner, version=version, liked_and_admired="First")

    with pytest.raises(EditConflict) as conflict:
        services.save_profile(wrenna, by=practitioner, version=version, liked_and_admired="Second")

    assert conflict.value.current["liked_and_admired"] == "First"


def test_the_familys_details_saved_from_an_old_version_raise_a_conflict(family, practitioner):
    version = family.version
    services.update_family_details(family, by=practitioner, version=version, family_name="The Brightwater-Lee family (fictional)")

    with pytest.raises(EditConflict) as conflict:
        services.update_family_details(family, by=practitioner, version=version, family_name="Something else")

    assert conflict.value.current["family_name"] == "The Brightwater-Lee family (fictional)"


def test_an_empty_story_is_refused_with_what_to_do(family, practitioner):
    with pytest.raises(ValidationError) as refused:
        services.add_story_entry(family, by=practitioner, story="  ", who_was_there="", told_on=None, how_agreed="")

    assert refused.value.message_dict["story"] == ["Write the family's story, in their words"]
    assert refused.value.message_dict["told_on"] == ["Enter the date the story was told"]


# --- the team -------------------------------------------------------------------------------


def test_a_request_to_join_waits_for_the_lead_practitioner(family, champion, childrens_services, practitioner):
    join = services.request_to_join(family, by=champion, organisation=childrens_services, reason="Covering for Riley next month")

    assert join.status == JoinRequest.Status.WAITING
    assert not access.can_see_team(champion, family)
    services.decide_join_request(join, by=practitioner, accept=True)
    assert access.decide(champion, family, Part.STORY).basis == Basis.RECORDING_ORGANISATION


def test_the_familys_agreement_lets_a_practitioner_of_that_organisation_join_at_once(family, practitioner, other_agency_lead, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    join = services.request_to_join(family, by=other_agency_lead, organisation=community_health, reason="Covering for Casey")

    assert join.status == JoinRequest.Status.ACCEPTED
    assert access.decide(other_agency_lead, family, Part.STORY).basis == Basis.CONSENT
    assert not access.decide(other_agency_lead, family, Part.PROFILES).allowed


def test_only_the_lead_practitioner_decides_who_joins(family, champion, childrens_services, other_agency_practitioner):
    join = services.request_to_join(family, by=champion, organisation=childrens_services, reason="Covering for Riley")

    with pytest.raises(PermissionDenied):
        services.decide_join_request(join, by=other_agency_practitioner, accept=True)

    assert log_lines(family, other_agency_practitioner, basis=Basis.REFUSED, part=access.TEAM).exists()


def test_without_a_lead_the_recording_organisations_team_decides(family, practitioner, champion, organisation_lead, childrens_services):
    join = services.request_to_join(family, by=champion, organisation=childrens_services, reason="Covering")
    services.decide_join_request(join, by=practitioner, accept=True)
    services.leave_team(family.team.get(user=practitioner), by=practitioner)
    assert not TeamMember.objects.filter(family=family, is_lead=True, left_on=None).exists()
    second = services.request_to_join(family, by=organisation_lead, organisation=childrens_services, reason="Oversight")

    services.decide_join_request(second, by=champion, accept=False)

    assert second.status == JoinRequest.Status.DECLINED


def test_you_can_ask_to_join_only_for_an_organisation_you_work_in(family, champion, community_health):
    with pytest.raises(PermissionDenied):
        services.request_to_join(family, by=champion, organisation=community_health, reason="Pretending")


def test_the_lead_can_hand_the_lead_to_someone_else(family, practitioner, other_agency_practitioner):
    services.make_lead(family.team.get(user=other_agency_practitioner), by=practitioner)

    assert family.team.get(is_lead=True, left_on=None).user == other_agency_practitioner


# --- the family's agreement -----------------------------------------------------------------


def test_the_agreement_records_parts_dates_who_and_how(family, practitioner, community_health):
    consent = agree(family, community_health, [Part.STORY, Part.PROFILES], by=practitioner, valid_until=timezone.localdate() + timedelta(days=90))

    assert consent.parts == ["profiles", "story"]
    assert consent.given_by_name == "Marnie Brightwater"
    assert log_lines(family, practitioner, part=access.CONSENTS).last().basis == Basis.RECORDING_ORGANISATION


def test_an_agreement_needs_parts_and_an_end_after_its_start(family, practitioner, community_health):
    with pytest.raises(ValidationError) as refused:
        agree(family, community_health, [], by=practitioner, valid_until=timezone.localdate() - timedelta(days=1))

    assert set(refused.value.message_dict) == {"parts", "valid_until"}


def test_an_agreement_is_for_another_organisation_than_the_one_holding_the_record(family, practitioner, childrens_services):
    with pytest.raises(ValidationError) as refused:
        agree(family, childrens_services, CONTENT, by=practitioner)

    assert "organisation" in refused.value.message_dict


def test_the_family_member_can_withdraw_their_agreement_themselves(family, family_member, practitioner, other_agency_practitioner, community_health):
    consent = agree(family, community_health, CONTENT, by=practitioner)

    services.withdraw_consent(consent, by=family_member, note="I want to talk about it first")

    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed
    assert log_lines(family, family_member, part=access.CONSENTS).last().basis == Basis.FAMILY_MEMBER


def test_the_family_member_asks_to_share_and_the_team_records_the_agreement_given_online(family, family_member, practitioner, community_health):
    from goldenthread.family_door import services as door

    # Marnie no longer records an agreement herself: she asks on her own pages, and the team confirms it with her.
    with pytest.raises(PermissionDenied):
        services.record_consent(family, by=family_member, organisation=community_health, parts=[Part.STORY], method="in-person")
    assert not ConsentAgreement.objects.filter(family=family).exists()
    assert log_lines(family, family_member, part=access.CONSENTS).last().basis == Basis.REFUSED

    marnie = family.people.get(first_name="Marnie")
    asked = door.ask_to_share(marnie, by=family_member, organisation=community_health, parts=[Part.STORY])
    confirmed = door.decide_share_request(asked, by=practitioner, agree=True)

    consent = confirmed.agreement
    assert consent.method == ConsentAgreement.Method.ONLINE
    assert consent.given_by.account == family_member
    assert consent.parts == [Part.STORY]


@pytest.mark.parametrize("person", ["other_agency_practitioner", "champion", "partnership_lead", "data_protection_lead"])
def test_others_cannot_record_or_withdraw_the_familys_agreement(request, person, family, practitioner, community_health):
    consent = agree(family, community_health, CONTENT, by=practitioner)
    user = request.getfixturevalue(person)

    with pytest.raises(PermissionDenied):
        services.withdraw_consent(consent, by=user)
    with pytest.raises(PermissionDenied):
        agree(family, community_health, CONTENT, by=user)

    assert log_lines(family, user, basis=Basis.REFUSED, part=access.CONSENTS).count() == 2


# --- emergency access -----------------------------------------------------------------------


def test_emergency_access_lasts_the_fixed_time_and_is_logged(family, other_agency_lead, settings):
    settings.GOLDENTHREAD_EMERGENCY_ACCESS_HOURS = 2
    emergency = start_emergency(other_agency_lead, family)

    assert emergency.expires_at - emergency.started_at == timedelta(hours=2)
    assert emergency.review == EmergencyAccess.Review.WAITING
    line = log_lines(family, other_agency_lead).get()
    assert (line.action, line.basis, line.emergency_id) == ("emergency-start", Basis.EMERGENCY, emergency.pk)
    assert "risk" not in line.detail  # the reason stays in the emergency record, not in the log


def test_emergency_access_needs_a_written_reason(family, other_agency_lead):
    with pytest.raises(ValidationError) as refused:
        services.start_emergency_access(family, by=other_agency_lead, reason="  ")
    with pytest.raises(ValidationError):
        services.start_emergency_access(family, by=other_agency_lead, reason="urgent")

    assert refused.value.message_dict == {"reason": ["Say why you need to open this record now"]}
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("person", ["trainer", "partnership_lead", "data_protection_lead"])
def test_emergency_access_is_for_caseworkers_only(request, person, family):
    user = request.getfixturevalue(person)

    with pytest.raises(PermissionDenied):
        start_emergency(user, family)

    assert log_lines(family, user).get().basis == Basis.REFUSED


def test_starting_emergency_access_tells_the_data_protection_lead(family, other_agency_lead, data_protection_lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        emergency = start_emergency(other_agency_lead, family)

    (queued,) = DBTaskResult.objects.filter(task_path="goldenthread.core.mail.send_email")
    assert queued.args_kwargs["args"][0] == [data_protection_lead.email]
    assert mail.outbox == [], "the e-mail goes with the task worker, once the emergency access is saved"
    assert send_email.call(*queued.args_kwargs["args"]) == 1
    (message,) = mail.outbox
    assert message.to == [data_protection_lead.email]
    assert family.reference in message.subject
    assert "Brightwater" not in message.body and "Wrenna" not in message.body and "risk" not in message.body
    assert f"/families/reviews/{emergency.public_id}/" in message.body


def test_the_data_protection_lead_reviews_emergency_access(family, other_agency_lead, data_protection_lead):
    emergency = start_emergency(other_agency_lead, family)

    services.review_emergency_access(emergency, by=data_protection_lead, outcome=EmergencyAccess.Review.JUSTIFIED, note="A clear risk that evening")

    assert emergency.review == EmergencyAccess.Review.JUSTIFIED
    assert log_lines(family, data_protection_lead).get().basis == Basis.DATA_PROTECTION


def test_no_one_else_reviews_emergency_access(family, other_agency_lead, partnership_lead):
    emergency = start_emergency(other_agency_lead, family)

    with pytest.raises(PermissionDenied):
        services.review_emergency_access(emergency, by=partnership_lead, outcome=EmergencyAccess.Review.JUSTIFIED)
    with pytest.raises(PermissionDenied):
        services.review_emergency_access(emergency, by=other_agency_lead, outcome=EmergencyAccess.Review.JUSTIFIED)


def test_not_justified_needs_a_note(family, other_agency_lead, data_protection_lead):
    emergency = start_emergency(other_agency_lead, family)

    with pytest.raises(ValidationError) as refused:
        services.review_emergency_access(emergency, by=data_protection_lead, outcome=EmergencyAccess.Review.NOT_JUSTIFIED, note="")

    assert "review_note" in refused.value.message_dict


# --- retention rule and closing -------------------------------------------------------------


def test_the_partnership_admin_sets_the_retention_rule(partnership_lead):
    rule = services.set_retention_rule(by=partnership_lead, years=7, outcome=RetentionRule.Outcome.ERASE)

    assert (rule.years_after_closure, rule.outcome) == (7, "erase")
    assert RetentionRule.objects.count() == 1
    services.set_retention_rule(by=partnership_lead, years=8, outcome=RetentionRule.Outcome.ANONYMISE)
    assert RetentionRule.objects.get().years_after_closure == 8


@pytest.mark.parametrize("years", [0, -1, 1000, "six", None, True])
def test_the_retention_period_must_be_a_sensible_number_of_years(partnership_lead, years):
    with pytest.raises(ValidationError):
        services.set_retention_rule(by=partnership_lead, years=years, outcome=RetentionRule.Outcome.ERASE)


@pytest.mark.parametrize("person", ["organisation_lead", "data_protection_lead", "practitioner"])
def test_only_the_partnership_admin_sets_the_retention_rule(request, person):
    with pytest.raises(PermissionDenied):
        services.set_retention_rule(by=request.getfixturevalue(person), years=6, outcome=RetentionRule.Outcome.ERASE)


def test_the_recording_team_closes_and_reopens_a_record(family, practitioner, other_agency_practitioner):
    services.close_family(family, by=practitioner)
    assert (family.status, family.closed_on) == (Family.Status.CLOSED, timezone.localdate())

    with pytest.raises(PermissionDenied):
        services.reopen_family(family, by=other_agency_practitioner)
    services.reopen_family(family, by=practitioner)
    assert family.status == Family.Status.OPEN
