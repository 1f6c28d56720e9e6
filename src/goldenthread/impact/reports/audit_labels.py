"""How the audit log names the reports part's records (gathered by ../audit_labels.py). Never by what a commentary says."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import BoardReport

LABELS = {
    BoardReport: AuditLabel(
        kind="board report",
        describe=lambda report: f"{report.title}, {day(report.starts_on)} to {day(report.ends_on)}",
        fields={
            "public_id": PUBLIC_ID,
            "title": "title",
            "starts_on": "the period's first day",
            "ends_on": "the period's last day",
            "organisation": "who it is about",
            "commentary": "commentary",
            "version": "version",
            "state": "draft or final",
            "snapshot": "its figures",
            "digest": "the fingerprint of its figures",
            "figures_at": "when its figures were worked out",
            "made_by": "who started it",
            "made_at": "when it was started",
            "finalised_by": "who made it final",
            "finalised_at": "when it was made final",
        },
    ),
}
