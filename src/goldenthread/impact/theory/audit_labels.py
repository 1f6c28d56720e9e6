"""How the audit log names the theory part's records."""

LABELS = {}
