"""Asking for, arranging, recording and following up a session: the services, as people use them."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from goldenthread.core.refusals import EditConflict
from goldenthread.families.models import AccessLogEntry, ChronologyEntry, Part
from goldenthread.supervision import services
from goldenthread.supervision.models import (
    ActionChange,
    AgencyCommitment,
    AgreedAction,
    Attendee,
    Session,
    WellbeingNote,
)

from . import test_services_support as support
from .test_services_support import acknowledged, arrange, ask, hold, log_lines

everyone_in = support.everyone_in
session = support.session
situation = support.situation

TOMORROW = timezone.localdate() + timedelta(days=1)
NEXT_WEEK = timezone.localdate() + timedelta(days=7)


def places(session):
    return {a.user.full_name: (a.organisation.name, a.response) for a in session.attendees.select_related("user", "organisation")}


# --- asking and arranging -------------------------------------------------------------------


def test_a_practitioner_in_the_team_links_the_session_to_the_family_and_invites_other_agencies(family, practitioner, other_agency_practitioner, champion):
    asked = ask(practitioner, family=family, invitees=[other_agency_practitioner, champion])
    assert asked.family == family
    assert asked.status == Session.Status.REQUESTED
    assert asked.situation_reference == "M.T., aged 9"
    assert places(asked) == {
        "Riley Shah": ("Riverbend Children's Services", Attendee.Response.ACCEPTED),
        "Casey Evans": ("Riverbend Community Health", Attendee.Response.INVITED),
        "Jo Park": ("Riverbend Children's Services", Attendee.Response.INVITED),
    }
    assert log_lines(family, practitioner, part="supervision", action="create").count() == 1


def test_a_practitioner_without_a_team_place_cannot_link_a_session_to_the_family_and_the_refusal_is_logged(family, champion):
    with pytest.raises(PermissionDenied):
        ask(champion, family=family)
    assert not Session.objects.exists()
    refusal = log_lines(family, champion).get()
    assert refusal.basis == AccessLogEntry.Basis.REFUSED


def test_a_team_member_without_the_familys_agreement_asks_about_an_anonymised_situation_instead(family, other_agency_practitioner):
    with pytest.raises(PermissionDenied):
        ask(other_agency_practitioner, family=family)
    asked = ask(other_agency_practitioner, reference="M.T., aged 9")
    assert asked.family is None
    assert asked.situation_reference == "M.T., aged 9"


def test_a_linked_session_without_initials_is_known_by_the_family_reference(family, practitioner):
    asked = ask(practitioner, family=family, reference="")
    assert asked.situation_reference == family.reference


def test_an_anonymised_situation_needs_initials_or_a_reference(practitioner):
    with pytest.raises(ValidationError) as refused:
        ask(practitioner, reference="   ")
    assert refused.value.message_dict == {"situation_reference": ["Enter initials or a reference for the child or family, not their name"]}


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"kind": "case-conference"}, "kind"),
        ({"format": "carrier-pigeon"}, "format"),
        ({"purpose": ""}, "purpose"),
        ({"purpose": "x" * 3001}, "purpose"),
        ({"situation_reference": "R" * 41}, "situation_reference"),
        ({"proposed_start": "next Tuesday"}, "proposed_start"),
        ({"proposed_start": None}, "proposed_start"),
        ({"location": "<script>" * 50}, "location"),
    ],
)
def test_bad_input_when_asking_is_refused_with_a_message_for_the_field(practitioner, overrides, field):
    with pytest.raises(ValidationError) as refused:
        ask(practitioner, **overrides)
    assert field in refused.value.message_dict
    assert not Session.objects.exists()


def test_odd_text_is_tidied_not_refused(practitioner):
    asked = ask(practitioner, reference="  J.T.\x00 ", purpose="Robert'); DROP TABLE supervision_session;-- ✓ <b>bold</b>")
    assert asked.situation_reference == "J.T."
    assert asked.purpose == "Robert'); DROP TABLE supervision_session;-- ✓ <b>bold</b>"


def test_a_naive_time_is_taken_as_local_time(practitioner):
    asked = ask(practitioner, proposed_start=datetime(2030, 5, 1, 10, 0))
    assert timezone.localtime(asked.proposed_start).hour == 10


@pytest.mark.parametrize("who", ["trainer", "partnership_lead", "data_protection_lead"])
def test_people_who_do_no_casework_cannot_ask_for_a_session(who, request):
    with pytest.raises(PermissionDenied):
        ask(request.getfixturevalue(who))


def test_only_people_in_a_member_organisation_can_be_invited(situation, practitioner, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.invite(situation, by=practitioner, invitees=[partnership_lead])
    assert "invitees" in refused.value.message_dict
    assert not situation.attendees.filter(user=partnership_lead).exists()


def test_inviting_someone_twice_keeps_one_place(situation, practitioner, other_agency_practitioner, other_agency_lead):
    services.invite(situation, by=practitioner, invitees=[other_agency_practitioner, other_agency_lead, other_agency_lead])
    assert situation.attendees.filter(user=other_agency_practitioner).count() == 1
    assert situation.attendees.filter(user=other_agency_lead).count() == 1


def test_an_invitee_cannot_invite_others(situation, champion, other_agency_lead):
    with pytest.raises(PermissionDenied):
        services.invite(situation, by=champion, invitees=[other_agency_lead])


def test_only_the_person_invited_answers_the_invitation(situation, other_agency_practitioner, practitioner):
    place = situation.attendees.get(user=other_agency_practitioner)
    with pytest.raises(PermissionDenied):
        services.respond(place, by=practitioner, response=Attendee.Response.DECLINED)
    with pytest.raises(ValidationError):
        services.respond(place, by=other_agency_practitioner, response="maybe")
    services.respond(place, by=other_agency_practitioner, response=Attendee.Response.ACCEPTED)
    place.refresh_from_db()
    assert place.response == Attendee.Response.ACCEPTED


def test_arranging_names_the_facilitator_and_the_accountable_manager_who_both_get_a_place(family, practitioner, champion, organisation_lead):
    asked = ask(practitioner, family=family)
    arrange(asked, practitioner, facilitator=champion, manager=organisation_lead)
    asked.refresh_from_db()
    assert asked.status == Session.Status.SCHEDULED
    assert (asked.facilitator, asked.accountable_manager) == (champion, organisation_lead)
    assert places(asked)["Jo Park"][1] == Attendee.Response.ACCEPTED
    assert places(asked)["Sam Okafor"][1] == Attendee.Response.INVITED


def test_arranging_needs_a_facilitator_and_an_accountable_manager(situation, practitioner, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.schedule(situation, by=practitioner, facilitator=None, accountable_manager=partnership_lead, proposed_start="soon")
    assert set(refused.value.message_dict) == {"facilitator", "accountable_manager", "proposed_start"}


def test_cancelling_a_session_needs_a_reason_and_cancels_its_actions_with_it(situation, practitioner, other_agency_practitioner):
    acknowledged(situation, other_agency_practitioner)
    action = services.add_action(
        situation, by=practitioner, description="Share the school's attendance pattern", owner=other_agency_practitioner, due_on=NEXT_WEEK
    )
    with pytest.raises(ValidationError):
        services.cancel_session(situation, by=practitioner, reason="")
    services.cancel_session(situation, by=practitioner, reason="The family moved out of the area")
    action.refresh_from_db()
    assert situation.status == Session.Status.CANCELLED
    assert action.status == AgreedAction.Status.CANCELLED
    assert "The family moved out of the area" in action.changes.last().note


# --- confidentiality and the record ---------------------------------------------------------


def test_acknowledging_confidentiality_records_when(situation, other_agency_practitioner):
    before = timezone.now()
    place = services.acknowledge_confidentiality(situation, by=other_agency_practitioner)
    assert place.acknowledged_confidentiality_at >= before
    first = place.acknowledged_confidentiality_at
    assert services.acknowledge_confidentiality(situation, by=other_agency_practitioner).acknowledged_confidentiality_at == first


def test_someone_without_a_place_or_who_declined_cannot_acknowledge(situation, other_agency_lead, other_agency_practitioner):
    with pytest.raises(PermissionDenied):
        services.acknowledge_confidentiality(situation, by=other_agency_lead)
    services.respond(situation.attendees.get(user=other_agency_practitioner), by=other_agency_practitioner, response=Attendee.Response.DECLINED)
    with pytest.raises(PermissionDenied):
        services.acknowledge_confidentiality(situation, by=other_agency_practitioner)


def test_the_facilitator_must_acknowledge_confidentiality_before_recording(family, practitioner, organisation_lead):
    asked = ask(practitioner, family=family)
    arrange(asked, practitioner, facilitator=practitioner, manager=organisation_lead)
    with pytest.raises(PermissionDenied):
        services.record_session(asked, by=practitioner, version=asked.version, meaning_for_child="Wrenna is worried about moving again")


def test_the_facilitator_records_the_four_questions_one_by_one(session, practitioner):
    services.record_session(session, by=practitioner, version=1, meaning_for_child="Wrenna is worried about moving again")
    services.record_session(session, by=practitioner, version=2, impact="She is tired at school", informs_risk="Low risk; needs stability")
    session.refresh_from_db()
    assert session.meaning_for_child == "Wrenna is worried about moving again"
    assert session.impact == "She is tired at school"
    assert session.version == 3
    assert session.status == Session.Status.SCHEDULED


def test_recording_the_date_held_marks_the_session_held(session, practitioner):
    hold(session, practitioner, reflected_in_planning="The plan names one lead practitioner")
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    assert session.held_on == timezone.localdate() - timedelta(days=1)


def test_someone_who_saved_first_is_not_overwritten(session, practitioner):
    services.record_session(session, by=practitioner, version=1, safety_plan="Marnie will call Riley if things get harder")
    with pytest.raises(EditConflict) as conflict:
        services.record_session(session, by=practitioner, version=1, safety_plan="Something older")
    assert conflict.value.current == {"safety_plan": "Marnie will call Riley if things get harder"}
    assert conflict.value.current_version == 2


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"themes": ["not-a-theme"]}, "themes"),
        ({"themes": "information-sharing"}, "themes"),
        ({"held_on": TOMORROW}, "held_on"),
        ({"held_on": "yesterday"}, "held_on"),
        ({"impact": "x" * 6001}, "impact"),
        ({"own_themes": "y" * 501}, "own_themes"),
    ],
)
def test_bad_input_when_recording_is_refused(session, practitioner, fields, field):
    with pytest.raises(ValidationError) as refused:
        services.record_session(session, by=practitioner, version=1, **fields)
    assert field in refused.value.message_dict
    session.refresh_from_db()
    assert session.version == 1


def test_fields_that_are_not_part_of_the_record_are_refused(session, practitioner):
    with pytest.raises(ValidationError):
        services.record_session(session, by=practitioner, version=1, family=None)


def test_only_the_facilitator_records(everyone_in, other_agency_practitioner, organisation_lead):
    for person in (other_agency_practitioner, organisation_lead):
        with pytest.raises(PermissionDenied):
            services.record_session(everyone_in, by=person, version=1, impact="Not mine to write")


def test_recording_a_linked_session_is_written_to_the_familys_access_log(session, family, practitioner):
    services.record_session(session, by=practitioner, version=1, going_well="Wrenna has a friend at school")
    line = log_lines(family, practitioner, part="supervision", action="update").get()
    assert line.basis == AccessLogEntry.Basis.RECORDING_ORGANISATION


def test_the_facilitator_records_who_took_part(everyone_in, practitioner, other_agency_practitioner, champion, partnership_lead):
    services.mark_attended(everyone_in, by=practitioner, attended=[practitioner, other_agency_practitioner])
    attended = set(everyone_in.attendees.filter(attended=True).values_list("user__full_name", flat=True))
    assert attended == {"Riley Shah", "Casey Evans"}
    with pytest.raises(ValidationError):
        services.mark_attended(everyone_in, by=practitioner, attended=[partnership_lead])


def test_a_learning_conversation_records_what_each_agency_in_the_room_will_do_differently(
    practitioner, other_agency_practitioner, organisation_lead, community_health, childrens_services
):
    conversation = ask(practitioner, kind=Session.Kind.LEARNING_CONVERSATION, invitees=[other_agency_practitioner])
    arrange(conversation, practitioner, facilitator=practitioner, manager=organisation_lead)
    acknowledged(conversation, practitioner)
    services.add_agency_commitment(conversation, by=practitioner, organisation=community_health, commitment="Invite children's services to the health review")
    assert AgencyCommitment.objects.get().organisation == community_health
    with pytest.raises(ValidationError):
        services.add_agency_commitment(conversation, by=practitioner, organisation=community_health, commitment="")


def test_agency_commitments_belong_to_learning_conversations_and_to_agencies_in_the_room(session, practitioner, community_health):
    with pytest.raises(ValidationError) as refused:
        services.add_agency_commitment(session, by=practitioner, organisation=community_health, commitment="Share more")
    assert "__all__" in refused.value.message_dict


# --- wellbeing ------------------------------------------------------------------------------


def test_the_people_in_the_room_keep_a_note_of_the_impact_on_them(everyone_in, other_agency_practitioner):
    services.save_wellbeing_note(everyone_in, by=other_agency_practitioner, note="It was hard to hear; a debrief on Friday would help")
    note = WellbeingNote.objects.get(session=everyone_in)
    assert note.updated_by == other_agency_practitioner
    assert note.note.startswith("It was hard to hear")


@pytest.mark.parametrize("who", ["partnership_lead", "data_protection_lead", "other_agency_lead"])
def test_nobody_outside_the_room_writes_the_wellbeing_note(everyone_in, who, request):
    with pytest.raises(PermissionDenied):
        services.save_wellbeing_note(everyone_in, by=request.getfixturevalue(who), note="Not theirs")


def test_once_attendance_is_marked_only_those_who_came_write_the_wellbeing_note(everyone_in, practitioner, other_agency_practitioner, organisation_lead):
    services.mark_attended(everyone_in, by=practitioner, attended=[practitioner, other_agency_practitioner])
    with pytest.raises(PermissionDenied):
        services.save_wellbeing_note(everyone_in, by=organisation_lead, note="I was not there")
    services.save_wellbeing_note(everyone_in, by=other_agency_practitioner, note="I was there")


# --- actions --------------------------------------------------------------------------------


def test_an_action_that_does_not_change_the_plan_is_open_at_once(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(
        everyone_in, by=practitioner, description="Share the health visiting plan with the school", owner=other_agency_practitioner, due_on=NEXT_WEEK
    )
    assert action.status == AgreedAction.Status.OPEN
    (created,) = action.changes.all()
    assert (created.change, created.changed_by, created.new_due_on) == ("created", practitioner, NEXT_WEEK)


def test_an_action_that_changes_the_childs_plan_waits_for_the_accountable_manager(everyone_in, practitioner, organisation_lead):
    action = services.add_action(
        everyone_in, by=practitioner, description="Move Wrenna's review forward", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    assert action.status == AgreedAction.Status.PROPOSED
    with pytest.raises(PermissionDenied):
        services.confirm_action(action, by=practitioner, note="I agree")
    with pytest.raises(ValidationError) as refused:
        services.confirm_action(action, by=organisation_lead, note="  ")
    assert refused.value.message_dict == {"note": ["Add a note about why you confirm it"]}
    services.confirm_action(action, by=organisation_lead, note="Agreed: the review moves to next week")
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.OPEN
    assert action.confirmed_by == organisation_lead and action.confirmed_at is not None
    assert [c.change for c in action.changes.all()] == ["created", "confirmed"]


def test_the_accountable_manager_acknowledges_confidentiality_before_confirming(session, practitioner, organisation_lead):
    action = services.add_action(
        session, by=practitioner, description="Move Wrenna's review forward", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    with pytest.raises(PermissionDenied):
        services.confirm_action(action, by=organisation_lead, note="Agreed")
    acknowledged(session, organisation_lead)
    services.confirm_action(action, by=organisation_lead, note="Agreed")


def test_a_proposed_action_cannot_be_marked_done_before_it_is_confirmed(everyone_in, practitioner):
    action = services.add_action(
        everyone_in, by=practitioner, description="Move Wrenna's review forward", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    with pytest.raises(ValidationError):
        services.complete_action(action, by=practitioner, note="Done")
    assert AgreedAction.objects.get(pk=action.pk).status == AgreedAction.Status.PROPOSED


@pytest.mark.parametrize(
    "description, owner, due_on, field",
    [
        ("", "practitioner", NEXT_WEEK, "description"),
        ("d" * 501, "practitioner", NEXT_WEEK, "description"),
        ("Call the school", None, NEXT_WEEK, "owner"),
        ("Call the school", "partnership_lead", NEXT_WEEK, "owner"),
        ("Call the school", "practitioner", None, "due_on"),
        ("Call the school", "practitioner", timezone.localdate() - timedelta(days=1), "due_on"),
        ("Call the school", "practitioner", "Friday", "due_on"),
    ],
)
def test_an_action_needs_what_who_and_a_date_to_come(everyone_in, practitioner, description, owner, due_on, field, request):
    person = request.getfixturevalue(owner) if owner else None
    with pytest.raises(ValidationError) as refused:
        services.add_action(everyone_in, by=practitioner, description=description, owner=person, due_on=due_on)
    assert field in refused.value.message_dict
    assert not AgreedAction.objects.exists()


def test_marking_an_action_done_needs_a_note_and_keeps_who_and_when(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan with the school", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    with pytest.raises(ValidationError):
        services.complete_action(action, by=other_agency_practitioner, note="")
    services.complete_action(action, by=other_agency_practitioner, note="Sent to the school's designated safeguarding lead")
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.DONE
    assert action.completed_on == timezone.localdate()
    done = action.changes.last()
    assert (done.change, done.changed_by, done.note) == ("done", other_agency_practitioner, "Sent to the school's designated safeguarding lead")


def test_cancelling_an_action_needs_a_reason(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    with pytest.raises(ValidationError) as refused:
        services.cancel_action(action, by=practitioner, reason="")
    assert refused.value.message_dict == {"reason": ["Say why the action is cancelled"]}
    services.cancel_action(action, by=practitioner, reason="The school already has it")
    assert AgreedAction.objects.get(pk=action.pk).status == AgreedAction.Status.CANCELLED
    assert action.changes.last().note == "The school already has it"


def test_moving_an_action_needs_a_new_date_and_a_reason_and_keeps_both_dates(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    later = NEXT_WEEK + timedelta(days=7)
    for new_day, reason in ((later, ""), (NEXT_WEEK, "Same date"), (None, "No date"), (timezone.localdate() - timedelta(days=2), "In the past")):
        with pytest.raises(ValidationError):
            services.move_action(action, by=other_agency_practitioner, new_due_on=new_day, reason=reason)
    services.move_action(action, by=other_agency_practitioner, new_due_on=later, reason="The school is closed next week")
    action.refresh_from_db()
    assert action.due_on == later
    moved = action.changes.last()
    assert (moved.change, moved.old_due_on, moved.new_due_on, moved.note) == ("moved", NEXT_WEEK, later, "The school is closed next week")


def test_actions_are_never_deleted_and_their_history_stays(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    services.move_action(action, by=other_agency_practitioner, new_due_on=NEXT_WEEK + timedelta(days=3), reason="Waiting for the school")
    services.complete_action(action, by=other_agency_practitioner, note="Shared")
    with pytest.raises(PermissionError):
        action.delete()
    assert [c.change for c in ActionChange.objects.filter(action=action)] == ["created", "moved", "done"]
    with pytest.raises(PermissionError):
        AgreedAction.objects.filter(pk=action.pk).first().delete()
    assert AgreedAction.objects.filter(pk=action.pk).exists()


def test_a_finished_action_cannot_be_changed_again(everyone_in, practitioner, other_agency_practitioner):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    services.cancel_action(action, by=practitioner, reason="No longer needed")
    for change in (
        lambda: services.complete_action(action, by=other_agency_practitioner, note="Done anyway"),
        lambda: services.move_action(action, by=other_agency_practitioner, new_due_on=NEXT_WEEK + timedelta(days=1), reason="Later"),
        lambda: services.cancel_action(action, by=practitioner, reason="Again"),
    ):
        with pytest.raises(PermissionDenied):
            change()
    assert action.changes.count() == 2


def test_only_the_owner_or_the_facilitator_changes_an_action(everyone_in, practitioner, other_agency_practitioner, champion, organisation_lead):
    action = services.add_action(everyone_in, by=practitioner, description="Share the plan", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    for person in (champion, organisation_lead):
        with pytest.raises(PermissionDenied):
            services.complete_action(action, by=person, note="Done by someone else")
    services.complete_action(action, by=practitioner, note="Done on Casey's behalf, as agreed")


def test_the_accountable_manager_may_cancel_a_proposed_action_instead_of_confirming_it(everyone_in, practitioner, organisation_lead):
    action = services.add_action(
        everyone_in, by=practitioner, description="Move Wrenna's review forward", owner=practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    services.cancel_action(action, by=organisation_lead, reason="The review date stays: it is already next week")
    assert AgreedAction.objects.get(pk=action.pk).status == AgreedAction.Status.CANCELLED


# --- the family's chronology ----------------------------------------------------------------


def test_a_brief_summary_goes_to_the_familys_chronology(session, family, practitioner):
    hold(session, practitioner)
    services.add_to_chronology(session, by=practitioner, summary="Multi-agency group supervision held; a plan for school support agreed.")
    entry = ChronologyEntry.objects.get(family=family, source="group supervision")
    assert entry.what_happened == "Multi-agency group supervision held; a plan for school support agreed."
    assert entry.occurred_on == timezone.localdate() - timedelta(days=1)
    session.refresh_from_db()
    assert session.chronology_entry == entry
    assert session.chronology_summary == entry.what_happened


def test_the_summary_goes_to_the_chronology_only_once(session, practitioner):
    hold(session, practitioner)
    services.add_to_chronology(session, by=practitioner, summary="Summary")
    with pytest.raises(ValidationError):
        services.add_to_chronology(session, by=practitioner, summary="Summary again")
    assert ChronologyEntry.objects.filter(source="group supervision").count() == 1


def test_there_is_no_chronology_for_an_anonymised_situation(situation, practitioner):
    hold(situation, practitioner)
    with pytest.raises(ValidationError):
        services.add_to_chronology(situation, by=practitioner, summary="Summary")
    assert not ChronologyEntry.objects.filter(source="group supervision").exists()


def test_the_summary_waits_until_the_session_is_held_and_is_not_empty(session, practitioner):
    with pytest.raises(ValidationError):
        services.add_to_chronology(session, by=practitioner, summary="Summary")
    hold(session, practitioner)
    with pytest.raises(ValidationError) as refused:
        services.add_to_chronology(session, by=practitioner, summary="")
    assert "summary" in refused.value.message_dict


def test_a_facilitator_who_may_not_add_to_the_chronology_is_refused_and_the_refusal_is_logged(
    family, practitioner, other_agency_practitioner, organisation_lead
):
    asked = ask(practitioner, family=family, invitees=[other_agency_practitioner])
    arrange(asked, practitioner, facilitator=other_agency_practitioner, manager=organisation_lead)
    acknowledged(asked, other_agency_practitioner)
    hold(asked, other_agency_practitioner)
    with pytest.raises(PermissionDenied):
        services.add_to_chronology(asked, by=other_agency_practitioner, summary="Summary")
    assert not ChronologyEntry.objects.filter(source="group supervision").exists()
    assert log_lines(family, other_agency_practitioner, basis=AccessLogEntry.Basis.REFUSED, part=Part.CHRONOLOGY).exists()
