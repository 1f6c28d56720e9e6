"""Production refuses to start with a wrong environment, naming each variable and what to set; a right one passes.

`manage.py check --deploy` with a right environment: core/tests/test_deploy_check.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
CHECKED = (
    "DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS DATABASE_URL GOLDENTHREAD_SITE_URL EMAIL_HOST EMAIL_PORT EMAIL_USE_TLS GOLDENTHREAD_FROM_EMAIL "
    "GOLDENTHREAD_METRICS_TOKEN PROMETHEUS_MULTIPROC_DIR GOLDENTHREAD_IDLE_MINUTES GOLDENTHREAD_API_TOKEN_MAX_DAYS GOLDENTHREAD_PARTNERSHIP_FILE "
    "GOLDENTHREAD_FAMILY_DOOR_FILE GOLDENTHREAD_LANGUAGE_LEXICON GOLDENTHREAD_MEDIA_ROOT GOLDENTHREAD_BUILD_DIR GOLDENTHREAD_BRAND_COLOUR "
    "GOLDENTHREAD_FAMILY_CODE_SENDER GOLDENTHREAD_WELLBEING_KEYS GOLDENTHREAD_TRUSTED_PROXIES DJANGO_ALLOW_ASYNC_UNSAFE GOLDENTHREAD_CACHE_URL "
    "GOLDENTHREAD_RATELIMIT_CACHE"
).split()
PASSWORD = "a-database-password-never-shown"


def production_environment(**changes) -> dict:
    """A right environment for production (nothing inherited that the checks read), with `changes`."""
    environment = {k: v for k, v in os.environ.items() if k not in CHECKED and not k.startswith("GOLDENTHREAD_RATE_")}
    environment.update(
        {
            "DJANGO_SECRET_KEY": "production-settings-test-" + "x7Qp2" * 10,
            "DJANGO_ALLOWED_HOSTS": "golden-thread.example",
            "DATABASE_URL": f"postgres://golden_thread:{PASSWORD}@db.internal:5432/golden_thread",
            "GOLDENTHREAD_SITE_URL": "https://golden-thread.example",
            "GOLDENTHREAD_WELLBEING_KEYS": "ZmFrZS1rZXktZm9yLWEtdGVzdC1vbmx5LTAxMjM0NTY=",
            "DJANGO_SETTINGS_MODULE": "goldenthread.settings.production",
        }
    )
    environment.update(changes)
    return {k: v for k, v in environment.items() if v is not None}


def import_production_settings(environment):
    return subprocess.run(
        [sys.executable, "-c", "import goldenthread.settings.production"], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_a_right_environment_imports_the_production_settings():
    result = import_production_settings(production_environment())

    assert result.returncode == 0, result.stderr


def test_sqlite_or_no_database_url_is_refused_with_what_to_set():
    for wrong in (None, "sqlite:///goldenthread.sqlite3", "postgres://db.internal"):
        result = import_production_settings(production_environment(DATABASE_URL=wrong))

        assert result.returncode != 0
        assert "DATABASE_URL" in result.stderr and "postgres://USER:PASSWORD@HOST:5432/NAME" in result.stderr


def test_every_wrong_variable_is_named_at_once_and_no_password_is_shown():
    wrong = {
        "DATABASE_URL": f"mysql://golden_thread:{PASSWORD}@db.internal/golden_thread",
        "EMAIL_PORT": "twenty-five",
        "EMAIL_USE_TLS": "yes",
        "GOLDENTHREAD_METRICS_TOKEN": "too-short",
        "GOLDENTHREAD_SITE_URL": "http://golden-thread.example",
        "GOLDENTHREAD_IDLE_MINUTES": "half an hour",
        "GOLDENTHREAD_BRAND_COLOUR": "gold",
        "GOLDENTHREAD_PARTNERSHIP_FILE": "/no/such/partnership.toml",
        "GOLDENTHREAD_WELLBEING_KEYS": "not-a-key",
        "DJANGO_ALLOWED_HOSTS": "",
        "GOLDENTHREAD_TRUSTED_PROXIES": "one",
        "GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT": "forty a minute",
        "GOLDENTHREAD_CACHE_URL": "memcached://cache.internal:11211",
    }

    result = import_production_settings(production_environment(**wrong))

    assert result.returncode != 0
    message = result.stderr
    assert "ImproperlyConfigured" in message
    for name in wrong:
        assert f"Set {name}" in message or f"{name} must" in message, name
    assert "Set EMAIL_PORT to the mail server's port, a whole number" in message
    assert "Set GOLDENTHREAD_METRICS_TOKEN to a random value of at least 32 characters" in message
    assert PASSWORD not in message


def test_a_metrics_token_of_32_characters_or_more_is_taken():
    result = import_production_settings(
        production_environment(GOLDENTHREAD_METRICS_TOKEN="m" * 32, EMAIL_PORT="587", EMAIL_USE_TLS="false", GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT="40/m")
    )

    assert result.returncode == 0, result.stderr


PLAIN_HTTP_PROBE = """
import django
django.setup()
from django.test import Client
probe = Client(HTTP_HOST="golden-thread.example")
live = probe.get("/health/live/")
home = probe.get("/")
print(live.status_code, home.status_code, home["Location"])
"""


def test_in_production_a_probe_over_plain_http_is_answered_as_json_logs_while_pages_go_to_https():
    # Python's own warnings (WhiteNoise's, about static files not collected in a fresh checkout) are not log lines.
    command = [sys.executable, "-W", "ignore::UserWarning", "-c", PLAIN_HTTP_PROBE]
    result = subprocess.run(command, cwd=REPO, env=production_environment(), capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301", "https://golden-thread.example/"]
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert {(line["route"], line["status"]) for line in lines} == {("operations:health-live", 200), ("unmatched", 301)}


SHARED_CACHE = """
import django
django.setup()
from django.conf import settings
print(settings.RATELIMIT_USE_CACHE, settings.CACHES["shared"]["BACKEND"])
"""


def test_a_redis_address_gives_the_rate_limits_a_cache_every_app_server_shares():
    environment = production_environment(GOLDENTHREAD_CACHE_URL="redis://cache.internal:6379/0")
    result = subprocess.run([sys.executable, "-c", SHARED_CACHE], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["shared", "django.core.cache.backends.redis.RedisCache"]
