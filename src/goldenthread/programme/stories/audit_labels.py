"""How the audit log names the stories part's records (gathered by ../audit_labels.py): by title and organisation, never the story's words."""

from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Story

LABELS = {
    Story: AuditLabel(
        kind="story of practice",
        describe=lambda story: f"‘{story.title}’, from {story.organisation}",
        fields={
            "public_id": PUBLIC_ID,
            "title": "title",
            "what_we_did": "what we did",
            "what_changed": "what changed",
            "what_families_said": "what families said",
            "organisation": "organisation",
            "author": "who shared it",
            "domains": "areas of the continuum",
            "principles": "principles",
            "consent_given_by": "who agreed to it being shared",
            "consent_how": "how they agreed",
            "consent_on": "when they agreed",
            "consent_confirmed": "whether everyone it touches agreed",
            "reach": "who it is shared with",
            "status": "where it is",
            "sent_for_approval_at": "when it was sent for approval",
            "approved_by": "who approved it",
            "approved_at": "when it was approved",
            "sent_back_by": "who sent it back",
            "sent_back_at": "when it was sent back",
            "sent_back_reason": "the note on what would help",
            "withdrawn_at": "when it was withdrawn",
            "created_at": "when it was written",
            "updated_at": "when it was last changed",
        },
    )
}
