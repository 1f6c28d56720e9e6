"""How the audit log names the stories part's records (gathered by ../audit_labels.py)."""

LABELS: dict = {}
