"""The quality part's computed figure, for the indicators (`impact.indicators.computed.Figure` is the contract).

`audit_grade(period, organisation=None)`: of the records graded in the period (by the day
their grading was finished; records left out are not counted), the share that meet the
standard: "Clearly" on every question that applies. A record where no question applies is
left out of both counts. Held back when fewer than `rules.MIN_GROUP` records were graded, so
no one family's record can be picked out. Grades never change once given, so a past period
gives the same figure whenever it is asked for. Its page is `impact:quality_results`.
"""

from __future__ import annotations

from collections import defaultdict

from goldenthread.impact.indicators.computed import Figure
from goldenthread.impact.periods import Period

from . import queries, questions, rules
from .models import AuditGrade

KEY = "quality-audit-grade"
NAME = "Records meeting the audit standard"
HOW = (
    "Of the families' records graded by the partnership's auditors in the period, the share graded "
    "'Clearly' on every audit question that applies. Held back when fewer than 5 records were graded."
)
SOURCE = "impact:quality_results"


def standard_counts(period: Period, organisation=None) -> tuple[int, int]:
    """(records meeting the standard, records graded that any question applies to), for the period."""
    grades_by_item = defaultdict(list)
    items = queries.graded_items(period, organisation)
    for item_id, grade in AuditGrade.objects.filter(item__in=items).values_list("item_id", "grade"):
        grades_by_item[item_id].append(grade)
    verdicts = [questions.meets_standard(found) for found in grades_by_item.values()]
    counted = [verdict for verdict in verdicts if verdict is not None]
    return sum(1 for verdict in counted if verdict), len(counted)


def audit_grade(period: Period, organisation=None) -> Figure:
    meeting, graded = standard_counts(period, organisation)
    if graded == 0:
        return Figure(None, "No records were graded in this period.", 0, 0)
    if graded < rules.MIN_GROUP:
        return Figure(None, f"Held back: fewer than {rules.MIN_GROUP} records were graded in this period.", None, None, held_back=True)
    share = 100 * meeting / graded
    return Figure(share, f"{meeting} of {graded} records graded ({share:.0f}%)", meeting, graded)
