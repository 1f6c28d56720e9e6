"""How the audit log names the feedback part's records."""

LABELS = {}
