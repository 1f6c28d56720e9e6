"""How the audit log names wellbeing's records. Only reflective spaces and deletions are logged (see services.py); never anyone's answers."""

from goldenthread.core.registry import AuditLabel

LABELS = {
    "wellbeing.checkin": AuditLabel(kind="private check-in"),
    "wellbeing.reflectivespace": AuditLabel(
        kind="reflective space",
        fields={
            "title": "title",
            "about": "what it is for",
            "format": "how it is held",
            "venue": "venue and address",
            "joining_link": "joining link",
            "starts_at": "when it starts",
            "ends_at": "when it ends",
            "capacity": "places",
            "host": "host",
            "is_cancelled": "whether it is cancelled",
        },
    ),
}
