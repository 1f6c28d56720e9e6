"""The golden thread's and the indicators' trends as core's accessible charts, each with its data table, drawn from plain data (a snapshot or the live thread)."""

from __future__ import annotations

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart, shorten
from goldenthread.impact.indicators.computed import PERCENT


def _scale(values: list[float], unit: str) -> float:
    if unit == PERCENT:
        return 100
    return max([value for value in values if value is not None] or [1]) or 1


def trend_chart(*, id: str, title: str, unit: str, trend: list[dict]):
    """A bar for each month (its words on the bar, so colour is never needed), and the same figures as a table."""
    if not trend:
        return None
    bars = [Bar(shorten(f"{point['month']}: {point['value_words'] or 'no figure'}"), point["value"]) for point in trend]
    rows = [(point["month"], [point["value_words"] or "No figure", point.get("words") or ""]) for point in trend]
    return bar_chart(
        [BarGroup("", bars)],
        id=id,
        title=title,
        description="A bar for each month, oldest first, longer for a higher figure. A month with no figure has no bar.",
        scale_max=_scale([point["value"] for point in trend], unit),
        table=DataTable(caption=title, headings=["Month", "Figure", "In words"], rows=rows),
    )


def thread_charts(thread: dict, prefix: str = "thread") -> dict[str, object]:
    """Each measured step's trend chart, by step key."""
    charts = {}
    for step in thread.get("steps", []):
        if step.get("figure") and step.get("trend"):
            charts[step["key"]] = trend_chart(
                id=f"{prefix}-{step['key']}",
                title=f"{step['name']}: {step['figure']['name']}, each month",
                unit=step["figure"]["unit"],
                trend=step["trend"],
            )
    return charts


def indicator_charts(indicators: list[dict], prefix: str = "indicator") -> list:
    """Each indicator's trend chart, in the indicators' order (None where it has no trend)."""
    return [
        trend_chart(id=f"{prefix}-{number}", title=f"{item['name']}, each month", unit=item["unit"], trend=item["trend"]) if item.get("trend") else None
        for number, item in enumerate(indicators, start=1)
    ]
