"""Production's logs: one JSON object a line, with the request's id and route, and no personal data."""

import io
import json
import logging

import pytest

from goldenthread.core.logfilters import RedactRequestFilter
from goldenthread.operations.logs import JsonFormatter

pytestmark = pytest.mark.django_db

EMAIL = "riley.shah@childrens.example"


@pytest.fixture
def log_lines():
    """What production's console handler writes: the JSON formatter behind the no_personal_data filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactRequestFilter())
    loggers = [logging.getLogger(name) for name in ("goldenthread.requests", "django.request", "goldenthread.test")]
    levels = [each.level for each in loggers]
    for each in loggers:
        each.addHandler(handler)
        each.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for each, level in zip(loggers, levels, strict=True):
        each.removeHandler(handler)
        each.setLevel(level)


def test_a_request_with_an_e_mail_address_in_its_query_string_is_logged_as_json_without_it(client, log_lines):
    client.get(f"/health/live/?email={EMAIL}&name=Riley+Shah", headers={"X-Request-ID": "probe-0123456789"})

    (line,) = [line for line in log_lines() if line["logger"] == "goldenthread.requests"]
    assert line["route"] == "operations:health-live"
    assert line["status"] == 200
    assert line["request_id"] == "probe-0123456789"
    assert line["duration_ms"] >= 0
    assert {"time", "level", "logger", "message"} <= line.keys()
    assert EMAIL not in json.dumps(line) and "Riley" not in json.dumps(line) and "email=" not in json.dumps(line)


def test_django_s_own_not_found_line_keeps_no_query_string_nor_e_mail_address(client, log_lines):
    client.get(f"/no-such-page/?email={EMAIL}")

    lines = log_lines()
    assert any(line["logger"] == "django.request" and line["status"] == 404 for line in lines)
    for line in lines:
        assert EMAIL not in json.dumps(line) and "email=" not in json.dumps(line)


def test_a_line_written_by_hand_with_an_address_in_it_has_the_address_taken_out(log_lines):
    request = type("Request", (), {"body": b"password=secret", "GET": {"email": EMAIL}})()

    logging.getLogger("goldenthread.test").warning("Sent to %s from /sign-in/?next=/x&email=%s", EMAIL, EMAIL, extra={"request": request})

    (line,) = log_lines()
    assert line["level"] == "WARNING"
    assert EMAIL not in json.dumps(line) and "secret" not in json.dumps(line)
    assert line["message"] == "Sent to [e-mail address removed] from /sign-in/?[query removed]"


def test_an_exception_is_logged_as_text_inside_the_one_json_line(log_lines):
    try:
        raise ValueError(f"could not send to {EMAIL}")
    except ValueError:
        logging.getLogger("goldenthread.test").exception("Sending failed")

    (line,) = log_lines()
    assert "ValueError" in line["exception"] and EMAIL not in line["exception"]


def test_each_answer_carries_its_request_id_and_a_made_up_id_is_replaced(client):
    made = client.get("/health/live/")
    refused = client.get("/health/live/", headers={"X-Request-ID": "<script>"})

    assert len(made["X-Request-ID"]) == 32
    assert refused["X-Request-ID"] != "<script>"
