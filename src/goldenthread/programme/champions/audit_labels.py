"""How the audit log names the champions part's records (gathered by ../audit_labels.py)."""

LABELS: dict = {}
