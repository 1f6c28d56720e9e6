"""Group supervision pages. Each view parses, asks `permissions`, calls `services` or `queries`, renders.

Every form page is `core.pages.form_page`: the form, then on a valid POST the service, then
a message and a redirect (or the service's refusal on the form, 400). A session linked to a
family is wrapped in the family-data safeguards (two-step verification and the current
terms) and is never kept in the browser's cache; its family detail is read through
`families.access`, so each look is in the family's access log. Everyone must acknowledge
confidentiality before they read the record of a session.
"""

import datetime
import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from goldenthread.core import safeguards
from goldenthread.core.decorators import no_store
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused
from goldenthread.core.safeguards import family_data_safeguards

from . import forms, permissions, queries, rules, services, themes
from .models import Action, Attendee, Session

# Helpers ----------------------------------------------------------------------------------


def session_page(*methods):
    """Signed in, the HTTP methods the page answers, and the safeguards when the session is about a family.

    The view receives the Session (404 for an unknown one) instead of its id; who may see it is
    asked inside each view, because it differs from page to page.
    """

    def decorate(view):
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapped(request, session_id, *args, **kwargs):
            session = get_object_or_404(Session.objects.select_related("family", "facilitator", "accountable_manager", "requested_by"), public_id=session_id)
            if session.family_id is not None:
                return no_store(family_data_safeguards(lambda req: view(req, session, *args, **kwargs)))(request)
            return view(request, session, *args, **kwargs)

        return wrapped

    return decorate


def action_page(view):
    """An action's small form page: signed in, GET or POST, the session's safeguards, the action (404 if unknown)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def wrapped(request, action_id):
        action = get_object_or_404(Action.objects.select_related("session", "session__family", "owner"), public_id=action_id)
        if action.session.family_id is not None:
            return no_store(family_data_safeguards(lambda req: view(req, action)))(request)
        return view(request, action)

    return wrapped


def _require(allowed):
    if not allowed:
        raise Refused()


def _post_or_none(request):
    return request.POST if request.method == "POST" else None


def _session_url(session) -> str:
    return reverse("supervision:session", args=[session.public_id])


def _must_acknowledge(request, session):
    """Everyone reads the record only after acknowledging confidentiality: send them to that page first."""
    if permissions.has_acknowledged(request.user, session):
        return None
    _require(permissions.can_acknowledge(request.user, session))
    return redirect("supervision:acknowledge", session.public_id)


def _people_choices(users_with_organisations):
    """{public id: (user, label)} for (user, organisation name) pairs, each person once."""
    people = {}
    for user, organisation_name in users_with_organisations:
        key = str(user.public_id)
        if key not in people:
            people[key] = (user, forms.person_label(user, organisation_name))
    return people


def _ticked_people(keys):
    """The people already ticked, so they stay ticked when another organisation is shown."""
    return queries.active_people(key for key in keys if _looks_like_uuid(key))


def _looks_like_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _show_without_errors(form):
    """A bound form shown again (to list more people) without judging it yet: nothing typed is lost."""
    form._errors = ErrorDict()
    return form


def _theme_names():
    return dict(themes.theme_choices())


# Home: your sessions and your actions ----------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def home(request):
    """The sessions you are part of, and your open actions, with a way to ask for a session."""
    user = request.user
    sessions = list(queries.sessions_for(user))
    upcoming = [s for s in sessions if s.status in (Session.Status.REQUESTED, Session.Status.SCHEDULED)]
    held = [s for s in sessions if s.status == Session.Status.HELD]
    cancelled = [s for s in sessions if s.status == Session.Status.CANCELLED]
    actions = list(queries.my_open_actions(user, include_proposed=True))
    verified = safeguards.is_verified(user)
    for action in actions:
        action.details_shown = permissions.can_read_action_details(action, verified=verified)
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


# Request a session -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_session(request):
    """Ask for a session; 'Show its people' lists another organisation's people without losing what was typed."""
    user = request.user
    _require(permissions.can_request(user))
    data = _post_or_none(request)
    families = list(queries.families_to_link(user))
    organisations = list(queries.organisations())
    people = _request_people(data, families, organisations, user)
    form = forms.RequestForm(data, families=families, organisations=organisations, people=people, initial={"format": Session.Format.ONLINE})
    if data is not None and "show_people" in data:
        return render(request, "supervision/request.html", {"form": _show_without_errors(form), "showing": True})
    return form_page(
        request,
        form,
        template="supervision/request.html",
        action=lambda _: services.request_session(by=user, **form.request_values()),
        success_message="Your request is sent. The people you invited will be asked to take part.",
        success_url=_session_url,
    )


