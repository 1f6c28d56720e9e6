"""Home: the sessions you are part of, your open actions, and the actions waiting for you to confirm."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core import safeguards

from .. import permissions, queries
from ..models import AgreedAction, Session


@login_required
@require_http_methods(["GET", "HEAD"])
def home(request):
    """The sessions you are part of, your open actions and those waiting for your confirmation, with a way to ask for a session."""
    user = request.user
    sessions = list(queries.sessions_for(user))
    upcoming = [s for s in sessions if s.status in (Session.Status.REQUESTED, Session.Status.SCHEDULED)]
    held = [s for s in sessions if s.status == Session.Status.HELD]
    cancelled = [s for s in sessions if s.status == Session.Status.CANCELLED]
    actions = list(queries.my_open_actions(user, include_proposed=True))
    own = {action.pk for action in actions}
    actions += [action for action in queries.actions_to_confirm(user) if action.pk not in own]
    actions.sort(key=lambda action: (action.due_on, action.pk))
    verified = safeguards.is_verified(user)
    for action in actions:
        action.details_shown = permissions.can_read_action_details(action, verified=verified)
        action.waits_for_you = action.status == AgreedAction.Status.PROPOSED and action.session.accountable_manager_id == user.pk
        action.can_confirm = action.waits_for_you and permissions.can_confirm(user, action)
    return render(
        request,
        "supervision/home.html",
        {
            "upcoming": sorted(upcoming, key=lambda s: s.proposed_start),
            "held": held,
            "cancelled": cancelled,
            "actions": actions,
            "today": timezone.localdate(),
            "can_request": permissions.can_request(user),
            "can_see_figures": permissions.can_see_figures(user),
        },
    )
