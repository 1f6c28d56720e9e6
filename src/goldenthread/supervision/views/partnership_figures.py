"""Anonymised figures across the partnership, as a page and a CSV file."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart

from .. import forms, permissions, queries
from ..models import Session
from ._common import _require


def _figures(request):
    _require(permissions.can_see_figures(request.user))
    form = forms.FiguresForm(request.GET or None)
    months = (form.cleaned_data.get("months") or 12) if form.is_valid() else 12
    return form, months, queries.figures(months=months)


@login_required
@require_http_methods(["GET", "HEAD"])
def figures(request):
    """Anonymised figures across the partnership: never a family, a name or anything anyone wrote."""
    form, months, found = _figures(request)
    return render(request, "supervision/figures.html", {"form": form, "months": months, "figures": found, **_figures_tables(found)})


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return datetime.date(int(year), int(month), 1).strftime("%b %Y")


def _figures_tables(found):
    """The figures laid out as table rows: months down the side, kinds (or themes) across; the months as a chart."""
    kinds = list(Session.Kind.choices)
    counts = {(row.month, row.kind): row.sessions for row in found.sessions_by_month}
    month_rows = [
        {"label": _month_label(key), "counts": [counts.get((key, kind), 0) for kind, _ in kinds], "total": sum(counts.get((key, kind), 0) for kind, _ in kinds)}
        for key in found.months
    ]
    kind_totals = [sum(counts.get((key, kind), 0) for key in found.months) for kind, _ in kinds]
    share = found.on_time_share
    return {
        "sessions_chart": _sessions_chart(month_rows, kinds, kind_totals, found.sessions_total),
        "month_labels": [_month_label(key) for key in found.months],
        "theme_rows": [{"name": row.name, "total": row.sessions, "by_month": [row.by_month.get(key, 0) for key in found.months]} for row in found.themes],
        "on_time_percent": None if share is None else round(share * 100),
    }


def _sessions(count: int) -> str:
    return "no sessions" if not count else f"{count} session{'' if count == 1 else 's'}"


def _sessions_chart(month_rows, kinds, kind_totals, total):
    """Sessions held each month: a bar a month (the trend), and the table by kind (the same figures)."""
    table = DataTable(
        caption="Sessions held each month, by kind",
        headings=["Month", *(label for _, label in kinds), "All sessions"],
        rows=[(row["label"], [*map(str, row["counts"]), str(row["total"])]) for row in month_rows] + [("Total", [*map(str, kind_totals), str(total)])],
        numeric=True,
    )
    return bar_chart(
        [BarGroup("", [Bar(f"{row['label']}: {_sessions(row['total'])}", row["total"]) for row in month_rows])],
        id="sessions-chart",
        title="Sessions held each month",
        description="A bar for each month, oldest first, longer for more sessions held.",
        scale_max=max((row["total"] for row in month_rows), default=0),
        table=table,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def figures_csv(request):
    _form, months, found = _figures(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supervision-figures-{months}-months.csv"'
    response.write(queries.figures_csv(found))
    return response