def _request_people(data, families, organisations, user):
    """Who can be invited: the chosen family's team, the people of the chosen organisation, and those already ticked."""
    pairs = []
    if data is not None:
        family = next((f for f in families if str(f.public_id) == data.get("family")), None)
        if family is not None:
            pairs.extend(queries.family_team(family, excluding=user))
        organisation = next((o for o in organisations if str(o.public_id) == data.get("invite_from")), None)
        if organisation is not None:
            pairs.extend((u, name) for u, name in queries.people_in(organisation) if u.pk != user.pk)
        pairs.extend(_ticked_people(data.getlist("invitees")))
    return _people_choices(pairs)


# The session page: the facilitator runs it from here -------------------------------------


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
        success_message="The record of the session is saved.",
        success_url=_session_url(session),
        conflict_context=lambda conflict: {"conflict": _conflict_values(conflict, session)},
    )


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


# Confidentiality, responding, scheduling, inviting --------------------------------------


@session_page("GET", "POST")
def acknowledge(request, session):
    user = request.user
    _require(permissions.can_view_session(user, session))
    if permissions.has_acknowledged(user, session):
        return redirect(_session_url(session))
    _require(permissions.can_acknowledge(user, session))
    return form_page(
        request,
        forms.AcknowledgeForm(_post_or_none(request)),
        template="supervision/acknowledge.html",
        context={"session": session},
        action=lambda _: services.acknowledge_confidentiality(session, by=user),
        success_url=_session_url(session),
    )


@session_page("GET", "POST")
def respond(request, session):
    user = request.user
    place = permissions.place(user, session)
    _require(place is not None and permissions.can_respond(user, place))
    form = forms.RespondForm(_post_or_none(request), initial={"response": place.response if place.response != Attendee.Response.INVITED else None})
    return form_page(
        request,
        form,
        template="supervision/respond.html",
        context={"session": session},
        action=lambda data: services.respond(place, by=user, response=data["response"]),
        success_message="Thank you: your answer is saved.",
        success_url=reverse("supervision:home"),
    )


@session_page("GET", "POST")
def schedule(request, session):
    user = request.user
    _require(permissions.can_schedule(user, session))
    people = _schedule_people(session, user)
    initial = {
        "facilitator": str(session.facilitator.public_id) if session.facilitator else str(user.public_id),
        "accountable_manager": str(session.accountable_manager.public_id) if session.accountable_manager else "",
        "proposed_date": timezone.localtime(session.proposed_start).date(),
        "proposed_time": timezone.localtime(session.proposed_start).strftime("%H:%M"),
    }
    form = forms.ScheduleForm(_post_or_none(request), people=people, initial=initial)
    return form_page(
        request,
        form,
        template="supervision/schedule.html",
        context={"session": session},
        action=lambda _: services.schedule(session, by=user, **form.schedule_values()),
        success_message="The session is scheduled.",
        success_url=_session_url(session),
    )


def _schedule_people(session, user):
    """The facilitator and accountable manager come from the attendees, the requester, and the facilitator's colleagues."""
    pairs = list(queries.session_people(session))
    for person in (user, session.requested_by, session.facilitator, session.accountable_manager):
        if person is not None:
            pairs.append((person, queries.organisation_name_of(person)))
    pairs.extend(queries.people_in_organisations_of(user))
    people = _people_choices(pairs)
    return dict(sorted(people.items(), key=lambda item: item[1][1].lower()))


@session_page("GET", "POST")
def invite(request, session):
    user = request.user
    _require(permissions.can_invite(user, session))
    data = _post_or_none(request)
    organisations = list(queries.organisations())
    already = queries.invited_user_ids(session)
    pairs = queries.family_team(session.family, excluding=user) if session.family_id else []
    if data is not None:
        organisation = next((o for o in organisations if str(o.public_id) == data.get("invite_from")), None)
        if organisation is not None:
            pairs.extend(queries.people_in(organisation))
        pairs.extend(_ticked_people(data.getlist("invitees")))
    people = _people_choices((u, name) for u, name in pairs if u.pk not in already)
    form = forms.InviteForm(data, organisations=organisations, people=people)
    if data is not None and "show_people" in data:
        return render(request, "supervision/invite.html", {"session": session, "form": _show_without_errors(form)})
    return form_page(
        request,
        form,
        template="supervision/invite.html",
        context={"session": session},
        action=lambda _: services.invite(session, by=user, invitees=form.chosen_invitees()),
        success_message="The people you chose are invited.",
        success_url=_session_url(session),
    )


@session_page("GET", "POST")
def attendance(request, session):
    user = request.user
    _require(permissions.can_facilitate(user, session))
    initial = {"attended": [str(a.user.public_id) for a in queries.attendees(session) if a.attended]}
    form = forms.AttendanceForm(_post_or_none(request), people=_people_choices(queries.session_people(session)), initial=initial)
    return form_page(
        request,
        form,
        template="supervision/attendance.html",
        context={"session": session},
        action=lambda _: services.mark_attended(session, by=user, attended=form.chosen()),
        success_message="Who took part is saved.",
        success_url=_session_url(session),
    )


