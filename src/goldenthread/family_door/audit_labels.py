"""How the audit log names the family door's records: never what a family member wrote."""

from goldenthread.core.registry import AuditLabel

from .models import Invitation, Question, ShareRequest, SignInCode, Suggestion, TermsAgreed

LABELS = {
    Invitation: AuditLabel("an invitation to a family member's own sign-in", lambda r: f"invitation for a person in family record {r.person.family.reference}"),
    SignInCode: AuditLabel("a family member's sign-in code", lambda r: "a sign-in code (kept only as a digest)", {"code_digest": "the code's digest"}),
    TermsAgreed: AuditLabel("a family member's agreement to their terms", lambda r: f"terms version {r.version}"),
    Suggestion: AuditLabel(
        "a family member's suggested change",
        lambda r: f"a suggestion for family record {r.family.reference}",
        {"suggested_text": "their words", "text_then": "the text then", "final_text": "the words agreed", "reply": "the reply"},
    ),
    Question: AuditLabel(
        "a family member's question", lambda r: f"a question for family record {r.family.reference}", {"text": "their question", "answer": "the answer"}
    ),
    ShareRequest: AuditLabel("a family member's request to share", lambda r: f"a request to share family record {r.family.reference}"),
}
