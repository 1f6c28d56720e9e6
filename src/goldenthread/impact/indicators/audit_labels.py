"""How the audit log names the indicators part's records."""

from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import Indicator, IndicatorValue

LABELS = {
    Indicator: AuditLabel(
        kind="indicator",
        describe=lambda indicator: indicator.name,
        fields={
            "public_id": PUBLIC_ID,
            "name": "name",
            "definition": "what it measures",
            "outcome_key": "the outcome it shows",
            "source": "where its figure comes from",
            "computation_key": "the computation",
            "unit": "what it counts",
            "baseline": "baseline",
            "baseline_on": "baseline date",
            "target": "target",
            "direction": "which way is better",
            "amber_margin": "how close counts as close",
            "frequency": "how often",
            "responsible": "who is responsible",
            "responsible_person": "the person responsible",
            "is_active": "whether it is in use",
            "version": "version",
            "created_by": "who added it",
            "created_at": "when it was added",
            "updated_at": "when it was last changed",
        },
    ),
    IndicatorValue: AuditLabel(
        kind="figure entered by hand for an indicator",
        describe=lambda value: f"{value.indicator.name}, {value.period_start:%-d %B %Y} to {value.period_end:%-d %B %Y}",
        fields={
            "public_id": PUBLIC_ID,
            "indicator": "indicator",
            "period_start": "first day of the period",
            "period_end": "last day of the period",
            "value": "figure",
            "evidence": "evidence",
            "entered_by": "who entered it",
            "entered_at": "when it was entered",
        },
    ),
}
