"""Errors look like a calm public service, never like a developer's screen; oversized requests are refused unread."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from goldenthread.core.models import AuditEvent

REPO = Path(__file__).resolve().parents[4]

DEMO_PROBE = """
import json, os
import django
django.setup()
from django.conf import settings
from django.test import Client
mistyped = Client(HTTP_HOST="127.0.0.1").get("/no-such-page/")
wrong_host = Client(HTTP_HOST="attacker.example").get("/")
style = Client(HTTP_HOST="127.0.0.1").get("/static/goldenthread/favicon.svg")
page = mistyped.content.decode()
print(json.dumps({
    "debug": settings.DEBUG,
    "mistyped": mistyped.status_code,
    "lists_addresses": "URLconf" in page or "urlpatterns" in page,
    "friendly": "Page not found" in page,
    "wrong_host": wrong_host.status_code,
    "static": style.status_code,
}))
"""


def test_the_demo_answers_a_mistyped_address_like_production_and_lists_no_addresses():
    inherited = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "GOLDENTHREAD_DEBUG"}}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "goldenthread.settings.dev", "DATABASE_URL": "sqlite:///:memory:"}

    result = subprocess.run([sys.executable, "-c", DEMO_PROBE], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    assert seen["mistyped"] == 404
    assert seen["friendly"] is True
    assert seen["lists_addresses"] is False
    assert seen["wrong_host"] == 400
    assert seen["static"] == 200


def test_a_request_with_a_host_the_site_does_not_serve_gets_a_calm_400(db):
    response = Client(HTTP_HOST="attacker.example").get("/")

    assert response.status_code == 400


@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_a_thirty_megabyte_sign_in_is_refused_before_it_is_read(db):
    boundary = "gtboundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\n' + "x" * (30 * 1024 * 1024) + f"\r\n--{boundary}--\r\n").encode()

    response = Client().generic("POST", reverse("core:sign-in"), body, content_type=f"multipart/form-data; boundary={boundary}")

    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    assert "nothing you sent has been saved" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED).exists()


@pytest.mark.parametrize("length", ["not-a-number", "abc", "-5", "1e9", " 12x"])
def test_an_odd_content_length_gets_a_calm_400(db, length):
    response = Client().post(reverse("core:sign-in"), data=b"x", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=length)

    assert response.status_code == 400


def test_an_empty_content_length_is_read_as_no_body(db):
    response = Client().post(reverse("core:sign-in"), {"username": "a@b.example", "password": "x"}, CONTENT_LENGTH="")

    assert response.status_code < 500


def test_a_form_just_under_the_limit_is_still_read(db):
    response = Client().post(reverse("core:sign-in"), {"username": "a@b.example", "password": "y" * (1024 * 1024)})

    assert response.status_code == 400
    assert "The e-mail address or password is not right" in response.content.decode()


def test_an_oversized_api_request_is_answered_in_json(db):
    response = Client().generic("POST", "/api/v1/me", b"x" * (3 * 1024 * 1024), content_type="application/json")

    assert response.status_code == 413
    assert "at most 2 MB" in response.json()["detail"]
