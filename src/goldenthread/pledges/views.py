"""Pledge pages. Each view parses, asks permissions, calls a service or a query, and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from goldenthread.core import action_plan
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Organisation, Role, Sector

from . import forms, permissions, queries, services
from .action_plan import PLAN, pledge_of
from .models import PersonalPledge, Pledge, PledgeText

WALL_PAGE_SIZE = 20
LIST_PAGE_SIZE = 50


def _organisation(slug) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _require(allowed: bool) -> None:
    if not allowed:
        raise Refused()


def _editable_pledge(request, slug) -> Pledge:
    """The pledge an organisation lead is about to change: 404 if there is none, 403 if not theirs."""
    organisation = _organisation(slug)
    _require(permissions.can_sign(request.user, organisation))
    return pledge_of(organisation)


def _manage_url(organisation) -> str:
    return reverse("pledges:manage", args=[organisation.slug])


def _is_htmx(request) -> bool:
    """An htmx request for part of a page; restoring history or a boosted link needs the whole page."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and "true" not in (headers.get("HX-Boosted"), headers.get("HX-History-Restore-Request"))


# The public pages ---------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def wall(request):
    """Every published pledge, filterable by sector and searchable; htmx asks for the results only."""
    data = request.GET.copy()
    if "q" in data:
        data["q"] = queries.tidy_search(data.get("q"))
    form = forms.WallFilterForm(data or None)
    form.is_valid()
    sector = form.cleaned_data.get("sector", "") if form.is_bound else ""
    q = form.cleaned_data.get("q", "") if form.is_bound else ""
    pledges = queries.published_pledges(sector=sector or None, q=q)
    page = Paginator(pledges, WALL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page": page,
        "q": q,
        "sector_label": Sector(sector).label if sector in Sector.values else "",
        "filtered": bool(q or sector),
    }
    template = "pledges/_wall_results.html" if _is_htmx(request) else "pledges/wall.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "HEAD"])
def organisation_pledge(request, slug):
    """One organisation's published pledge. A withdrawn one gets a calm 'not shown' page."""
    organisation = get_object_or_404(Organisation, slug=slug, is_active=True)
    pledge = queries.with_public_details(Pledge.objects.select_related("organisation", "pledge_text").filter(organisation=organisation)).first()
    if pledge is None:
        raise Http404
    if pledge.status == Pledge.Status.WITHDRAWN:
        return render(request, "pledges/withdrawn.html", {"organisation": organisation}, status=404)
    organisation = pledge.organisation
    return render(
        request,
        "pledges/organisation.html",
        {
            "organisation": organisation,
            "pledge": pledge,
            "commitments": queries.commitments_by_strand(pledge.commitments.all()),
            "actions": queries.actions_by_strand(pledge.actions.all()),
            "champions": [m.user for m in organisation.champion_memberships],
            "personal_pledges": organisation.shown_personal_pledges,
            "progress_updates": pledge.progress_updates.all(),
            "renewals": pledge.renewals.all(),
            "can_manage": permissions.can_view_pledge_admin(request.user, organisation),
        },
    )


