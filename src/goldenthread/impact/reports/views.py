"""The golden thread's pages and the board reports' pages. Thin: parse, ask `permissions`, call a service or a read, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from goldenthread.core.decorators import FORM, READ, page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.impact import periods
from goldenthread.impact.permissions import organisations_seen

from . import charts, forms, permissions, queries, services
from .models import BoardReport

COMMENTARY_SHARED_WITH = "the partnership's boards"


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)


def _report_or_404(public_id) -> BoardReport:
    report = queries.report_by_id(public_id)
    if report is None:
        raise Http404
    return report


def _readable_report(request, public_id) -> BoardReport:
    report = _report_or_404(public_id)
    _require(permissions.can_see_report(request.user, report), permissions.NOT_FINAL_YET)
    return report


def thread_view(data: dict, prefix: str = "thread") -> dict:
    """The thread's data with each measured step's chart, ready for `_thread.html`."""
    drawn = charts.thread_charts(data, prefix)
    return {**data, "steps": [{**step, "chart": drawn.get(step["key"])} for step in data.get("steps", [])]}


def _bad_period(request, bad: periods.BadPeriod, *, heading: str, back: str):
    context = {"message": str(bad), "typed_from": request.GET.get("from", ""), "typed_to": request.GET.get("to", ""), "heading": heading, "back": back}
    return render(request, "impact/reports/bad_period.html", context, status=400)


# The golden thread ------------------------------------------------------------------------------


def _thread_page(request, period, organisation, *, organisations: list):
    """The thread page, once `permissions` have let the person in: the figures come from the cache when they were worked out lately."""
    found = queries.golden_thread(period, organisation)
    context = {
        "thread": thread_view(found["thread"]),
        "worked_out_at": found["worked_out_at"],
        "kept_minutes": queries.THREAD_KEPT_MINUTES,
        "period": period,
        "organisation": organisation,
        "organisations": organisations,
    }
    return render(request, "impact/reports/thread.html", context)


@page(READ, permissions.can_see_thread, permissions.NOT_FOR_YOU)
def golden_thread(request):
    try:
        period = periods.from_query(request.GET)
    except periods.BadPeriod as bad:
        return _bad_period(request, bad, heading="The golden thread", back=reverse("impact:thread"))
    return _thread_page(request, period, None, organisations=list(organisations_seen(request.user)))


@page(READ, permissions.can_see_thread, permissions.NOT_FOR_YOU)
def organisation_thread(request, organisation_id):
    organisation = queries.organisation_by_id(organisation_id)
    if organisation is None:
        raise Http404
    _require(permissions.can_see_organisation_thread(request.user, organisation), permissions.NOT_YOUR_ORGANISATION)
    here = reverse("impact:thread_organisation", args=[organisation.pk])
    try:
        period = periods.from_query(request.GET)
    except periods.BadPeriod as bad:
        return _bad_period(request, bad, heading=f"The golden thread: {organisation.name}", back=here)
    return _thread_page(request, period, organisation, organisations=[])


# Board reports ----------------------------------------------------------------------------------


@page(READ, permissions.can_see_reports, permissions.NOT_FOR_YOU)
def reports(request):
    found = list(queries.reports_for(request.user)[:200])
    return render(request, "impact/reports/reports.html", {"reports": found, "can_write": permissions.can_write_reports(request.user)})


@page(FORM, permissions.can_write_reports, permissions.WRITTEN_BY_THE_TEAM)
def report_start(request):
    last_quarter = queries.last_full_quarter()
    form = forms.StartReportForm(
        post_or_none(request), initial={"starts_on": last_quarter.start, "ends_on": last_quarter.end, "about": forms.WHOLE_PARTNERSHIP}
    )
    return form_page(
        request,
        form,
        template="impact/reports/start.html",
        action=lambda data: services.start_report(
            by=request.user, title=data["title"], starts_on=data["starts_on"], ends_on=data["ends_on"], organisation=form.organisation()
        ),
        success_message="The report is started, with its figures worked out. Write the commentary next.",
        success_url=lambda report: report.get_absolute_url(),
    )


@page(READ, permissions.can_see_reports, permissions.NOT_FOR_YOU)
def report_detail(request, public_id):
    report = _readable_report(request, public_id)
    snapshot = report.snapshot or {}
    indicators = snapshot.get("indicators", [])
    drawn = charts.indicator_charts(indicators, prefix="report-indicator")
    return render(
        request,
        "impact/reports/report.html",
        {
            "report": report,
            "thread": thread_view(snapshot.get("thread", {}), prefix="report-thread"),
            "indicators": [{**item, "chart": chart} for item, chart in zip(indicators, drawn, strict=True)],
            "can_change": permissions.can_change_report(request.user, report),
        },
    )


@page(FORM, permissions.can_write_reports, permissions.WRITTEN_BY_THE_TEAM)
def report_commentary(request, public_id):
    report = _report_or_404(public_id)
    _require(permissions.can_change_report(request.user, report), permissions.FINAL_STAYS)
    form = forms.CommentaryForm(post_or_none(request), initial={"commentary": report.commentary, "version": report.version})
    return form_page(
        request,
        form,
        template="impact/reports/commentary.html",
        context={"report": report},
        action=lambda data: services.write_commentary(report, by=request.user, commentary=data["commentary"], version=data["version"]),
        success_message="The commentary is saved.",
        success_url=report.get_absolute_url(),
        check_words=("commentary",),
        shared_with=COMMENTARY_SHARED_WITH,
    )


def _confirmed_change(request, public_id, *, template: str, service, done: str):
    report = _report_or_404(public_id)
    _require(permissions.can_change_report(request.user, report), permissions.FINAL_STAYS)
    if request.method == "POST":
        try:
            service(report, by=request.user)
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(report.get_absolute_url())
    return render(request, template, {"report": report})


@page(FORM, permissions.can_write_reports, permissions.WRITTEN_BY_THE_TEAM)
def report_refresh(request, public_id):
    return _confirmed_change(
        request,
        public_id,
        template="impact/reports/refresh.html",
        service=services.refresh_figures,
        done="The figures are worked out again from the records as they are now.",
    )


@page(FORM, permissions.can_write_reports, permissions.WRITTEN_BY_THE_TEAM)
def report_finalise(request, public_id):
    return _confirmed_change(
        request, public_id, template="impact/reports/finalise.html", service=services.finalise, done="The report is final. Organisation leads can now read it."
    )


def _file_name(report: BoardReport, extension: str) -> str:
    return f"board-report-{report.starts_on:%Y-%m-%d}-to-{report.ends_on:%Y-%m-%d}-{str(report.public_id)[:8]}.{extension}"


@page(READ, permissions.can_see_reports, permissions.NOT_FOR_YOU)
def report_pdf(request, public_id):
    from .pdf import report_pdf as draw

    report = _readable_report(request, public_id)
    response = HttpResponse(draw(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "pdf")}"'
    return response


@page(READ, permissions.can_see_reports, permissions.NOT_FOR_YOU)
def report_csv(request, public_id):
    from .exports import report_csv as write

    report = _readable_report(request, public_id)
    response = HttpResponse(write(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "csv")}"'
    return response
