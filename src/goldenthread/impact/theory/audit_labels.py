"""How the audit log names the theory part's records: a version by its number, a part of it by its words and version."""

from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Activity, Assumption, Outcome, TheoryVersion

PART = {"public_id": PUBLIC_ID, "theory": "version of the theory of change", "order": "order", "version": "edit number"}

LABELS = {
    TheoryVersion: AuditLabel(
        kind="version of the theory of change",
        describe=lambda theory: f"Version {theory.number} ({theory.get_state_display().lower()})",
        fields={
            "public_id": PUBLIC_ID,
            "number": "version",
            "state": "where it stands",
            "note": "what changed",
            "made_by": "who started it",
            "made_at": "when it was started",
            "published_by": "who published it",
            "published_at": "when it was published",
        },
    ),
    Outcome: AuditLabel(
        kind="outcome in the theory of change",
        describe=lambda outcome: f"{outcome.title}, in version {outcome.theory.number}",
        fields={**PART, "key": "key", "title": "outcome", "horizon": "how soon", "for_whom": "for whom", "description": "what it means"},
    ),
    Activity: AuditLabel(
        kind="activity in the theory of change",
        describe=lambda activity: f"{activity.title}, in version {activity.theory.number}",
        fields={**PART, "title": "activity", "description": "what it involves", "leads_to": "outcomes it leads to"},
    ),
    Assumption: AuditLabel(
        kind="assumption in the theory of change",
        describe=lambda assumption: f"An assumption in version {assumption.theory.number}",
        fields={**PART, "text": "assumption"},
    ),
}