# The organisation's own pages ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def manage(request, slug):
    organisation = _organisation(slug)
    _require(permissions.can_view_pledge_admin(request.user, organisation))
    pledge = Pledge.objects.select_related("pledge_text").filter(organisation=organisation).first()
    return render(
        request,
        "pledges/manage.html",
        {
            "organisation": organisation,
            "pledge": pledge,
            "state": queries.state_description(pledge),
            "checklist": queries.checklist(pledge) if pledge else [],
            "renewal_open": bool(pledge) and queries.renewal_is_open(pledge),
            "can_sign": permissions.can_sign(request.user, organisation),
            "can_edit": bool(pledge) and permissions.can_edit_pledge(request.user, pledge),
            "can_publish_or_withdraw": permissions.can_publish_or_withdraw(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, slug):
    organisation = _organisation(slug)
    _require(permissions.can_sign(request.user, organisation))
    if Pledge.objects.filter(organisation=organisation).exists():
        messages.success(request, f"{organisation.name} has already signed the pledge. You can change its statement here.")
        return redirect("pledges:manage", organisation.slug)
    pledge_text = PledgeText.current()
    form = forms.SignPledgeForm(request.POST if request.method == "POST" else None, pledge_text=pledge_text, organisation=organisation)
    return form_page(
        request,
        form,
        template="pledges/sign.html",
        context={"organisation": organisation, "pledge_text": pledge_text},
        action=lambda data: services.sign_pledge(
            organisation,
            by=request.user,
            commitments=form.chosen_commitments(),
            signatory_name=data["signatory_name"],
            signatory_role=data["signatory_role"],
            signed_on=data["signed_on"],
            pledge_text=pledge_text,
            **form.statement(),
        ),
        success_message=f"{organisation.name} has signed the pledge. It is now on the pledge wall.",
        success_url=_manage_url(organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement(request, slug):
    pledge = _editable_pledge(request, slug)
    initial = {name: getattr(pledge, name) for name in services.STATEMENT_FIELDS}
    for _label, value, chosen in queries.commitments_by_strand(pledge.commitments.all()):
        initial[services.commitment_field(value)] = [c.code for c in chosen]
    form = forms.StatementForm(request.POST if request.method == "POST" else None, initial=initial, pledge_text=pledge.pledge_text)
    return form_page(
        request,
        form,
        template="pledges/statement.html",
        context={"organisation": pledge.organisation, "pledge": pledge},
        action=lambda data: services.update_statement(pledge, by=request.user, commitments=form.chosen_commitments(), **form.statement()),
        success_message="Your statement and commitments are saved.",
        success_url=_manage_url(pledge.organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def champions(request, slug):
    organisation = _organisation(slug)
    _require(permissions.can_sign(request.user, organisation))
    form = forms.ChampionsForm(request.POST if request.method == "POST" else None, organisation=organisation)
    others = organisation.memberships.exclude(role__in=[Role.PRACTITIONER, Role.CHAMPION]).select_related("user").order_by("user__full_name")
    return form_page(
        request,
        form,
        template="pledges/champions.html",
        context={"organisation": organisation, "others": others},
        action=lambda data: services.name_champions(organisation, by=request.user, people=form.chosen_people()),
        success_message="Your champions are saved.",
        success_url=_manage_url(organisation),
    )


# The action plan: the shared component (core.action_plan), grouped by strand.


@login_required
@require_http_methods(["GET", "HEAD"])
def actions(request, slug):
    return action_plan.list_page(request, PLAN, _organisation(slug))


@login_required
@require_http_methods(["GET", "POST"])
def add_action(request, slug):
    return action_plan.add_page(request, PLAN, _organisation(slug), save=services.add_action)


@login_required
@require_http_methods(["GET", "POST"])
def edit_action(request, slug, action_id):
    return action_plan.change_page(request, PLAN, _organisation(slug), action_id, save=services.update_action)


@login_required
@require_http_methods(["GET", "POST"])
def action_done(request, slug, action_id):
    return action_plan.mark_done_page(request, PLAN, _organisation(slug), action_id, save=services.mark_action_done)


@login_required
@require_http_methods(["GET", "POST"])
def progress(request, slug):
    pledge = _editable_pledge(request, slug)
    form = forms.ProgressForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="pledges/progress.html",
        context={"organisation": pledge.organisation, "pledge": pledge, "updates": pledge.progress_updates.all()},
        action=lambda data: services.post_progress_update(pledge, by=request.user, summary=data["summary"]),
        success_message="Your progress update is posted on your organisation's pledge page.",
        success_url=_manage_url(pledge.organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def renew(request, slug):
    pledge = _editable_pledge(request, slug)
    form = forms.RenewForm(request.POST if request.method == "POST" else None, organisation=pledge.organisation)
    return form_page(
        request,
        form,
        template="pledges/renew.html",
        context={
            "organisation": pledge.organisation,
            "pledge": pledge,
            "renewal_open": queries.renewal_is_open(pledge),
            "missing_actions": queries.strands_without_actions(pledge),
        },
        action=lambda data: services.renew_pledge(pledge, by=request.user, signatory_name=data["signatory_name"], signatory_role=data["signatory_role"]),
        success_message=lambda renewal: f"The pledge is renewed. It now runs until {queries.long_date(renewal.expires_on)}.",
        success_url=_manage_url(pledge.organisation),
    )


# The partnership lead's pages ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def all_pledges(request):
    _require(permissions.can_see_all_pledges(request.user))
    form = forms.AllPledgesFilterForm(request.GET or None)
    form.is_valid()
    state = form.cleaned_data.get("state", "") if form.is_bound else ""
    page = Paginator(queries.all_pledges(state), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    not_signed = Organisation.objects.filter(is_active=True, pledge__isnull=True).order_by("name")
    return render(
        request,
        "pledges/all.html",
        {
            "filter_form": form,
            "page": page,
            "rows": [(pledge, queries.state_description(pledge)) for pledge in page.object_list],
            "counts": queries.pledge_counts(),
            "not_signed": not_signed,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, slug):
    _require(permissions.can_publish_or_withdraw(request.user))
    pledge = pledge_of(_organisation(slug))
    form = forms.WithdrawForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="pledges/withdraw.html",
        context={"organisation": pledge.organisation, "pledge": pledge},
        action=lambda data: services.withdraw_pledge(pledge, by=request.user, reason=data["reason"]),
        success_message=f"The pledge of {pledge.organisation.name} is withdrawn from the pledge wall.",
        success_url=_manage_url(pledge.organisation),
    )


@login_required
@require_http_methods(["GET", "POST"])
def republish(request, slug):
    _require(permissions.can_publish_or_withdraw(request.user))
    pledge = pledge_of(_organisation(slug))
    if request.method == "POST":
        services.republish_pledge(pledge, by=request.user)
        messages.success(request, f"The pledge of {pledge.organisation.name} is published on the pledge wall again.")
        return redirect("pledges:manage", pledge.organisation.slug)
    return render(request, "pledges/republish.html", {"organisation": pledge.organisation, "pledge": pledge})


# Personal pledges ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def personal_pledge(request):
    _require(permissions.can_use_personal_pledges(request.user))
    organisations = list(permissions.personal_pledge_organisations(request.user).order_by("name"))
    mine = list(PersonalPledge.objects.filter(user=request.user).select_related("organisation"))
    already = {p.organisation_id for p in mine}
    open_organisations = [o for o in organisations if o.pk not in already]
    context = {"mine": mine, "has_organisations": bool(organisations), "choose_organisation": len(open_organisations) > 1}
    if not open_organisations:
        _require(request.method != "POST")
        return render_form_page(request, "pledges/personal_pledge.html", context)
    form = forms.PersonalPledgeForm(request.POST if request.method == "POST" else None, organisations=open_organisations)
    return form_page(
        request,
        form,
        template="pledges/personal_pledge.html",
        context=context,
        action=lambda data: services.make_personal_pledge(
            form.chosen_organisation(), by=request.user, commitment=data["commitment"], is_shown=data["is_shown"]
        ),
        success_message="Your personal pledge is recorded.",
        success_url=reverse("pledges:personal-pledge"),
    )


def _own_personal_pledge(request, pledge_id) -> PersonalPledge:
    personal = get_object_or_404(PersonalPledge.objects.select_related("organisation"), public_id=pledge_id)
    _require(permissions.can_change_personal_pledge(request.user, personal))
    return personal


@login_required
@require_http_methods(["GET", "POST"])
def edit_personal_pledge(request, pledge_id):
    personal = _own_personal_pledge(request, pledge_id)
    form = forms.PersonalPledgeForm(
        request.POST if request.method == "POST" else None, initial={"commitment": personal.commitment, "is_shown": personal.is_shown}
    )
    return form_page(
        request,
        form,
        template="pledges/personal_pledge_edit.html",
        context={"personal": personal},
        action=lambda data: services.update_personal_pledge(personal, by=request.user, commitment=data["commitment"], is_shown=data["is_shown"]),
        success_message="Your personal pledge is saved.",
        success_url=reverse("pledges:personal-pledge"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_personal_pledge(request, pledge_id):
    personal = _own_personal_pledge(request, pledge_id)
    if request.method == "POST":
        services.remove_personal_pledge(personal, by=request.user)
        messages.success(request, "Your personal pledge is removed.")
        return redirect("pledges:personal-pledge")
    return render(request, "pledges/personal_pledge_remove.html", {"personal": personal})
