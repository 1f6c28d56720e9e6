"""The quality pages. Thin: parse, ask `permissions`, call a service or a query, render.

The pages that show anything of a family's record (a round's list of references, a record
being read and graded, leaving a record out) need two-step verification and the current
terms, as the families pages do (`core.safeguards.family_data_safeguards`), and are never
kept in a browser's cache. Every read of a record goes through `families.access.read_parts`,
so it is in the family's access log, with a detail saying it was a quality audit.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart
from goldenthread.core.decorators import FORM, READ, no_store, page, post_or_none
from goldenthread.core.models import User
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.core.safeguards import family_data_safeguards
from goldenthread.families import access
from goldenthread.families.models import AccessLogEntry
from goldenthread.impact import periods
from goldenthread.impact import permissions as impact_permissions

from . import figures, forms, permissions, queries, questions, rules, services
from .models import AuditItem, Auditor, AuditRound

PART_WORDS = {"story": "The family's story", "profiles": "One-page profiles", "chronology": "Chronology of significant events"}


def audit_page(*methods):
    """A page showing family data to an auditor: the families' safeguards, no-store, these methods, and auditors only."""

    def decorate(view):
        @wraps(view)
        def allowed(request, *args, **kwargs):
            if not permissions.is_auditor(request.user):
                raise Refused(rules.NOT_AN_AUDITOR)
            return view(request, *args, **kwargs)

        return no_store(family_data_safeguards(require_http_methods(list(methods))(allowed)))

    return decorate


@page(READ, permissions.can_open_quality, rules.NOT_FOR_YOU)
def home(request):
    user = request.user
    context = {
        "is_auditor": permissions.is_auditor(user),
        "can_appoint": permissions.can_appoint(user),
        "can_see_results": permissions.can_see_results(user),
        "my_rounds": queries.with_counts(queries.rounds_for(user)) if permissions.is_auditor(user) else [],
        "all_rounds": queries.with_counts(queries.all_rounds()[:50]) if permissions.can_draw_for_others(user) else [],
    }
    if context["is_auditor"] and not context["my_rounds"]:
        context["sees_none"] = not queries.candidates(user, periods.last_twelve_months())
    return render(request, "impact/quality/home.html", context)


@page(READ, permissions.can_read_questions)
def questions_page(request):
    return render(request, "impact/quality/questions.html", {"questions": questions.questions(), "grades": questions.grades()})


@page(FORM, permissions.can_appoint, rules.ONLY_THE_TEAM)
def auditors(request):
    form = forms.AppointForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/quality/auditors.html",
        context={"appointments": queries.all_appointments()},
        action=lambda data: services.appoint_auditor(data["person"], by=request.user),
        success_message=lambda appointment: f"{appointment.person.full_name} is now an auditor.",
        success_url=reverse("impact:quality_auditors"),
    )


