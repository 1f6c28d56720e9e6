"""Is the site alive, and ready for requests? Two addresses a load balancer or orchestrator calls.

- `/health/live/`: the process answers. Touches nothing else, so a slow database never gets a
  healthy process restarted. Always `{"status": "ok"}`.
- `/health/ready/`: the database answers a trivial query and the task queue's table can be read;
  gives the queue's depth (tasks READY to run). 200 when both are fine; otherwise 503 with the
  checks by name, and which failed. The cause goes to the log, never into the answer.

Both are open to an anonymous probe (no page of the site forces sign-in from middleware: each
page asks for it itself, and these do not), never cached, and exempt from the redirect to HTTPS
in production (SECURE_REDIRECT_EXEMPT), so a probe over plain HTTP inside the network is answered.
A probe must still send a Host header named in DJANGO_ALLOWED_HOSTS (Django refuses any other
with 400): configure the probe's host header, rather than adding the server's own address.
"""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"


def _answer(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def live(request):
    """The process answers."""
    return _answer({"status": OK})


def database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() is not None


def task_queue_depth() -> int:
    """Tasks waiting to run; reading it proves the queue's table is there and readable."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


def _run(name: str, check):
    try:
        return True, check()
    except Exception:  # any failure means not ready; the cause is for the log, not the answer
        logger.warning("Readiness check failed: %s", name, exc_info=True)
        return False, None


@require_safe
def ready(request):
    """Ready for requests: the database and the task queue answer."""
    database_ok, answered = _run("database", database_answers)
    database_ok = database_ok and answered
    queue_ok, depth = _run("task_queue", task_queue_depth)
    checks = {"database": OK if database_ok else FAILED, "task_queue": OK if queue_ok else FAILED}
    failed = [name for name, result in checks.items() if result == FAILED]
    if failed:
        return _answer({"status": "unavailable", "checks": checks, "failed": failed}, status=503)
    return _answer({"status": OK, "checks": checks, "task_queue_depth": depth})
