"""The organisation's page: its latest result, the open round, progress over time and what is due."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core.refusals import Refused

from .. import permissions, results
from ..models import Assessment
from ._common import _organisation


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
