"""A pledge due for renewal reaches its organisation's lead: on their home page from the day the reminder e-mail goes, until it is renewed.

Sam Okafor leads Riverbend Children's Services, which signed the pledge; Riley Shah works
there too, and is not asked to renew it.
"""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.tests.waiting import nothing_waits_for, waiting_on_home_page
from goldenthread.pledges import services
from goldenthread.pledges.tasks import send_renewal_reminder

from .conftest import move_expiry

TO_RENEW = "Renew the pledge for Riverbend Children's Services"
TODAY = timezone.localdate()


def long_date(day):
    return f"{day.day} {day:%B %Y}"


def test_a_pledge_not_yet_due_for_renewal_waits_for_nobody(signed_pledge, organisation_lead):
    assert nothing_waits_for(organisation_lead)


def test_the_organisation_lead_sees_a_renewal_due_on_their_home_page(signed_pledge, organisation_lead, childrens_services):
    pledge = move_expiry(signed_pledge, TODAY + timedelta(days=30))

    waiting = waiting_on_home_page(organisation_lead)
    assert TO_RENEW in waiting
    assert f"The pledge runs until {long_date(pledge.expires_on)}." in waiting
    assert f"By {long_date(pledge.expires_on)}" in waiting
    assert reverse("pledges:renew", args=[childrens_services.slug]) in waiting


def test_it_waits_from_the_day_the_reminder_goes(signed_pledge, organisation_lead, settings):
    move_expiry(signed_pledge, TODAY + timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS))
    assert TO_RENEW in waiting_on_home_page(organisation_lead)

    move_expiry(signed_pledge, TODAY + timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS + 1))
    assert nothing_waits_for(organisation_lead)


def test_the_organisation_lead_is_emailed_a_link_to_the_same_page(signed_pledge, organisation_lead, childrens_services):
    send_renewal_reminder.call(signed_pledge.pk, signed_pledge.expires_on.isoformat())

    (message,) = mail.outbox
    assert message.to == [organisation_lead.email]
    assert reverse("pledges:renew", args=[childrens_services.slug]) in message.body


def test_a_lapsed_pledge_still_waits_and_says_so_plainly(signed_pledge, organisation_lead):
    pledge = move_expiry(signed_pledge, TODAY - timedelta(days=3))

    waiting = waiting_on_home_page(organisation_lead)
    assert f"The pledge ran until {long_date(pledge.expires_on)}. You can renew it to show it as signed again." in waiting
    assert f"The date was {long_date(pledge.expires_on)}" in waiting


def test_someone_else_in_the_organisation_is_not_asked_to_renew(signed_pledge, practitioner):
    move_expiry(signed_pledge, TODAY + timedelta(days=30))

    assert nothing_waits_for(practitioner)


def test_once_renewed_the_pledge_no_longer_waits(full_action_plan, organisation_lead):
    move_expiry(full_action_plan, TODAY + timedelta(days=10))

    services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")

    assert nothing_waits_for(organisation_lead)


def test_a_withdrawn_pledge_waits_for_nobody(signed_pledge, organisation_lead, partnership_lead):
    move_expiry(signed_pledge, TODAY + timedelta(days=10))

    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="Under review")

    assert nothing_waits_for(organisation_lead)
