"""How the audit log names the reports part's records."""

LABELS = {}
