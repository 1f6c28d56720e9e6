"""The step test: more simulated people step by step, to find where the 95th percentile passes 300 ms.

Load it with the scenario (locust takes the users from locustfile.py and the shape from here):

    .venv/bin/locust -f benchmarks/load/locustfile.py,benchmarks/load/shape.py \
        --host http://127.0.0.1:8001 --headless --csv results/step --csv-full-history

Every step adds GOLDENTHREAD_STEP_USERS people (20) and holds for GOLDENTHREAD_STEP_SECONDS
(60 s), up to GOLDENTHREAD_STEP_MAX_USERS (600), or until a step ends with the rolling 95th
percentile above GOLDENTHREAD_STEP_STOP_MS (1000 ms): by then the 300 ms line is well passed. New people sign in as
they arrive, as at the start of a working day. `summarise.py step results/step` reads the
history and prints the request rate at which the 95th percentile first passes 300 ms.
"""

from __future__ import annotations

import os

from locust import LoadTestShape

STEP_USERS = int(os.environ.get("GOLDENTHREAD_STEP_USERS", "20"))
STEP_SECONDS = int(os.environ.get("GOLDENTHREAD_STEP_SECONDS", "60"))
MAX_USERS = int(os.environ.get("GOLDENTHREAD_STEP_MAX_USERS", "600"))
SPAWN_RATE = float(os.environ.get("GOLDENTHREAD_STEP_SPAWN_RATE", "10"))
STOP_MS = float(os.environ.get("GOLDENTHREAD_STEP_STOP_MS", "1000"))


class StepLoad(LoadTestShape):
    """+STEP_USERS people every STEP_SECONDS, until MAX_USERS have had their step or it is far too slow."""

    last_step = 1

    def tick(self):
        step = int(self.get_run_time() // STEP_SECONDS) + 1
        if step != self.last_step:
            self.last_step = step
            p95 = self.runner.stats.total.get_current_response_time_percentile(0.95) or 0
            if p95 > STOP_MS:
                return None
        users = step * STEP_USERS
        if users > MAX_USERS:
            return None
        return users, SPAWN_RATE
