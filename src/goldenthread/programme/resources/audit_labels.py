"""How the audit log names the resources part's records (gathered by ../audit_labels.py)."""

LABELS: dict = {}
