"""/metrics: Prometheus's text format, for a scraper carrying the token, with no personal data in any label."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.signals import user_locked_out
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from goldenthread.operations.metrics import REGISTRY

pytestmark = pytest.mark.django_db

TOKEN = "a-metrics-token-for-tests-only-0123456789"
REPO = Path(__file__).resolve().parents[4]


@pytest.fixture
def token_set(settings):
    settings.GOLDENTHREAD_METRICS_TOKEN = TOKEN


def scrape(client):
    return client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})


def samples(response) -> dict:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def count(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def task(status):
    DBTaskResult.objects.create(
        status=status, args_kwargs={"args": [], "kwargs": {}}, task_path="goldenthread.example.task", backend_name="default", run_after=timezone.now()
    )


def test_metrics_answer_404_when_no_token_is_set(client, settings):
    settings.GOLDENTHREAD_METRICS_TOKEN = ""

    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


def test_metrics_refuse_a_request_without_the_token_or_with_a_wrong_one(client, token_set):
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer not-the-token"}).status_code == 401
    refused = client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"})
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert "goldenthread_" not in refused.content.decode()


def test_metrics_answer_the_scraper_in_prometheus_text_format_never_cached(client, token_set):
    response = scrape(client)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"


def test_requests_are_counted_and_timed_by_view_name_and_status_class_never_by_path(client, token_set, practitioner):
    before = count("goldenthread_requests_total", view="operations:health-live", status="2xx")
    client.get("/health/live/?email=riley.shah@childrens.example")
    client.get("/an/address/that/does/not/exist/")

    found = samples(scrape(client))

    assert found[("goldenthread_requests_total", (("status", "2xx"), ("view", "operations:health-live")))] == before + 1
    assert found[("goldenthread_requests_total", (("status", "4xx"), ("view", "unmatched")))] >= 1
    assert found[("goldenthread_request_duration_seconds_count", (("status", "2xx"), ("view", "operations:health-live")))] >= 1
    text = scrape(client).content.decode()
    assert "/health/live/" not in text and "does/not/exist" not in text
    assert "@" not in text and "riley" not in text.lower()


def test_the_task_queue_is_counted_when_the_scrape_comes(client, token_set):
    for status in (TaskResultStatus.READY, TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        task(status)

    found = samples(scrape(client))

    assert found[("goldenthread_task_queue_depth", ())] == 2
    assert found[("goldenthread_tasks_running", ())] == 1
    assert found[("goldenthread_tasks_failed", ())] == 1
    assert found[("goldenthread_task_queue_readable", ())] == 1


def test_a_wrong_password_and_a_lockout_are_counted_without_saying_whose(client, token_set, practitioner):
    failures = count("goldenthread_sign_in_failures_total")
    lockouts = count("goldenthread_sign_in_lockouts_total")

    request = RequestFactory().post("/sign-in/")
    assert authenticate(request, username=practitioner.email, password="not-the-password") is None
    user_locked_out.send("axes", request=request, username=practitioner.email, ip_address="127.0.0.1")

    assert count("goldenthread_sign_in_failures_total") == failures + 1
    assert count("goldenthread_sign_in_lockouts_total") == lockouts + 1
    text = scrape(client).content.decode()
    assert practitioner.email not in text and "@" not in text


SEVERAL_WORKERS = """
import django, os
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
from django.conf import settings
settings.GOLDENTHREAD_METRICS_TOKEN = "{token}"
from goldenthread.operations.metrics import record_request
record_request("core:home", 200, 0.2)  # as if another worker had answered
Client().get("/health/live/")
print(Client().get("/metrics", headers={{"Authorization": "Bearer {token}"}}).content.decode())
"""


def test_with_several_workers_the_scrape_reads_every_workers_counts_from_the_shared_folder(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update({"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "goldenthread.settings.test"})

    result = subprocess.run([sys.executable, "-c", SEVERAL_WORKERS.format(token=TOKEN)], cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stderr
    assert 'goldenthread_requests_total{status="2xx",view="core:home"} 1.0' in result.stdout
    assert 'goldenthread_requests_total{status="2xx",view="operations:health-live"} 1.0' in result.stdout
    assert any(tmp_path.glob("*.db")), "each worker's counts are kept in the shared folder"


def test_gunicorn_tells_prometheus_client_when_a_worker_has_ended(tmp_path, monkeypatch):
    from goldenthread.operations.gunicorn_config import child_exit

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "gauge_livesum_4321.db").write_bytes(b"")
    (tmp_path / "counter_4321.db").write_bytes(b"")

    child_exit(server=None, worker=type("Worker", (), {"pid": 4321})())

    assert not (tmp_path / "gauge_livesum_4321.db").exists()
    assert (tmp_path / "counter_4321.db").exists(), "an ended worker's counts still add up"
