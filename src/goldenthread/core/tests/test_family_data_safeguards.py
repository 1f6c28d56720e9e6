"""Before anyone sees a family's record: two-step verification and the acceptable-use terms.

The family pages wrap their views in `family_data_safeguards`; here a stand-in view shows
the guard at work, so the rule is tested once, in one place.
"""

import time

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.core import safeguards, services
from goldenthread.core.middleware import LAST_SEEN_EVERY_SECONDS, LAST_SEEN_KEY
from goldenthread.core.models import TermsAcceptance
from goldenthread.urls import urlpatterns as site_urls


@safeguards.family_data_safeguards
def family_record_stand_in(request):
    return HttpResponse("The family's story")


urlpatterns = [*site_urls, path("test-family-record/", family_record_stand_in)]
RECORD = "/test-family-record/"
pytestmark = pytest.mark.urls(__name__)


def code_for(device):
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)


def set_up_two_step(client):
    client.get(reverse("core:two-step-setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("core:two-step-setup"), {"code": code_for(device), "next": RECORD})
    return device, response


def test_a_practitioner_without_two_step_is_asked_to_set_it_up_first(client, practitioner):
    client.force_login(practitioner)

    response = client.get(RECORD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two-step-setup"))


def test_setting_up_two_step_shows_recovery_codes_once_then_asks_for_the_terms(client, practitioner):
    client.force_login(practitioner)

    device, response = set_up_two_step(client)
    codes_page = client.get(response["Location"])
    codes_again = client.get(reverse("core:recovery-codes"))

    device.refresh_from_db()
    assert device.confirmed
    assert codes_page.status_code == 200
    assert len(codes_page.context["codes"]) == 10
    assert codes_again.context["codes"] is None
    assert codes_page["Cache-Control"] == "no-store"
    assert client.get(RECORD)["Location"].startswith(reverse("core:terms"))


def test_a_wrong_set_up_code_gets_a_clear_message_and_nothing_is_turned_on(client, practitioner):
    client.force_login(practitioner)
    client.get(reverse("core:two-step-setup"))

    response = client.post(reverse("core:two-step-setup"), {"code": "000000x"})

    assert response.status_code == 400
    assert "That code did not match" in response.content.decode()
    assert not safeguards.has_two_step(practitioner)


def test_after_accepting_the_terms_the_record_opens(client, practitioner):
    client.force_login(practitioner)
    set_up_two_step(client)

    refused = client.post(reverse("core:terms"), {"next": RECORD})
    accepted = client.post(reverse("core:terms"), {"accept": "on", "next": RECORD})

    assert refused.status_code == 400
    assert "Tick the box" in refused.content.decode()
    assert accepted["Location"] == RECORD
    assert client.get(RECORD).content == b"The family's story"
    assert TermsAcceptance.objects.filter(user=practitioner, version=safeguards.current_terms().version).exists()


def test_a_new_sign_in_must_enter_a_code_again(client, practitioner):
    client.force_login(practitioner)
    device, _ = set_up_two_step(client)
    services.accept_terms(practitioner, by=practitioner)
    client.logout()
    client.force_login(practitioner)

    asked = client.get(RECORD)
    wrong = client.post(reverse("core:two-step-verify"), {"code": "123", "next": RECORD})
    device.refresh_from_db()
    device.last_t = -1  # the set-up used this time step's code; a real person waits for the next one
    device.throttling_failure_count = 0  # django-otp slows retries after a wrong code; a person waits a moment
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(reverse("core:two-step-verify"), {"code": code_for(device), "next": RECORD})

    assert asked["Location"].startswith(reverse("core:two-step-verify"))
    assert wrong.status_code == 400
    assert right["Location"] == RECORD
    assert client.get(RECORD).status_code == 200


def test_a_recovery_code_works_once(client, practitioner):
    client.force_login(practitioner)
    _, response = set_up_two_step(client)
    code = client.get(response["Location"]).context["codes"][0]
    services.accept_terms(practitioner, by=practitioner)

    client.logout()
    client.force_login(practitioner)
    first = client.post(reverse("core:two-step-verify"), {"code": code, "next": RECORD})
    client.logout()
    client.force_login(practitioner)
    second = client.post(reverse("core:two-step-verify"), {"code": code, "next": RECORD})

    assert first["Location"] == RECORD
    assert second.status_code == 400


def test_next_never_leads_to_another_site(client, practitioner):
    client.force_login(practitioner)
    set_up_two_step(client)

    response = client.post(reverse("core:terms"), {"accept": "on", "next": "https://elsewhere.example/"})

    assert response["Location"] == reverse("core:home")


def test_people_not_signed_in_are_sent_to_sign_in(client, db):
    assert client.get(RECORD)["Location"].startswith(reverse("core:sign-in"))
    assert client.get(reverse("core:two-step-setup"))["Location"].startswith(reverse("core:sign-in"))


@override_settings(GOLDENTHREAD_IDLE_MINUTES=30)
def test_an_idle_session_ends_with_a_calm_message(client, practitioner):
    client.force_login(practitioner)
    client.get(reverse("core:home"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get(reverse("core:home"), follow=True)

    assert not response.context["user"].is_authenticated
    assert "signed out after 30 minutes without activity" in response.content.decode()


def test_a_page_soon_after_another_does_not_write_the_session_again(client, practitioner):
    client.force_login(practitioner)
    client.get(reverse("core:home"))
    first_seen = client.session[LAST_SEEN_KEY]

    client.get(reverse("core:home"))

    assert client.session[LAST_SEEN_KEY] == first_seen


@override_settings(GOLDENTHREAD_IDLE_MINUTES=30)
def test_a_page_a_minute_after_the_last_moves_the_last_seen_time_on(client, practitioner):
    client.force_login(practitioner)
    client.get(reverse("core:home"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - LAST_SEEN_EVERY_SECONDS - 5
    session.save()

    client.get(reverse("core:home"))

    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5


def test_an_active_session_carries_on(client, practitioner):
    client.force_login(practitioner)
    client.get(reverse("core:home"))

    response = client.get(reverse("core:home"))

    assert response.context["user"] == practitioner
