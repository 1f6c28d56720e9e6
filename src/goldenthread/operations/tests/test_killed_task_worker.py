"""A task whose worker was killed mid-way runs again, and its effect happens once.

The first test kills a real `manage.py db_worker` with SIGKILL while its task is RUNNING, on a
SQLite file both processes share; the others show the recovery's rules, and that a task of the
product (the practice follow-up, which writes a row and queues an e-mail) has its effect once
when it is run again after a worker died.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from goldenthread.operations.tasks_recovery import GAVE_UP, requeue_stalled
from goldenthread.training.models import Completion, PracticeFollowUp
from goldenthread.training.tasks import send_practice_follow_up
from goldenthread.training.tests.conftest import core_programme, essentials  # noqa: F401 (the training the tests share)

REPO = Path(__file__).resolve().parents[4]
TASK = "goldenthread.operations.tests.fault_tasks.write_once_then_pause"

pytestmark = pytest.mark.django_db


def manage(database: Path, *args, **popen):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "goldenthread.settings.test", "DATABASE_URL": f"sqlite:///{database}"}
    command = [sys.executable, str(REPO / "manage.py"), *args]
    if popen:
        return subprocess.Popen(command, cwd=REPO, env=env, **popen)  # noqa: S603
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def row(database: Path) -> tuple[str, list]:
    with sqlite3.connect(database) as db:
        status, worker_ids = db.execute("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult").fetchone()
    return status, json.loads(worker_ids)


def test_a_worker_killed_mid_task_leaves_the_task_to_run_again_and_its_effect_happens_once(tmp_path):
    database, folder = tmp_path / "tasks.sqlite3", tmp_path / "effect"
    folder.mkdir()
    enqueue = f"from goldenthread.operations.tests.fault_tasks import write_once_then_pause as t; t.enqueue({str(folder)!r}, 'marker-1', 600)"
    manage(database, "migrate", "django_tasks_database", "--no-input", "-v", "0")
    manage(database, "shell", "-c", enqueue)

    worker = manage(database, "db_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (folder / "effects").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert row(database)[0] == "RUNNING", "the worker took the task and is in the middle of it"
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    status, worker_ids = row(database)
    assert status == "RUNNING" and len(worker_ids) == 1, "nothing brings the task back by itself"

    finished = manage(database, "run_worker", "--older-than", "0", "--batch", "--no-startup-delay")

    assert "Put back in the queue" in finished.stdout
    status, worker_ids = row(database)
    assert status == "SUCCESSFUL"
    assert len(worker_ids) == 2, "two attempts, each counted"
    assert (folder / "attempts").read_text().split() == ["1", "2"]
    assert (folder / "effects").read_text().split() == ["marker-1"], "the effect happened once"


def stalled(minutes_ago: float, attempts: int = 1, status=TaskResultStatus.RUNNING) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=TASK,
        backend_name="default",
        run_after=timezone.now() - timedelta(hours=1),
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=[f"worker-{n}" for n in range(attempts)],
    )


def test_only_tasks_running_for_longer_than_the_limit_are_put_back():
    lost, still_running, done = stalled(60), stalled(2), stalled(60, status=TaskResultStatus.SUCCESSFUL)

    result = requeue_stalled(timedelta(minutes=15))

    assert result.requeued == [str(lost.pk)] and result.gave_up == []
    for each in (lost, still_running, done):
        each.refresh_from_db()
    assert lost.status == TaskResultStatus.READY and lost.worker_ids == ["worker-0"], "the attempt stays counted"
    assert still_running.status == TaskResultStatus.RUNNING
    assert done.status == TaskResultStatus.SUCCESSFUL


def test_a_task_whose_workers_keep_dying_is_given_up_after_the_last_attempt():
    poison = stalled(60, attempts=5)

    result = requeue_stalled(timedelta(minutes=15), max_attempts=5)

    poison.refresh_from_db()
    assert result.gave_up == [str(poison.pk)]
    assert poison.status == TaskResultStatus.FAILED and poison.exception_class_path == GAVE_UP
    assert "started 5 times" in poison.traceback


def test_the_command_says_what_it_put_back(capsys):
    lost = stalled(60)

    call_command("requeue_stalled_tasks", "--older-than", "15")
    call_command("requeue_stalled_tasks", "--older-than", "15")

    out = capsys.readouterr().out
    assert f"Put back in the queue: task {lost.pk}" in out
    assert "No task had lost its worker." in out


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection between tasks, as in production
def test_the_practice_follow_up_run_again_after_its_worker_died_is_written_and_e_mailed_once(
    essentials,  # noqa: F811
    practitioner,
    childrens_services,
    django_capture_on_commit_callbacks,
):
    completion = Completion.objects.create(course=essentials, person=practitioner, organisation=childrens_services, completed_on=date(2026, 9, 1))
    send_practice_follow_up.enqueue(completion.pk, completion.completed_on.isoformat())
    task = DBTaskResult.objects.get(task_path="goldenthread.training.tasks.send_practice_follow_up")
    # A worker claims it and does its work, then dies before marking it done (what db_worker does, up to the kill).
    task.claim("worker-that-died")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_practice_follow_up.call(*task.args_kwargs["args"]) is True
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))

    requeue_stalled(timedelta(minutes=15))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    assert task.return_value is False, "the second run found the follow-up written already"
    assert PracticeFollowUp.objects.filter(person=practitioner).count() == 1
    assert [message.to for message in mail.outbox] == [[practitioner.email]], "one e-mail"


def test_the_worker_waits_for_a_database_that_went_away_and_starts_again(monkeypatch, caplog):
    from django.db import OperationalError

    runs = []

    def worker_run(self):
        runs.append(self.worker_id)
        if len(runs) == 1:
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.Worker.run", worker_run)
    monkeypatch.setattr("goldenthread.operations.management.commands.run_worker.time.sleep", lambda seconds: None)
    monkeypatch.setattr("goldenthread.operations.management.commands.run_worker.connections.close_all", lambda: None)

    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert len(runs) == 2, "started again once the database answered"
    assert "Database unavailable: the task worker waits 1 s and starts again (OperationalError)" in caplog.text


def test_any_other_error_still_stops_the_worker(monkeypatch):
    from django.db import ProgrammingError

    def worker_run(self):
        raise ProgrammingError("column does not exist")

    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.Worker.run", worker_run)

    with pytest.raises(ProgrammingError):
        call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
