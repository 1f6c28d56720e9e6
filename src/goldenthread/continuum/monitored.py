"""The continuum's free text that the partnership's language monitoring checks: the steps of each action plan."""

from goldenthread.core.registry import MonitoredText

MONITORED = (
    MonitoredText(
        model="continuum.continuumaction",
        fields=("description",),
        record_type="Continuum action",
        organisation=lambda action: action.organisation,
        author=lambda action: None,
        written_on=lambda action: action.created_at,
    ),
)
