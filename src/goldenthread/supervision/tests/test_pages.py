# ruff: noqa: F811 (pytest fixtures are imported by name and used as parameters)
"""The group supervision pages, for the named people: who is let in, who is refused, and what each page shows.

The shared sessions are in pages_support: a group supervision about an anonymised situation
that Riley asked for, Jo facilitates, Sam is accountable manager for and Casey is invited to.
"""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.supervision import menu, services
from goldenthread.supervision.models import ActionChange, AgreedAction, Attendee, Session

from .pages_support import (  # noqa: F401
    PURPOSE,
    REFERENCE,
    acknowledge,
    an_action,
    conversation,
    date_fields,
    everyone_acknowledged,
    page,
    signed_in,
    situation,
)

pytestmark = pytest.mark.django_db

FOUR_QUESTIONS = {
    "meaning_for_child": "J.T. is frightened on the way to school and stops eating breakfast.",
    "impact": "He has missed eleven mornings this term.",
    "informs_risk": "The risk is at home in the mornings, not on the walk.",
    "reflected_in_planning": "The plan will name who walks with him each day.",
}


def text_of(response) -> str:
    return unescape(response.content.decode())


def record_data(session, **overrides):
    data = {"version": str(session.version), **FOUR_QUESTIONS, "going_well": "His nan walks him on Fridays.", "risks_and_needs": "", "safety_plan": ""}
    data.update(date_fields("held_on", timezone.localdate()))
    data.update(overrides)
    return data


# Signing in and the menu -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["supervision:home", "supervision:request", "supervision:figures", "supervision:figures-csv"])
def test_someone_not_signed_in_is_asked_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("core:sign-in") in response["Location"]


def test_someone_not_signed_in_is_asked_to_sign_in_before_a_session(client, situation):
    response = client.get(page("session", situation))
    assert response.status_code == 302
    assert reverse("core:sign-in") in response["Location"]


def test_the_menu_offers_group_supervision_to_anyone_in_an_organisation(practitioner, trainer, partnership_lead):
    assert ("Supervision", reverse("supervision:home")) in menu.navigation(practitioner)
    assert ("Supervision", reverse("supervision:home")) in menu.navigation(trainer)
    assert ("Supervision", reverse("supervision:home")) not in menu.navigation(partnership_lead)


def test_your_own_actions_are_on_your_home_page(situation, champion, other_agency_practitioner):
    an_action(situation, champion, other_agency_practitioner)
    response = signed_in(other_agency_practitioner).get(reverse("core:home"))
    assert "You have 1 open action from group supervision." in text_of(response)


# Home ---------------------------------------------------------------------------------------


def test_the_home_page_shows_your_sessions_and_marks_overdue_actions(situation, champion, other_agency_practitioner):
    action = an_action(situation, champion, other_agency_practitioner)
    AgreedAction.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    response = signed_in(other_agency_practitioner).get(reverse("supervision:home"))
    content = text_of(response)
    assert response.status_code == 200
    assert f"Group supervision: {REFERENCE}" in content
    assert "Call the school nurse (fictional)" in content
    assert "Open, past the date agreed" in content


def test_the_home_page_offers_a_request_only_to_people_who_do_casework(practitioner, trainer):
    assert "Request a session" in text_of(signed_in(practitioner).get(reverse("supervision:home")))
    assert "Request a session" not in text_of(signed_in(trainer).get(reverse("supervision:home")))


# Requesting a session -----------------------------------------------------------------------


def request_data(**overrides):
    day = timezone.localdate() + timedelta(days=10)
    data = {
        "kind": Session.Kind.GROUP_SUPERVISION,
        "family": "anonymised",
        "situation_reference": REFERENCE,
        "purpose": PURPOSE,
        "proposed_time": "2:30pm",
        "format": Session.Format.ONLINE,
        "location": "Video call (fictional link)",
        "invite_from": "",
        **date_fields("proposed_date", day),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["practitioner", "champion", "organisation_lead", "other_agency_practitioner"])
