"""The health addresses answer an anonymous probe, in JSON, never cached, and say which check failed."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from goldenthread.operations.addresses import PLAIN_HTTP_ADDRESSES

pytestmark = pytest.mark.django_db


def waiting_task(status=TaskResultStatus.READY):
    return DBTaskResult.objects.create(
        status=status, args_kwargs={"args": [], "kwargs": {}}, task_path="goldenthread.example.task", backend_name="default", run_after=timezone.now()
    )


def test_liveness_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readiness_answers_ok_with_the_depth_of_the_task_queue(client):
    waiting_task()
    waiting_task()
    waiting_task(status=TaskResultStatus.SUCCESSFUL)

    response = client.get("/health/ready/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "task_queue": "ok"}, "task_queue_depth": 2}
    assert response["Cache-Control"] == "no-store"


def test_readiness_names_the_task_queue_when_its_table_cannot_be_read(client):
    with mock.patch("goldenthread.operations.health.task_queue_depth", side_effect=OperationalError("no such table: django_tasks_database_dbtaskresult")):
        response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "task_queue": "failed"}, "failed": ["task_queue"]}
    assert "no such table" not in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_readiness_names_the_database_when_it_does_not_answer_and_shows_no_stack_trace(client):
    with mock.patch("goldenthread.operations.health.database_answers", side_effect=OperationalError("connection refused at db.internal")):
        response = client.get("/health/ready/")

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    body = response.content.decode()
    assert "Traceback" not in body and "db.internal" not in body


def test_an_anonymous_probe_reaches_both_addresses_with_get_and_head(client):
    assert client.get("/health/live/").status_code == 200
    assert client.head("/health/ready/").status_code == 200


def test_health_addresses_take_no_form(client):
    assert client.post("/health/live/").status_code == 405


def test_health_addresses_are_exempt_from_the_redirect_to_https_and_other_pages_are_not(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = PLAIN_HTTP_ADDRESSES

    assert client.get("/health/live/").status_code == 200
    assert client.get("/health/ready/").status_code == 200
    assert client.get("/").status_code == 301
    assert client.get("/metrics").status_code == 404  # not redirected: answered here (no token set)
