"""Attacks by someone who knows only a practitioner's password, replayed through the real pages and API.

Each of these once reached the Brightwater family's record (issue 9). Riley Shah has set
up two-step verification; the attacker has her password and nothing else.
"""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import services as core_services
from goldenthread.core.models import ApiToken, AuditEvent, User
from goldenthread.core.tests.tokens import working_token
from goldenthread.core.tests.two_step import authenticator_of, code_for, fresh_code_for, signed_in_with_two_steps
from goldenthread.supervision.tests.test_services_support import session  # noqa: F401
from tests.family_fixtures import family_data_in

PASSWORD = "a-long-test-password"
A_TOKEN = {"name": "Bridge", "scope": ApiToken.Scope.FAMILIES, "days": "90"}


def signed_in_with_only_a_password(email, password=PASSWORD) -> Client:
    client = Client()
    response = client.post(reverse("core:sign-in"), {"username": email, "password": password})
    assert response.status_code == 302, "the password should be accepted"
    return client


@pytest.fixture
def riley(practitioner, recorded_family):
    """Riley Shah, lead practitioner for the Brightwater family, with two-step set up and the terms accepted."""
    authenticator_of(practitioner)
    core_services.replace_recovery_codes(practitioner, by=practitioner)
    core_services.accept_terms(practitioner, by=practitioner)
    return practitioner


# 1. A password alone mints an API token


def test_a_password_alone_cannot_open_the_tokens_page(riley):
    attacker = signed_in_with_only_a_password(riley.email)

    page = attacker.get(reverse("core:tokens"))
    made = attacker.post(reverse("core:tokens"), A_TOKEN)

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("core:two-step-verify"))
    assert made.status_code == 302
    assert not ApiToken.objects.exists()


def test_a_password_alone_never_yields_a_token_that_reads_the_family(riley, recorded_family):
    attacker = signed_in_with_only_a_password(riley.email)
    attacker.post(reverse("core:tokens"), A_TOKEN)
    key = next(iter(ApiToken.objects.values_list("key_hash", flat=True)), None)

    response = attacker.get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert key is None
    assert response.status_code == 401
    assert not family_data_in(response.content.decode())


def test_a_token_made_after_a_code_reads_the_family_and_stops_when_two_step_is_replaced(riley, recorded_family):
    owner = signed_in_with_two_steps(riley)
    made = owner.post(reverse("core:tokens"), A_TOKEN)
    key = made.context["new_key"]
    reads = Client().get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}")

    owner.get(reverse("core:two-step-setup"))
    new_phone = TOTPDevice.objects.get(user=riley, confirmed=False)
    owner.post(reverse("core:two-step-setup"), {"code": code_for(new_phone), "current_code": fresh_code_for(authenticator_of(riley))})
    afterwards = Client().get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert reads.status_code == 200
    assert afterwards.status_code == 401
    assert ApiToken.objects.get(user=riley).revoked_at is not None


def test_a_token_stops_when_the_account_is_closed(riley, recorded_family):
    _, key = working_token(riley)
    riley.is_active = False
    riley.save()

    response = Client().get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


def test_a_token_stops_when_an_admin_resets_two_step(riley, partnership_lead, recorded_family):
    _, key = working_token(riley)

    core_services.reset_two_step(riley, by=partnership_lead)
    response = Client().get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401
    assert not TOTPDevice.objects.filter(user=riley).exists()
    assert not StaticDevice.objects.filter(user=riley).exists()


def test_only_another_partnership_admin_can_reset_two_step(riley, organisation_lead, partnership_lead):
    with pytest.raises(PermissionDenied, match="Only another partnership admin"):
        core_services.reset_two_step(riley, by=organisation_lead)
    with pytest.raises(PermissionDenied, match="Only another partnership admin"):
        core_services.reset_two_step(partnership_lead, by=partnership_lead)

    assert TOTPDevice.objects.filter(user=riley, confirmed=True).exists()


# 2. A password alone replaces the authenticator


def test_a_password_alone_cannot_see_a_new_secret_or_replace_the_authenticator(riley, recorded_family):
    real_phone = authenticator_of(riley)
    attacker = signed_in_with_only_a_password(riley.email)

    page = attacker.get(reverse("core:two-step-setup"))
    attackers_phone = TOTPDevice(user=riley, name="Attacker's phone", confirmed=False)
    attackers_phone.save()
    confirmed = attacker.post(reverse("core:two-step-setup"), {"code": code_for(attackers_phone)})
    record = attacker.get(reverse("families:overview", args=[recorded_family.public_id]))

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("core:two-step-verify"))
    assert "gt-secret" not in page.content.decode()
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith(reverse("core:two-step-verify"))
    assert TOTPDevice.objects.filter(pk=real_phone.pk, confirmed=True).exists()
    assert record.status_code == 302
    assert not family_data_in(record.content.decode())


