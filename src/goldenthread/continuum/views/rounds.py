"""Starting and running a round: starting it, its overview, inviting colleagues, and completing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Membership

from .. import forms, permissions, results, services
from ..frameworks import suggested_framework
from ..models import Assessment, Framework, Response
from ._common import _assessment, _organisation


def _managed_assessment(request, assessment_id) -> Assessment:
    assessment = _assessment(assessment_id)
    if not permissions.can_manage_assessment(request.user, assessment):
        raise Refused()
    return assessment


@login_required
@require_http_methods(["GET", "POST"])
def start(request, slug):
    organisation = _organisation(slug)
    if not permissions.can_start(request.user, organisation):
        raise Refused()
    current = results.open_round(organisation)
    frameworks = list(Framework.objects.filter(is_current=True).order_by("kind", "title"))
    context = {"organisation": organisation, "current": current, "frameworks": frameworks}
    if current or not frameworks:
        if request.method == "POST":
            messages.error(
                request, f"‘{current.title}’ is still open. Complete it before you start a new round." if current else "No framework is available yet."
            )
            return redirect("continuum:start", organisation.slug)
        return render(request, "continuum/assessments/start.html", context)
    form = forms.StartAssessmentForm(
        request.POST if request.method == "POST" else None, frameworks=frameworks, suggested=suggested_framework(organisation, frameworks)
    )
    return form_page(
        request,
        form,
        template="continuum/assessments/start.html",
        context=context,
        action=lambda data: services.start_assessment(organisation, by=request.user, framework=form.chosen_framework(), title=data["title"]),
        success_message=lambda assessment: f"‘{assessment.title}’ is open. Now invite colleagues to answer too.",
        success_url=lambda assessment: reverse("continuum:assessment", args=[assessment.public_id]),
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def assessment(request, assessment_id):
    assessment = _managed_assessment(request, assessment_id)
    my_response = assessment.responses.filter(respondent=request.user).first()
    return render(
        request,
        "continuum/assessments/overview.html",
        {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "responses": results.respondent_statuses(assessment),
            "counts": results.status_counts(assessment),
            "my_response": my_response,
            "is_open": assessment.status == Assessment.Status.OPEN,
            "why_no_result": results.why_no_result(assessment),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, assessment_id):
    assessment = _managed_assessment(request, assessment_id)
    organisation = assessment.organisation
    if assessment.status != Assessment.Status.OPEN:
        messages.info(request, f"‘{assessment.title}’ is complete, so no one else can be invited to it.")
        return redirect("continuum:assessment", assessment.public_id)
    invited = set(assessment.responses.values_list("respondent_id", flat=True))
    memberships = list(
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .exclude(user_id__in=invited)
        .select_related("user")
        .order_by("user__full_name")
    )
    if request.method == "POST" and "everyone" in request.POST:
        try:
            new = services.invite_everyone(assessment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _say_who_was_invited(request, new)
        return redirect("continuum:assessment", assessment.public_id)
    form = forms.InviteForm(request.POST if request.method == "POST" else None, memberships=memberships)
    return form_page(
        request,
        form,
        template="continuum/assessments/invite.html",
        context={"assessment": assessment, "organisation": organisation, "memberships": memberships},
        action=lambda data: _say_who_was_invited(request, services.invite(assessment, by=request.user, people=form.chosen_people())),
        success_url=reverse("continuum:assessment", args=[assessment.public_id]),
    )


def _say_who_was_invited(request, new) -> list:
    if new:
        messages.success(request, f"{len(new)} {'person is' if len(new) == 1 else 'people are'} invited. Each has an e-mail with a link to answer.")
    else:
        messages.info(request, "Everyone was already invited.")
    return new


@login_required
@require_http_methods(["GET", "POST"])
def complete(request, assessment_id):
    assessment = _managed_assessment(request, assessment_id)
    if assessment.status != Assessment.Status.OPEN:
        return redirect("continuum:result", assessment.public_id)
    counts = results.status_counts(assessment)
    problem = ""
    if request.method == "POST":
        try:
            completed = services.complete_assessment(assessment, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            if permissions.can_show_figures(completed):
                messages.success(request, f"‘{assessment.title}’ is complete. Here is what it found.")
            else:
                messages.success(request, f"‘{assessment.title}’ is complete. Too few people answered for it to have a result.")
            return redirect("continuum:result", assessment.public_id)
    return render(
        request,
        "continuum/assessments/complete.html",
        {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "counts": counts,
            "waiting": counts[Response.Status.INVITED] + counts[Response.Status.IN_PROGRESS],
            "too_few": bool(counts[Response.Status.SUBMITTED]) and not permissions.enough_respondents(counts[Response.Status.SUBMITTED]),
            "showing_rule": results.showing_rule(),
            "problem": problem,
        },
        status=400 if problem else 200,
    )