def test_people_who_do_casework_may_request_a_session(request, who):
    response = signed_in(request.getfixturevalue(who)).get(reverse("supervision:request"))
    assert response.status_code == 200
    assert "Group supervision" in text_of(response) and "Learning conversation" in text_of(response)


@pytest.mark.parametrize("who", ["trainer", "partnership_lead"])
def test_people_who_do_no_casework_are_refused_the_request_page(request, who):
    assert signed_in(request.getfixturevalue(who)).get(reverse("supervision:request")).status_code == 403


def test_a_practitioner_requests_a_session_about_an_anonymised_situation_and_invites_another_agency(practitioner, other_agency_practitioner):
    data = request_data(invitees=[str(other_agency_practitioner.public_id)])
    response = signed_in(practitioner).post(reverse("supervision:request"), data)
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page("session", session)
    assert session.family is None
    assert session.situation_reference == REFERENCE
    assert timezone.localtime(session.proposed_start).strftime("%H:%M") == "14:30"
    assert set(session.attendees.values_list("user__email", flat=True)) == {practitioner.email, other_agency_practitioner.email}


def test_showing_an_organisations_people_lists_them_and_keeps_everything_typed(practitioner, other_agency_practitioner, community_health):
    data = request_data(purpose="<b>Our</b> thoughts, typed carefully ✨", invite_from=str(community_health.public_id), show_people="yes")
    response = signed_in(practitioner).post(reverse("supervision:request"), data)
    content = text_of(response)
    assert response.status_code == 200
    assert "Casey Evans" in content
    assert "<b>Our</b> thoughts, typed carefully ✨" in content
    assert "There is a problem" not in content
    assert not Session.objects.exists()


def test_a_request_with_mistakes_comes_back_with_everything_kept(practitioner, other_agency_practitioner):
    data = request_data(
        situation_reference="",
        proposed_time="25:99",
        **date_fields("proposed_date", timezone.localdate()),
        invitees=[str(other_agency_practitioner.public_id)],
    )
    data["proposed_date_1"] = "13"
    response = signed_in(practitioner).post(reverse("supervision:request"), data)
    content = text_of(response)
    assert response.status_code == 400
    assert content.count("<title>Error: ") == 1
    assert "Enter initials or a reference" in content
    assert "Enter a real time" in content
    assert "Enter a real date" in content
    assert PURPOSE in content
    assert 'value="25:99"' in content
    assert "Casey Evans" in content  # the person ticked stays listed and ticked
    assert not Session.objects.exists()


def test_a_request_cannot_link_a_family_the_person_has_no_place_for(practitioner):
    response = signed_in(practitioner).post(reverse("supervision:request"), request_data(family="6d1b7c3e-0000-4000-8000-000000000000"))
    assert response.status_code == 400
    assert "Choose a family from the list" in text_of(response)


# The session page ---------------------------------------------------------------------------


def test_an_attendee_acknowledges_confidentiality_before_seeing_the_record(situation, other_agency_practitioner):
    client = signed_in(other_agency_practitioner)
    first = client.get(page("session", situation))
    assert first.status_code == 302
    assert first["Location"] == page("acknowledge", situation)
    refused = client.post(page("acknowledge", situation), {})
    assert refused.status_code == 400
    assert "Tick the box to say you will keep what is shared confidential" in text_of(refused)
    assert client.post(page("acknowledge", situation), {"acknowledge": "on"}).status_code == 302
    seen = client.get(page("session", situation))
    assert seen.status_code == 200
    assert PURPOSE in text_of(seen)


def test_the_facilitator_sees_who_has_acknowledged(situation, champion):
    content = text_of(signed_in(champion).get(page("session", situation)))
    assert "Riverbend Community Health" in content
    assert "Casey Evans" in content
    assert "Not yet" in content and "Agreed" in content


@pytest.mark.parametrize("who", ["trainer", "partnership_lead", "other_agency_lead"])
def test_people_without_a_place_are_refused_the_session(request, situation, who):
    client = signed_in(request.getfixturevalue(who))
    for name in ("session", "acknowledge", "add-action", "wellbeing", "schedule", "invite", "attendance", "cancel"):
        assert client.get(page(name, situation)).status_code == 403, name


