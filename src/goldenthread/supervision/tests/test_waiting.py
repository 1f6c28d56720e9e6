# ruff: noqa: F811 (pytest fixtures are imported by name and used as parameters)
"""Whoever's turn it is in group supervision is told: on their home page and by e-mail, and the notice goes once they act.

Two hand-overs: an invitation to a session, and an action that changes the child's plan,
waiting for the accountable manager. The sessions are those of pages_support: Riley asks
for a group supervision about an anonymised situation (J.T., aged 9) and invites Casey; Jo
facilitates and Sam is the accountable manager. The last test uses the Brightwater family.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import resolve, reverse

from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.waiting import nothing_waits_for, waiting_on_home_page
from goldenthread.supervision import services
from goldenthread.supervision.models import Attendee
from tests.family_fixtures import family_data_in

from .pages_support import PURPOSE, REFERENCE, an_action, arrange, ask, everyone_acknowledged, page, signed_in, situation  # noqa: F401
from .test_services_support import session  # noqa: F401

TO_CONFIRM = "Confirm an action that changes a child's plan"
TO_ANSWER = "Say whether you can take part in a group supervision"
DESCRIPTION = "Call the school nurse (fictional)"


def the_link_in(body):
    (address,) = [word for word in body.split() if word.startswith(settings.GOLDENTHREAD_SITE_URL)]
    return urlsplit(address).path


# --- an action waiting for the accountable manager ------------------------------------------


def test_the_accountable_manager_sees_an_action_to_confirm_first_on_their_home_page(
    everyone_acknowledged, champion, other_agency_practitioner, organisation_lead
):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    waiting = waiting_on_home_page(organisation_lead)
    assert TO_CONFIRM in waiting
    assert f"for Casey Evans to do by {action.due_on.day} {action.due_on:%B %Y}" in waiting
    assert page("session", everyone_acknowledged) in waiting


def test_nobody_else_is_asked_to_confirm_it(everyone_acknowledged, champion, other_agency_practitioner, practitioner):
    an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    for someone in (champion, other_agency_practitioner, practitioner):
        assert TO_CONFIRM not in waiting_on_home_page(someone)


def test_the_accountable_manager_is_emailed_when_an_action_waits_for_them(
    everyone_acknowledged, champion, other_agency_practitioner, organisation_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    (message,) = sent_by_the_worker()
    assert message.to == [organisation_lead.email]
    assert message.subject == "An action from a group supervision is waiting for you to confirm it"
    assert "Hello Sam Okafor" in message.body
    assert "Jo Park agreed an action in a group supervision that changes the child's plan, for Casey Evans to do by" in message.body
    assert resolve(the_link_in(message.body)).view_name == "supervision:session"
    for detail in (REFERENCE, PURPOSE, DESCRIPTION):
        assert detail not in message.subject + message.body


def test_an_action_that_needs_no_confirmation_sends_no_such_email(
    everyone_acknowledged, champion, other_agency_practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        an_action(everyone_acknowledged, champion, other_agency_practitioner)

    assert sent_by_the_worker() == []


def test_once_the_manager_confirms_the_action_it_no_longer_waits_for_them(everyone_acknowledged, champion, other_agency_practitioner, organisation_lead):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    services.confirm_action(action, by=organisation_lead, note="Agreed: this is the right change.")

    assert TO_CONFIRM not in waiting_on_home_page(organisation_lead)


def test_the_supervision_page_lists_the_actions_waiting_for_the_managers_confirmation(
    everyone_acknowledged, champion, other_agency_practitioner, organisation_lead
):
    action = an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    content = signed_in(organisation_lead).get(reverse("supervision:home")).content.decode()

    assert DESCRIPTION in content
    assert "For Casey Evans to do" in content
    assert page("confirm-action", action) in content
    assert "You have no open actions" not in content


def test_the_managers_group_supervision_card_counts_what_waits_for_their_confirmation(
    everyone_acknowledged, champion, other_agency_practitioner, organisation_lead
):
    an_action(everyone_acknowledged, champion, other_agency_practitioner, changes_plan=True)

    content = signed_in(organisation_lead).get("/").content.decode()

    assert "1 action is waiting for you to confirm." in content


# --- an invitation --------------------------------------------------------------------------


def test_each_person_invited_sees_the_invitation_on_their_home_page(practitioner, other_agency_practitioner):
    asked = ask(practitioner, invitees=[other_agency_practitioner])

    waiting = waiting_on_home_page(other_agency_practitioner)
    assert TO_ANSWER in waiting
    assert "Riley Shah invited you to a group supervision on" in waiting
    assert page("respond", asked) in waiting
    assert REFERENCE not in waiting and PURPOSE not in waiting


def test_the_person_asking_has_no_invitation_to_answer(practitioner, other_agency_practitioner):
    ask(practitioner, invitees=[other_agency_practitioner])

    assert nothing_waits_for(practitioner)


def test_each_person_invited_is_emailed_a_link_to_the_same_page(practitioner, other_agency_practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asked = ask(practitioner, invitees=[other_agency_practitioner])

    (message,) = sent_by_the_worker()
    assert message.to == [other_agency_practitioner.email]
    assert the_link_in(message.body) == page("respond", asked)


def test_the_accountable_manager_named_when_the_session_is_arranged_is_invited_too(
    practitioner, other_agency_practitioner, champion, organisation_lead, django_capture_on_commit_callbacks
):
    asked = ask(practitioner, invitees=[other_agency_practitioner])
    with django_capture_on_commit_callbacks(execute=True):
        arrange(asked, practitioner, facilitator=champion, manager=organisation_lead)

    assert [message.to for message in sent_by_the_worker()] == [[organisation_lead.email]]
    assert TO_ANSWER in waiting_on_home_page(organisation_lead)


def test_once_the_person_answers_the_invitation_is_gone(practitioner, other_agency_practitioner):
    asked = ask(practitioner, invitees=[other_agency_practitioner])
    place = Attendee.objects.get(session=asked, user=other_agency_practitioner)

    services.respond(place, by=other_agency_practitioner, response=Attendee.Response.DECLINED)

    assert nothing_waits_for(other_agency_practitioner)


def test_a_cancelled_session_leaves_nothing_waiting(practitioner, other_agency_practitioner):
    asked = ask(practitioner, invitees=[other_agency_practitioner])

    services.cancel_session(asked, by=practitioner, reason="The family moved away (fictional)")

    assert nothing_waits_for(other_agency_practitioner)


# --- about a family -------------------------------------------------------------------------


def test_what_waits_about_a_familys_session_says_nothing_of_the_family(session, practitioner, other_agency_practitioner, organisation_lead):
    services.acknowledge_confidentiality(session, by=other_agency_practitioner)
    an_action(session, practitioner, other_agency_practitioner, changes_plan=True)

    waiting = waiting_on_home_page(organisation_lead)

    assert TO_CONFIRM in waiting
    assert family_data_in(waiting) == []
    assert session.family.reference not in waiting and session.situation_reference not in waiting
