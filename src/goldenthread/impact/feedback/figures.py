"""The feedback figures the indicators, the golden thread and the board reports read (the contract is `indicators.computed.Figure`).

- `feedback_score(period, organisation=None)`: the average of every score families gave in
  the period (1 to 5), over the whole partnership or one organisation; None and held back
  under `rules.MINIMUM_ANSWERS` answers.
- `answers_given(period, organisation=None)`: how many answers families gave; held back too
  when there are 1 to 4 (none is shown as none).
"""

from __future__ import annotations

from django.db.models import Count, Sum

from goldenthread.impact.indicators.computed import Figure
from goldenthread.impact.periods import Period

from . import queries, rules


def _answers(period: Period, organisation=None):
    return queries.answers_in(period, None if organisation is None else [organisation])


def feedback_score(period: Period, organisation=None) -> Figure:
    found = _answers(period, organisation).aggregate(answers=Count("id"), total=Sum("score_total"), scored=Sum("score_count"))
    answers, total, scored = found["answers"], found["total"] or 0, found["scored"] or 0
    if not answers:
        return Figure(None, "No answers from families yet", 0, 0)
    if not rules.shown(answers):
        return Figure(None, rules.HELD_BACK, None, None, held_back=True)
    if not scored:
        return Figure(None, f"{answers} answers, none with a score", None, answers)
    value = round(total / scored, 2)
    return Figure(value, f"{value:.1f} out of 5, from {answers} answers", total, scored)


def answers_given(period: Period, organisation=None) -> Figure:
    answers = _answers(period, organisation).count()
    if not answers:
        return Figure(0, "No answers from families yet", 0, None)
    if not rules.shown(answers):
        return Figure(None, rules.HELD_BACK, None, None, held_back=True)
    return Figure(answers, f"{answers} answers from families", answers, None)
