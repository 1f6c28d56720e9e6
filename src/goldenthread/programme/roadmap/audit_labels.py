"""How the audit log names the roadmap part's records (gathered by ../audit_labels.py)."""

LABELS: dict = {}
