"""How the audit log names the pledges' records, in the partnership's words (registered in `apps.py`)."""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PLANNED_STEP_FIELDS, PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Commitment, PersonalPledge, Pledge, PledgeAction, PledgeText, ProgressUpdate, Renewal

LABELS = {
    PledgeText: AuditLabel(
        kind="version of the pledge's wording",
        fields={"version": "version", "title": "title", "introduction": "introduction", "published_on": "when it was published"},
    ),
    Commitment: AuditLabel(
        kind="commitment an organisation can make",
        fields={"pledge_text": "version of the pledge", "strand": "strand", "code": "short name", "text": "wording", "order": "place in the list"},
    ),
    Pledge: AuditLabel(
        kind="pledge",
        fields={
            "public_id": PUBLIC_ID,
            "organisation": "organisation",
            "pledge_text": "version of the pledge",
            "commitments": "commitments chosen",
            "signed_by": "who signed it on the site",
            "renewed_on": "when it was last renewed",
            "expires_on": "when it runs out",
            "status": "whether it is published or withdrawn",
            "withdrawn_reason": "why it was withdrawn",
            "updated_at": "when it was last changed",
        },
    ),
    Renewal: AuditLabel(
        kind="renewal of a pledge",
        describe=lambda renewal: f"{renewal.pledge}, renewed on {day(renewal.renewed_on)}",
        fields={
            "pledge": "pledge",
            "renewed_on": "when it was renewed",
            "signatory_name": "name of the senior person renewing it",
            "signatory_role": "their job title",
            "renewed_by": "who renewed it on the site",
            "expires_on": "when it runs out",
        },
    ),
    PledgeAction: AuditLabel(kind="step in a pledge's action plan", fields={**PLANNED_STEP_FIELDS, "pledge": "pledge", "strand": "strand"}),
    ProgressUpdate: AuditLabel(
        kind="yearly progress update",
        describe=lambda update: f"Progress on the {str(update.pledge)[:1].lower()}{str(update.pledge)[1:]}, posted on {day(update.posted_on)}",
        fields={"pledge": "pledge", "posted_on": "when it was posted", "posted_by": "who posted it", "summary": "what has changed this year"},
    ),
    PersonalPledge: AuditLabel(
        kind="personal pledge",
        fields={
            "public_id": PUBLIC_ID,
            "user": "whose pledge it is",
            "organisation": "organisation",
            "commitment": "the pledge, in their words",
            "made_on": "when it was made",
            "is_shown": "whether it is shown on the organisation's page",
        },
    ),
}
