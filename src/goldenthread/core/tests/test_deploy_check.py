"""Production settings pass Django's own deployment check."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def test_the_deployment_check_reports_no_issues_with_production_settings():
    alphabet = string.ascii_letters + string.digits + "!@%^&*(-_=+)"
    # The browser tests allow async-unsafe calls in their own process; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "DJANGO_ALLOWED_HOSTS": "golden-thread.example",
        "DJANGO_SETTINGS_MODULE": "goldenthread.settings.production",
        # production runs on PostgreSQL only; the check itself connects to nothing
        "DATABASE_URL": "postgres://golden_thread@db.internal:5432/golden_thread",
        "GOLDENTHREAD_SITE_URL": "https://golden-thread.example",
        "GOLDENTHREAD_METRICS_TOKEN": "".join(secrets.choice(string.ascii_letters) for _ in range(40)),
        # wellbeing check-ins are encrypted with a key of their own (wellbeing/crypto.py)
        "GOLDENTHREAD_WELLBEING_KEYS": "ZmFrZS1rZXktZm9yLWEtdGVzdC1vbmx5LTAxMjM0NTY=",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--settings=goldenthread.settings.production"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = {**os.environ, "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "golden-thread.example"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=goldenthread.settings.production"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stdout + result.stderr
