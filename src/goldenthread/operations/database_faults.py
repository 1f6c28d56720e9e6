"""When the database cannot be reached, or will not take writing: a calm 503, not a stack trace.

What it covers, by kind (the word logged, never the SQL or any value):

- `unavailable`: the database is restarting, shutting down or not answering (connection
  refused, the server closed the connection, "the database system is starting up").
- `read-only`: the database takes no writing (a read-only SQLite file, a PostgreSQL standby
  or a read-only transaction).
- `full`: the disk under the database is full ("database or disk is full", "No space left on
  device", "could not extend file").

A person sees the 503 page (`operations/database_unavailable.html`): what happened, that what
they were doing may not have been saved, to try again in a minute, and that nothing saved
before is lost. Under /api/ the answer is `{"detail": ...}`. Both carry `Retry-After: 30` and
`Cache-Control: no-store`. Any other error (a programming error, a missing table) is left
alone and still gives the normal 500 page.

The error may be raised by the view or by a middleware before it (the session and the signed-in
person are read from the database there). A view's error reaches `process_exception`; a
middleware's is turned into a 500 by Django first, so `note_database_fault` (a receiver of
`got_request_exception`) marks the request and `__call__` answers the 503 in place of that 500.
Django's own "Internal Server Error" line with its traceback is dropped for these errors
(`QuietDatabaseFaults`, added to the `django.request` logger by the app's `ready()`): this
module writes one line of its own instead. An error raised while handling a database fault
(its cause or context, a few steps back) counts as that fault.

Saving the session at the end of a request is the one write Django turns into something else: the
session middleware answers a database error there with `SessionInterrupted`, a 400 that sends no
signal. Django logs it on `django.request` with the request, so `QuietDatabaseFaults` finds the
database fault behind it, marks the request the same way and drops the misleading line, and the
503 is answered in place of the 400.

The page is rendered without the database (its own template, like core's 500 page, no menu and
no signed-in person), so it still shows while the database is away. With
`CONN_HEALTH_CHECKS` (production), the next request after the database is back opens a new
connection by itself.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import utils as db_utils
from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger("goldenthread.operations.database")

MIDDLEWARE_PATH = "goldenthread.operations.database_faults.DatabaseUnavailableMiddleware"
RETRY_AFTER_SECONDS = 30

UNAVAILABLE = "unavailable"
READ_ONLY = "read-only"
FULL = "full"

# SQLSTATE codes (PostgreSQL) by kind: class 08 is "connection exception" as a whole.
SQLSTATE_KINDS = {
    "57P01": UNAVAILABLE,  # admin_shutdown: "terminating connection due to administrator command"
    "57P02": UNAVAILABLE,  # crash_shutdown
    "57P03": UNAVAILABLE,  # cannot_connect_now: "the database system is starting up"
    "25006": READ_ONLY,  # read_only_sql_transaction
    "53100": FULL,  # disk_full
}
# Words in the driver's message, by kind (lower case), for drivers that give no SQLSTATE (SQLite).
MESSAGE_KINDS = (
    ("readonly database", READ_ONLY),
    ("read-only transaction", READ_ONLY),
    ("read-only file system", READ_ONLY),
    ("database or disk is full", FULL),
    ("no space left on device", FULL),
    ("could not extend file", FULL),
    ("disk full", FULL),
    ("connection refused", UNAVAILABLE),
    ("server closed the connection", UNAVAILABLE),
    ("the database system is starting up", UNAVAILABLE),
    ("the database system is shutting down", UNAVAILABLE),
    ("the database system is in recovery mode", UNAVAILABLE),
    ("terminating connection due to administrator command", UNAVAILABLE),
    ("connection already closed", UNAVAILABLE),
    ("connection is closed", UNAVAILABLE),
    ("connection is lost", UNAVAILABLE),
    ("no connection to the server", UNAVAILABLE),
    ("could not connect to server", UNAVAILABLE),
    ("could not receive data from server", UNAVAILABLE),
    ("could not send data to server", UNAVAILABLE),
    ("consuming input failed", UNAVAILABLE),
    ("unable to open database file", UNAVAILABLE),
)

HEADING = "Sorry, the service is not available just now"
WHAT_HAPPENED = {
    UNAVAILABLE: "The service could not reach the place where it keeps its records for a moment.",
    READ_ONLY: "The place where the service keeps its records will not take any changes just now.",
    FULL: "The place where the service keeps its records has no room for changes just now.",
}
WHAT_TO_DO = "What you were doing may not have been saved. Wait a minute, then try again. Nothing you had already saved has been lost."
API_DETAIL = (
    "The service is not available just now. What you sent may not have been saved: wait a minute, then send it again. Nothing saved before has been lost."
)


def fault_kind(exc: BaseException | None) -> str | None:
    """The kind of database fault this error is (`unavailable`, `read-only`, `full`), or None for any other error."""
    if exc is None:
        return None
    if isinstance(exc, db_utils.InterfaceError):
        return UNAVAILABLE
    if not isinstance(exc, db_utils.OperationalError | db_utils.InternalError):
        return None
    sqlstate = _sqlstate(exc)
    if sqlstate in SQLSTATE_KINDS:
        return SQLSTATE_KINDS[sqlstate]
    if sqlstate and sqlstate.startswith("08"):
        return UNAVAILABLE
    message = " ".join(str(part) for part in (exc, exc.__cause__) if part is not None).lower()
    for words, kind in MESSAGE_KINDS:
        if words in message:
            return kind
    return None


def fault_behind(exc: BaseException | None, depth: int = 5) -> tuple[str, BaseException] | None:
    """The database fault this error was raised while handling (its cause or context, a few steps back), with its kind."""
    while exc is not None and depth > 0:
        kind = fault_kind(exc)
        if kind is not None:
            return kind, exc
        exc = exc.__cause__ or exc.__context__
        depth -= 1
    return None


def _sqlstate(exc: BaseException) -> str | None:
    for candidate in (exc, exc.__cause__):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return None


def unavailable_response(request, kind: str) -> HttpResponse:
    """The 503: a page, or `{"detail": ...}` under /api/; never cached, saying when to try again."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": API_DETAIL}, status=503)
    else:
        context = {"heading": HEADING, "what_happened": WHAT_HAPPENED[kind], "what_to_do": WHAT_TO_DO}
        try:
            body = loader.render_to_string("operations/database_unavailable.html", context)
            response = HttpResponse(body, status=503)
        except Exception:  # the page that reports a fault must not fault itself
            response = HttpResponse(f"{HEADING}. {WHAT_HAPPENED[kind]} {WHAT_TO_DO}", status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # this module logged it, in one line
    return response


def log_fault(kind: str, exc: BaseException) -> None:
    """One line: the kind and the error's class. Never its message, which may carry SQL or values."""
    logger.error("Database %s: answered 503 (%s)", kind, type(exc).__name__, extra={"status": 503})


class DatabaseUnavailableMiddleware:
    """Answer a calm 503 when the database is away, read-only or full (see the module's docstring).

    Second in MIDDLEWARE, just inside `RequestMetricsMiddleware`, so the 503 is counted and
    logged with the request's id, and every middleware that reads the database is inside it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        fault = getattr(request, "_goldenthread_database_fault", None)
        if fault is not None and response.status_code in (400, 500):
            kind, exc = fault
            log_fault(kind, exc)
            return unavailable_response(request, kind)
        return response

    def process_exception(self, request, exception):
        fault = fault_behind(exception)
        if fault is None:
            return None
        kind, exc = fault
        request._goldenthread_database_fault = None  # answered here; the outer check has nothing to do
        log_fault(kind, exc)
        return unavailable_response(request, kind)


def note_database_fault(sender, request=None, **kwargs):
    """`got_request_exception`: mark a request whose middleware met a database fault, for the middleware to answer."""
    fault = fault_behind(sys.exc_info()[1])
    if request is not None and fault is not None:
        request._goldenthread_database_fault = fault


class QuietDatabaseFaults(logging.Filter):
    """On `django.request`: drop Django's line for a database fault (`DatabaseUnavailableMiddleware` logs one of its own).

    A session that could not be saved reaches here only, as a 400 (`SessionInterrupted`), so the
    request is marked here too, for the middleware to answer the 503 in its place.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        fault = fault_behind(record.exc_info[1] if record.exc_info else None)
        if fault is None or MIDDLEWARE_PATH not in settings.MIDDLEWARE:
            return True
        request = getattr(record, "request", None)
        if request is not None and getattr(request, "_goldenthread_database_fault", None) is None:
            request._goldenthread_database_fault = fault
        return False
