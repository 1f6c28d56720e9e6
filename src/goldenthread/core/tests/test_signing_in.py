"""Signing in and out, being paused after repeated failures, and choosing a new password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from goldenthread.core.models import AuditEvent

PASSWORD = "a-long-test-password"


def sign_in(client, email, password):
    return client.post(reverse("core:sign-in"), {"username": email, "password": password})


def signed_in_user(client):
    return client.get(reverse("core:home")).context["user"]


def test_a_person_signs_in_with_their_email_and_password(client, practitioner):
    response = sign_in(client, "Riley.Shah@childrens.example", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert signed_in_user(client) == practitioner


def test_a_wrong_password_gets_a_calm_message_and_the_address_is_kept(client, practitioner):
    response = sign_in(client, practitioner.email, "not-the-password")

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Sign in" in page
    assert "There is a problem" in page
    assert "The e-mail address or password is not right. Check them and try again." in page
    assert f'value="{practitioner.email}"' in page
    assert not signed_in_user(client).is_authenticated


def test_an_address_with_no_account_gets_the_same_message(client, db):
    response = sign_in(client, "nobody@nowhere.example", PASSWORD)

    assert response.status_code == 400
    assert "The e-mail address or password is not right." in response.content.decode()


def test_empty_fields_say_what_to_enter(client, db):
    page = sign_in(client, "", "").content.decode()

    assert "Enter your e-mail address" in page
    assert "Enter your password" in page


@pytest.mark.parametrize("odd", ["x" * 100_000, "\x00", "' OR 1=1 --", "<script>alert(1)</script>", "🌳@🌳.example"])
def test_odd_sign_in_input_never_causes_a_server_error(client, db, odd):
    response = sign_in(client, odd, odd)

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_sign_ins_and_failed_sign_ins_are_in_the_audit_log(client, practitioner):
    sign_in(client, practitioner.email, "not-the-password")
    sign_in(client, practitioner.email, PASSWORD)

    failed = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    succeeded = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert failed.object_id == str(practitioner.pk)
    assert failed.actor is None
    assert succeeded.actor == practitioner


def test_a_failed_sign_in_for_an_unknown_address_does_not_record_the_address(client, db):
    sign_in(client, "someone.mistyped@childrens.example", PASSWORD)

    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert "mistyped" not in str(event.__dict__)
    assert event.object_label == "No account with that address"


def test_five_failures_pause_sign_in_with_a_calm_page_and_the_lockout_is_logged(client, practitioner):
    for _ in range(4):
        assert sign_in(client, practitioner.email, "not-the-password").status_code == 400

    paused = sign_in(client, practitioner.email, "not-the-password")
    even_with_the_right_password = sign_in(client, practitioner.email, PASSWORD)

    assert "Sign-in is paused for this account" in paused.content.decode()
    assert paused.status_code != 500
    assert "Sign-in is paused for this account" in even_with_the_right_password.content.decode()
    assert not signed_in_user(client).is_authenticated
    lockout = AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).first()
    assert lockout is not None
    assert lockout.object_id == str(practitioner.pk)


def test_a_lockout_of_one_account_does_not_pause_a_colleague(client, practitioner, champion):
    for _ in range(5):
        sign_in(client, practitioner.email, "not-the-password")

    response = sign_in(client, champion.email, PASSWORD)

    assert response.status_code == 302


def test_sign_out_is_only_by_posting_the_form(client, practitioner):
    client.force_login(practitioner)

    refused = client.get(reverse("core:sign-out"))
    assert refused.status_code == 405
    assert signed_in_user(client).is_authenticated

    response = client.post(reverse("core:sign-out"))

    assert response.status_code == 302
    assert response["Location"] == reverse("core:signed-out")
    assert not signed_in_user(client).is_authenticated
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=practitioner).exists()


def reset_link(message):
    return re.search(r"https?://testserver(/password-reset/\S+/)", message.body).group(1)


def test_a_forgotten_password_is_replaced_through_a_link_sent_by_email(client, practitioner):
    asked = client.post(reverse("core:password-reset"), {"email": "riley.shah@childrens.example"})

    assert asked.status_code == 302
    assert asked["Location"] == reverse("core:password-reset-sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [practitioner.email]

    form = client.get(reset_link(mail.outbox[0]), follow=True)
    chosen = client.post(form.redirect_chain[-1][0], {"new_password1": "kingfishers by the river 7", "new_password2": "kingfishers by the river 7"})

    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("core:password-reset-complete")
    assert sign_in(client, practitioner.email, "kingfishers by the river 7").status_code == 302


def test_a_reset_link_works_only_once(client, practitioner):
    client.post(reverse("core:password-reset"), {"email": practitioner.email})
    link = reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "kingfishers by the river 7", "new_password2": "kingfishers by the river 7"})

    again = client.get(link, follow=True)

    assert "new_password1" not in again.content.decode()


def test_asking_for_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("core:password-reset"), {"email": "nobody@nowhere.example"})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:password-reset-sent")
    assert mail.outbox == []


def test_a_reset_request_without_a_proper_address_says_what_to_enter(client, db):
    response = client.post(reverse("core:password-reset"), {"email": "riley at childrens"})

    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Enter an e-mail address like name@example.org" in page
    assert 'value="riley at childrens"' in page