@page(("POST",), permissions.can_appoint, rules.ONLY_THE_TEAM)
def end_auditor(request, auditor_id):
    appointment = get_object_or_404(Auditor, public_id=auditor_id)
    try:
        services.end_appointment(appointment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{appointment.person.full_name} is no longer an auditor. Their past audits are kept.")
    return redirect("impact:quality_auditors")


@page(FORM, permissions.can_draw, rules.NOT_AN_AUDITOR)
def draw(request):
    user = request.user
    auditors = None
    if permissions.can_draw_for_others(user):
        appointed = queries.live_auditors().values("person_id")
        auditors = User.objects.filter(is_active=True, is_family_account=False).filter(Q(pk__in=appointed) | Q(is_partnership_admin=True)).order_by("full_name")
    default = periods.last_twelve_months()
    form = forms.DrawForm(post_or_none(request), auditors=auditors, initial={"start": default.start, "end": default.end, "organisation": forms.ALL})

    def action(data):
        try:
            period = periods.Period(data["start"], data["end"])
        except periods.BadPeriod as problem:
            raise ValidationError({"end": str(problem)}) from None
        return services.draw_round(data.get("auditor") or user, by=user, period=period, organisation=form.chosen_organisation(), size=data["size"])

    return form_page(
        request,
        form,
        template="impact/quality/draw.html",
        context={"for_others": auditors is not None},
        action=action,
        success_message=lambda drawn: services.drawn_words(drawn, user),
        success_url=lambda drawn: reverse("impact:quality_round", args=[drawn.public_id]) if drawn.auditor_id == user.pk else reverse("impact:quality"),
    )


def _own_round(request, round_id) -> AuditRound:
    audit_round = get_object_or_404(AuditRound.objects.select_related("organisation", "auditor"), public_id=round_id)
    if not permissions.can_audit_round(request.user, audit_round):
        raise Refused(rules.ONLY_YOUR_ROUND)
    return audit_round


@audit_page("GET", "HEAD")
def round_page(request, round_id):
    audit_round = _own_round(request, round_id)
    items = list(queries.items_of(audit_round))
    return render(
        request,
        "impact/quality/round.html",
        {"round": audit_round, "items": items, "fewer": len(items) < audit_round.size_asked, "drawn_words": services.drawn_words(audit_round, request.user)},
    )


def _item(request, item_id) -> AuditItem:
    item = get_object_or_404(AuditItem.objects.select_related("round", "round__auditor", "family", "organisation"), public_id=item_id)
    if not permissions.can_audit_round(request.user, item.round):
        if item.family is not None:
            access.log(request.user, item.family, access.Action.VIEW, "", AccessLogEntry.Basis.REFUSED, f"{rules.SAMPLE_DETAIL}: {rules.ONLY_YOUR_ROUND}")
        raise Refused(rules.ONLY_YOUR_ROUND)
    return item


def _read(request, item):
    """Read the item's parts through the access rule, logging each look (and each refusal) in the family's access log."""
    if item.family is None:
        return {}
    decisions = queries.audit_parts(request.user, item.family, item.parts)
    allowed = [part for part, decision in decisions.items() if decision.allowed]
    read = access.read_parts(request.user, item.family, allowed, detail=rules.AUDIT_DETAIL) if allowed else {}
    for decision in decisions.values():
        if not decision.allowed:
            access.log_decision(request.user, item.family, access.Action.VIEW, decision, rules.AUDIT_DETAIL)
    return {part: read.get(part, decision) for part, decision in decisions.items()}


@audit_page("GET", "HEAD", "POST")
def item_page(request, item_id):
    item = _item(request, item_id)
    if item.state != AuditItem.State.WAITING:
        grades = queries.grades_of(item)
        shown = [
            (q, grades.get(q.key), questions.grade(grades[q.key].grade) if q.key in grades else None) for q in questions.all_questions() if q.key in grades
        ]
        return render(request, "impact/quality/item_done.html", {"item": item, "grades": shown})
    decisions = _read(request, item)
    if not any(decision.allowed for decision in decisions.values()):
        reason = next((d.refusal_reason for d in decisions.values() if d.refusal_reason), rules.NO_LONGER_SEEN)
        return render(
            request, "impact/quality/item_refused.html", {"item": item, "reason": reason, "form": forms.SkipForm(initial={"reason": reason})}, status=403
        )
    texts = queries.record_texts(item.family, decisions)
    form = forms.GradeForm(post_or_none(request))
    context = {
        "item": item,
        "parts": [(part, PART_WORDS[part], texts.get(part, [])) for part in item.parts if decisions[part].allowed],
        "hidden": [PART_WORDS[part] for part in item.parts if not decisions[part].allowed],
    }
    return form_page(
        request,
        form,
        template="impact/quality/item.html",
        context=context,
        action=lambda data: services.grade_item(item, by=request.user, grades=form.grades(), notes=form.notes()),
        success_message=f"Record {item.position} is graded. Thank you.",
        success_url=reverse("impact:quality_round", args=[item.round.public_id]),
    )


@audit_page("GET", "HEAD", "POST")
def skip(request, item_id):
    item = _item(request, item_id)
    form = forms.SkipForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="impact/quality/skip.html",
        context={"item": item},
        action=lambda data: services.skip_item(item, by=request.user, reason=data["reason"]),
        success_message=f"Record {item.position} is left out of this round.",
        success_url=reverse("impact:quality_round", args=[item.round.public_id]),
    )


def _organisation(request):
    """The organisation asked for (`organisation`, its public id) or None; 404 for one the person may not see."""
    value = (request.GET.get("organisation") or "").strip()
    if not value or value == forms.ALL:
        return None
    found = impact_permissions.organisations_seen(request.user).filter(public_id=value).first() if _is_uuid(value) else None
    if found is None:
        raise Http404("No such organisation for you")
    return found


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@page(READ, permissions.can_see_results, rules.NOT_FOR_YOU)
def results(request):
    try:
        period = periods.from_query(request.GET)
    except periods.BadPeriod as problem:
        return render(request, "impact/quality/results.html", {"problem": str(problem), "period": periods.last_twelve_months()}, status=400)
    organisation = _organisation(request)
    seen = impact_permissions.organisations_seen(request.user)
    shown = None if impact_permissions.is_partnership_team(request.user) else set(seen.values_list("pk", flat=True))
    context = {
        "chart": _standard_chart(period, organisation),
        "period": period,
        "organisation": organisation,
        "organisations": seen,
        "results": queries.results(period, organisation, shown),
        "grades": questions.grades(),
        "figure": figures.audit_grade(period, organisation),
        "min_group": rules.MIN_GROUP,
    }
    return render(request, "impact/quality/results.html", context)


def _short(figure) -> str:
    if figure.shown:
        return f"{figure.value:.0f}%"
    return "held back" if figure.held_back else "none graded"


def _standard_chart(period, organisation):
    """The share of graded records meeting the standard, month by month (a held-back month has no bar), with its table."""
    months = [(f"{month.start:%B %Y}", figures.audit_grade(month, organisation)) for month in period.months()]
    return bar_chart(
        [BarGroup("", [Bar(f"{label}: {_short(figure)}", figure.value) for label, figure in months])],
        id="quality-standard-chart",
        title="Records meeting the audit standard, month by month",
        description="A bar for each month, longer for a larger share of the records graded that month. A month with fewer than 5 records graded has no bar.",
        scale_max=100,
        table=DataTable(
            caption="Records meeting the audit standard, month by month",
            headings=["Month", "Records meeting the standard"],
            rows=[(label, [figure.words]) for label, figure in months],
        ),
    )