@session_page("GET", "POST")
def cancel_session(request, session):
    user = request.user
    _require(permissions.can_cancel_session(user, session))
    return form_page(
        request,
        forms.CancelSessionForm(_post_or_none(request)),
        template="supervision/cancel_session.html",
        context={"session": session},
        action=lambda data: services.cancel_session(session, by=user, reason=data["reason"]),
        success_message="The session is cancelled. The people invited will be told.",
        success_url=reverse("supervision:home"),
    )


# Within the session: actions, agency commitments, wellbeing, the chronology summary --------


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
    if action.status == Action.Status.PROPOSED:
        return "The action is added. It changes the child's plan, so the accountable manager will confirm it."
    return "The action is added."


@session_page("GET", "POST")
def add_commitment(request, session):
    user = request.user
    _require(permissions.can_add_commitment(user, session))
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    form = forms.AgencyCommitmentForm(_post_or_none(request), organisations=list(queries.organisations_in(session)))
    return form_page(
        request,
        form,
        template="supervision/commitment_form.html",
        context={"session": session},
        action=lambda data: services.add_agency_commitment(session, by=user, organisation=form.chosen_organisation(), commitment=data["commitment"]),
        success_message="What the agency will do differently is saved.",
        success_url=_session_url(session),
    )


@session_page("GET", "POST")
def wellbeing(request, session):
    user = request.user
    _require(permissions.can_see_wellbeing(user, session))
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    current = getattr(session, "wellbeing_note", None)
    return form_page(
        request,
        forms.WellbeingForm(_post_or_none(request), initial={"note": current.note if current else ""}),
        template="supervision/wellbeing.html",
        context={"session": session},
        action=lambda data: services.save_wellbeing_note(session, by=user, note=data["note"]),
        success_message="The wellbeing note is saved. Only the people who took part can read it.",
        success_url=_session_url(session),
    )


@session_page("GET", "POST")
def chronology_summary(request, session):
    user = request.user
    _require(permissions.can_add_to_chronology(user, session))
    if session.chronology_entry_id:
        messages.info(request, "A summary of this session is already in the family's chronology.")
        return redirect(_session_url(session))
    return form_page(
        request,
        forms.ChronologySummaryForm(_post_or_none(request), initial={"summary": session.chronology_summary}),
        template="supervision/chronology_summary.html",
        context={"session": session},
        action=lambda data: services.add_to_chronology(session, by=user, summary=data["summary"]),
        success_message="The summary is added to the family's chronology.",
        success_url=_session_url(session),
    )


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


# Partnership figures ----------------------------------------------------------------------


def _figures(request):
    _require(permissions.can_see_figures(request.user))
    form = forms.FiguresForm(request.GET or None)
    months = (form.cleaned_data.get("months") or 12) if form.is_valid() else 12
    return form, months, queries.figures(months=months)


@login_required
@require_http_methods(["GET", "HEAD"])
def figures(request):
    """Anonymised figures across the partnership: never a family, a name or anything anyone wrote."""
    form, months, found = _figures(request)
    return render(request, "supervision/figures.html", {"form": form, "months": months, "figures": found, **_figures_tables(found)})


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return datetime.date(int(year), int(month), 1).strftime("%b %Y")


def _figures_tables(found):
    """The figures laid out as table rows: months down the side, kinds (or themes) across."""
    kinds = list(Session.Kind.choices)
    counts = {(row.month, row.kind): row.sessions for row in found.sessions_by_month}
    month_rows = [
        {"label": _month_label(key), "counts": [counts.get((key, kind), 0) for kind, _ in kinds], "total": sum(counts.get((key, kind), 0) for kind, _ in kinds)}
        for key in found.months
    ]
    kind_totals = [sum(counts.get((key, kind), 0) for key in found.months) for kind, _ in kinds]
    share = found.on_time_share
    return {
        "kinds": [label for _, label in kinds],
        "month_rows": month_rows,
        "kind_totals": kind_totals,
        "month_labels": [_month_label(key) for key in found.months],
        "theme_rows": [{"name": row.name, "total": row.sessions, "by_month": [row.by_month.get(key, 0) for key in found.months]} for row in found.themes],
        "on_time_percent": None if share is None else round(share * 100),
    }


@login_required
@require_http_methods(["GET", "HEAD"])
def figures_csv(request):
    _form, months, found = _figures(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supervision-figures-{months}-months.csv"'
    response.write(queries.figures_csv(found))
    return response
