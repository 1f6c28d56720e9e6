"""The partnership's map: where every organisation stands, as a page, a CSV file and a PDF.

Only the partnership lead (a partnership admin) sees it: it places every organisation side
by side. Each view reads `queries.partnership_map` with the same filters.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Sector

from .. import exports, pdf, permissions, queries
from ..forms import MapFilterForm
from ..models import BAND_ORDER


def _summary(request):
    if not permissions.can_see_partnership_map(request.user):
        raise Refused()
    form = MapFilterForm(request.GET or None)
    filters = form.filters()
    summary = queries.partnership_map(**filters)
    return form, summary


def _filters_text(form, summary) -> str:
    parts = []
    if summary.sector:
        parts.append(Sector(summary.sector).label)
    if summary.framework:
        parts.append(dict(form.fields["framework"].choices).get(summary.framework, summary.framework))
    return ", ".join(parts)


def _query_string(summary) -> str:
    from urllib.parse import urlencode

    pairs = {key: value for key, value in (("sector", summary.sector), ("framework", summary.framework)) if value}
    return f"?{urlencode(pairs)}" if pairs else ""


@login_required
@require_http_methods(["GET", "HEAD"])
def partnership_map(request):
    form, summary = _summary(request)
    for standing in summary.standings:
        standing.organisation_url = reverse("continuum:organisation", args=[standing.slug])
        standing.result_url = reverse("continuum:result", args=[standing.assessment_public_id])
    return render(
        request,
        "continuum/map/map.html",
        {
            "filter_form": form,
            "summary": summary,
            "bands": [(band.value, band.label, queries.band_short_label(band.value)) for band in BAND_ORDER],
            "filters_text": _filters_text(form, summary),
            "query_string": _query_string(summary),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def partnership_map_csv(request):
    _, summary = _summary(request)
    response = HttpResponse(exports.map_csv(summary.standings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="continuum-map-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def partnership_map_pdf(request):
    form, summary = _summary(request)
    response = HttpResponse(pdf.partnership_map_pdf(summary, filters_text=_filters_text(form, summary)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="continuum-map-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response
