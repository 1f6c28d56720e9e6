"""How the audit log names the partnership's records, in the partnership's words (registered in `apps.py`)."""

from goldenthread.core.registry import AuditLabel

from .models import Membership, Organisation

LABELS = {
    Organisation: AuditLabel(
        kind="member organisation",
        fields={
            "public_id": "the record's reference",
            "slug": "its web address",
            "is_active": "whether it is an active member",
            "joined_on": "when it joined",
        },
    ),
    Membership: AuditLabel(
        kind="person's place in an organisation",
        fields={"user": "who", "organisation": "which organisation", "role": "role", "since": "since when"},
    ),
}