def test_a_password_alone_cannot_make_new_recovery_codes(riley):
    codes_before = set(StaticDevice.objects.get(user=riley).token_set.values_list("token", flat=True))
    attacker = signed_in_with_only_a_password(riley.email)

    response = attacker.post(reverse("core:recovery-codes"))

    assert response["Location"].startswith(reverse("core:two-step-verify"))
    assert set(StaticDevice.objects.get(user=riley).token_set.values_list("token", flat=True)) == codes_before


def test_replacing_the_authenticator_needs_a_current_code_even_in_a_verified_session(riley):
    real_phone = authenticator_of(riley)
    owner = signed_in_with_two_steps(riley)
    owner.get(reverse("core:two-step-setup"))
    new_phone = TOTPDevice.objects.get(user=riley, confirmed=False)

    without = owner.post(reverse("core:two-step-setup"), {"code": code_for(new_phone)})
    wrong = owner.post(reverse("core:two-step-setup"), {"code": fresh_code_for(new_phone), "current_code": "000000"})

    assert without.status_code == 400
    assert "Enter a code from the authenticator app you use now" in without.content.decode()
    assert wrong.status_code == 400
    assert "That code did not work" in wrong.content.decode()
    assert TOTPDevice.objects.filter(pk=real_phone.pk, confirmed=True).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_STEP_FAILED, object_id=str(riley.pk)).exists()


def test_a_recovery_code_can_stand_in_for_a_lost_phone_when_replacing_it(riley, django_capture_on_commit_callbacks):
    old_phone = authenticator_of(riley)
    recovery_code = core_services.replace_recovery_codes(riley, by=riley)[0]
    owner = signed_in_with_two_steps(riley)
    owner.get(reverse("core:two-step-setup"))
    new_phone = TOTPDevice.objects.get(user=riley, confirmed=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reverse("core:two-step-setup"), {"code": code_for(new_phone), "current_code": recovery_code})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=old_phone.pk).exists()
    assert TOTPDevice.objects.get(pk=new_phone.pk).confirmed
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_STEP_CHANGED, object_id=str(riley.pk)).exists()


def test_the_person_is_told_by_email_when_their_authenticator_changes(riley):
    from goldenthread.core.tasks import send_sign_in_change_notice

    sent = send_sign_in_change_notice.call(riley.pk, "replaced")

    assert sent == 1
    assert mail.outbox[-1].to == [riley.email]
    assert "new authenticator" in mail.outbox[-1].subject
    assert "If it was not you" in mail.outbox[-1].body


# 3. The lockout bypassed by letter case


@pytest.mark.parametrize("variant", ["RILEY.SHAH@CHILDRENS.EXAMPLE", "  riley.shah@childrens.example  ", "Riley.Shah@Childrens.Example"])
def test_the_lockout_counts_every_spelling_of_an_address_as_one(riley, variant):
    attacker = Client()
    for spelling in ["riley.shah@childrens.example", variant, "riley.shah@childrens.example", variant]:
        attacker.post(reverse("core:sign-in"), {"username": spelling, "password": "guess"})

    fifth = attacker.post(reverse("core:sign-in"), {"username": variant, "password": "guess"})
    with_the_password = Client().post(reverse("core:sign-in"), {"username": variant, "password": PASSWORD})
    lower_case = Client().post(reverse("core:sign-in"), {"username": riley.email, "password": PASSWORD})

    assert "Sign-in is paused for this account" in fifth.content.decode()
    assert "Sign-in is paused for this account" in with_the_password.content.decode()
    assert "Sign-in is paused for this account" in lower_case.content.decode()


# The second step itself


def test_a_wrong_second_step_code_is_written_to_the_audit_log(riley):
    attacker = signed_in_with_only_a_password(riley.email)

    response = attacker.post(reverse("core:two-step-verify"), {"code": "123456"})

    assert response.status_code == 400
    refused = AuditEvent.objects.filter(action=AuditEvent.Action.TWO_STEP_FAILED)
    assert refused.count() == 1
    assert refused.get().object_id == str(riley.pk)


