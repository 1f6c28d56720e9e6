"""`manage.py run_worker`: the task worker, after putting back in the queue any task a dead worker left RUNNING.

`db_worker` stops with a traceback when the database goes away (a restart, a failover): it does
not wait for it. `run_worker` does: on a database fault (operations.database_faults) it writes one
line, waits a little longer each time (up to 30 seconds), and starts the worker again, so a
restart of PostgreSQL does not stop the task worker, nor a script that stops everything when one
part stops. Any other error still stops it.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from goldenthread.operations.database_faults import fault_behind

from .requeue_stalled_tasks import add_recovery_arguments, recover

logger = logging.getLogger("goldenthread.operations.database")
LONGEST_WAIT = 30.0


class Command(BaseCommand):
    help = (
        "Put back in the queue the tasks a dead worker left RUNNING (as requeue_stalled_tasks), then run the task "
        "worker (db_worker) with the options given here; if the database goes away, wait for it and start again."
    )

    def add_arguments(self, parser):
        add_recovery_arguments(parser)
        parser.add_argument("--batch", action="store_true", help="Run every task waiting now, then stop (db_worker --batch).")
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop after this many tasks (db_worker --max-tasks).")
        parser.add_argument("--interval", type=float, default=1, help="Seconds between looks at an empty queue (default: %(default)s).")
        parser.add_argument("--queue-name", default="default", help="The queues to run, separated by commas, or '*' (default: %(default)s).")
        parser.add_argument("--no-startup-delay", action="store_true", help="Start at once, with no random pause.")
        parser.add_argument("--worker-id", default=None, help="This worker's id, unique among the workers (default: a random one).")

    def handle(self, *args, older_than, max_attempts, batch, max_tasks, interval, queue_name, no_startup_delay, worker_id, **options):
        worker_options = ["--interval", str(interval), "--queue-name", queue_name, "--no-reload"]
        if batch:
            worker_options.append("--batch")
        if max_tasks is not None:
            worker_options += ["--max-tasks", str(max_tasks)]
        if no_startup_delay:
            worker_options.append("--no-startup-delay")
        if worker_id:
            worker_options += ["--worker-id", worker_id]
        wait = 1.0
        while True:
            try:
                recover(self, older_than, max_attempts)
                call_command("db_worker", *worker_options, verbosity=options.get("verbosity", 1))
                return
            except DatabaseError as error:
                fault = fault_behind(error)
                if fault is None:
                    raise
                logger.error("Database %s: the task worker waits %.0f s and starts again (%s)", fault[0], wait, type(fault[1]).__name__)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
