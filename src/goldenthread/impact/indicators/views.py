"""The indicators pages: the list for a period, one indicator with its trend, adding and changing one, entering a figure, and the CSV download.

Each view checks the person sees the figures before it looks anything up (`core.decorators.page`),
reads the period from `from` and `to` (a bad date answers 400 with what to change), asks
`permissions` about the organisation asked for, and renders. Every change is a `services` call
through `core.pages.form_page`.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart, shorten
from goldenthread.core.decorators import FORM, READ, page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.core.spreadsheets import safe_cell
from goldenthread.impact import periods
from goldenthread.impact import permissions as impact_permissions
from goldenthread.partnership.models import Organisation

from . import forms, permissions, queries, services
from .models import Indicator


def _sees(methods):
    return page(methods, permissions.can_see_indicators, permissions.NOT_FOR_YOU)


def _keeps(methods):
    return page(methods, permissions.can_keep_indicators, permissions.KEPT_BY_THE_TEAM)


def _indicator_or_404(public_id) -> Indicator:
    found = queries.indicator_by_id(public_id)
    if found is None:
        raise Http404
    return found


def _organisation_asked(request):
    """The organisation named by `?organisation=` (its slug), checked; None for the whole partnership."""
    slug = (request.GET.get("organisation") or "").strip()
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug[:220]).first()
    if organisation is None:
        raise Http404
    if not permissions.can_see_organisation(request.user, organisation):
        raise Refused(permissions.NOT_YOUR_ORGANISATION)
    return organisation


def _period_or_error(request):
    try:
        return periods.from_query(request.GET), ""
    except periods.BadPeriod as bad:
        return None, str(bad)


def _filters(request, period, organisation) -> dict:
    return {
        "period": period,
        "from_value": request.GET.get("from") or (period.start.isoformat() if period else ""),
        "to_value": request.GET.get("to") or (period.end.isoformat() if period else ""),
        "organisation": organisation,
        "organisations": list(impact_permissions.organisations_seen(request.user)),
        "query": _query(period, organisation),
    }


def _query(period, organisation) -> str:
    if period is None:
        return ""
    return period.query() + (f"&organisation={organisation.slug}" if organisation else "")


@_sees(READ)
def indicators(request):
    organisation = _organisation_asked(request)
    period, problem = _period_or_error(request)
    context = {**_filters(request, period, organisation), "period_error": problem, "can_keep": permissions.can_keep_indicators(request.user)}
    if problem:
        return render(request, "impact/indicators/list.html", context, status=400)
    context["readings"] = queries.readings(period, organisation, with_trend=False)
    return render(request, "impact/indicators/list.html", context)


def trend_chart(reading, period) -> object:
    indicator = reading.indicator
    values = [point.figure.value for point in reading.trend]
    shown = [value for value in values if value is not None]
    scale = 100 if indicator.is_percent else max(shown + [indicator.target or 0, 1])
    bars = [
        Bar(shorten(f"{point.label}: {point.figure.words if point.figure.value is None else indicator.amount(point.figure.value)}"), point.figure.value)
        for point in reading.trend
    ]
    rows = [
        (point.label, [indicator.amount(point.figure.value) if point.figure.value is not None else "No figure", point.figure.words]) for point in reading.trend
    ]
    return bar_chart(
        [BarGroup("", bars)],
        id="trend",
        title=f"{indicator.name}: each month, {period.words()}",
        description="A bar for each month, longer for a higher figure. A month with no figure has no bar.",
        scale_max=scale,
        table=DataTable(caption=f"{indicator.name}, each month", headings=["Month", "Figure", "In words"], rows=rows),
    )


@_sees(READ)
def indicator(request, public_id):
    found = _indicator_or_404(public_id)
    organisation = _organisation_asked(request)
    period, problem = _period_or_error(request)
    context = {
        **_filters(request, period, organisation),
        "indicator": found,
        "period_error": problem,
        "can_keep": permissions.can_keep_indicators(request.user),
    }
    if problem:
        return render(request, "impact/indicators/indicator.html", context, status=400)
    read = queries.reading(found, period, organisation)
    context.update(
        reading=read,
        chart=trend_chart(read, period),
        computation=queries.computation(found.computation_key) if found.is_computed else None,
        history=list(queries.history(found)) if not found.is_computed else [],
        by_organisation=(
            queries.by_organisation(found, period, impact_permissions.organisations_seen(request.user))
            if found.is_computed and organisation is None and permissions.can_see_every_organisation(request.user)
            else []
        ),
    )
    return render(request, "impact/indicators/indicator.html", context)


@_keeps(FORM)
def indicator_add(request):
    form = forms.IndicatorForm(post_or_none(request), initial={"source": "computed", "direction": "higher", "frequency": "monthly", "amber_margin": "5"})
    return form_page(
        request,
        form,
        template="impact/indicators/form.html",
        action=lambda data: services.add_indicator(by=request.user, **form.values()),
        success_message="The indicator is added.",
        success_url=lambda made: made.get_absolute_url(),
    )


@_keeps(FORM)
def indicator_change(request, public_id):
    found = _indicator_or_404(public_id)
    form = forms.ChangeIndicatorForm(post_or_none(request), initial=forms.initial_of(found))
    return form_page(
        request,
        form,
        template="impact/indicators/form.html",
        context={"indicator": found},
        action=lambda data: services.change_indicator(found, by=request.user, version=data["version"], **form.values()),
        success_message="The indicator is changed.",
        success_url=found.get_absolute_url(),
    )


@_keeps(FORM)
def indicator_retire(request, public_id):
    found = _indicator_or_404(public_id)
    form = forms.RetireForm(post_or_none(request), initial={"version": found.version})
    return form_page(
        request,
        form,
        template="impact/indicators/retire.html",
        context={"indicator": found},
        action=lambda data: services.retire_indicator(found, by=request.user, in_use=not found.is_active),
        success_message="The indicator is back in use." if not found.is_active else "The indicator is retired. Its history is kept.",
        success_url=found.get_absolute_url(),
    )


@_keeps(FORM)
def indicator_value_add(request, public_id):
    found = _indicator_or_404(public_id)
    if found.is_computed:
        messages.info(request, "This indicator's figure is computed by the platform, so there is nothing to enter by hand.")
        return redirect(found.get_absolute_url())
    form = forms.ValueForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/indicators/value_form.html",
        context={"indicator": found},
        action=lambda data: services.enter_value(found, by=request.user, **data),
        success_message="The figure is saved.",
        success_url=found.get_absolute_url(),
    )


CSV_HEADER = ["Indicator", "Outcome", "Period from", "Period to", "Figure", "In words", "Target", "Status", "How it is made"]


def readings_csv(readings, period) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for read in readings:
        writer.writerow(
            [
                safe_cell(read.indicator.name),
                safe_cell(read.indicator.outcome_key),
                period.start.isoformat(),
                period.end.isoformat(),
                "" if read.figure.value is None else f"{read.figure.value:g}",
                safe_cell(read.figure.words),
                "" if read.indicator.target is None else f"{read.indicator.target:g}",
                read.rag_words,
                safe_cell(read.source_words),
            ]
        )
    return out.getvalue()


@_sees(READ)
def indicators_csv(request):
    organisation = _organisation_asked(request)
    period, problem = _period_or_error(request)
    if problem:
        return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
    body = readings_csv(queries.readings(period, organisation, with_trend=False), period)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"indicators-{period.start.isoformat()}-to-{period.end.isoformat()}{'-' + organisation.slug if organisation else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def list_url(period=None) -> str:
    return reverse("impact:indicators") + (f"?{period.query()}" if period else "")
