"""The signals that keep the checks up to date: a record saved, a record deleted, the rules changed.

A save queues one `check_writing` task for everything saved in the same transaction, once it is
committed (nothing is queued for a change rolled back); a save that touched none of the checked
fields queues nothing. A delete removes the record's row at once, in the same transaction. A
change of the site's rules queues the first batch of re-checks.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from goldenthread.core import registry
from goldenthread.core.language import site_rules_changed

from .models import WritingCheck

MOST_IN_ONE_TASK = 200


class _Waiting:
    """The records saved in one transaction, queued as `check_writing` tasks when it commits."""

    def __init__(self):
        self.records: dict[tuple[str, int], None] = {}

    def __call__(self):
        from .tasks import check_writing

        records = [[label, pk] for label, pk in self.records]
        for start in range(0, len(records), MOST_IN_ONE_TASK):
            check_writing.enqueue(records[start : start + MOST_IN_ONE_TASK])


def _waiting_for_commit() -> _Waiting:
    """The batch this transaction will queue, registered with `on_commit` the first time (and again after a rollback dropped it)."""
    connection = transaction.get_connection()
    for _savepoints, callback, *_rest in connection.run_on_commit:
        if isinstance(callback, _Waiting):
            return callback
    waiting = _Waiting()
    transaction.on_commit(waiting)
    return waiting


def queue_check(model_label: str, object_id: int) -> None:
    """Check this record in the background once the change is committed."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        from .tasks import check_writing

        check_writing.enqueue([[model_label, object_id]])
        return
    _waiting_for_commit().records[(model_label, object_id)] = None


@receiver(post_save, dispatch_uid="language_monitoring.saved")
def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    monitored = registry.monitored_text_for(sender._meta.label_lower)
    if monitored is None:
        return
    if update_fields is not None and not set(update_fields) & set(monitored.fields):
        return
    queue_check(monitored.model, instance.pk)


@receiver(post_delete, dispatch_uid="language_monitoring.deleted")
def _deleted(sender, instance, **kwargs):
    monitored = registry.monitored_text_for(sender._meta.label_lower)
    if monitored is not None:
        WritingCheck.objects.filter(model_label=monitored.model, object_id=instance.pk).delete()


@receiver(site_rules_changed, dispatch_uid="language_monitoring.rules_changed")
def _rules_changed(sender, version=None, **kwargs):
    from .tasks import check_again_under_new_rules

    check_again_under_new_rules.enqueue(0)
