"""Who sees a session, its record, the family's detail and the wellbeing note; and what the family's access log says."""

from datetime import timedelta

import pytest
from django.utils import timezone

from goldenthread.families.models import AccessLogEntry, Part
from goldenthread.supervision import permissions, queries, services
from goldenthread.supervision.models import Attendee, Session

from . import test_services_support as support
from .test_services_support import agree, log_lines

everyone_in = support.everyone_in
session = support.session
situation = support.situation

IN_THE_SESSION = ["practitioner", "other_agency_practitioner", "champion", "organisation_lead"]
OUTSIDE = ["partnership_lead", "data_protection_lead", "other_agency_lead", "trainer"]
NEXT_WEEK = timezone.localdate() + timedelta(days=7)


@pytest.mark.parametrize("who", IN_THE_SESSION)
def test_everyone_with_a_place_sees_the_session(session, who, request):
    assert permissions.can_view_session(request.getfixturevalue(who), session)


@pytest.mark.parametrize("who", OUTSIDE)
def test_nobody_sees_a_session_by_role_alone(everyone_in, who, request):
    person = request.getfixturevalue(who)
    assert not permissions.can_view_session(person, everyone_in)
    assert not permissions.can_read_record(person, everyone_in)
    assert not permissions.can_see_wellbeing(person, everyone_in)
    assert not permissions.can_see_family_detail(person, everyone_in, Part.STORY)


