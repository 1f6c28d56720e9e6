"""A round's result, as a page and a one-page PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.refusals import Refused

from .. import permissions, results
from ..models import Assessment
from ._common import _assessment


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
    from ..pdf import one_page_audit

    response = HttpResponse(one_page_audit(assessment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{assessment.organisation.slug}-self-assessment-{assessment.completed_on:%Y-%m-%d}.pdf"'
    return response
