"""Personal pledges: making, changing and removing your own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page, render_form_page

from .. import forms, permissions, services
from ..models import PersonalPledge
from ._common import PLEDGE_WALL, _require


def _shown_on_the_wall(data) -> tuple[str, ...]:
    """A personal pledge is public only when it is shown on the organisation's page of the wall."""
    return ("commitment",) if data.get("is_shown") else ()


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
        check_words=_shown_on_the_wall,
        shared_with=PLEDGE_WALL,
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
        check_words=_shown_on_the_wall,
        shared_with=PLEDGE_WALL,
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