def test_an_unknown_session_is_not_found(practitioner):
    assert signed_in(practitioner).get("/supervision/sessions/6d1b7c3e-0000-4000-8000-000000000000/").status_code == 404
    assert signed_in(practitioner).get("/supervision/sessions/not-a-session/").status_code == 404


def test_the_facilitator_records_the_four_questions_one_by_one(situation, champion):
    response = signed_in(champion).post(page("session", situation), record_data(situation))
    assert response.status_code == 302
    situation.refresh_from_db()
    for name, text in FOUR_QUESTIONS.items():
        assert getattr(situation, name) == text
    assert situation.status == Session.Status.HELD


def test_an_attendee_reads_the_record_but_cannot_write_it(everyone_acknowledged, champion, other_agency_practitioner):
    signed_in(champion).post(page("session", everyone_acknowledged), record_data(everyone_acknowledged))
    client = signed_in(other_agency_practitioner)
    content = text_of(client.get(page("session", everyone_acknowledged)))
    assert FOUR_QUESTIONS["informs_risk"] in content
    assert "Save the record" not in content
    everyone_acknowledged.refresh_from_db()
    assert client.post(page("session", everyone_acknowledged), record_data(everyone_acknowledged, impact="changed")).status_code == 403


def test_when_someone_else_saved_first_both_texts_are_shown_and_nothing_is_lost(situation, champion):
    version = situation.version
    services.record_session(situation, by=champion, version=version, impact="Saved first by someone else.")
    response = signed_in(champion).post(page("session", situation), record_data(situation, version=str(version), impact="My own words about the impact."))
    content = text_of(response)
    assert response.status_code == 409
    assert "Someone else saved the record while you were writing" in content
    assert "Saved first by someone else." in content
    assert "My own words about the impact." in content
    assert content.count("<title>Error: ") == 1
    situation.refresh_from_db()
    assert situation.impact == "Saved first by someone else."


def test_a_record_with_a_future_date_comes_back_with_everything_kept(situation, champion):
    future = timezone.localdate() + timedelta(days=5)
    response = signed_in(champion).post(page("session", situation), record_data(situation, **date_fields("held_on", future)))
    assert response.status_code == 400
    assert FOUR_QUESTIONS["meaning_for_child"] in text_of(response)


def test_a_learning_conversation_records_themes_and_what_each_agency_will_do(conversation, champion, community_health):
    client = signed_in(champion)
    data = record_data(
        conversation,
        helping="Meeting face to face.",
        getting_in_the_way="Forms that ask the same things.",
        themes=["tell-it-once", "thresholds"],
        own_themes="Waiting lists",
    )
    assert client.post(page("session", conversation), data).status_code == 302
    assert (
        client.post(
            page("add-commitment", conversation), {"organisation": str(community_health.public_id), "commitment": "Share the health plan before each meeting."}
        ).status_code
        == 302
    )
    content = text_of(client.get(page("session", conversation)))
    assert "Families telling their story once" in content
    assert "Waiting lists" in content
    assert "Share the health plan before each meeting." in content


def test_a_theme_not_on_the_list_is_refused(conversation, champion):
    response = signed_in(champion).post(page("session", conversation), record_data(conversation, themes=["not-a-theme"]))
    assert response.status_code == 400
    assert "Choose themes from the list" in text_of(response)


# Actions ----------------------------------------------------------------------------------


def test_the_facilitator_adds_an_action_for_another_agencys_practitioner(situation, champion, other_agency_practitioner):
    due = timezone.localdate() + timedelta(days=14)
    data = {"description": "Ask the school nurse to see J.T.", "owner": str(other_agency_practitioner.public_id), **date_fields("due_on", due)}
    response = signed_in(champion).post(page("add-action", situation), data)
    assert response.status_code == 302
    action = AgreedAction.objects.get()
    assert (action.owner, action.due_on, action.status) == (other_agency_practitioner, due, AgreedAction.Status.OPEN)


