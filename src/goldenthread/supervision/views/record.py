"""The session page, where the facilitator writes the record of the discussion; what it shows, and a clash with someone else's save."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services, themes
from ..models import Session
from ._common import _post_or_none, _require, _session_url, _theme_names, session_page


@session_page("GET", "HEAD", "POST")
def session_detail(request, session):
    """Everything about a session, and the record of the discussion, which the facilitator writes here."""
    user = request.user
    _require(permissions.can_view_session(user, session))
    if not permissions.can_read_record(user, session):
        if permissions.can_acknowledge(user, session):
            return redirect("supervision:acknowledge", session.public_id)
        _require(request.method != "POST")  # someone who declined may see the outline, not change anything
        services.log_session_view(session, by=user)
        return render(request, "supervision/session_outline.html", {"session": session, "my_place": permissions.place(user, session)})
    can_facilitate = permissions.can_facilitate(user, session)
    _require(can_facilitate or request.method != "POST")  # only the facilitator writes the record
    learning = session.kind == Session.Kind.LEARNING_CONVERSATION
    context = _session_context(request, session, can_facilitate, learning)
    if not can_facilitate:
        return render(request, "supervision/session.html", {**context, "form": None})
    initial = {name: getattr(session, name) for name in forms.RECORD_FIELDS}
    initial.update({"version": session.version, "held_on": session.held_on})
    form = forms.RecordForm(_post_or_none(request), initial=initial, themes=themes.theme_choices(), learning=learning)
    return form_page(
        request,
        form,
        template="supervision/session.html",
        context=context,
        action=lambda _: services.record_session(session, by=user, **form.record_values()),
        success_message=lambda saved: _saved_words(saved, initial["version"]),
        success_url=_session_url(session),
        conflict_context=lambda conflict: {"conflict": _conflict_values(conflict, session)},
    )


def _saved_words(session, version_read) -> str:
    """What saving did: the service moves the version on only when it wrote something."""
    if session.version == version_read:
        return "Nothing had changed, so the record of the session is as it was."
    return "The record of the session is saved."


def _conflict_values(conflict, session):
    """What is saved now, from the conflict the service raised, as (label, text) rows and its version."""
    names = _theme_names()
    rows = []
    for name, field in forms.RecordForm(themes=themes.theme_choices(), learning=session.kind == Session.Kind.LEARNING_CONVERSATION).fields.items():
        if name not in conflict.current:
            continue
        value = conflict.current[name]
        if name == "themes":
            value = ", ".join(names.get(code, code) for code in value or [])
        elif name == "held_on":
            value = value.strftime("%-d %B %Y") if value else ""
        rows.append((str(field.label), value or ""))
    return {"rows": rows, "version": conflict.current_version}


def _session_context(request, session, can_facilitate, learning):
    """What the session page shows. The family's detail is read (and each look logged) only if the page is shown."""
    user = request.user
    theme_names = _theme_names()
    attendees = list(queries.attendees(session))
    action_rows = [
        {
            "action": action,
            "can_update": permissions.can_update_action(user, action),
            "can_confirm": permissions.can_confirm(user, action),
        }
        for action in queries.session_actions(session)
    ]
    can_see_wellbeing = permissions.can_see_wellbeing(user, session)
    my_place = next((a for a in attendees if a.user_id == user.pk), None)
    return {
        "session": session,
        "learning": learning,
        "can_facilitate": can_facilitate,
        "is_attendee": my_place is not None,
        "my_place": my_place,
        "attendees": attendees,
        "acknowledged_count": sum(1 for a in attendees if a.acknowledged_confidentiality_at),
        "action_rows": action_rows,
        "commitments": list(queries.agency_commitments(session)) if learning else [],
        "chosen_themes": [theme_names.get(code, code) for code in (session.themes or [])],
        "can_see_wellbeing": can_see_wellbeing,
        "wellbeing": getattr(session, "wellbeing_note", None) if can_see_wellbeing else None,
        "family_detail": SimpleLazyObject(lambda: _family_detail(user, session)) if session.family_id is not None else None,
        "can_add_to_chronology": not session.chronology_entry_id and permissions.can_add_to_chronology(user, session),
        "can_invite": permissions.can_invite(user, session),
        "can_schedule": permissions.can_schedule(user, session),
        "can_cancel": permissions.can_cancel_session(user, session),
        "can_respond": my_place is not None and permissions.can_respond(user, my_place),
        "today": timezone.localdate(),
        "open_session": session.status in (Session.Status.REQUESTED, Session.Status.SCHEDULED, Session.Status.HELD),
    }


def _family_detail(user, session):
    """The family's story and chronology, for attendees allowed to see them; each look is in the family's access log."""
    services.log_session_view(session, by=user)
    return queries.family_detail(user, session)
