"""A workstream's actions: the list, one action with its history, and adding, changing, finishing, moving and cancelling.

Adding, changing and marking done are the shared action plan's pages (`core.action_plan`);
moving and cancelling are the workstream's own, and every change is kept in the history.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from goldenthread.core import action_plan
from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ..action_plan import PLAN
from ._common import FORM, READ, action_url, page, post_or_none, require, workstream_or_404


def _action(workstream, action_id):
    action = queries.action_of(workstream, action_id)
    if action is None:
        raise Http404
    return action


@page(*READ)
def actions(request, public_id):
    workstream = workstream_or_404(public_id)
    require(permissions.can_see_workstream(request.user, workstream))
    show_form = forms.ShowActionsForm(request.GET or None)
    show = show_form.chosen()
    shown = list(queries.actions_to_show(workstream, show))
    moved = queries.moved_action_ids(shown)
    for action in shown:
        action.was_moved = action.pk in moved
    [progress] = queries.progress_of([workstream])
    return render(
        request,
        "programme/work/actions.html",
        {
            "workstream": workstream,
            "actions": shown,
            "show": show,
            "show_label": dict(queries.SHOW_CHOICES).get(show, "Open actions"),
            "show_form": show_form,
            "progress": progress,
            "can_change": permissions.can_change_actions(request.user, workstream),
        },
    )


@page(*READ)
def action_detail(request, public_id, action_id):
    workstream = workstream_or_404(public_id)
    require(permissions.can_see_workstream(request.user, workstream))
    action = _action(workstream, action_id)
    return render(
        request,
        "programme/work/action.html",
        {
            "workstream": workstream,
            "action": action,
            "history": list(queries.history_of(action)),
            "can_change": permissions.can_change_actions(request.user, workstream) and not action.is_cancelled,
        },
    )


@page(*FORM)
def add_action(request, public_id):
    return action_plan.add_page(request, PLAN, workstream_or_404(public_id), save=services.add_action)


def _still_open(request, workstream, action_id):
    """The action, unless it was cancelled: then say so, and go back to it."""
    PLAN.require_change(request.user, workstream)
    action = _action(workstream, action_id)
    if action.is_cancelled:
        messages.info(request, "This action was cancelled, so it stays as it is. Add a new action if the work is needed again.")
        return action, redirect(action_url(action))
    return action, None


@page(*FORM)
def edit_action(request, public_id, action_id):
    workstream = workstream_or_404(public_id)
    action, elsewhere = _still_open(request, workstream, action_id)
    return elsewhere or action_plan.change_page(request, PLAN, workstream, action.public_id, save=services.update_action)


@page(*FORM)
def action_done(request, public_id, action_id):
    workstream = workstream_or_404(public_id)
    action, elsewhere = _still_open(request, workstream, action_id)
    return elsewhere or action_plan.mark_done_page(request, PLAN, workstream, action.public_id, save=services.mark_action_done)


@page(*FORM)
def action_move(request, public_id, action_id):
    workstream = workstream_or_404(public_id)
    action, elsewhere = _still_open(request, workstream, action_id)
    if elsewhere:
        return elsewhere
    form = forms.MoveActionForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/action_move.html",
        context={"workstream": workstream, "action": action},
        action=lambda data: services.move_action(action, by=request.user, due_on=data["due_on"], reason=data.get("reason", "")),
        success_message=lambda moved: f"The action is moved to {moved.due_on.day} {moved.due_on:%B %Y}. The date before is kept in its history.",
        success_url=action_url(action),
    )


@page(*FORM)
def action_cancel(request, public_id, action_id):
    workstream = workstream_or_404(public_id)
    action, elsewhere = _still_open(request, workstream, action_id)
    if elsewhere:
        return elsewhere
    form = forms.CancelActionForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/action_cancel.html",
        context={"workstream": workstream, "action": action},
        action=lambda data: services.cancel_action(action, by=request.user, reason=data["reason"]),
        success_message="The action is cancelled. It stays in the list, with the reason in its history.",
        success_url=action_url(action),
    )
