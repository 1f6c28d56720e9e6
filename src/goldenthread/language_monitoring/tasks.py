"""Background checks, run by the task worker (`manage.py db_worker`).

- `check_writing(records)`: check the records just saved (queued by `watch.py` once the change
  is committed). Running it twice does nothing more: an unchanged record is skipped.
- `check_again_under_new_rules(after_id)`: after the site's rules change, check again the rows
  checked under other rules, a batch at a time, each batch queueing the next; rows already
  checked under the rules as they stand are not touched.
"""

from django_tasks import task

from goldenthread.core.language import site_rules_version

from . import checking
from .models import WritingCheck

BATCH = 200


@task()
def check_writing(records: list[list]) -> dict:
    """Check each `[model label, id]`; returns how many were checked, unchanged or removed."""
    return dict(checking.check_records((label, pk) for label, pk in records))


@task()
def check_again_under_new_rules(after_id: int = 0) -> int:
    """Check again the next batch of rows checked under other rules; queue the batch after it. Returns how many it looked at."""
    version = site_rules_version()
    batch = list(
        WritingCheck.objects.filter(pk__gt=after_id).exclude(rules_version=version).order_by("pk").values_list("pk", "model_label", "object_id")[:BATCH]
    )
    for _pk, model_label, object_id in batch:
        checking.check_record(model_label, object_id, version=version)
    if len(batch) == BATCH:
        check_again_under_new_rules.enqueue(batch[-1][0])
    return len(batch)
