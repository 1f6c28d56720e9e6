"""gunicorn's hooks for Golden Thread with several workers and /metrics.

    PROMETHEUS_MULTIPROC_DIR=/run/goldenthread-metrics \\
    gunicorn --workers 4 --bind 0.0.0.0:8000 -c python:goldenthread.operations.gunicorn_config goldenthread.wsgi

Each worker keeps its counts in a file in PROMETHEUS_MULTIPROC_DIR (an empty folder, cleared
before each start; see goldenthread.operations.metrics). When a worker ends, its files stay, so
its counts still add up, but prometheus_client is told it has gone.
"""

import os

from prometheus_client import multiprocess


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
