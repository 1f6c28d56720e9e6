"""How the audit log names the quality part's records."""

LABELS = {}