def test_an_action_that_changes_the_childs_plan_waits_for_the_accountable_manager(
    everyone_acknowledged, champion, other_agency_practitioner, organisation_lead
):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)
    assert action.status == AgreedAction.Status.PROPOSED
    assert signed_in(other_agency_practitioner).get(page("confirm-action", action)).status_code == 403
    client = signed_in(organisation_lead)
    assert client.post(page("confirm-action", action), {"note": ""}).status_code == 400
    assert client.post(page("confirm-action", action), {"note": "Agreed: this is the right change."}).status_code == 302
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.OPEN and action.confirmed_by == organisation_lead


def test_an_action_with_mistakes_comes_back_with_everything_kept(situation, champion):
    data = {"description": "Ring the GP (fictional) ☎", "owner": "", "due_on_0": "31", "due_on_1": "2", "due_on_2": "2030"}
    response = signed_in(champion).post(page("add-action", situation), data)
    assert response.status_code == 400
    content = text_of(response)
    assert "Ring the GP (fictional) ☎" in content
    assert "Choose who will do it" in content
    assert "Enter a real date" in content
    assert not AgreedAction.objects.exists()


def test_only_the_facilitator_adds_actions(everyone_acknowledged, other_agency_practitioner):
    assert signed_in(other_agency_practitioner).get(page("add-action", everyone_acknowledged)).status_code == 403


def test_the_owner_marks_an_action_done_with_a_note(everyone_acknowledged, champion, other_agency_practitioner):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner)
    client = signed_in(other_agency_practitioner)
    empty = client.post(page("complete-action", action), {"note": "   "})
    assert empty.status_code == 400
    assert "Say what was done" in text_of(empty)
    assert client.post(page("complete-action", action), {"note": "The nurse saw J.T. on Tuesday."}).status_code == 302
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.DONE
    assert ActionChange.objects.filter(action=action, change="done", note="The nurse saw J.T. on Tuesday.", changed_by=other_agency_practitioner).exists()


def test_someone_else_cannot_change_an_action(everyone_acknowledged, champion, other_agency_practitioner, practitioner):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner)
    client = signed_in(practitioner)
    for name in ("complete-action", "cancel-action", "move-action", "confirm-action"):
        assert client.post(page(name, action), {"note": "x", "reason": "x"}).status_code == 403, name
    action.refresh_from_db()
    assert action.status == AgreedAction.Status.OPEN


def test_an_action_moves_with_a_new_date_and_a_reason_and_is_cancelled_with_a_reason(everyone_acknowledged, champion, other_agency_practitioner):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner)
    client = signed_in(other_agency_practitioner)
    new_day = action.due_on + timedelta(days=7)
    missing = client.post(page("move-action", action), {**date_fields("new_due_on", new_day), "reason": ""})
    assert missing.status_code == 400 and "Say why the date is moving" in text_of(missing)
    assert client.post(page("move-action", action), {**date_fields("new_due_on", new_day), "reason": "The nurse is away."}).status_code == 302
    assert client.post(page("cancel-action", action), {"note": "J.T. has moved school."}).status_code == 302
    action.refresh_from_db()
    assert (action.due_on, action.status) == (new_day, AgreedAction.Status.CANCELLED)
    assert list(action.changes.values_list("change", flat=True)) == ["created", "moved", "cancelled"]


def test_an_unknown_action_is_not_found(practitioner):
    assert signed_in(practitioner).get("/supervision/actions/6d1b7c3e-0000-4000-8000-000000000000/done/").status_code == 404


# Wellbeing, responding, arranging -----------------------------------------------------------


def test_the_wellbeing_note_is_for_the_attendees_only(everyone_acknowledged, other_agency_practitioner, partnership_lead, other_agency_lead):
    client = signed_in(other_agency_practitioner)
    assert client.post(page("wellbeing", everyone_acknowledged), {"note": "This one stayed with me all week."}).status_code == 302
    assert "This one stayed with me all week." in text_of(client.get(page("session", everyone_acknowledged)))
    for outsider in (partnership_lead, other_agency_lead):
        assert signed_in(outsider).get(page("wellbeing", everyone_acknowledged)).status_code == 403
        assert signed_in(outsider).get(page("session", everyone_acknowledged)).status_code == 403


