"""How the audit log names the indicators part's records."""

LABELS = {}
