"""Gunicorn for Golden Thread in production: `gunicorn -c deploy/gunicorn.conf.py goldenthread.wsgi`.

Everything that differs between machines comes from the environment (see docs/deploy.md):

  GUNICORN_BIND                  where to listen (default 0.0.0.0:8000; several, comma-separated)
  GUNICORN_WORKERS               worker processes (default 2 x CPU cores + 1)
  GUNICORN_THREADS               threads in each worker (default 4)
  GUNICORN_TIMEOUT               seconds a request may take before its worker is replaced (default 60)
  GUNICORN_GRACEFUL_TIMEOUT      seconds a worker has to finish its requests on a restart (default 30)
  GUNICORN_KEEPALIVE             seconds an idle connection stays open (default 5)
  GUNICORN_MAX_REQUESTS          requests before a worker is replaced by a fresh one (default 0: never)
  GUNICORN_FORWARDED_ALLOW_IPS   the proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1,::1)
  GUNICORN_CERTFILE, GUNICORN_KEYFILE   serve HTTPS directly (both or neither); blank behind a TLS proxy
  GUNICORN_LOGLEVEL              gunicorn's own messages: debug, info, warning or error (default info)
  PROMETHEUS_MULTIPROC_DIR       an empty folder the workers share for /metrics (see docs/deploy.md)

A value that is not what it should be stops gunicorn at start-up with a sentence naming it.
The access log is one JSON object a line, with the path only: never the query string, the
client's address, its user agent or the referring page.
"""

import datetime
import json
import logging
import multiprocessing
import os
import re
from pathlib import Path

from gunicorn.glogging import Logger, SafeAtoms


class SettingError(SystemExit):
    """Stops gunicorn before it starts, with one readable sentence (no traceback)."""

    def __init__(self, message):
        super().__init__(f"Golden Thread cannot start: {message} (see docs/deploy.md)")


def _whole_number(name, default, minimum):
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise SettingError(f"{name} must be at least {minimum}, not {value}.")
    return value


def _text(name, default):
    return os.environ.get(name, "").strip() or default


# Where to listen. Behind a proxy on the same host, 127.0.0.1:8000; in a container, 0.0.0.0:8000.
bind = [address.strip() for address in _text("GUNICORN_BIND", "0.0.0.0:8000").split(",") if address.strip()]

# Pre-fork workers, each with a few threads (gthread): a worker waiting on PostgreSQL or on a
# slow client does not hold up the others, and memory grows with processes, not threads.
workers = _whole_number("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1, 1)
worker_class = "gthread"
threads = _whole_number("GUNICORN_THREADS", 4, 1)

# A request that takes longer than this is stuck: its worker is replaced.
timeout = _whole_number("GUNICORN_TIMEOUT", 60, 1)
# On a restart or reload (SIGHUP) a worker finishes the requests it has, for up to this long.
graceful_timeout = _whole_number("GUNICORN_GRACEFUL_TIMEOUT", 30, 1)
# Behind a load balancer, set this above the balancer's idle timeout.
keepalive = _whole_number("GUNICORN_KEEPALIVE", 5, 0)
# Off by default: a worker being replaced closes the connections its clients keep open, and a
# client that sends its next request on one just then gets no answer (about one lost answer for
# each replacement in the load test). The workers' memory stays level under load (measured in
# docs/deploy.md, "Load measured"). Set it (with jitter, so workers never restart at once) only
# if a worker's memory is seen to grow.
max_requests = _whole_number("GUNICORN_MAX_REQUESTS", 0, 0)
max_requests_jitter = max(max_requests // 10, 0)

# Only these addresses may tell gunicorn, through X-Forwarded-Proto and X-Forwarded-For, that the
# client came in over HTTPS. The proxy must set X-Forwarded-Proto itself, replacing any a client sent.
forwarded_allow_ips = _text("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# HTTPS straight from gunicorn (scripts/serve-production on one machine); behind a TLS proxy, neither.
certfile = _text("GUNICORN_CERTFILE", "") or None
keyfile = _text("GUNICORN_KEYFILE", "") or None
if bool(certfile) != bool(keyfile):
    raise SettingError("set both GUNICORN_CERTFILE and GUNICORN_KEYFILE to serve HTTPS, or neither behind a TLS proxy.")
for _name, _path in (("GUNICORN_CERTFILE", certfile), ("GUNICORN_KEYFILE", keyfile)):
    if _path and not os.access(_path, os.R_OK):
        raise SettingError(f"{_name} names {_path}, which cannot be read.")

# The application is loaded in each worker after the fork: a reload (SIGHUP) picks up new code.
preload_app = False
# Gunicorn is managed with signals (HUP reloads, TERM stops gracefully), not its control socket,
# so that several gunicorns on one host, or a read-only home folder, never collide.
control_socket_disable = True
# Workers keep their scratch files in memory where the system has one (containers' /tmp may be a slow disk).
if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):  # noqa: S108 (gunicorn's heartbeat files in memory, as its documentation advises for containers)
    worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn's heartbeat files in memory, as its documentation advises for containers)

# Logs go to standard output and standard error, as JSON (see JsonLogger below).
accesslog = "-"
errorlog = "-"
loglevel = _text("GUNICORN_LOGLEVEL", "info")
# The request's path only: %(U)s is the path without its query string; no %(h)s (address),
# %(a)s (user agent), %(f)s (referrer), %(u)s (user) or %(r)s (request line, which holds the query).
# request_id is the X-Request-ID the application puts on its answer, to find its own log lines.
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": %(B)s, "duration_ms": %(M)s, "worker": %(p)s, "request_id": "%({x-request-id}o)s"}'
)


class JsonAtoms(SafeAtoms):
    """The access log's values, escaped for a JSON string; numbers as numbers."""

    def __init__(self, atoms):
        dict.__init__(self, atoms)

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if key in ("B", "M"):
            return int(value) if isinstance(value, int) else 0
        if key == "s":
            text = str(value)
            return text if text.isdigit() else "0"
        if key == "p":
            return os.getpid()
        return json.dumps(str(value), ensure_ascii=False)[1:-1]


class JsonFormatter(logging.Formatter):
    """Gunicorn's own messages (starting, stopping, a worker timing out) as one JSON object a line."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class JsonLogger(Logger):
    atoms_wrapper_class = JsonAtoms

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if getattr(handler, "_gunicorn", False):
                handler.setFormatter(JsonFormatter())

    def now(self):
        return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


logger_class = JsonLogger


# Metrics from several workers (prometheus_client's multiprocess mode): each worker writes its
# figures to files in PROMETHEUS_MULTIPROC_DIR, and /metrics adds them up.
_METRIC_FILE = re.compile(r"^(counter|gauge_[a-z]+|histogram|summary)_\d+\.db$")


def _metrics_folder():
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
    return Path(folder) if folder else None


def on_starting(server):
    """Before the first worker: the metrics folder must exist, be writable, and hold no figures from an earlier run."""
    folder = _metrics_folder()
    if folder is None:
        if workers > 1:
            server.log.warning("PROMETHEUS_MULTIPROC_DIR is not set: /metrics will show only the worker that answers it.")
        return
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise SettingError(f"PROMETHEUS_MULTIPROC_DIR names {folder}, which is not a folder this user can write to.")
    for path in folder.iterdir():
        if _METRIC_FILE.match(path.name):
            path.unlink()


def child_exit(server, worker):
    """A worker that has stopped: its live gauges no longer count."""
    if _metrics_folder() is None:
        return
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