def test_an_invited_practitioner_says_whether_they_can_take_part(situation, other_agency_practitioner):
    client = signed_in(other_agency_practitioner)
    assert client.post(page("respond", situation), {}).status_code == 400
    assert client.post(page("respond", situation), {"response": "accepted"}).status_code == 302
    assert Attendee.objects.get(session=situation, user=other_agency_practitioner).response == Attendee.Response.ACCEPTED


def test_someone_who_declined_sees_only_the_outline(situation, other_agency_practitioner):
    client = signed_in(other_agency_practitioner)
    client.post(page("respond", situation), {"response": "declined"})
    response = client.get(page("session", situation))
    assert response.status_code == 200
    assert "the record of this session is kept from you" in text_of(response)


def test_the_requester_arranges_the_session_and_invites_more_people(
    practitioner, other_agency_practitioner, champion, organisation_lead, community_health, other_agency_lead
):
    from .pages_support import ask

    session = ask(practitioner, invitees=[other_agency_practitioner])
    client = signed_in(practitioner)
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "facilitator": str(champion.public_id),
        "accountable_manager": str(organisation_lead.public_id),
        "proposed_time": "10:00",
        **date_fields("proposed_date", day),
    }
    assert client.post(page("schedule", session), data).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.facilitator, session.accountable_manager) == (Session.Status.SCHEDULED, champion, organisation_lead)
    shown = client.post(page("invite", session), {"invite_from": str(community_health.public_id), "show_people": "yes"})
    assert "Drew Hughes" in text_of(shown)
    assert client.post(page("invite", session), {"invitees": [str(other_agency_lead.public_id)]}).status_code == 302
    assert session.attendees.filter(user=other_agency_lead).exists()


def test_cancelling_needs_a_reason(situation, practitioner):
    client = signed_in(practitioner)
    assert client.post(page("cancel", situation), {"reason": ""}).status_code == 400
    assert client.post(page("cancel", situation), {"reason": "J.T.'s family moved away."}).status_code == 302
    situation.refresh_from_db()
    assert situation.status == Session.Status.CANCELLED


def test_a_practitioner_cannot_act_as_facilitator(everyone_acknowledged, practitioner):
    client = signed_in(practitioner)
    assert client.get(page("attendance", everyone_acknowledged)).status_code == 403
    assert client.get(page("add-action", everyone_acknowledged)).status_code == 403


# Partnership figures -----------------------------------------------------------------------


def test_the_partnership_lead_sees_figures_that_reveal_no_situation_or_person(
    everyone_acknowledged, champion, partnership_lead, practitioner, other_agency_practitioner
):
    signed_in(champion).post(page("session", everyone_acknowledged), record_data(everyone_acknowledged))
    services.mark_attended(everyone_acknowledged, by=champion, attended=[champion, practitioner, other_agency_practitioner])
    client = signed_in(partnership_lead)
    for response in (client.get(reverse("supervision:figures")), client.get(reverse("supervision:figures-csv"))):
        assert response.status_code == 200
        content = text_of(response)
        assert "Riverbend Community Health" in content
        for secret in (REFERENCE, PURPOSE, "Riley Shah", "Casey Evans", "Jo Park", *FOUR_QUESTIONS.values()):
            assert secret not in content


@pytest.mark.parametrize("who", ["practitioner", "organisation_lead", "champion"])
def test_people_who_are_not_partnership_admins_are_refused_the_figures(request, who):
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("supervision:figures")).status_code == 403
    assert client.get(reverse("supervision:figures-csv")).status_code == 403


def test_odd_figures_choices_fall_back_to_twelve_months(partnership_lead):
    client = signed_in(partnership_lead)
    for months in ("9999", "-1", "abc", "'; DROP TABLE", "٣"):
        assert client.get(reverse("supervision:figures"), {"months": months}).status_code == 200
