"""A checked file kept for confirming, and forgetting its text: when its person sets it aside, or a day on if nobody confirmed it.

Here, not in `services`, so that the background task that forgets an unconfirmed file
(`tasks.forget_unconfirmed_import`) and the services that keep a file and queue that task can
both use it: `lms.services` imports `tasks`, both import this, and `tasks` never imports
`lms.services`. Nothing here queues a task.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import LmsImport

KEPT_FOR = timedelta(days=1)  # a checked file nobody confirms is forgotten after this


def forget(lms_import) -> LmsImport:
    """Set a checked file aside: its text is forgotten, and it can no longer be imported."""
    with transaction.atomic():
        lms_import.status = LmsImport.Status.SET_ASIDE
        lms_import.text = ""
        lms_import.finished_at = timezone.now()
        lms_import.save()
    return lms_import


def forget_unconfirmed(lms_import, *, by=None) -> bool:
    """A day after a check nobody confirmed: forget the file's text. The system does this (`by` None)."""
    if lms_import.status != LmsImport.Status.CHECKED:
        return False
    forget(lms_import)
    return True
