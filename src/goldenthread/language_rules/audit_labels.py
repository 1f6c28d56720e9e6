"""How the audit log names the language rules' records: by the rule's name and version."""

from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import PartnershipRule, RulePublication, RuleReview, RuleSwitch, RuleVersion


def rule_name(rule_id: str) -> str:
    """A rule as the audit log names it: the partnership's own by its short name, a shipped rule by its id."""
    own = rule_id.removeprefix("partnership.")
    return f"‘{own}’, the partnership's own" if own != rule_id else rule_id


LABELS = {
    PartnershipRule: AuditLabel(
        kind="language rule",
        describe=lambda rule: rule_name(rule.rule_id),
        fields={
            "public_id": PUBLIC_ID,
            "rule_id": "the rule's name",
            "changes_shipped_rule": "whether it changes a rule shipped with the check",
            "created_by": "who first proposed it",
            "created_at": "when it was first proposed",
        },
    ),
    RuleVersion: AuditLabel(
        kind="version of a language rule",
        describe=lambda version: f"{rule_name(version.rule.rule_id)}, version {version.number}",
        fields={
            "public_id": PUBLIC_ID,
            "rule": "rule",
            "number": "version",
            "words": "words to find",
            "message": "why it matters",
            "reframes": "what to say instead",
            "must_flag": "examples it must find",
            "must_pass": "examples it must leave alone",
            "category": "kind of language",
            "severity": "how strongly it is said",
            "why": "why it was proposed",
            "proposed_by": "who proposed it",
            "proposed_at": "when it was proposed",
        },
    ),
    RuleReview: AuditLabel(
        kind="review of a language rule",
        describe=lambda review: f"{review.version}: {'approved' if review.approved else 'sent back'}",
        fields={
            "version": "version",
            "approved": "whether it was approved",
            "reason": "the reviewer's note",
            "reviewed_by": "who reviewed it",
            "reviewed_at": "when it was reviewed",
        },
    ),
    RulePublication: AuditLabel(
        kind="publication of a language rule",
        describe=lambda publication: str(publication.version),
        fields={"version": "version", "published_by": "who published it", "published_at": "when it was published"},
    ),
    RuleSwitch: AuditLabel(
        kind="language rule switched off or on",
        describe=lambda switch: f"{rule_name(switch.rule_id)}, switched {'on' if switch.switched_on else 'off'}",
        fields={
            "rule_id": "the rule's name",
            "switched_on": "whether it was switched back on",
            "reason": "why",
            "switched_by": "who switched it",
            "switched_at": "when",
        },
    ),
}
