"""A database that is away, read-only or full answers a calm 503 page (JSON under /api/), logged in one line; other errors still give the 500 page."""

import logging
import sqlite3
import subprocess
import sys
from unittest import mock

import pytest
from django.db import IntegrityError, InterfaceError, InternalError, OperationalError, ProgrammingError, connection
from django.test import Client

from goldenthread.core.language import findings_for
from goldenthread.language.readers import read_bytes
from goldenthread.operations import database_faults
from goldenthread.operations.database_faults import API_DETAIL, FULL, HEADING, READ_ONLY, UNAVAILABLE, WHAT_HAPPENED, WHAT_TO_DO, fault_kind

from . import database_fault_urls
from .test_production_settings import REPO, production_environment

pytestmark = pytest.mark.django_db

SQL = "INSERT INTO pledges_pledge (vision) VALUES ('Riverbend private words')"


def psycopg_like(message, sqlstate=None):
    """An error as Django wraps a driver's: the driver's own error as its cause, with its SQLSTATE where it has one."""
    cause = Exception(message)
    cause.sqlstate = sqlstate
    error = OperationalError(message)
    error.__cause__ = cause
    return error


FAULTS = [
    (OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'), UNAVAILABLE),
    (psycopg_like("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"), UNAVAILABLE),
    (psycopg_like("FATAL:  the database system is starting up", "57P03"), UNAVAILABLE),
    (psycopg_like("FATAL:  the database system is shutting down", "57P03"), UNAVAILABLE),
    (psycopg_like("terminating connection due to administrator command", "57P01"), UNAVAILABLE),
    (InterfaceError("connection already closed"), UNAVAILABLE),
    (OperationalError("attempt to write a readonly database"), READ_ONLY),
    (InternalError("cannot execute INSERT in a read-only transaction"), READ_ONLY),
    (OperationalError("database or disk is full"), FULL),
    (psycopg_like('could not extend file "base/16384/2619": No space left on device', "53100"), FULL),
    (OperationalError("could not write to file: No space left on device"), FULL),
]


@pytest.fixture
def raising_site(settings):
    settings.ROOT_URLCONF = "goldenthread.operations.tests.database_fault_urls"

    def raise_next(error):
        database_fault_urls.RAISED["error"] = error

    yield raise_next
    database_fault_urls.RAISED.clear()


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO)
    return caplog


def page_text(response) -> str:
    return read_bytes(response.content, ".html")


@pytest.mark.parametrize(("error", "kind"), FAULTS, ids=[f"{kind}: {error}"[:60] for error, kind in FAULTS])
def test_each_database_fault_is_known_by_its_kind(error, kind):
    assert fault_kind(error) == kind


@pytest.mark.parametrize(
    "error",
    [
        ProgrammingError("column x does not exist"),
        OperationalError("no such table: pledges_pledge"),
        IntegrityError("UNIQUE constraint failed"),
        ValueError("x"),
    ],
)
def test_an_error_that_is_not_the_database_being_away_has_no_kind(error):
    assert fault_kind(error) is None


