"""Whoever's turn it is around a family's record is told: on their home page and by e-mail, and the notice goes once they act.

Two hand-overs, with the Brightwater family (fictional): Morgan Reyes (Riverbend Youth Service)
asks to join the team, and Riley, the lead practitioner, decides; Morgan opens the record with
emergency access, and Noor, the data protection lead, reviews it. The home page asks for no
second step, so no notice there names the family, its reference or the reason given.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import resolve, reverse

from goldenthread.core.models import User
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.waiting import nothing_waits_for, waiting_on_home_page
from goldenthread.families import services
from goldenthread.families.models import EmergencyAccess
from goldenthread.partnership.models import Membership, Role
from tests.family_fixtures import family_data_in

TO_DECIDE = "Decide on a request to join a family's team"
TO_REVIEW = "Review an emergency access to a family's record"
JOIN_REASON = "Youth worker for Wrenna's older cousin (fictional)"
EMERGENCY_REASON = "A call this evening that Wrenna may not be safe at home tonight (fictional)."


def the_link_in(body):
    (address,) = [word for word in body.split() if word.startswith(settings.GOLDENTHREAD_SITE_URL)]
    return urlsplit(address).path


def ask_to_join(family, person, organisation):
    return services.request_to_join(family, by=person, organisation=organisation, reason=JOIN_REASON)


# --- a request to join the team -------------------------------------------------------------


def test_the_lead_practitioner_sees_a_request_to_join_on_their_home_page(family, practitioner, third_agency_practitioner, third_agency):
    ask_to_join(family, third_agency_practitioner, third_agency)

    waiting = waiting_on_home_page(practitioner)
    assert TO_DECIDE in waiting
    assert "Morgan Reyes (Riverbend Youth Service) asked to join the team around a family you work with." in waiting
    assert reverse("families:overview", args=[family.public_id]) in waiting
    assert family_data_in(waiting) == [] and family.reference not in waiting and JOIN_REASON not in waiting


def test_someone_in_the_team_who_does_not_decide_is_not_asked(family, other_agency_practitioner, third_agency_practitioner, third_agency):
    ask_to_join(family, third_agency_practitioner, third_agency)

    assert nothing_waits_for(other_agency_practitioner)
    assert nothing_waits_for(third_agency_practitioner)


def test_the_lead_practitioner_is_emailed_when_someone_asks_to_join(
    family, practitioner, third_agency_practitioner, third_agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_to_join(family, third_agency_practitioner, third_agency)

    (message,) = sent_by_the_worker()
    assert message.to == [practitioner.email]
    assert message.subject == f"Morgan Reyes asks to join the team around family record {family.reference}"
    assert "Hello Riley Shah" in message.body
    assert "Morgan Reyes (Riverbend Youth Service) has asked to join the team" in message.body
    assert resolve(the_link_in(message.body)).view_name == "families:overview"
    assert family_data_in(message.subject + message.body) == [] and JOIN_REASON not in message.body


def test_no_one_is_asked_when_the_familys_agreement_lets_the_person_join_at_once(
    recorded_family, community_health, django_capture_on_commit_callbacks, practitioner
):
    colleague = User.objects.create_user("ash.patel@health.example", "a-long-test-password", full_name="Ash Patel")
    Membership.objects.create(user=colleague, organisation=community_health, role=Role.PRACTITIONER)
    with django_capture_on_commit_callbacks(execute=True):
        ask_to_join(recorded_family, colleague, community_health)

    assert sent_by_the_worker() == []
    assert TO_DECIDE not in waiting_on_home_page(practitioner)


def test_once_the_lead_decides_the_request_no_longer_waits(family, practitioner, third_agency_practitioner, third_agency):
    join_request = ask_to_join(family, third_agency_practitioner, third_agency)

    services.decide_join_request(join_request, by=practitioner, accept=False)

    assert TO_DECIDE not in waiting_on_home_page(practitioner)


# --- an emergency access to review ----------------------------------------------------------


def test_the_data_protection_lead_sees_an_emergency_access_to_review(family, third_agency_practitioner, data_protection_lead):
    emergency = services.start_emergency_access(family, by=third_agency_practitioner, reason=EMERGENCY_REASON)

    waiting = waiting_on_home_page(data_protection_lead)
    assert TO_REVIEW in waiting
    assert "Morgan Reyes opened a family's record with emergency access on" in waiting
    assert reverse("families:review", args=[emergency.public_id]) in waiting
    assert family_data_in(waiting) == [] and family.reference not in waiting and EMERGENCY_REASON not in waiting


def test_nobody_else_is_asked_to_review_it(family, third_agency_practitioner, practitioner, partnership_lead):
    services.start_emergency_access(family, by=third_agency_practitioner, reason=EMERGENCY_REASON)

    for someone in (third_agency_practitioner, practitioner, partnership_lead):
        assert TO_REVIEW not in waiting_on_home_page(someone)


def test_the_data_protection_lead_is_emailed_when_emergency_access_starts(
    family, third_agency_practitioner, data_protection_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emergency = services.start_emergency_access(family, by=third_agency_practitioner, reason=EMERGENCY_REASON)

    (message,) = sent_by_the_worker()
    assert message.to == [data_protection_lead.email]
    assert message.subject == f"Emergency access to family record {family.reference} needs your review"
    assert the_link_in(message.body) == reverse("families:review", args=[emergency.public_id])
    assert family_data_in(message.subject + message.body) == [] and EMERGENCY_REASON not in message.body


def test_once_reviewed_the_emergency_access_no_longer_waits(family, third_agency_practitioner, data_protection_lead):
    emergency = services.start_emergency_access(family, by=third_agency_practitioner, reason=EMERGENCY_REASON)

    services.review_emergency_access(emergency, by=data_protection_lead, outcome=EmergencyAccess.Review.JUSTIFIED)

    assert nothing_waits_for(data_protection_lead)
