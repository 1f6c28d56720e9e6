"""How the audit log names the continuum's records, in the partnership's words (registered in `apps.py`).

An answer is described by whose it is and which statement, never by the answer given.
"""

from goldenthread.core.audit_labels import PLANNED_STEP_FIELDS, PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Answer, Assessment, ContinuumAction, Domain, Framework, Item, Response


def _statement(item) -> str:
    text = item.text if len(item.text) <= 80 else item.text[:79].rstrip() + "…"
    return f"‘{text}’"


LABELS = {
    Framework: AuditLabel(
        kind="self-assessment framework",
        fields={
            "code": "short name",
            "version": "version",
            "kind": "who it is for",
            "title": "title",
            "description": "description",
            "scale": "answer scale",
            "bands": "bands",
            "published_on": "when it was published",
            "is_current": "whether it is the version in use",
        },
    ),
    Domain: AuditLabel(
        kind="area of a self-assessment framework",
        describe=lambda domain: f"{domain.title}, in {domain.framework}",
        fields={"framework": "framework", "code": "short name", "title": "title", "description": "description", "order": "place in the list"},
    ),
    Item: AuditLabel(
        kind="statement in a self-assessment framework",
        describe=_statement,
        fields={"domain": "area", "code": "short name", "text": "wording", "guidance": "what good looks like", "order": "place in the list"},
    ),
    Assessment: AuditLabel(
        kind="self-assessment round",
        fields={
            "public_id": PUBLIC_ID,
            "organisation": "organisation",
            "framework": "framework",
            "started_by": "who started it",
            "started_on": "when it started",
            "status": "whether it is open or completed",
            "completed_on": "when it was completed",
            "result": "result",
        },
    ),
    Response: AuditLabel(
        kind="person's answers in a self-assessment round",
        fields={
            "public_id": PUBLIC_ID,
            "assessment": "round",
            "respondent": "whose answers they are",
            "role_description": "their role",
            "invited_by": "who invited them",
            "status": "how far they have got",
            "submitted_at": "when they sent their answers",
            "updated_at": "when they last saved",
        },
    ),
    Answer: AuditLabel(
        kind="answer to a statement",
        describe=lambda answer: f"{answer.response.respondent}'s answer to {_statement(answer.item)}",
        fields={"response": "whose answers", "item": "statement", "value": "the answer", "evidence": "evidence or an example"},
    ),
    ContinuumAction: AuditLabel(
        kind="step in a self-assessment action plan",
        fields={**PLANNED_STEP_FIELDS, "organisation": "organisation", "assessment": "round", "domain": "area", "created_at": "when it was added"},
    ),
}
