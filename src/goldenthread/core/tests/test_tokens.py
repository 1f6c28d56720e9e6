"""Personal API tokens: made by their owner, shown once, revoked by their owner only."""

import re

import pytest
from django.urls import reverse

from goldenthread.core import services
from goldenthread.core.models import ApiToken


def shown_key(response):
    match = re.search(r'<code id="new-token">(gt_[^<]+)</code>', response.content.decode())
    return match.group(1) if match else None


def test_someone_not_signed_in_is_sent_to_sign_in(client, db):
    response = client.get(reverse("core:tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign-in"))


def test_a_new_token_is_shown_once_and_only_its_fingerprint_is_kept(client, practitioner):
    client.force_login(practitioner)

    made = client.post(reverse("core:tokens"), {"name": "Monthly report"})
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


def test_a_token_without_a_name_is_refused_with_a_message(client, practitioner):
    client.force_login(practitioner)

    response = client.post(reverse("core:tokens"), {"name": "   "})

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Enter a name for the token" in page
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["x" * 10_000, "\x00", "<script>alert(1)</script>"])
def test_odd_token_names_never_cause_a_server_error(client, practitioner, name):
    client.force_login(practitioner)

    response = client.post(reverse("core:tokens"), {"name": name})

    assert response.status_code in (200, 400)


def test_a_person_revokes_their_own_token(client, practitioner):
    token, key = services.create_api_token(practitioner, "Old programme")
    client.force_login(practitioner)

    response = client.post(reverse("core:revoke-token", args=[token.pk]), follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "no longer works" in response.content.decode()
    assert services.user_for_api_key(key) is None


def test_revoking_is_only_by_posting(client, practitioner):
    token, _ = services.create_api_token(practitioner, "Old programme")
    client.force_login(practitioner)

    response = client.get(reverse("core:revoke-token", args=[token.pk]))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.is_active


def test_nobody_can_revoke_someone_elses_token(client, practitioner, partnership_lead):
    token, key = services.create_api_token(practitioner, "Riley's programme")
    client.force_login(partnership_lead)

    response = client.post(reverse("core:revoke-token", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active
    assert services.user_for_api_key(key) == practitioner


def test_revoking_a_token_that_does_not_exist_is_not_found(client, practitioner):
    client.force_login(practitioner)

    assert client.post(reverse("core:revoke-token", args=[999999])).status_code == 404


# The API's 'who am I'


def test_a_valid_token_tells_a_programme_whose_it_is(client, organisation_lead, childrens_services):
    _, key = services.create_api_token(organisation_lead, "Dashboard")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
    data = response.json()
    assert data["email"] == organisation_lead.email
    assert data["is_partnership_admin"] is False
    assert data["memberships"] == [{"organisation": childrens_services.name, "organisation_slug": childrens_services.slug, "role": "organisation-lead"}]
    token = ApiToken.objects.get(user=organisation_lead)
    assert token.last_used_at is not None


def test_a_revoked_token_no_longer_works(client, practitioner):
    token, key = services.create_api_token(practitioner, "Old programme")
    services.revoke_api_token(token)

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer " + "x" * 50_000, "Token gt_abc", "Bearer \u00e9\u00e9\u00e9"])
def test_no_token_or_a_made_up_one_is_refused(client, practitioner, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/me", **extra)

    assert response.status_code == 401


def test_the_token_of_someone_whose_account_is_closed_no_longer_works(client, practitioner):
    _, key = services.create_api_token(practitioner, "Programme")
    practitioner.is_active = False
    practitioner.save()

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
