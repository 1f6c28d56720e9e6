"""The partnership lead's pages: every pledge, withdrawing one and publishing it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page
from goldenthread.partnership.models import Organisation

from .. import forms, permissions, queries, services
from ..action_plan import pledge_of
from ._common import _manage_url, _organisation, _require

LIST_PAGE_SIZE = 50


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