@pytest.mark.parametrize(("error", "kind"), FAULTS, ids=[f"{kind}: {error}"[:60] for error, kind in FAULTS])
def test_a_page_whose_database_is_away_read_only_or_full_answers_a_calm_503(raising_site, logged, error, kind):
    raising_site(error)

    response = Client(raise_request_exception=False).post("/write/", {"words": "Riverbend"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = page_text(response)
    assert HEADING in text and WHAT_HAPPENED[kind] in text
    assert "may not have been saved" in text and "try again" in text and "Nothing you had already saved has been lost" in text
    assert "Traceback" not in text and "Error" not in text and "5432" not in text


def test_the_503_is_logged_in_one_line_naming_the_kind_and_never_the_sql(raising_site, logged):
    raising_site(OperationalError(f"attempt to write a readonly database: {SQL}"))

    Client(raise_request_exception=False).post("/write/")

    lines = [record for record in logged.records if record.levelno >= logging.WARNING]
    assert len(lines) == 1, [record.getMessage() for record in lines]
    (line,) = lines
    assert line.name == "goldenthread.operations.database"
    assert line.getMessage() == "Database read-only: answered 503 (OperationalError)"
    assert line.exc_info is None
    assert "INSERT" not in line.getMessage() and "Riverbend" not in line.getMessage()


def test_under_the_api_the_503_is_json_with_a_detail(raising_site):
    raising_site(OperationalError("server closed the connection unexpectedly"))

    response = Client(raise_request_exception=False).post("/api/v1/write/", data="{}", content_type="application/json")

    assert response.status_code == 503
    assert response.json() == {"detail": API_DETAIL}
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_a_programming_error_still_gives_the_normal_500_page(raising_site, logged):
    raising_site(ProgrammingError("column pledges_pledge.nope does not exist"))

    response = Client(raise_request_exception=False).get("/write/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page_text(response)
    assert "Retry-After" not in response
    assert any(record.name == "django.request" and record.exc_info for record in logged.records), "Django's own traceback line is kept for real faults"


def test_an_unknown_operational_error_is_not_hidden_behind_the_503(raising_site):
    raising_site(OperationalError("no such table: pledges_pledge"))

    response = Client(raise_request_exception=False).get("/write/")

    assert response.status_code == 500


def test_the_503_page_is_rendered_without_touching_the_database(django_assert_num_queries):
    request = type("Request", (), {"path": "/pledges/"})()

    with django_assert_num_queries(0):
        response = database_faults.unavailable_response(request, UNAVAILABLE)

    assert response.status_code == 503


def test_a_fault_met_by_a_middleware_before_the_view_answers_the_503_too(client, practitioner, monkeypatch, logged):
    """The session is read from the database by a middleware, before any view: that error answers the 503 as well."""
    client.force_login(practitioner, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False  # as a real server: the error is answered, not raised into the test

    def away(self, *args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", away)
    response = client.get("/")

    assert response.status_code == 503
    assert HEADING in page_text(response)
    assert [record.getMessage() for record in logged.records if record.levelno >= logging.WARNING] == ["Database unavailable: answered 503 (OperationalError)"]


@pytest.fixture
def sqlite_connection():
    if connection.vendor != "sqlite":
        pytest.skip("a real read-only or full database is made here with SQLite's own settings")
    connection.ensure_connection()
    return connection


def test_a_real_read_only_database_answers_the_503_not_a_stack_trace(client, practitioner, sqlite_connection, logged):
    """SQLite's query_only setting refuses every write as a read-only file does: 'attempt to write a readonly database'."""
    client.force_login(practitioner, backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = False
    with sqlite_connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        response = client.get("/")  # the session's last activity is written at the end of the request
    finally:
        with sqlite_connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")

    assert response.status_code == 503
    assert WHAT_HAPPENED[READ_ONLY] in page_text(response)
    assert any(record.getMessage() == "Database read-only: answered 503 (OperationalError)" for record in logged.records)


def test_a_real_full_database_answers_the_503_not_a_stack_trace(client, practitioner, sqlite_connection):
    """SQLite's max_page_count makes the database 'full' at its present size: the next write that needs a page is refused."""
    client.force_login(practitioner, backend="django.contrib.auth.backends.ModelBackend")
    with sqlite_connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(OperationalError) as raised:  # the same error a request meets, shown to be real first
            with sqlite_connection.cursor() as cursor:
                cursor.execute("CREATE TABLE filling (words TEXT)")
                cursor.execute("INSERT INTO filling VALUES (?)", ["Riverbend " * 100_000])
        assert fault_kind(raised.value) == FULL
    finally:
        with sqlite_connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")


def test_the_words_of_the_503_pass_the_shared_language_check():
    words = [HEADING, WHAT_TO_DO, API_DETAIL, *WHAT_HAPPENED.values()]
    template = (database_faults.__file__.rsplit("/", 1)[0]) + "/templates/operations/database_unavailable.html"
    page = read_bytes(open(template, "rb").read(), ".html")  # noqa: SIM115, PTH123

    problems = [(text, finding.text, finding.rule) for text in [*words, page] for finding in findings_for(text)]

    assert not problems


def test_production_replaces_a_connection_broken_by_a_restart_at_the_next_request():
    code = "from goldenthread.settings import production; print(production.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=production_environment(), capture_output=True, text=True, timeout=120, check=False)  # noqa: S603

    assert result.stdout.strip() == "True", result.stderr[-2000:]


def test_sqlite_s_own_full_and_read_only_errors_are_known():
    assert fault_kind(OperationalError(str(sqlite3.OperationalError("database or disk is full")))) == FULL
    assert fault_kind(OperationalError(str(sqlite3.OperationalError("attempt to write a readonly database")))) == READ_ONLY


def test_with_every_query_failing_a_public_page_and_the_api_answer_the_503(client):
    """As during a restart: the first query of the request, wherever it is made (a middleware, the API's token check, the view), fails."""
    client.raise_request_exception = False

    def gone(*args, **kwargs):
        raise OperationalError("consuming input failed: server closed the connection unexpectedly")

    with mock.patch("django.db.backends.utils.CursorWrapper.execute", gone), mock.patch("django.db.backends.utils.CursorWrapper.executemany", gone):
        page = client.get("/pledges/")
        api = client.get("/api/v1/wellbeing/my/check-ins", headers={"Authorization": "Bearer not-a-real-token-but-looked-up"})
        api_write = client.post(
            "/api/v1/wellbeing/my/check-ins", data={"answers": {"x": 3}}, content_type="application/json", headers={"Authorization": "Bearer abc"}
        )

    assert page.status_code == 503 and HEADING in page_text(page)
    assert api.status_code == 503 and api.json() == {"detail": API_DETAIL}
    assert api_write.status_code == 503 and api_write.json() == {"detail": API_DETAIL}
