"""A session's actions: adding one, and marking it done, cancelling, moving or confirming it."""

from django.urls import reverse

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, rules, services
from ..models import AgreedAction
from ._common import _must_acknowledge, _people_choices, _post_or_none, _require, _session_url, action_page, session_page

# Adding an action -------------------------------------------------------------------------


@session_page("GET", "POST")
def add_action(request, session):
    user = request.user
    _require(permissions.can_facilitate(user, session))
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    form = forms.ActionForm(_post_or_none(request), people=_people_choices(queries.session_people(session)))
    return form_page(
        request,
        form,
        template="supervision/action_form.html",
        context={"session": session},
        action=lambda _: services.add_action(session, by=user, **form.action_values()),
        success_message=_action_added,
        success_url=_session_url(session),
    )


def _action_added(action) -> str:
    if action.status == AgreedAction.Status.PROPOSED:
        return "The action is added. It changes the child's plan, so the accountable manager will confirm it."
    return "The action is added."


# An action: done, cancelled, moved, confirmed --------------------------------------------

ACTION_NOTE_PAGES = {
    "done": {
        "title": "Mark the action as done",
        "rule": rules.DONE_NOTE,
        "button": "Mark as done",
        "success": "The action is marked as done.",
    },
    "cancel": {
        "title": "Cancel the action",
        "rule": rules.CANCEL_REASON,
        "button": "Cancel the action",
        "success": "The action is cancelled. It stays in the record with your reason.",
    },
    "confirm": {
        "title": "Confirm the action",
        "rule": rules.CONFIRM_NOTE,
        "button": "Confirm the action",
        "success": "The action is confirmed and open.",
    },
}


def _action_note_page(request, action, which, allowed, service):
    """One note and a button: mark done, cancel or confirm. `service(note)` makes the change."""
    _require(allowed)
    words = ACTION_NOTE_PAGES[which]
    return form_page(
        request,
        forms.ActionNoteForm(_post_or_none(request), rule=words["rule"]),
        template="supervision/action_note.html",
        context={"action": action, "session": action.session, "words": words},
        action=lambda data: service(data["note"]),
        success_message=words["success"],
        success_url=lambda _: _after_action(request, action),
    )


def _after_action(request, action) -> str:
    """Back to the session when the person may read its record, else to their sessions and actions."""
    if permissions.can_read_record(request.user, action.session):
        return _session_url(action.session)
    return reverse("supervision:home")


@action_page
def complete_action(request, action):
    return _action_note_page(
        request,
        action,
        "done",
        permissions.can_update_action(request.user, action),
        lambda note: services.complete_action(action, by=request.user, note=note),
    )


@action_page
def cancel_action(request, action):
    return _action_note_page(
        request,
        action,
        "cancel",
        permissions.can_update_action(request.user, action),
        lambda note: services.cancel_action(action, by=request.user, reason=note),
    )


@action_page
def confirm_action(request, action):
    return _action_note_page(
        request,
        action,
        "confirm",
        permissions.can_confirm(request.user, action),
        lambda note: services.confirm_action(action, by=request.user, note=note),
    )


@action_page
def move_action(request, action):
    _require(permissions.can_update_action(request.user, action))
    return form_page(
        request,
        forms.MoveActionForm(_post_or_none(request)),
        template="supervision/action_move.html",
        context={"action": action, "session": action.session},
        action=lambda data: services.move_action(action, by=request.user, new_due_on=data["new_due_on"], reason=data["reason"]),
        success_message="The action has a new date.",
        success_url=lambda _: _after_action(request, action),
    )
