#!/usr/bin/env python
"""PostgreSQL restarted in the middle of a load run: calm 503s in the gap, recovery by itself, no write lost or doubled.

NOT a test, and never part of the suite: it restarts a PostgreSQL server, so it needs root (or
`--restart-command`) and a server nobody else is using. It refuses to run without
`--i-may-restart-postgres`.

What it does:

1. creates its own database (`--database`, default `goldenthread_faults`) on the server at
   `--postgres`, migrates it, and makes one practitioner with an API token;
2. starts gunicorn the production way (production settings, `deploy/gunicorn.conf.py`) on
   `127.0.0.1:--port`, over plain HTTP, each request saying `X-Forwarded-Proto: https` as a TLS
   proxy in front would;
3. runs `--writers` threads for `--seconds`, each taking wellbeing check-ins through the API
   (`POST /api/v1/wellbeing/my/check-ins`), every one with a unique marker in its own words, and
   one reader of a public page (`/pledges/`), recording every answer;
4. restarts PostgreSQL `--restart-at` seconds in (`pg_ctlcluster VERSION CLUSTER restart` for the
   cluster on that port, else `service postgresql restart`);
5. checks, then prints a summary and exits 1 if a check failed (2 if nothing fell in the gap):
   - no answer was a 500, and none carried a stack trace; every failed answer was a 503 with
     `Retry-After` (JSON `{"detail": ...}` from the API, the calm page from a page);
   - at least one answer fell in the gap and was a 503 (else the run proves nothing: exit 2);
   - once the server was back, answers were 2xx again, from the same gunicorn (never restarted),
     and a last write and a last page after the run succeed;
   - every check-in that was answered 201 exists exactly once (counted by its marker); no marker
     exists twice; a write answered 503 may or may not have been saved (the page says so), and
     how many were is reported;
6. stops gunicorn and drops the database (`--keep-database` keeps it).

    sudo .venv/bin/python benchmarks/faults/postgres_restart.py --i-may-restart-postgres \
        --postgres postgres://postgres@127.0.0.1:5432
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHECK_INS = "/api/v1/wellbeing/my/check-ins"
PAGE = "/pledges/"


@dataclass
class Answer:
    at: float  # seconds since the run started
    what: str  # "write" or "page"
    marker: str
    status: int  # 0: no answer (the connection failed)
    retry_after: str
    body: str
    error: str = ""


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="See the module's docstring and benchmarks/faults/README.md.")
    parser.add_argument("--i-may-restart-postgres", action="store_true", help="Required: say that this run may restart the PostgreSQL server.")
    parser.add_argument(
        "--postgres", default=os.environ.get("FAULTS_POSTGRES", "postgres://postgres@127.0.0.1:5432"), help="The server, without a database name."
    )
    parser.add_argument("--database", default="goldenthread_faults", help="The database it creates and drops (default: %(default)s).")
    parser.add_argument("--port", type=int, default=8471, help="gunicorn's port on 127.0.0.1 (default: %(default)s).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default: %(default)s).")
    parser.add_argument("--writers", type=int, default=8, help="Threads taking check-ins at once (default: %(default)s).")
    parser.add_argument("--seconds", type=float, default=40, help="How long the writers run (default: %(default)s).")
    parser.add_argument("--restart-at", type=float, default=12, help="Seconds into the run to restart PostgreSQL (default: %(default)s).")
    parser.add_argument(
        "--recovery-seconds", type=float, default=10, help="After the restart ends, how long the site may take to answer 2xx again (default: %(default)s)."
    )
    parser.add_argument("--restart-command", default="", help="A shell command that restarts the server, in place of the one found.")
    parser.add_argument("--keep-database", action="store_true", help="Keep the database afterwards.")
    return parser.parse_args(argv)


def restart_command(postgres_url: str) -> list[str]:
    """How to restart the server at this address: its cluster by port with pg_ctlcluster, else the service."""
    port = str(urlsplit(postgres_url).port or 5432)
    if shutil.which("pg_lsclusters") and shutil.which("pg_ctlcluster"):
        listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False).stdout  # noqa: S607
        for line in listed.splitlines():
            version, cluster, cluster_port, *_ = line.split()
            if cluster_port == port:
                return ["pg_ctlcluster", version, cluster, "restart"]
    if shutil.which("service"):
        return ["service", "postgresql", "restart"]
    raise SystemExit("Found neither pg_ctlcluster nor service to restart PostgreSQL: give --restart-command.")


def production_environment(args, scratch: Path) -> dict:
    from cryptography.fernet import Fernet

    metrics = scratch / "metrics"
    metrics.mkdir()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goldenthread.settings.production",
        "DATABASE_URL": f"{args.postgres.rstrip('/')}/{args.database}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GOLDENTHREAD_SITE_URL": f"https://127.0.0.1:{args.port}",
        "GOLDENTHREAD_WELLBEING_KEYS": Fernet.generate_key().decode(),
        "GOLDENTHREAD_RATE_API_PER_PERSON": "1000000/m",  # the writers are one person, on purpose
        "GOLDENTHREAD_RATE_API_PER_CLIENT": "1000000/m",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_FORWARDED_ALLOW_IPS": "127.0.0.1,::1",
        "GUNICORN_LOGLEVEL": "warning",
    }


def sql(postgres_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{postgres_url.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def prepare_writer(env: dict) -> tuple[str, str]:
    """One practitioner with a confirmed authenticator and an API token: (token, a question's key)."""
    os.environ.update(env)  # this process reads the same database as gunicorn, to prepare and to count
    import django

    django.setup()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from goldenthread.core import safeguards
    from goldenthread.core import services as core_services
    from goldenthread.core.models import User
    from goldenthread.partnership.models import Membership, Organisation, Role, Sector
    from goldenthread.wellbeing import questions

    organisation = Organisation.objects.create(name="Riverbend Children's Services (fault run)", sector=Sector.CHILDRENS_SOCIAL_CARE, area="Borough-wide")
    person = User.objects.create_user("fault.writer@childrens.example", secrets.token_urlsafe(24), full_name="Riley Shah (fault run)")
    Membership.objects.create(user=person, organisation=organisation, role=Role.PRACTITIONER)
    device = TOTPDevice.objects.create(user=person, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
    _token, key = core_services.create_api_token(person, by=person, name="Fault run", device=device)
    return key, questions.current().questions[0].key


def saved_markers() -> Counter:
    """How many check-ins carry each marker, read (and decrypted) through the app's own models."""
    from django.db import connections

    from goldenthread.wellbeing.models import CheckIn

    connections.close_all()  # the connection from before the restart is gone
    return Counter(CheckIn.objects.filter(person__email="fault.writer@childrens.example").values_list("in_own_words", flat=True))


class Run:
    def __init__(self, args, token: str, question: str):
        self.args, self.token, self.question = args, token, question
        self.started = time.monotonic()
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def now(self) -> float:
        return time.monotonic() - self.started

    def request(self, what: str, method: str, path: str, body: dict | None = None, marker: str = "") -> Answer:
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if body is not None:
            headers |= {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        at = self.now()
        connection = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=30)
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = connection.getresponse()
            answer = Answer(at, what, marker, response.status, response.getheader("Retry-After", ""), response.read().decode("utf-8", "replace"))
        except OSError as error:
            answer = Answer(at, what, marker, 0, "", "", error=type(error).__name__)
        finally:
            connection.close()
        with self.lock:
            self.answers.append(answer)
        return answer

    def write(self) -> Answer:
        marker = f"fault-run-{uuid.uuid4().hex}"
        return self.request("write", "POST", CHECK_INS, {"answers": {self.question: 3}, "in_own_words": marker}, marker)

    def writer(self):
        while not self.stop.is_set():
            self.write()

    def reader(self):
        while not self.stop.is_set():
            self.request("page", "GET", PAGE)
            time.sleep(0.2)


def calm(answer: Answer) -> bool:
    """A 503 that says what happened and when to try again, with no stack trace."""
    if answer.status != 503 or answer.retry_after != "30" or "Traceback" in answer.body:
        return False
    if answer.what == "write":
        try:
            return bool(json.loads(answer.body).get("detail"))
        except ValueError:
            return False
    return "not available just now" in answer.body


def main(argv=None) -> int:
    args = arguments(argv)
    if not args.i_may_restart_postgres:
        print("This restarts the PostgreSQL server at --postgres. Run it only where that is allowed, with --i-may-restart-postgres.", file=sys.stderr)
        return 2
    restart = ["sh", "-c", args.restart_command] if args.restart_command else restart_command(args.postgres)
    if not args.restart_command and os.geteuid() != 0:
        print(f"Restarting PostgreSQL ({' '.join(restart)}) needs root: run with sudo, or give --restart-command.", file=sys.stderr)
        return 2

    scratch = Path(tempfile.mkdtemp(prefix="goldenthread-faults-"))
    env = production_environment(args, scratch)
    gunicorn = None
    try:
        print(f"== A fresh database {args.database}")
        sql(args.postgres, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        sql(args.postgres, f'CREATE DATABASE "{args.database}"')
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "createcachetable", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        token, question = prepare_writer(env)
        from django.db import connections

        connections.close_all()

        print(f"== gunicorn on 127.0.0.1:{args.port} ({args.workers} workers; log: {scratch / 'server.log'})")
        with (scratch / "server.log").open("w") as log:
            gunicorn = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "--config", str(ROOT / "deploy" / "gunicorn.conf.py"), "--chdir", str(ROOT), "goldenthread.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        run = Run(args, token, question)
        for _ in range(120):
            if gunicorn.poll() is not None:
                print(f"gunicorn stopped at start-up: see {scratch / 'server.log'}", file=sys.stderr)
                return 1
            if run.request("page", "GET", "/health/live/").status == 200:
                break
            time.sleep(0.5)
        run = Run(args, token, question)  # the clock and the answers start here

        print(f"== {args.writers} writers and a reader for {args.seconds:.0f} s; PostgreSQL restarts at {args.restart_at:.0f} s")
        threads = [threading.Thread(target=run.writer, daemon=True) for _ in range(args.writers)] + [threading.Thread(target=run.reader, daemon=True)]
        for thread in threads:
            thread.start()
        time.sleep(args.restart_at)
        gap_started = run.now()
        restarted = subprocess.run(restart, capture_output=True, text=True, check=False)  # noqa: S603
        gap_ended = run.now()
        print(f"   restart: {' '.join(restart)} -> {restarted.returncode} ({gap_started:.1f} s to {gap_ended:.1f} s)")
        time.sleep(max(0.0, args.seconds - run.now()))
        run.stop.set()
        for thread in threads:
            thread.join(timeout=60)
        last_write, last_page = run.write(), run.request("page", "GET", PAGE)
        same_gunicorn = gunicorn.poll() is None

        return report(run, args, gap_started, gap_ended, restarted.returncode, last_write, last_page, same_gunicorn, saved_markers())
    finally:
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=60)
        if not args.keep_database:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: BLE001, S110 (Django may never have started)
                pass
            sql(args.postgres, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        shutil.rmtree(scratch / "metrics", ignore_errors=True)


def report(run, args, gap_started, gap_ended, restart_status, last_write, last_page, same_gunicorn, saved: Counter) -> int:
    answers = sorted(run.answers, key=lambda a: a.at)
    failed = [a for a in answers if not 200 <= a.status < 400]
    in_gap = [a for a in failed if a.at >= gap_started - 1]
    recovered_by = gap_ended + args.recovery_seconds
    after = [a for a in answers if a.at >= recovered_by]
    first_back = next((a.at for a in answers if a.at >= gap_started and 200 <= a.status < 300 and a.at >= gap_ended), None)
    succeeded = [a.marker for a in answers if a.what == "write" and a.status == 201]
    refused = [a.marker for a in answers if a.what == "write" and a.status != 201]

    checks = {
        "the restart command worked": restart_status == 0,
        "no answer was a 500 or carried a stack trace": not any(a.status == 500 or "Traceback" in a.body for a in answers),
        "every failed answer was a calm 503 with Retry-After": all(calm(a) for a in failed),
        "no connection to gunicorn failed": not any(a.status == 0 for a in answers),
        f"every answer {args.recovery_seconds:.0f} s after the restart was 2xx": all(200 <= a.status < 300 for a in after) and bool(after),
        "gunicorn was never restarted": same_gunicorn,
        "a write and a page after the run succeeded": last_write.status == 201 and last_page.status == 200,
        "every write answered 201 exists exactly once": all(saved[m] == 1 for m in succeeded),
        "no marker exists twice": all(count == 1 for count in saved.values()),
        "nothing was saved that was never sent": set(saved) <= set(succeeded) | set(refused),
    }
    print(f"\n== {len(answers)} answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(Counter(a.status for a in answers).items())))
    print(
        f"   writes: {len(succeeded)} answered 201, {len(refused)} not; of those, {sum(1 for m in refused if saved[m])} were saved anyway (the 503 says they may be)"
    )
    print(f"   in the gap: {len(in_gap)} answers were not 2xx; first 2xx after the restart at {first_back if first_back is None else f'{first_back:.1f} s'}")
    for name, passed in checks.items():
        print(f"   {'PASS' if passed else 'FAIL'}  {name}")
    if not all(checks.values()):
        for answer in [a for a in failed if not calm(a)][:5]:
            print(f"   e.g. {answer.at:.1f} s {answer.what} {answer.status} {answer.error} {answer.body[:200]!r}")
        return 1
    if not in_gap:
        print("   INCONCLUSIVE  no answer fell in the gap: the restart was quicker than the writers; run with more --writers")
        return 2
    print("== Every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
