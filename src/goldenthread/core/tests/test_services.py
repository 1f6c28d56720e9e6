"""Core's services: each change is made by the person it belongs to, and a refusal says why."""

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja.testing import TestClient

from goldenthread.api import GoldenThreadAPI
from goldenthread.core import safeguards, services
from goldenthread.core import services as core_services
from goldenthread.core.models import AuditEvent, TermsAcceptance
from goldenthread.core.refusals import Refused

from .tokens import working_token
from .two_step import authenticator_of, code_for

# The terms


def test_a_person_accepts_the_current_terms_once(practitioner):
    first = services.accept_terms(practitioner, by=practitioner)
    again = services.accept_terms(practitioner, by=practitioner)

    assert first == again
    assert safeguards.has_accepted_current_terms(practitioner)
    assert TermsAcceptance.objects.filter(user=practitioner).count() == 1


def test_no_one_accepts_the_terms_for_someone_else(practitioner, organisation_lead):
    with pytest.raises(Refused):
        services.accept_terms(practitioner, by=organisation_lead)

    assert not safeguards.has_accepted_current_terms(practitioner)


# Two-step verification


def test_setting_up_two_step_gives_recovery_codes_and_is_recorded(practitioner, django_capture_on_commit_callbacks):
    device = services.start_two_step_setup(practitioner, by=practitioner)

    with django_capture_on_commit_callbacks() as callbacks:
        codes = services.confirm_two_step_setup(device, by=practitioner, code=code_for(device))

    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert StaticDevice.objects.filter(user=practitioner).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_STEP_CHANGED, object_id=str(practitioner.pk)).exists()
    assert len(callbacks) == 1, "the person is e-mailed once the change is saved"


def test_a_wrong_code_at_set_up_is_refused_and_the_wrong_try_is_kept(practitioner):
    device = services.start_two_step_setup(practitioner, by=practitioner)

    with pytest.raises(ValidationError) as refusal:
        services.confirm_two_step_setup(device, by=practitioner, code="000000" if code_for(device) != "000000" else "111111")

    assert "code" in refusal.value.message_dict
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1, "django-otp's count of wrong tries is never rolled back with the refusal"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_STEP_FAILED, object_id=str(practitioner.pk)).exists()


def test_someone_elses_authenticator_cannot_be_confirmed(practitioner, champion):
    device = services.start_two_step_setup(practitioner, by=practitioner)

    with pytest.raises(Refused, match="belongs to someone else"):
        services.confirm_two_step_setup(device, by=champion, code=code_for(device))

    device.refresh_from_db()
    assert not device.confirmed


def test_a_replacement_authenticator_is_not_started_without_a_verified_session(practitioner):
    authenticator_of(practitioner)

    with pytest.raises(Refused, match="Verify this session"):
        services.start_two_step_setup(practitioner, by=practitioner)

    assert not TOTPDevice.objects.filter(user=practitioner, confirmed=False).exists()


def test_no_one_starts_two_step_for_someone_else(practitioner, organisation_lead):
    with pytest.raises(Refused):
        services.start_two_step_setup(practitioner, by=organisation_lead)


def test_another_partnership_admin_resets_two_step_and_the_persons_tokens_stop(practitioner, partnership_lead):
    token, _ = working_token(practitioner)

    services.reset_two_step(practitioner, by=partnership_lead)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not safeguards.has_two_step(practitioner)


# Recovery codes


def test_new_recovery_codes_replace_the_old_ones(practitioner):
    old = services.replace_recovery_codes(practitioner, by=practitioner)

    new = services.replace_recovery_codes(practitioner, by=practitioner)

    assert not set(old) & set(new)
    assert StaticDevice.objects.filter(user=practitioner).count() == 1


def test_no_one_makes_recovery_codes_for_someone_else(practitioner, partnership_lead):
    with pytest.raises(Refused):
        services.replace_recovery_codes(practitioner, by=partnership_lead)

    assert not StaticDevice.objects.filter(user=practitioner).exists()


def test_the_old_names_still_make_the_same_changes(practitioner, partnership_lead):
    core_services.accept_terms(practitioner, by=practitioner)
    codes = core_services.replace_recovery_codes(practitioner, by=practitioner)

    assert safeguards.has_accepted_current_terms(practitioner)
    assert len(codes) == 10


# API tokens


def test_no_one_makes_a_token_for_someone_else(practitioner, organisation_lead):
    with pytest.raises(Refused):
        services.create_api_token(practitioner, by=organisation_lead, name="Not mine", device=authenticator_of(practitioner))


def test_a_token_is_revoked_only_by_its_owner(practitioner, organisation_lead):
    token, _ = working_token(practitioner)

    with pytest.raises(Refused):
        services.revoke_api_token(token, by=organisation_lead)
    token.refresh_from_db()
    assert token.revoked_at is None

    services.revoke_api_token(token, by=practitioner)
    token.refresh_from_db()
    assert token.revoked_at is not None


# The API says no the way a page does


def test_a_refusal_in_the_api_is_403_with_its_message(db):
    api = GoldenThreadAPI(urls_namespace="core-services-refusal-test")

    @api.get("/record")
    def record(request):
        raise Refused("Only the family's lead practitioner can close the record.")

    response = TestClient(api).get("/record")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the family's lead practitioner can close the record."}
