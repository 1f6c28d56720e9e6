"""What waits for a person in impact: each part's hand-overs (a survey to send, records to audit, a report to finish)."""

from .feedback import waiting as feedback_waiting
from .indicators import waiting as indicators_waiting
from .quality import waiting as quality_waiting
from .reports import waiting as reports_waiting
from .theory import waiting as theory_waiting

PARTS = (theory_waiting, indicators_waiting, feedback_waiting, quality_waiting, reports_waiting)


def waiting(user) -> list:
    return [notice for part in PARTS for notice in part.waiting(user)]
