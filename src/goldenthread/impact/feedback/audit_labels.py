"""How the audit log names the feedback part's records (never a family's name)."""

from goldenthread.core.registry import AuditLabel

LABELS = {
    "impact.feedbackrequest": AuditLabel(
        kind="a request to a family for feedback",
        describe=lambda found: f"A feedback survey sent on {found.sent_at:%-d %B %Y}",
        fields={"answered_at": "when it was answered", "emailed": "whether it went by e-mail", "token_digest": "the link's digest"},
    ),
    "impact.opensurveylink": AuditLabel(
        kind="an open survey link",
        describe=lambda found: f"An open survey link for {found.organisation.name}",
        fields={"stopped_at": "when it was stopped", "stopped_by": "who stopped it"},
    ),
}
