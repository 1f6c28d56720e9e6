"""How the audit log names the roadmap part's records (gathered by ../audit_labels.py): a milestone by its title and date, a step in its history by its milestone."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Milestone, MilestoneChange

LABELS = {
    Milestone: AuditLabel(
        kind="milestone on the roadmap",
        describe=lambda milestone: f"{milestone.title}, for {day(milestone.due_on)}",
        fields={
            "public_id": PUBLIC_ID,
            "programme": "programme",
            "title": "milestone",
            "description": "what it means",
            "due_on": "date",
            "sector": "sector",
            "organisation": "organisation",
            "domains": "continuum areas",
            "principles": "principles",
            "status": "where it stands",
            "reached_on": "when it was reached",
            "dropped_reason": "why it was dropped",
            "actions": "linked actions",
            "created_by": "who added it",
            "created_at": "when it was added",
            "changed_at": "when it was last changed",
        },
    ),
    MilestoneChange: AuditLabel(
        kind="step in a milestone's history",
        describe=lambda change: f"{change.get_kind_display()}: {change.milestone.title}",
        fields={
            "milestone": "milestone",
            "kind": "what happened",
            "from_date": "date before",
            "to_date": "date after",
            "note": "why, or what it looked like",
            "by": "who did it",
            "at": "when",
        },
    ),
}
