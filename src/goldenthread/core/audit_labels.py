"""How the audit log names core's records (accounts, API tokens, the terms), in the partnership's words."""

from .models import ApiToken, TermsAcceptance, User
from .registry import AuditLabel

PUBLIC_ID = "the record's reference"
# The fields every action plan's step shares (`core.models.PlannedStep`).
PLANNED_STEP_FIELDS = {"public_id": PUBLIC_ID, "description": "what we will do", "owner": "who owns it", "due_on": "due date", "status": "how far it has got"}

LABELS = {
    User: AuditLabel(
        kind="account",
        fields={
            "password": "password",
            "last_login": "when they last signed in",
            "is_superuser": "full rights in the admin",
            "public_id": PUBLIC_ID,
            "email": "e-mail address",
            "full_name": "full name",
            "job_title": "job title",
            "is_partnership_admin": "whether they lead or run the partnership",
            "is_data_protection_lead": "whether they are the data protection lead",
            "is_active": "whether the account is open",
            "is_staff": "whether they can use the admin",
            "date_joined": "when the account was made",
            "groups": "groups in the admin",
            "user_permissions": "rights in the admin",
        },
    ),
    ApiToken: AuditLabel(
        kind="API token",
        describe=lambda token: f"‘{token.name}’, made for {token.user}",
        fields={
            "user": "whose token it is",
            "name": "name",
            "scope": "what it may read",
            "prefix": "the token's first letters",
            "key_hash": "the token's check value",
            "verified_device": "the two-step device that verified it",
            "created_at": "when it was made",
            "expires_at": "when it stops working",
            "last_used_at": "when it was last used",
            "revoked_at": "when it was stopped",
        },
    ),
    TermsAcceptance: AuditLabel(
        kind="acceptance of the terms of use",
        describe=lambda accepted: f"{accepted.user} accepted version {accepted.version} of the terms of use",
        fields={"user": "who accepted them", "version": "which version", "accepted_at": "when they accepted them"},
    ),
}