def test_anonymous_people_see_nothing(session, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can_view_session(AnonymousUser(), session)
    assert not permissions.can_read_record(AnonymousUser(), session)
    assert not permissions.can_request(AnonymousUser())
    assert not permissions.can_see_figures(AnonymousUser())


def test_the_record_waits_until_confidentiality_is_acknowledged(session, other_agency_practitioner):
    assert permissions.can_view_session(other_agency_practitioner, session)
    assert not permissions.can_read_record(other_agency_practitioner, session)
    services.acknowledge_confidentiality(session, by=other_agency_practitioner)
    assert permissions.can_read_record(other_agency_practitioner, session)


def test_someone_who_declined_does_not_read_the_record(session, other_agency_practitioner):
    services.acknowledge_confidentiality(session, by=other_agency_practitioner)
    services.respond(session.attendees.get(user=other_agency_practitioner), by=other_agency_practitioner, response=Attendee.Response.DECLINED)
    assert not permissions.can_read_record(other_agency_practitioner, session)


def test_the_facilitator_sees_who_has_acknowledged(session, other_agency_practitioner):
    services.acknowledge_confidentiality(session, by=other_agency_practitioner)
    acknowledged_names = {a.user.full_name for a in queries.attendees(session) if a.acknowledged_confidentiality_at}
    assert acknowledged_names == {"Riley Shah", "Casey Evans"}


def test_what_an_agency_will_do_differently_is_added_by_the_facilitator_of_a_learning_conversation_only(
    everyone_in, practitioner, other_agency_practitioner, organisation_lead
):
    assert permissions.can_facilitate(practitioner, everyone_in)
    assert not permissions.can_add_commitment(practitioner, everyone_in)
    conversation = support.ask(practitioner, kind=Session.Kind.LEARNING_CONVERSATION, invitees=[other_agency_practitioner])
    support.arrange(conversation, practitioner, facilitator=practitioner, manager=organisation_lead)
    support.acknowledged(conversation, practitioner, other_agency_practitioner)
    assert permissions.can_add_commitment(practitioner, conversation)
    assert not permissions.can_add_commitment(other_agency_practitioner, conversation)


def test_only_the_facilitator_runs_the_session(everyone_in, practitioner, other_agency_practitioner, organisation_lead):
    assert permissions.can_facilitate(practitioner, everyone_in)
    assert not permissions.can_facilitate(other_agency_practitioner, everyone_in)
    assert not permissions.can_facilitate(organisation_lead, everyone_in)


# --- family detail --------------------------------------------------------------------------


def test_a_practitioner_with_no_team_place_cannot_see_family_detail_and_the_refusal_is_logged(everyone_in, family, champion):
    assert not permissions.can_see_family_detail(champion, everyone_in, Part.CHRONOLOGY)
    detail = queries.family_detail(champion, everyone_in)
    assert detail.story is None and detail.chronology is None and not detail.shown
    refusals = log_lines(family, champion, basis=AccessLogEntry.Basis.REFUSED)
    assert set(refusals.values_list("part", flat=True)) == {Part.STORY, Part.CHRONOLOGY}


def test_an_attendee_from_another_agency_who_may_see_the_chronology_reads_it_with_a_logged_view(
    everyone_in, family, practitioner, other_agency_practitioner, community_health
):
    agree(family, community_health, [Part.CHRONOLOGY], by=practitioner)
    assert permissions.can_see_family_detail(other_agency_practitioner, everyone_in, Part.CHRONOLOGY)
    assert not permissions.can_see_family_detail(other_agency_practitioner, everyone_in, Part.STORY)
    detail = queries.family_detail(other_agency_practitioner, everyone_in)
    assert [entry.what_happened for entry in detail.chronology] == ["Moved house"]
    assert detail.story is None
    view = log_lines(family, other_agency_practitioner, action="view", part=Part.CHRONOLOGY).get()
    assert view.basis == AccessLogEntry.Basis.CONSENT
    assert view.organisation_label == "Riverbend Community Health"


def test_an_attendee_who_has_not_acknowledged_confidentiality_is_shown_nothing_and_nothing_is_read(
    session, family, practitioner, other_agency_practitioner, community_health
):
    agree(family, community_health, [Part.CHRONOLOGY], by=practitioner)
    before = log_lines(family, other_agency_practitioner).count()
    assert not queries.family_detail(other_agency_practitioner, session).shown
    assert log_lines(family, other_agency_practitioner).count() == before


def test_the_recording_organisations_practitioner_has_the_story_and_chronology_at_hand(session, family, practitioner):
    detail = queries.family_detail(practitioner, session)
    assert detail.story[0].story.startswith("We moved to Riverbend")
    assert detail.chronology[0].what_happened == "Moved house"
    assert set(log_lines(family, practitioner, action="view").values_list("basis", flat=True)) == {AccessLogEntry.Basis.RECORDING_ORGANISATION}


def test_withdrawing_the_agreement_takes_the_chronology_away_at_once(everyone_in, family, practitioner, other_agency_practitioner, community_health):
    from goldenthread.families import services as family_services

    consent = agree(family, community_health, [Part.CHRONOLOGY], by=practitioner)
    family_services.withdraw_consent(consent, by=practitioner, note="Marnie asked us to stop sharing")
    assert not permissions.can_see_family_detail(other_agency_practitioner, everyone_in, Part.CHRONOLOGY)
    assert queries.family_detail(other_agency_practitioner, everyone_in).chronology is None


def test_an_anonymised_situation_has_no_family_detail(situation, practitioner):
    assert not permissions.can_see_family_detail(practitioner, situation, Part.STORY)
    assert not queries.family_detail(practitioner, situation).shown
    assert services.log_session_view(situation, by=practitioner) is None


@pytest.mark.parametrize(
    "who, basis",
    [
        ("practitioner", AccessLogEntry.Basis.RECORDING_ORGANISATION),
        ("other_agency_practitioner", AccessLogEntry.Basis.TEAM),
        ("champion", "supervision"),
    ],
)
def test_every_view_of_a_linked_session_is_logged_with_the_attendees_basis(everyone_in, family, who, basis, request):
    person = request.getfixturevalue(who)
    services.log_session_view(everyone_in, by=person)
    line = log_lines(family, person, action="view", part="supervision").get()
    assert line.basis == basis


def test_a_refused_look_at_a_linked_session_is_logged(session, family, other_agency_lead):
    services.log_session_view(session, by=other_agency_lead, allowed=False)
    assert log_lines(family, other_agency_lead, part="supervision").get().basis == AccessLogEntry.Basis.REFUSED


# --- wellbeing and actions ------------------------------------------------------------------


@pytest.mark.parametrize("who", IN_THE_SESSION)
def test_the_attendees_see_the_wellbeing_note(everyone_in, who, request):
    assert permissions.can_see_wellbeing(request.getfixturevalue(who), everyone_in)


def test_the_partnership_lead_never_sees_the_wellbeing_note_even_as_a_partnership_admin(everyone_in, partnership_lead):
    assert partnership_lead.is_partnership_admin
    assert not permissions.can_see_wellbeing(partnership_lead, everyone_in)


def test_an_attendee_who_has_not_acknowledged_does_not_see_the_wellbeing_note(session, other_agency_practitioner):
    assert not permissions.can_see_wellbeing(other_agency_practitioner, session)


def test_confirming_belongs_to_the_accountable_manager_and_updating_to_the_owner_and_facilitator(
    everyone_in, practitioner, other_agency_practitioner, champion, organisation_lead
):
    proposed = services.add_action(
        everyone_in, by=practitioner, description="Move the review forward", owner=other_agency_practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    assert permissions.can_confirm(organisation_lead, proposed)
    assert not permissions.can_confirm(practitioner, proposed)
    assert not permissions.can_confirm(other_agency_practitioner, proposed)
    assert {p.full_name for p in (practitioner, other_agency_practitioner, champion, organisation_lead) if permissions.can_update_action(p, proposed)} == {
        "Riley Shah",
        "Casey Evans",
        "Sam Okafor",
    }
    services.confirm_action(proposed, by=organisation_lead, note="Agreed")
    assert not permissions.can_confirm(organisation_lead, proposed)
    assert not permissions.can_update_action(organisation_lead, proposed)


@pytest.mark.parametrize("who, allowed", [("partnership_lead", True), ("organisation_lead", False), ("practitioner", False), ("data_protection_lead", False)])
def test_the_figures_are_for_partnership_admins(who, allowed, request):
    assert permissions.can_see_figures(request.getfixturevalue(who)) is allowed


def test_my_open_actions_are_my_own_and_still_open(everyone_in, practitioner, other_agency_practitioner):
    mine = services.add_action(everyone_in, by=practitioner, description="Call the school", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    done = services.add_action(everyone_in, by=practitioner, description="Send the letter", owner=other_agency_practitioner, due_on=NEXT_WEEK)
    services.complete_action(done, by=other_agency_practitioner, note="Sent")
    waiting = services.add_action(
        everyone_in, by=practitioner, description="Move the review", owner=other_agency_practitioner, due_on=NEXT_WEEK, changes_childs_plan=True
    )
    services.add_action(everyone_in, by=practitioner, description="Someone else's", owner=practitioner, due_on=NEXT_WEEK)
    assert list(queries.my_open_actions(other_agency_practitioner)) == [mine]
    assert list(queries.my_open_actions(other_agency_practitioner, include_proposed=True)) == [mine, waiting]


def test_my_sessions_are_the_ones_i_have_a_place_in(session, situation, other_agency_practitioner, other_agency_lead):
    assert set(queries.sessions_for(other_agency_practitioner)) == {session, situation}
    assert list(queries.sessions_for(other_agency_lead)) == []
