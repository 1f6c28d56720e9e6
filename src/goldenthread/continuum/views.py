"""Self-assessment pages. Each view parses, asks permissions, calls a service or a read query, and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core import action_plan
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Membership, Organisation

from . import forms, permissions, results, services
from .action_plan import PLAN
from .frameworks import suggested_framework
from .models import Assessment, Framework, Response


def _organisation(slug) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _assessment(assessment_id) -> Assessment:
    return get_object_or_404(Assessment.objects.select_related("organisation", "framework"), public_id=assessment_id)


def _managed_assessment(request, assessment_id) -> Assessment:
    assessment = _assessment(assessment_id)
    if not permissions.can_manage_assessment(request.user, assessment):
        raise Refused()
    return assessment


def _own_response(request, assessment) -> Response:
    """The signed-in person's own response in a round: refused if they were not invited."""
    response = assessment.responses.select_related("respondent").filter(respondent=request.user).first()
    if response is None or not permissions.can_answer(request.user, response):
        raise Refused()
    return response


# The organisation's page --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def organisation(request, slug):
    organisation = _organisation(slug)
    if not permissions.can_view_results(request.user, organisation):
        raise Refused()
    latest = results.latest_completed(organisation)
    current = results.open_round(organisation)
    next_due = results.next_assessment_due(organisation)
    my_response = current.responses.filter(respondent=request.user).first() if current else None
    rounds = list(organisation.assessments.select_related("framework"))
    for round_ in rounds:
        round_.figures_shown = permissions.can_show_figures(round_)
    return render(
        request,
        "continuum/organisation.html",
        {
            "organisation": organisation,
            "latest": latest,
            "reading": results.read_result(latest) if latest else None,
            "current": current,
            "current_why_no_result": results.why_no_result(current) if current else "",
            "my_response": my_response,
            "rounds": rounds,
            "any_completed": any(round_.status == Assessment.Status.SUBMITTED for round_ in rounds),
            "showing_rule": results.showing_rule(),
            "progress": results.progress_over_time(organisation),
            "next_due": next_due,
            "reassessment_is_due": bool(next_due and next_due <= timezone.localdate()),
            "overdue_count": results.overdue_actions(organisation).count(),
            "can_start": permissions.can_start(request.user, organisation),
            "can_manage_actions": permissions.can_manage_actions(request.user, organisation),
            "every_months": results.REASSESS_EVERY_MONTHS,
        },
    )


# Starting and running a round ---------------------------------------------------------


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


# Answering ----------------------------------------------------------------------------


