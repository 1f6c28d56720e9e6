"""Answering a round: one area at a time, then checking the answers and sending them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from .. import forms, permissions, results, services
from ..models import Assessment, Response
from ._common import _assessment


def _own_response(request, assessment) -> Response:
    """The signed-in person's own response in a round: refused if they were not invited."""
    response = assessment.responses.select_related("respondent").filter(respondent=request.user).first()
    if response is None or not permissions.can_answer(request.user, response):
        raise Refused()
    return response


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
    onward_url = _answer_url(assessment, following) if following is not None else reverse("continuum:check-answers", args=[assessment.public_id])
    next_url = _answer_url(assessment) if later else onward_url
    page_context = {
        **context,
        "current": current,
        "number": position + 1,
        "following": following,
        "previous": progress[position - 1].domain if position else None,
    }
    if request.method == "POST" and not later and current.answered == 0 and form.is_valid() and not form.answers():
        # "Save and continue" with nothing answered in this area: say so, and let the person choose.
        return render(request, "continuum/assessments/answer_domain.html", {**page_context, "form": form, "nothing_answered": True, "onward_url": onward_url})
    return form_page(
        request,
        form,
        template="continuum/assessments/answer_domain.html",
        context=page_context,
        action=lambda data: services.save_answers(response, by=request.user, answers=form.answers()),
        success_message=(lambda _: _later_message(form)) if later else None,
        success_url=next_url,
    )


def _later_message(form) -> str:
    if not form.answers():
        return "You did not answer anything in this area, so nothing new was saved. You can come back and carry on at any time while the round is open."
    return "Your answers are saved. You can come back and carry on at any time while the round is open."


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
