"""E-mail goes only as a background task, enqueued once the change that caused it is saved."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from goldenthread.core.mail import send_email, send_later

TASK_PATH = "goldenthread.core.mail.send_email"


def queued():
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH))


def test_an_email_is_queued_only_when_the_change_is_saved_and_sent_by_the_worker(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        send_later("riley.shah@childrens.example", "A new action for you", "Ring the school by Friday.")
        assert not queued(), "nothing is queued before the change is saved"

    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    (task,) = queued()
    assert task.args_kwargs["args"] == [["riley.shah@childrens.example"], "A new action for you", "Ring the school by Friday."]
    assert mail.outbox == [], "the page never waits for the mail server"

    assert send_email.call(*task.args_kwargs["args"]) == 1
    (sent,) = mail.outbox
    assert sent.to == ["riley.shah@childrens.example"]
    assert sent.subject == "A new action for you"
    assert sent.body == "Ring the school by Friday."
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL


def test_nothing_is_sent_when_the_change_is_rolled_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_later("riley.shah@childrens.example", "A new action for you", "Ring the school by Friday.")
            raise RuntimeError("the change failed")

    assert callbacks == []
    assert not queued()
    assert mail.outbox == []


def test_an_email_to_several_people_is_one_task_and_empty_addresses_are_left_out(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_later(["riley.shah@childrens.example", "", "casey.evans@health.example"], "Supervision on Monday", "See you there.")

    (task,) = queued()
    assert task.args_kwargs["args"][0] == ["riley.shah@childrens.example", "casey.evans@health.example"]


def test_an_email_to_no_one_queues_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_later([], "Supervision on Monday", "See you there.")
        send_later("", "Supervision on Monday", "See you there.")

    assert callbacks == []
    assert not queued()
