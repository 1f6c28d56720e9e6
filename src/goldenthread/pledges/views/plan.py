"""The action plan: the shared component (core.action_plan), grouped by strand."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_http_methods

from goldenthread.core import action_plan

from .. import services
from ..action_plan import PLAN
from ._common import _organisation


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
