"""The writing figures as pages and CSV files: for leads by organisation, for everyone their own writing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart
from goldenthread.core.decorators import no_store
from goldenthread.core.refusals import Refused

from . import forms, permissions, queries

READ = ["GET", "HEAD"]
LEADS_ONLY = (
    "These figures are for organisation leads (their own organisation) and the partnership team. "
    "The figures for your own writing are on the page ‘Your writing’."
)
FAMILY_ACCOUNT = "These figures are for the people who work in the partnership."


def _filters(request, *, own: bool):
    """The form and the filters it asks for; the filters are None when the form has a problem."""
    organisations = None if own else list(permissions.organisations_for_figures(request.user).order_by("name"))
    if organisations is not None and len(organisations) < 2:
        organisations = None
    form = forms.FiguresFilterForm(request.GET or None, organisations=organisations)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    try:
        filters = queries.make_filters(
            request.user,
            organisation=data.get("organisation") or "",
            record_type=data.get("record_type") or "",
            start=data.get("start") or "",
            end=data.get("end") or "",
            own=own,
        )
    except queries.FilterProblem as problem:
        form.add_error(None, str(problem))
        return form, None
    return form, filters


def _percent(share: queries.Share) -> str:
    return "No records" if share.percent is None else f"{share.percent}%"


def _bar_words(share: queries.Share) -> str:
    if not share.records:
        return f"{share.label}: no records"
    return f"{share.label}: {share.percent}% of {share.records} record{'' if share.records == 1 else 's'}"


def _trend_chart(found: queries.Figures, *, id: str):
    """The share meeting the standard each month: a bar a month, and the same figures as a table."""
    rows = found.by_month
    table = DataTable(
        caption="Records meeting the standard each month",
        headings=["Month", "Records", "Meeting the standard", "Share"],
        rows=[(share.label, [str(share.records), str(share.meeting), _percent(share)]) for share in rows],
        numeric=True,
    )
    bars = [Bar(_bar_words(share), share.percent if share.records else None) for share in rows]
    return bar_chart(
        [BarGroup("", bars)],
        id=id,
        title="Share of records meeting the standard each month",
        description="A bar for each month, oldest first, longer for a larger share of records with nothing to change. A month with no records has no bar.",
        scale_max=100,
        table=table,
    )


def _download_link(request, name):
    query = request.GET.urlencode()
    return reverse(name) + (f"?{query}" if query else "")


def _page(request, *, own: bool):
    form, filters = _filters(request, own=own)
    context = {"form": form, "own": own, "few": queries.FEW}
    if filters is None:
        return render(request, "language_monitoring/figures.html", context, status=400)
    found = queries.figures(queries.checks_seen_by(request.user, own=own), filters, by_organisation=not own)
    context.update(
        figures=found,
        chart=_trend_chart(found, id="writing-trend"),
        csv_link=_download_link(request, "language_monitoring:yours-csv" if own else "language_monitoring:figures-csv"),
        first_month=queries.month_words(filters.start),
        last_month=queries.month_words(filters.end),
    )
    return render(request, "language_monitoring/figures.html", context)


def _csv(request, *, own: bool, name: str):
    form, filters = _filters(request, own=own)
    if filters is None:
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(problems, content_type="text/plain; charset=utf-8", status=400)
    found = queries.figures(queries.checks_seen_by(request.user, own=own), filters, by_organisation=not own)
    response = HttpResponse(queries.figures_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{queries.month_key(filters.start)}-to-{queries.month_key(filters.end)}.csv"'
    return response


def _require_leads(user):
    if not permissions.can_see_organisation_figures(user):
        raise Refused(LEADS_ONLY if permissions.can_see_own_writing(user) else FAMILY_ACCOUNT)


def _require_staff(user):
    if not permissions.can_see_own_writing(user):
        raise Refused(FAMILY_ACCOUNT)


@login_required
@require_http_methods(READ)
@no_store
def figures(request):
    """How the writing of the organisations a lead may see measures up: never a person named or ranked."""
    _require_leads(request.user)
    return _page(request, own=False)


@login_required
@require_http_methods(READ)
@no_store
def figures_csv(request):
    _require_leads(request.user)
    return _csv(request, own=False, name="writing-figures")


@login_required
@require_http_methods(READ)
@no_store
def yours(request):
    """How a person's own writing measures up: for them alone."""
    _require_staff(request.user)
    return _page(request, own=True)


@login_required
@require_http_methods(READ)
@no_store
def yours_csv(request):
    _require_staff(request.user)
    return _csv(request, own=True, name="your-writing")
