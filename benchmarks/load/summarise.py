"""Read locust's CSV files and print what the load test found.

    .venv/bin/python benchmarks/load/summarise.py steady results/steady   # the 200-people run
    .venv/bin/python benchmarks/load/summarise.py step results/step       # the step test

`steady` reads PREFIX_stats.csv: requests, failures, median and 95th percentile over the whole
run, and whether it met the goal (no failure, 95th percentile under 300 ms).

`step` reads PREFIX_stats_history.csv (written with --csv-full-history): for each step (a
number of simulated people) the request rate (requests during the step / its length) and the
95th percentile (locust's rolling 10-second window, taken once the window lies inside the
step, median of those readings); then the request rate at which the 95th percentile first
passes 300 ms, and the last step under it.
"""

from __future__ import annotations

import csv
import statistics
import sys
from pathlib import Path

GOAL_MS = 300
WINDOW_S = 10  # locust's current-percentile window (--csv history reports the last 10 s)


def steady(prefix: str) -> int:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", newline="")))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    p95 = float(total["95%"])
    print(f"Requests {requests}, failures {failures}, {float(total['Requests/s']):.1f} req/s")
    print(f"Median {total['Median Response Time']} ms, 95th percentile {p95:.0f} ms, 99th {total['99%']} ms")
    print("Slowest pages by 95th percentile:")
    for row in sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: -float(r["95%"] or 0))[:5]:
        print(f"  {row['Type']:5} {row['Name']:45} p95 {row['95%']:>6} ms  ({row['Request Count']} requests, {row['Failure Count']} failed)")
    met = failures == 0 and p95 < GOAL_MS
    print(f"Goal (no error, 95th percentile under {GOAL_MS} ms): {'met' if met else 'NOT met'}")
    return 0 if met else 1


def step(prefix: str) -> int:
    rows = [row for row in csv.DictReader(open(f"{prefix}_stats_history.csv", newline="")) if row["Name"] == "Aggregated"]
    steps: dict[int, list[dict]] = {}
    for row in rows:
        users = int(row["User Count"])
        if users:
            steps.setdefault(users, []).append(row)
    print(f"{'people':>6} {'req/s':>7} {'p95 ms':>7} {'failures':>8}")
    found = None
    last_under = None
    for users, readings in sorted(steps.items()):
        start, end = int(readings[0]["Timestamp"]), int(readings[-1]["Timestamp"])
        if end <= start:
            continue
        rate = (int(readings[-1]["Total Request Count"]) - int(readings[0]["Total Request Count"])) / (end - start)
        failures = int(readings[-1]["Total Failure Count"]) - int(readings[0]["Total Failure Count"])
        settled = [float(r["95%"]) for r in readings if int(r["Timestamp"]) >= start + WINDOW_S and r["95%"] not in ("N/A", "")]
        if not settled:
            continue
        p95 = statistics.median(settled)
        print(f"{users:>6} {rate:>7.1f} {p95:>7.0f} {failures:>8}")
        if p95 > GOAL_MS and found is None:
            found = (users, rate, p95)
        elif found is None:
            last_under = (users, rate, p95)
    if found:
        print(f"The 95th percentile first passed {GOAL_MS} ms at {found[1]:.1f} req/s ({found[0]} simulated people, p95 {found[2]:.0f} ms).")
        if last_under:
            print(f"Last step under it: {last_under[1]:.1f} req/s ({last_under[0]} people, p95 {last_under[2]:.0f} ms).")
    else:
        print(f"The 95th percentile stayed under {GOAL_MS} ms at every step: raise GOLDENTHREAD_STEP_MAX_USERS.")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("steady", "step"):
        sys.exit(__doc__)
    if not Path(sys.argv[2] + ("_stats.csv" if sys.argv[1] == "steady" else "_stats_history.csv")).exists():
        sys.exit(f"No locust CSV files at {sys.argv[2]}: run with --csv {sys.argv[2]}")
    sys.exit(steady(sys.argv[2]) if sys.argv[1] == "steady" else step(sys.argv[2]))