def test_the_session_gets_a_new_key_at_the_second_step(riley):
    client = signed_in_with_only_a_password(riley.email)
    key_after_password = client.session.session_key

    client.post(reverse("core:two-step-verify"), {"code": fresh_code_for(authenticator_of(riley))})

    assert client.session.session_key != key_after_password
    assert client.session.get("otp_device_id")


def test_repeated_wrong_codes_are_slowed_down_by_the_authenticator(riley):
    attacker = signed_in_with_only_a_password(riley.email)
    for _ in range(3):
        attacker.post(reverse("core:two-step-verify"), {"code": "123456"})

    right_code_too_soon = attacker.post(reverse("core:two-step-verify"), {"code": code_for(authenticator_of(riley))})

    assert right_code_too_soon.status_code == 400


# The Django admin


def test_a_superuser_with_only_a_password_cannot_open_the_admin(db):
    from goldenthread.core.models import User

    admin_user = User.objects.create_superuser("ops.admin@partnership.example", PASSWORD, full_name="Ops Admin (fictional)")
    authenticator_of(admin_user)
    client = Client()
    client.force_login(admin_user)

    response = client.get("/django-admin/")
    audit_rows = client.get("/django-admin/core/auditevent/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]
    assert audit_rows.status_code == 302
    assert signed_in_with_two_steps(admin_user).get("/django-admin/").status_code == 200


@pytest.mark.parametrize("spelling", ["r\u0131ley.shah@childrens.example", "riley.shah@ch\u0131ldrens.example"])
def test_a_dotless_i_spelling_is_not_another_account_nor_another_count(riley, spelling):
    for _ in range(5):
        Client().post(reverse("core:sign-in"), {"username": riley.email, "password": "guess"})

    with_the_password = Client().post(reverse("core:sign-in"), {"username": spelling, "password": PASSWORD})

    assert with_the_password.status_code != 302


def test_an_address_stored_in_capitals_is_kept_in_the_one_spelling(db):
    from goldenthread.core.models import User

    person = User.objects.create_user("  Quinn.Rivers@Health.Example ", PASSWORD, full_name="Quinn Rivers (fictional)")

    assert person.email == "quinn.rivers@health.example"
    assert Client().post(reverse("core:sign-in"), {"username": "QUINN.RIVERS@health.example", "password": PASSWORD}).status_code == 302


# A leaked recovery code


def signed_in_with_a_recovery_code(person, code) -> Client:
    client = signed_in_with_only_a_password(person.email)
    assert client.post(reverse("core:two-step-verify"), {"code": code}).status_code == 302
    return client


def test_replacing_the_authenticator_ends_a_session_verified_with_a_leaked_recovery_code(riley, recorded_family):
    leaked = core_services.replace_recovery_codes(riley, by=riley)[0]
    attacker = signed_in_with_a_recovery_code(riley, leaked)
    owner = signed_in_with_two_steps(riley)
    owner.get(reverse("core:two-step-setup"))
    new_phone = TOTPDevice.objects.get(user=riley, confirmed=False)
    owner.post(reverse("core:two-step-setup"), {"code": code_for(new_phone), "current_code": fresh_code_for(authenticator_of(riley))})

    made = attacker.post(reverse("core:tokens"), A_TOKEN)
    record = attacker.get(reverse("families:overview", args=[recorded_family.public_id]))

    assert made.status_code == 302
    assert not ApiToken.objects.filter(revoked_at=None).exists()
    assert record.status_code == 302
    assert not family_data_in(record.content.decode())


def test_new_recovery_codes_stop_a_session_and_a_token_made_with_an_old_one(riley, recorded_family):
    leaked = core_services.replace_recovery_codes(riley, by=riley)[0]
    attacker = signed_in_with_a_recovery_code(riley, leaked)
    key = attacker.post(reverse("core:tokens"), A_TOKEN).context["new_key"]

    signed_in_with_two_steps(riley).post(reverse("core:recovery-codes"))

    assert Client().get(f"/api/v1/families/{recorded_family.public_id}", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert attacker.get(reverse("core:tokens")).status_code == 302


def test_someone_verified_with_a_recovery_code_can_make_new_codes_and_read_them(riley):
    code = core_services.replace_recovery_codes(riley, by=riley)[0]
    owner = signed_in_with_a_recovery_code(riley, code)

    made = owner.post(reverse("core:recovery-codes"))
    shown = owner.get(made["Location"])

    assert shown.status_code == 200
    assert len(shown.context["codes"]) == 10
    assert code not in shown.context["codes"]


# Making a new account is issuing a credential


def test_a_password_alone_cannot_invite_a_new_account(organisation_lead, childrens_services, django_capture_on_commit_callbacks):
    authenticator_of(organisation_lead)
    attacker = signed_in_with_only_a_password(organisation_lead.email)

    with django_capture_on_commit_callbacks(execute=True):
        response = attacker.post(
            reverse("partnership:member-add", args=[childrens_services.slug]),
            {"full_name": "Pat Newstarter (fictional)", "email": "pat@attacker.example", "role": "practitioner"},
        )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two-step-verify"))
    assert not User.objects.filter(email="pat@attacker.example").exists()
    assert not childrens_services.memberships.filter(user__email="pat@attacker.example").exists()


@pytest.mark.parametrize("page", ["partnership:member-role", "partnership:member-remove"])
def test_a_password_alone_cannot_change_or_remove_anyones_place(organisation_lead, practitioner, childrens_services, page):
    authenticator_of(organisation_lead)
    attacker = signed_in_with_only_a_password(organisation_lead.email)

    response = attacker.post(reverse(page, args=[childrens_services.slug, practitioner.public_id]), {"role": "organisation-lead"})

    assert response["Location"].startswith(reverse("core:two-step-verify"))
    assert practitioner.memberships.get().role == "practitioner"


# An action agreed about a family is about a child


@pytest.fixture
def action_about_the_family(session, practitioner, other_agency_practitioner, organisation_lead, champion):  # noqa: F811
    from datetime import timedelta

    from django.utils import timezone

    from goldenthread.supervision import services as supervision
    from goldenthread.supervision.tests.test_services_support import acknowledged

    acknowledged(session, other_agency_practitioner, champion, organisation_lead)
    return supervision.add_action(
        session, by=practitioner, description=ACTION_TEXT, owner=other_agency_practitioner, due_on=timezone.localdate() + timedelta(days=7)
    )


ACTION_TEXT = "Ask the school about the exclusion on Tuesday (fictional)"


def test_an_action_about_a_family_is_not_shown_to_a_password_alone(action_about_the_family, other_agency_practitioner):
    authenticator_of(other_agency_practitioner)
    attacker = signed_in_with_only_a_password(other_agency_practitioner.email)

    page = attacker.get(reverse("supervision:home")).content.decode()
    verified = signed_in_with_two_steps(other_agency_practitioner).get(reverse("supervision:home")).content.decode()

    assert ACTION_TEXT not in page
    assert "Enter your two-step code to read it" in page
    assert ACTION_TEXT in verified


def test_an_action_about_a_family_is_not_given_to_a_partnership_only_token(action_about_the_family, other_agency_practitioner):
    _, partnership_key = working_token(other_agency_practitioner, scope=ApiToken.Scope.PARTNERSHIP)
    _, family_key = working_token(other_agency_practitioner, scope=ApiToken.Scope.FAMILIES)

    withheld = Client().get("/api/v1/supervision/my-actions", HTTP_AUTHORIZATION=f"Bearer {partnership_key}").json()
    shown = Client().get("/api/v1/supervision/my-actions", HTTP_AUTHORIZATION=f"Bearer {family_key}").json()

    assert ACTION_TEXT not in str(withheld)
    assert withheld[0]["description_withheld"] is True
    assert shown[0]["description"] == ACTION_TEXT


# The family member


def test_a_family_member_has_no_password_to_steal_and_sees_her_record_only_at_her_own_door(family_member, recorded_family, family_client):
    from goldenthread.family_door.views._common import SIGNED_IN_AT_THE_DOOR

    # Her account has no password: the staff sign-in turns away her address with any password.
    for password in (PASSWORD, "", "riverbend-demo-2026"):
        refused = Client().post(reverse("core:sign-in"), {"username": family_member.email, "password": password})
        assert refused.status_code == 400
        assert "_auth_user_id" not in refused.wsgi_request.session

    # A session for her account that has not come through her door (no one-time code) sees nothing.
    attacker = Client()
    attacker.force_login(family_member, backend="django.contrib.auth.backends.ModelBackend")
    assert not attacker.session.get(SIGNED_IN_AT_THE_DOOR)
    record = attacker.get(reverse("families:overview", args=[recorded_family.public_id]))
    story = attacker.get(reverse("family_door:story"))
    verified = family_client(family_member).get(reverse("family_door:story"))

    assert record.status_code == 403 and not family_data_in(record.content.decode())
    assert story.status_code == 302 and story["Location"] == reverse("family_door:sign-in")
    assert verified.status_code == 200
    assert family_data_in(verified.content.decode())
