"""An organisation's own pages: the pledge's state, signing, the statement, champions, progress updates and renewal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page
from goldenthread.partnership.models import Role

from .. import forms, permissions, queries, services
from ..models import Pledge, PledgeText
from ._common import PLEDGE_WALL, _editable_pledge, _manage_url, _organisation, _require


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
        check_words=services.STATEMENT_FIELDS,
        shared_with=PLEDGE_WALL,
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
        check_words=services.STATEMENT_FIELDS,
        shared_with=PLEDGE_WALL,
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
        check_words=("summary",),
        shared_with=PLEDGE_WALL,
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
