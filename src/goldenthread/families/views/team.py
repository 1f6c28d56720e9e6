"""The team around the family: deciding a request to join, leaving the team, choosing the lead practitioner."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from goldenthread.core.pages import form_page

from .. import access, forms, permissions, services
from ..models import (
    JoinRequest,
)
from ._common import _family, _overview, _overview_url, _refuse, _require_part, family_page


@family_page("POST")
def decide_join_request(request, family_id, request_id):
    family = _family(family_id)
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), family=family, public_id=request_id)
    if not permissions.can_decide_join_requests(request.user, family):
        raise PermissionDenied
    form = forms.JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to accept or decline the request.")
        return _overview(family)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        services.decide_join_request(join_request, by=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = join_request.user.full_name
        messages.success(request, f"{name} has joined the team." if accept else f"You declined {name}'s request to join.")
    return _overview(family)


@family_page("GET", "POST")
def leave_team(request, family_id):
    family = _family(family_id)
    place = family.team.filter(user=request.user, left_on__isnull=True).first()
    if place is None:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.leave_team(place, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _overview(family)
        messages.success(request, f"You have left the team around family {family.reference}.")
        return redirect("families:your-families")
    return render(request, "families/leave_team.html", {"family": family, "is_lead": permissions.is_lead_practitioner(request.user, family)})


@family_page("GET", "POST")
def make_lead(request, family_id):
    family = _family(family_id)
    if not permissions.can_manage_team(request.user, family):
        _refuse(
            request,
            family,
            access.TEAM,
            "asked to choose the lead practitioner: only the lead practitioner (or the recording organisation's team, when there is no lead) may",
        )
    if request.method == "GET":
        _require_part(request, family, access.TEAM, "the team around the family, to choose the lead practitioner")
    team = family.team.filter(left_on__isnull=True).select_related("user", "organisation")
    form = forms.MakeLeadForm(request.POST if request.method == "POST" else None, team=team)
    return form_page(
        request,
        form,
        template="families/make_lead.html",
        context={"family": family},
        action=lambda data: services.make_lead(form.chosen_member(), by=request.user),
        success_message=lambda member: f"{member.user.full_name} is now the lead practitioner.",
        success_url=_overview_url(family),
    )
