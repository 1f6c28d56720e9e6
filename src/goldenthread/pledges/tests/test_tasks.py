from datetime import timedelta

from django.core import mail
from django.utils import timezone

from goldenthread.partnership.models import Membership, Role
from goldenthread.pledges import services
from goldenthread.pledges.tasks import send_renewal_reminder

from .conftest import move_expiry


def test_the_reminder_goes_to_every_lead_of_the_organisation(signed_pledge, organisation_lead, practitioner, other_agency_lead, childrens_services, settings):
    Membership.objects.create(user=other_agency_lead, organisation=childrens_services, role=Role.ORGANISATION_LEAD)
    sent = send_renewal_reminder.call(signed_pledge.pk, signed_pledge.expires_on.isoformat())
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([organisation_lead.email, other_agency_lead.email])
    message = mail.outbox[0]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Riverbend Children's Services" in message.subject
    assert f"/organisations/{childrens_services.slug}/pledge/renew/" in message.body
    assert practitioner.email not in [m.to[0] for m in mail.outbox]


def test_the_reminder_says_when_the_pledge_ends(signed_pledge):
    send_renewal_reminder.call(signed_pledge.pk, signed_pledge.expires_on.isoformat())
    end = signed_pledge.expires_on
    assert f"{end.day} {end:%B %Y}" in mail.outbox[0].body


def test_the_reminder_does_nothing_after_the_pledge_was_renewed(full_action_plan, organisation_lead):
    old_end = move_expiry(full_action_plan, timezone.localdate() + timedelta(days=10)).expires_on
    services.renew_pledge(full_action_plan, by=organisation_lead, signatory_name="Morgan Ellis", signatory_role="Chief executive")
    assert send_renewal_reminder.call(full_action_plan.pk, old_end.isoformat()) == 0
    assert mail.outbox == []


def test_the_reminder_does_nothing_for_a_withdrawn_pledge(signed_pledge, partnership_lead):
    services.withdraw_pledge(signed_pledge, by=partnership_lead, reason="Under review")
    assert send_renewal_reminder.call(signed_pledge.pk, signed_pledge.expires_on.isoformat()) == 0
    assert mail.outbox == []


def test_the_reminder_does_nothing_for_a_pledge_that_no_longer_exists(signed_pledge):
    pledge_id, end = signed_pledge.pk, signed_pledge.expires_on.isoformat()
    signed_pledge.delete()
    assert send_renewal_reminder.call(pledge_id, end) == 0
    assert mail.outbox == []
