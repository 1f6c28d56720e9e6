"""How the audit log names impact's records: each part's labels, gathered."""

from .feedback.audit_labels import LABELS as FEEDBACK
from .indicators.audit_labels import LABELS as INDICATORS
from .quality.audit_labels import LABELS as QUALITY
from .reports.audit_labels import LABELS as REPORTS
from .theory.audit_labels import LABELS as THEORY

LABELS = {**THEORY, **INDICATORS, **FEEDBACK, **QUALITY, **REPORTS}
