"""What a council's monitoring reads at /metrics, in Prometheus's text format.

The library is `prometheus_client`, the Prometheus project's own client for Python: well kept,
released often, and the format's reference. What it exposes:

- `goldenthread_requests_total{view, status}` and `goldenthread_request_duration_seconds{view, status}`
  (a histogram): every request, by the name of the view that answered (`core:home`; `unmatched`
  where none did) and the class of its status (`2xx` ... `5xx`). Never the path: paths hold ids.
- `goldenthread_task_queue_depth` (tasks READY to run), `goldenthread_tasks_running` and
  `goldenthread_tasks_failed`, counted in django-tasks' database table when the scrape comes
  (`TaskQueueCollector`), and `goldenthread_task_queue_readable` (0 when that table could not be read).
- `goldenthread_sign_in_failures_total` and `goldenthread_sign_in_lockouts_total`: wrong passwords
  (Django's `user_login_failed`) and lockouts (django-axes' `user_locked_out`).

No label holds personal data: view names and status classes come from the code, not from people.

Who may read it: only a request that carries `Authorization: Bearer <GOLDENTHREAD_METRICS_TOKEN>`.
When that variable is not set, /metrics answers 404, as if it were not there.

Several gunicorn workers: each worker is a process with its own counts, so a scrape that
reaches one worker would see only its share. Set `PROMETHEUS_MULTIPROC_DIR` to an empty
folder the workers may write (cleared before each start), in the environment of the gunicorn
master, and prometheus_client's multiprocess mode keeps each worker's counts in a file there;
a scrape then reads them all (`multiprocess.MultiProcessCollector`). Start gunicorn with
`-c python:goldenthread.operations.gunicorn_config`, whose `child_exit` hook tells
prometheus_client when a worker has ended. With one process, nothing needs setting.
"""

import hmac
import logging
import os

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, ProcessCollector, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

# The counts this process keeps. In multiprocess mode prometheus_client writes them to files as well.
REGISTRY = CollectorRegistry()
REQUESTS = Counter("goldenthread_requests", "Requests answered, by view name and status class.", ["view", "status"], registry=REGISTRY)
LATENCY = Histogram(
    "goldenthread_request_duration_seconds",
    "Time to answer a request, by view name and status class.",
    ["view", "status"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
SIGN_IN_FAILURES = Counter("goldenthread_sign_in_failures", "Sign-ins refused for a wrong address or password.", registry=REGISTRY)
LOCKOUTS = Counter("goldenthread_sign_in_lockouts", "Accounts locked after repeated wrong sign-ins (django-axes).", registry=REGISTRY)


def status_class(status_code: int) -> str:
    return f"{status_code // 100}xx"


def record_request(view: str, status_code: int, seconds: float) -> None:
    labels = {"view": view, "status": status_class(status_code)}
    REQUESTS.labels(**labels).inc()
    LATENCY.labels(**labels).observe(seconds)


class TaskQueueCollector:
    """The background tasks waiting, running and failed, counted in the database at each scrape."""

    def describe(self):
        return self._families()

    def collect(self):
        from django.db.models import Count
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        ready, running, failed, readable = self._families()
        try:
            counts = dict(
                DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED])
                .values_list("status")
                .annotate(n=Count("id"))
                .order_by()
            )
        except DatabaseError:
            logger.warning("The task queue could not be read for /metrics.", exc_info=True)
            readable.add_metric([], 0)
            return [readable]
        ready.add_metric([], counts.get(TaskResultStatus.READY, 0))
        running.add_metric([], counts.get(TaskResultStatus.RUNNING, 0))
        failed.add_metric([], counts.get(TaskResultStatus.FAILED, 0))
        readable.add_metric([], 1)
        return [ready, running, failed, readable]

    @staticmethod
    def _families():
        return [
            GaugeMetricFamily("goldenthread_task_queue_depth", "Background tasks ready to run (READY)."),
            GaugeMetricFamily("goldenthread_tasks_running", "Background tasks running now (RUNNING)."),
            GaugeMetricFamily("goldenthread_tasks_failed", "Background tasks that failed and were not run again (FAILED)."),
            GaugeMetricFamily("goldenthread_task_queue_readable", "1 when the task queue's table could be read for this scrape, else 0."),
        ]


REGISTRY.register(TaskQueueCollector())
ProcessCollector(registry=REGISTRY)  # memory, CPU and open files of this process (Linux)


def registry_for_scrape() -> CollectorRegistry:
    """This process's counts or, in multiprocess mode, every worker's, with the task queue's counts."""
    if not os.environ.get(MULTIPROCESS_VARIABLE):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(TaskQueueCollector())
    return registry


def bearer_token_matches(request) -> bool:
    expected = settings.GOLDENTHREAD_METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())


@require_safe
def metrics(request):
    """The metrics, for a scraper that carries the token; 404 when no token is set, 401 for a wrong one."""
    if not settings.GOLDENTHREAD_METRICS_TOKEN:
        raise Http404
    if not bearer_token_matches(request):
        response = JsonResponse({"detail": "Send the metrics token as Authorization: Bearer <token>."}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    else:
        response = HttpResponse(generate_latest(registry_for_scrape()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


@receiver(user_login_failed, dispatch_uid="goldenthread.operations.sign_in_failed")
def count_sign_in_failure(sender, **kwargs):
    SIGN_IN_FAILURES.inc()


@receiver(user_locked_out, dispatch_uid="goldenthread.operations.locked_out")
def count_lockout(sender, **kwargs):
    LOCKOUTS.inc()
