"""How the audit log names the quality part's records: by whose audit they are, never a family's name or what was written."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import AuditGrade, AuditItem, Auditor, AuditRound

LABELS = {
    Auditor: AuditLabel(
        kind="appointment as an auditor of records",
        describe=lambda appointment: f"{appointment.person}'s appointment as an auditor",
        fields={
            "public_id": PUBLIC_ID,
            "person": "who audits",
            "appointed_by": "who appointed them",
            "appointed_at": "when they were appointed",
            "ended_at": "when the appointment ended",
            "ended_by": "who ended it",
        },
    ),
    AuditRound: AuditLabel(
        kind="round of audit",
        describe=lambda audit_round: f"a round of audit for {audit_round.auditor}, drawn on {day(audit_round.drawn_at)}",
        fields={
            "public_id": PUBLIC_ID,
            "auditor": "who audits",
            "drawn_by": "who drew it",
            "period_start": "first day of the records' period",
            "period_end": "last day of the records' period",
            "organisation": "organisation",
            "size_asked": "how many records were asked for",
            "available": "how many records the auditor could see",
            "seed": "the seed of the draw",
            "drawn_at": "when it was drawn",
            "state": "state",
            "finished_at": "when it was finished",
        },
    ),
    AuditItem: AuditLabel(
        kind="record drawn for an audit",
        describe=lambda item: f"record {item.position} of a round of audit drawn on {day(item.round.drawn_at)}",
        fields={
            "public_id": PUBLIC_ID,
            "round": "round of audit",
            "position": "its place in the round",
            "family": "family record",
            "family_reference": "family reference",
            "organisation": "recording organisation",
            "parts": "parts of the record",
            "state": "state",
            "finished_at": "when it was finished",
            "skipped_reason": "why it was left out",
        },
    ),
    AuditGrade: AuditLabel(
        kind="audit grade",
        describe=lambda grade: f"a grade for record {grade.item.position} of a round of audit",
        fields={"item": "record", "question": "question", "grade": "grade", "note": "note", "graded_by": "who graded it", "graded_at": "when"},
    ),
}
