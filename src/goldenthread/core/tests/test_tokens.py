"""Personal API tokens: made by their owner in a session verified with two steps, shown once,
limited in time and in what they read, revoked by their owner only."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core import services
from goldenthread.core.models import ApiToken

from .tokens import working_token
from .two_step import signed_in_with_two_steps

A_TOKEN = {"name": "Monthly report", "scope": ApiToken.Scope.PARTNERSHIP, "days": "90"}


def shown_key(response):
    match = re.search(r'<code id="new-token">(gt_[^<]+)</code>', response.content.decode())
    return match.group(1) if match else None


def test_someone_not_signed_in_is_sent_to_sign_in(client, db):
    response = client.get(reverse("core:tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign-in"))


def test_a_new_token_is_shown_once_and_only_its_fingerprint_is_kept(practitioner):
    client = signed_in_with_two_steps(practitioner)

    made = client.post(reverse("core:tokens"), A_TOKEN)
    later = client.get(reverse("core:tokens"))

    key = shown_key(made)
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    assert key is not None
    token = ApiToken.objects.get(user=practitioner)
    assert token.name == "Monthly report"
    assert token.key_hash == ApiToken.hash_key(key)
    assert key not in str(token.__dict__)
    assert shown_key(later) is None
    assert key not in later.content.decode()
    assert "Monthly report" in later.content.decode()


def test_a_token_without_a_name_is_refused_with_a_message(practitioner):
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("core:tokens"), {**A_TOKEN, "name": "   "})

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Enter a name for the token" in page
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["x" * 10_000, "\x00", "<script>alert(1)</script>"])
def test_odd_token_names_never_cause_a_server_error(practitioner, name):
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("core:tokens"), {**A_TOKEN, "name": name})

    assert response.status_code in (200, 400)


def test_a_person_revokes_their_own_token(client, practitioner):
    token, key = working_token(practitioner, "Old programme")
    client.force_login(practitioner)

    response = client.post(reverse("core:revoke-token", args=[token.pk]), follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "no longer works" in response.content.decode()
    assert services.token_for_api_key(key) is None


def test_revoking_is_only_by_posting(client, practitioner):
    token, _ = working_token(practitioner, "Old programme")
    client.force_login(practitioner)

    response = client.get(reverse("core:revoke-token", args=[token.pk]))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.is_active


def test_nobody_can_revoke_someone_elses_token(client, practitioner, partnership_lead):
    token, key = working_token(practitioner, "Riley's programme")
    client.force_login(partnership_lead)

    response = client.post(reverse("core:revoke-token", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert services.token_for_api_key(key).user == practitioner


def test_revoking_a_token_that_does_not_exist_is_not_found(client, practitioner):
    client.force_login(practitioner)

    assert client.post(reverse("core:revoke-token", args=[999999])).status_code == 404


# The API's 'who am I'


def test_a_valid_token_tells_a_programme_whose_it_is(client, organisation_lead, childrens_services):
    _, key = working_token(organisation_lead, "Dashboard")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    data = response.json()
    assert data["email"] == organisation_lead.email
    assert data["is_partnership_admin"] is False
    assert data["memberships"] == [{"organisation": childrens_services.name, "organisation_slug": childrens_services.slug, "role": "organisation-lead"}]
    token = ApiToken.objects.get(user=organisation_lead)
    assert token.last_used_at is not None


def test_a_revoked_token_no_longer_works(client, practitioner):
    token, key = working_token(practitioner, "Old programme")
    services.revoke_api_token(token, by=practitioner)

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer " + "x" * 50_000, "Token gt_abc", "Bearer \u00e9\u00e9\u00e9"])
def test_no_token_or_a_made_up_one_is_refused(client, practitioner, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/me", **extra)

    assert response.status_code == 401


def test_the_token_of_someone_whose_account_is_closed_no_longer_works(client, practitioner):
    _, key = working_token(practitioner, "Programme")
    practitioner.is_active = False
    practitioner.save()

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


# Limits: how long a token works, and what it may read


def test_a_token_works_for_ninety_days_unless_a_shorter_time_is_chosen(practitioner):
    client = signed_in_with_two_steps(practitioner)

    client.post(reverse("core:tokens"), A_TOKEN)
    client.post(reverse("core:tokens"), {**A_TOKEN, "name": "Short job", "days": "7"})

    long_one, short_one = ApiToken.objects.get(name="Monthly report"), ApiToken.objects.get(name="Short job")
    assert (long_one.expires_at - long_one.created_at).days == 90
    assert (short_one.expires_at - short_one.created_at).days == 7
    assert "Works until" in client.get(reverse("core:tokens")).content.decode()


@pytest.mark.parametrize("days", ["91", "3650", "0", "-1", "ninety", ""])
def test_a_token_cannot_be_made_to_work_longer_than_the_limit(practitioner, days):
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("core:tokens"), {**A_TOKEN, "days": days})

    assert response.status_code == 400
    assert "how long the token should work" in response.content.decode() or "lengths of time shown" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_expired_token_no_longer_works(client, practitioner):
    token, key = working_token(practitioner)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_limited_to_partnership_information_cannot_read_family_records(client, practitioner):
    _, key = working_token(practitioner, scope=ApiToken.Scope.PARTNERSHIP)

    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    families = client.get("/api/v1/families", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert me.status_code == 200
    assert families.status_code == 403
    assert "may not read family records" in families.json()["detail"]


def test_a_token_made_before_tokens_were_tied_to_two_step_no_longer_works(client, practitioner):
    key = ApiToken.new_key()
    ApiToken.objects.create(user=practitioner, name="From last year", prefix=key[3:11], key_hash=ApiToken.hash_key(key))

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
