"""Logs a machine reads: one JSON object per line, with the request's id and route, never personal data.

`JsonFormatter` writes `time`, `level`, `logger` and `message`, and, where known, `request_id`,
`route` (the view's name, never the path), `status`, `duration_ms` and `exception`. The request
each line belongs to comes from `current_request` (set by `RequestMetricsMiddleware`), so a
warning written deep inside a view carries the same id as the request's own line.

What never goes in a line: e-mail addresses, names, request bodies or query strings. The
`no_personal_data` filter (core.logfilters) drops the request object before any formatter
sees it; this formatter also removes query strings and anything shaped like an e-mail address
from the message and the exception text, in case a library writes one there.

The standard library only: `json` and `logging` are all it takes.
"""

import contextvars
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass
class RequestContext:
    request_id: str
    route: str = ""


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("goldenthread_request", default=None)

EMAIL_ADDRESS = re.compile(r"[^\s@/?&=\"'<>]+@[^\s@/?&=\"'<>]+\.[A-Za-z]{2,}")
QUERY_STRING = re.compile(r"\?[^\s\"']+")
# Written by Django or by us on a record, where a line gains them as fields of its own.
EXTRA_FIELDS = ("route", "status", "duration_ms", "method")


def without_personal_data(text: str) -> str:
    """The text with query strings and e-mail addresses taken out."""
    return EMAIL_ADDRESS.sub("[e-mail address removed]", QUERY_STRING.sub("?[query removed]", text))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector to read (see the module's docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": without_personal_data(record.getMessage()),
        }
        context = current_request.get()
        request_id = getattr(record, "request_id", None) or (context.request_id if context else None)
        if request_id:
            entry["request_id"] = request_id
        if context and context.route and not getattr(record, "route", None):
            entry["route"] = context.route
        for field in EXTRA_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if "status" not in entry and isinstance(getattr(record, "status_code", None), int):
            entry["status"] = record.status_code  # Django's own django.request lines
        if record.exc_info:
            entry["exception"] = without_personal_data(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