def _answer_url(assessment, domain=None) -> str:
    url = reverse("continuum:answer", args=[assessment.public_id])
    return f"{url}?domain={domain.code}" if domain is not None else url


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, assessment_id):
    assessment = _assessment(assessment_id)
    response = _own_response(request, assessment)
    progress = results.answer_progress(response)
    context = {
        "assessment": assessment,
        "organisation": assessment.organisation,
        "response": response,
        "progress": progress,
        "areas_answered": sum(p.is_complete for p in progress),
        "areas_total": len(progress),
        "scale": assessment.framework.scale,
    }
    closed = assessment.status != Assessment.Status.OPEN or response.status == Response.Status.SUBMITTED
    code = request.GET.get("domain")
    if code is None or closed:
        if request.method == "POST":
            return redirect(_answer_url(assessment))
        return render(request, "continuum/assessments/answer_start.html", {**context, "closed": closed})
    position = next((i for i, p in enumerate(progress) if p.domain.code == code), None)
    if position is None:
        raise Http404
    current = progress[position]
    following = progress[position + 1].domain if position + 1 < len(progress) else None
    form = forms.AnswerDomainForm(
        request.POST if request.method == "POST" else None, items=current.items, scale=assessment.framework.scale, answers=results.answers_of(response)
    )
    later = "later" in request.POST
    if later:
        next_url = _answer_url(assessment)
    elif following is not None:
        next_url = _answer_url(assessment, following)
    else:
        next_url = reverse("continuum:check-answers", args=[assessment.public_id])
    return form_page(
        request,
        form,
        template="continuum/assessments/answer_domain.html",
        context={
            **context,
            "current": current,
            "number": position + 1,
            "following": following,
            "previous": progress[position - 1].domain if position else None,
        },
        action=lambda data: services.save_answers(response, by=request.user, answers=form.answers()),
        success_message="Your answers are saved. You can come back and carry on at any time while the round is open." if later else None,
        success_url=next_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_answers(request, assessment_id):
    assessment = _assessment(assessment_id)
    response = _own_response(request, assessment)
    if assessment.status != Assessment.Status.OPEN or response.status == Response.Status.SUBMITTED:
        return redirect(_answer_url(assessment))
    form = forms.SubmitResponseForm(request.POST if request.method == "POST" else None, initial={"role_description": response.role_description})
    progress = results.answer_progress(response)
    answers = results.answers_of(response)
    labels = results.scale_labels(assessment.framework)
    summary = [(p, [(item, answers.get(item.pk), _answer_label(answers.get(item.pk), labels)) for item in p.items]) for p in progress]
    return form_page(
        request,
        form,
        template="continuum/assessments/check_answers.html",
        context={
            "assessment": assessment,
            "organisation": assessment.organisation,
            "response": response,
            "summary": summary,
            "unanswered": sum(p.total - p.answered for p in progress),
        },
        action=lambda data: services.submit_response(response, by=request.user, role_description=data["role_description"]),
        success_message="Thank you. Your answers are sent.",
        success_url=_answer_url(assessment),
    )


def _answer_label(answer, labels) -> str:
    if answer is None:
        return "Not answered"
    if answer.value is None:
        return "I don't know"
    return labels.get(answer.value, str(answer.value))


# Results ------------------------------------------------------------------------------


def _viewable_assessment(request, assessment_id) -> Assessment:
    assessment = _assessment(assessment_id)
    if not permissions.can_view_results(request.user, assessment.organisation):
        raise Refused()
    return assessment


@login_required
@require_http_methods(["GET", "HEAD"])
def result(request, assessment_id):
    assessment = _viewable_assessment(request, assessment_id)
    organisation = assessment.organisation
    return render(
        request,
        "continuum/assessments/result.html",
        {
            "assessment": assessment,
            "organisation": organisation,
            "reading": results.read_result(assessment),
            "why_no_result": results.why_no_result(assessment),
            "is_open": assessment.status == Assessment.Status.OPEN,
            "rule_in_words": results.rule_in_words(),
            "minimum_respondents": permissions.minimum_respondents(),
            "can_manage_actions": permissions.can_manage_actions(request.user, organisation),
            "can_manage_assessment": permissions.can_manage_assessment(request.user, assessment),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def result_pdf(request, assessment_id):
    assessment = _viewable_assessment(request, assessment_id)
    if not permissions.can_show_figures(assessment):
        raise Http404
    from .pdf import one_page_audit

    response = HttpResponse(one_page_audit(assessment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{assessment.organisation.slug}-self-assessment-{assessment.completed_on:%Y-%m-%d}.pdf"'
    return response


# The action plan: the shared component (core.action_plan), grouped by area -------------


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


urlpatterns = [
    path("organisations/<slug:slug>/", organisation, name="organisation"),
    path("organisations/<slug:slug>/start/", start, name="start"),
    path("organisations/<slug:slug>/actions/", actions, name="actions"),
    path("organisations/<slug:slug>/actions/add/", add_action, name="add-action"),
    path("organisations/<slug:slug>/actions/<uuid:action_id>/", edit_action, name="edit-action"),
    path("organisations/<slug:slug>/actions/<uuid:action_id>/done/", action_done, name="action-done"),
    path("assessments/<uuid:assessment_id>/", assessment, name="assessment"),
    path("assessments/<uuid:assessment_id>/invite/", invite, name="invite"),
    path("assessments/<uuid:assessment_id>/answer/", answer, name="answer"),
    path("assessments/<uuid:assessment_id>/answer/check/", check_answers, name="check-answers"),
    path("assessments/<uuid:assessment_id>/complete/", complete, name="complete"),
    path("assessments/<uuid:assessment_id>/result/", result, name="result"),
    path("assessments/<uuid:assessment_id>/result.pdf", result_pdf, name="result-pdf"),
]
