"""How the audit log names the work part's records (gathered by ../audit_labels.py)."""

LABELS: dict = {}
