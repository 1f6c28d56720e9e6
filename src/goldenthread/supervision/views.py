"""Group supervision pages. Each view parses, asks `permissions`, calls `services` or `queries`, renders.

A session linked to a family is wrapped in the family-data safeguards (two-step verification
and the current terms) and is never kept in the browser's cache; its family detail is read
through `families.access`, so each look is in the family's access log. Everyone must
acknowledge confidentiality before they read the record of a session.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core import safeguards
from goldenthread.core.models import User
from goldenthread.core.pages import render_form_page
from goldenthread.core.safeguards import family_data_safeguards
from goldenthread.families import access
from goldenthread.families.models import TeamMember
from goldenthread.partnership.models import Membership, Organisation

from . import forms, permissions, queries, services, themes
from .models import Action, Attendee, Session

# Helpers ----------------------------------------------------------------------------------


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


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
                guarded = family_data_safeguards(lambda req: view(req, session, *args, **kwargs))
                return _no_store(guarded(request))
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
            guarded = family_data_safeguards(lambda req: view(req, action))
            return _no_store(guarded(request))
        return view(request, action)

    return wrapped


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _post_or_none(request):
    return request.POST if request.method == "POST" else None


def _to_session(session):
    return redirect("supervision:session", session.public_id)


def _must_acknowledge(request, session):
    """Everyone reads the record only after acknowledging confidentiality: send them to that page first."""
    if permissions.has_acknowledged(request.user, session):
        return None
    if not permissions.can_acknowledge(request.user, session):
        raise PermissionDenied
    return redirect("supervision:acknowledge", session.public_id)


def _people_choices(users_with_organisations):
    """{public id: (user, label)} for (user, organisation name) pairs, each person once."""
    people = {}
    for user, organisation_name in users_with_organisations:
        key = str(user.public_id)
        if key not in people:
            people[key] = (user, forms.person_label(user, organisation_name))
    return people


def _members_of(organisation):
    memberships = Membership.objects.filter(organisation=organisation, user__is_active=True).select_related("user", "organisation").order_by("user__full_name")
    return [(m.user, m.organisation.name) for m in memberships]


def _organisation_name_of(user):
    membership = Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name").first()
    return membership.organisation.name if membership else ""


def _people_by_keys(keys):
    """The people already ticked, so they stay ticked when another organisation is shown."""
    keys = [key for key in keys if _looks_like_uuid(key)][:200]
    users = User.objects.filter(public_id__in=keys, is_active=True)
    return [(user, _organisation_name_of(user)) for user in users]


def _looks_like_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _family_team(family, excluding=None):
    team = TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user", "organisation").order_by("user__full_name")
    return [(place.user, place.organisation.name) for place in team if place.user_id != getattr(excluding, "pk", None)]


def _attendee_people(session):
    attendees = session.attendees.select_related("user", "organisation").order_by("user__full_name")
    return _people_choices((a.user, a.organisation.name) for a in attendees)


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
    return render(request, "supervision/home.html", {
        "upcoming": sorted(upcoming, key=lambda s: s.proposed_start),
        "held": held,
        "cancelled": cancelled,
        "actions": actions,
        "today": timezone.localdate(),
        "can_request": permissions.can_request(user),
        "can_see_figures": permissions.can_see_figures(user),
    })


# Request a session -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_session(request):
    """Ask for a session; 'Show its people' lists another organisation's people without losing what was typed."""
    user = request.user
    _require(permissions.can_request(user))
    data = _post_or_none(request)
    families = list(access.families_for(user).order_by("reference"))
    organisations = list(Organisation.objects.order_by("name"))
    people = _request_people(data, families, organisations, user)
    form = forms.RequestForm(data, families=families, organisations=organisations, people=people, initial={"format": Session.Format.ONLINE})
    if data is not None and "show_people" in data:
        return render(request, "supervision/request.html", {"form": _show_without_errors(form), "showing": True})
    if data is not None and form.is_valid():
        try:
            session = services.request_session(user, **form.request_values())
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "Your request is sent. The people you invited will be asked to take part.")
            return _to_session(session)
    return render_form_page(request, "supervision/request.html", {}, form)


def _request_people(data, families, organisations, user):
    """Who can be invited: the chosen family's team, the people of the chosen organisation, and those already ticked."""
    pairs = []
    if data is not None:
        family = next((f for f in families if str(f.public_id) == data.get("family")), None)
        if family is not None:
            pairs.extend(_family_team(family, excluding=user))
        organisation = next((o for o in organisations if str(o.public_id) == data.get("invite_from")), None)
        if organisation is not None:
            pairs.extend((u, name) for u, name in _members_of(organisation) if u.pk != user.pk)
        pairs.extend(_people_by_keys(data.getlist("invitees")))
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
        if request.method == "POST":
            raise PermissionDenied
        queries.log_session_view(user, session)
        return render(request, "supervision/session_outline.html", {"session": session, "my_place": permissions.place(user, session)})
    can_facilitate = permissions.can_facilitate(user, session)
    learning = session.kind == Session.Kind.LEARNING_CONVERSATION
    theme_choices = themes.theme_choices()
    form = None
    status = 200
    conflict = None
    if can_facilitate and session.status != Session.Status.CANCELLED:
        initial = {name: getattr(session, name) for name in forms.RECORD_FIELDS}
        initial.update({"version": session.version, "held_on": session.held_on})
        form = forms.RecordForm(_post_or_none(request), initial=initial, themes=theme_choices, learning=learning)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                services.record_session(session, by=user, expected_version=form.cleaned_data["version"], **form.record_values())
            except services.EditConflict as error:
                conflict = _conflict_values(error, session)
                typed = request.POST.copy()
                typed["version"] = str(conflict["version"])
                form = forms.RecordForm(typed, initial=initial, themes=theme_choices, learning=learning)
                form.is_valid()
                status = 409
            except ValidationError as error:
                form.apply_service_errors(error)
                status = 400
            else:
                messages.success(request, "The record of the session is saved.")
                return _to_session(session)
        else:
            status = 400
    context = _session_context(request, session, can_facilitate, learning, dict(theme_choices))
    context.update({"form": form, "conflict": conflict})
    return render(request, "supervision/session.html", context, status=status)


def _conflict_values(error, session):
    """What is saved now, from the conflict the service raised (or read again)."""
    current = getattr(error, "current", None)
    version = getattr(error, "current_version", None)
    if current is None or version is None:
        session.refresh_from_db()
        current = {name: getattr(session, name) for name in forms.RECORD_FIELDS}
        version = session.version
    names = _theme_names()
    rows = []
    for name, field in forms.RecordForm(themes=themes.theme_choices(), learning=session.kind == Session.Kind.LEARNING_CONVERSATION).fields.items():
        if name not in current:
            continue
        value = current[name]
        if name == "themes":
            value = ", ".join(names.get(code, code) for code in value or [])
        elif name == "held_on":
            value = value.strftime("%-d %B %Y") if value else ""
        rows.append((str(field.label), value or ""))
    return {"rows": rows, "version": version}


def _session_context(request, session, can_facilitate, learning, theme_names):
    user = request.user
    family_detail = _family_detail(user, session)
    attendees = list(session.attendees.select_related("user", "organisation").order_by("organisation__name", "user__full_name"))
    actions = list(session.actions.select_related("owner").order_by("due_on", "id"))
    action_rows = [
        {
            "action": action,
            "can_update": permissions.can_update_action(user, action),
            "can_confirm": permissions.can_confirm(user, action),
        }
        for action in actions
    ]
    can_see_wellbeing = permissions.can_see_wellbeing(user, session)
    wellbeing = getattr(session, "wellbeing_note", None) if can_see_wellbeing else None
    return {
        "session": session,
        "learning": learning,
        "can_facilitate": can_facilitate,
        "is_attendee": any(a.user_id == user.pk for a in attendees),
        "my_place": next((a for a in attendees if a.user_id == user.pk), None),
        "attendees": attendees,
        "acknowledged_count": sum(1 for a in attendees if a.acknowledged_confidentiality_at),
        "action_rows": action_rows,
        "commitments": list(session.agency_commitments.select_related("organisation").order_by("organisation__name")) if learning else [],
        "chosen_themes": [theme_names.get(code, code) for code in (session.themes or [])],
        "can_see_wellbeing": can_see_wellbeing,
        "wellbeing": wellbeing,
        "family_detail": family_detail,
        "can_add_to_chronology": not session.chronology_entry_id and permissions.can_add_to_chronology(user, session),
        "can_invite": permissions.can_invite(user, session),
        "can_schedule": permissions.can_schedule(user, session),
        "can_cancel": permissions.can_cancel_session(user, session),
        "can_respond": bool(permissions.place(user, session)) and permissions.can_respond(user, permissions.place(user, session)),
        "today": timezone.localdate(),
        "open_session": session.status in (Session.Status.REQUESTED, Session.Status.SCHEDULED, Session.Status.HELD),
    }


def _family_detail(user, session):
    """The family's story and chronology, for attendees allowed to see them; each look is in the family's access log."""
    if session.family_id is None:
        return None
    queries.log_session_view(user, session)
    return queries.family_detail(user, session)


# Confidentiality, responding, scheduling, inviting --------------------------------------


@session_page("GET", "POST")
def acknowledge(request, session):
    user = request.user
    _require(permissions.can_view_session(user, session))
    if permissions.has_acknowledged(user, session):
        return _to_session(session)
    _require(permissions.can_acknowledge(user, session))
    form = forms.AcknowledgeForm(_post_or_none(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.acknowledge_confidentiality(session, user)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            return _to_session(session)
    return render_form_page(request, "supervision/acknowledge.html", {"session": session}, form)


@session_page("GET", "POST")
def respond(request, session):
    user = request.user
    place = permissions.place(user, session)
    _require(place is not None and permissions.can_respond(user, place))
    form = forms.RespondForm(_post_or_none(request), initial={"response": place.response if place.response != Attendee.Response.INVITED else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(place, form.cleaned_data["response"], by=user)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "Thank you: your answer is saved.")
            return redirect("supervision:home")
    return render_form_page(request, "supervision/respond.html", {"session": session}, form)


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
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule(session, by=user, **form.schedule_values())
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The session is scheduled.")
            return _to_session(session)
    return render_form_page(request, "supervision/schedule.html", {"session": session}, form)


def _schedule_people(session, user):
    """The facilitator and accountable manager come from the attendees, the requester, and the facilitator's colleagues."""
    pairs = [(a.user, a.organisation.name) for a in session.attendees.select_related("user", "organisation")]
    for person in (user, session.requested_by, session.facilitator, session.accountable_manager):
        if person is not None:
            pairs.append((person, _organisation_name_of(person)))
    for membership in Membership.objects.filter(organisation__in=Membership.objects.filter(user=user).values("organisation")).select_related("user", "organisation"):
        pairs.append((membership.user, membership.organisation.name))
    people = _people_choices(pairs)
    return dict(sorted(people.items(), key=lambda item: item[1][1].lower()))


@session_page("GET", "POST")
def invite(request, session):
    user = request.user
    _require(permissions.can_invite(user, session))
    data = _post_or_none(request)
    organisations = list(Organisation.objects.order_by("name"))
    already = set(session.attendees.values_list("user_id", flat=True))
    pairs = _family_team(session.family, excluding=user) if session.family_id else []
    if data is not None:
        organisation = next((o for o in organisations if str(o.public_id) == data.get("invite_from")), None)
        if organisation is not None:
            pairs.extend(_members_of(organisation))
        pairs.extend(_people_by_keys(data.getlist("invitees")))
    people = _people_choices((u, name) for u, name in pairs if u.pk not in already)
    form = forms.InviteForm(data, organisations=organisations, people=people)
    if data is not None and "show_people" in data:
        return render(request, "supervision/invite.html", {"session": session, "form": _show_without_errors(form)})
    if data is not None and form.is_valid():
        try:
            services.invite(session, form.chosen_invitees(), by=user)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The people you chose are invited.")
            return _to_session(session)
    return render_form_page(request, "supervision/invite.html", {"session": session}, form)


@session_page("GET", "POST")
def attendance(request, session):
    user = request.user
    _require(permissions.can_facilitate(user, session))
    people = _attendee_people(session)
    initial = {"attended": [str(a.user.public_id) for a in session.attendees.select_related("user") if a.attended]}
    form = forms.AttendanceForm(_post_or_none(request), people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_attended(session, form.chosen(), by=user)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "Who took part is saved.")
            return _to_session(session)
    return render_form_page(request, "supervision/attendance.html", {"session": session}, form)


@session_page("GET", "POST")
def cancel_session(request, session):
    user = request.user
    _require(permissions.can_cancel_session(user, session))
    form = forms.CancelSessionForm(_post_or_none(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(session, by=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The session is cancelled. The people invited will be told.")
            return redirect("supervision:home")
    return render_form_page(request, "supervision/cancel_session.html", {"session": session}, form)


# Within the session: actions, agency commitments, wellbeing, the chronology summary --------


@session_page("GET", "POST")
def add_action(request, session):
    user = request.user
    _require(permissions.can_facilitate(user, session))
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    form = forms.ActionForm(_post_or_none(request), people=_attendee_people(session))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.add_action(session, by=user, **form.action_values())
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            if action.status == Action.Status.PROPOSED:
                messages.success(request, "The action is added. It changes the child's plan, so the accountable manager will confirm it.")
            else:
                messages.success(request, "The action is added.")
            return _to_session(session)
    return render_form_page(request, "supervision/action_form.html", {"session": session}, form)


@session_page("GET", "POST")
def add_commitment(request, session):
    user = request.user
    _require(permissions.can_facilitate(user, session) and session.kind == Session.Kind.LEARNING_CONVERSATION)
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    organisations = list(Organisation.objects.filter(pk__in=session.attendees.values("organisation")).order_by("name"))
    form = forms.AgencyCommitmentForm(_post_or_none(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agency_commitment(session, form.chosen_organisation(), form.cleaned_data["commitment"], by=user)
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "What the agency will do differently is saved.")
            return _to_session(session)
    return render_form_page(request, "supervision/commitment_form.html", {"session": session}, form)


@session_page("GET", "POST")
def wellbeing(request, session):
    user = request.user
    _require(permissions.can_see_wellbeing(user, session))
    waiting = _must_acknowledge(request, session)
    if waiting is not None:
        return waiting
    current = getattr(session, "wellbeing_note", None)
    form = forms.WellbeingForm(_post_or_none(request), initial={"note": current.note if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_wellbeing_note(session, by=user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The wellbeing note is saved. Only the people who took part can read it.")
            return _to_session(session)
    return render_form_page(request, "supervision/wellbeing.html", {"session": session}, form)


@session_page("GET", "POST")
def chronology_summary(request, session):
    user = request.user
    _require(permissions.can_add_to_chronology(user, session))
    if session.chronology_entry_id:
        messages.info(request, "A summary of this session is already in the family's chronology.")
        return _to_session(session)
    form = forms.ChronologySummaryForm(_post_or_none(request), initial={"summary": session.chronology_summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_to_chronology(session, by=user, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The summary is added to the family's chronology.")
            return _to_session(session)
    return render_form_page(request, "supervision/chronology_summary.html", {"session": session}, form)


# An action: done, cancelled, moved, confirmed --------------------------------------------

ACTION_NOTE_PAGES = {
    "done": {
        "title": "Mark the action as done",
        "label": "What was done",
        "required": "Say what was done",
        "hint": "A short note, so everyone who took part knows.",
        "button": "Mark as done",
        "success": "The action is marked as done.",
    },
    "cancel": {
        "title": "Cancel the action",
        "label": "Why it is cancelled",
        "required": "Say why the action is cancelled",
        "hint": "The action stays in the record, with your reason.",
        "button": "Cancel the action",
        "success": "The action is cancelled. It stays in the record with your reason.",
    },
    "confirm": {
        "title": "Confirm the action",
        "label": "Your note as accountable manager",
        "required": "Write a note to confirm the action",
        "hint": "This action changes the child's plan. Once you confirm it, it is final and open.",
        "button": "Confirm the action",
        "success": "The action is confirmed and open.",
    },
}


def _action_note_page(request, action, which, allowed, service):
    _require(allowed)
    words = ACTION_NOTE_PAGES[which]
    form = forms.ActionNoteForm(_post_or_none(request), label=words["label"], required_message=words["required"], hint=words["hint"])
    if request.method == "POST" and form.is_valid():
        try:
            service(form.cleaned_data["note"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, words["success"])
            return _after_action(request, action)
    return render_form_page(request, "supervision/action_note.html", {"action": action, "session": action.session, "words": words}, form)


def _after_action(request, action):
    if permissions.can_read_record(request.user, action.session):
        return _to_session(action.session)
    return redirect("supervision:home")


@action_page
def complete_action(request, action):
    return _action_note_page(
        request, action, "done", permissions.can_update_action(request.user, action),
        lambda note: services.complete_action(action, by=request.user, note=note),
    )


@action_page
def cancel_action(request, action):
    return _action_note_page(
        request, action, "cancel", permissions.can_update_action(request.user, action),
        lambda note: services.cancel_action(action, by=request.user, reason=note),
    )


@action_page
def confirm_action(request, action):
    return _action_note_page(
        request, action, "confirm", permissions.can_confirm(request.user, action),
        lambda note: services.confirm_action(action, by=request.user, note=note),
    )


@action_page
def move_action(request, action):
    _require(permissions.can_update_action(request.user, action))
    form = forms.MoveActionForm(_post_or_none(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.move_action(action, by=request.user, new_due_on=form.cleaned_data["new_due_on"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_service_errors(error)
        else:
            messages.success(request, "The action has a new date.")
            return _after_action(request, action)
    return render_form_page(request, "supervision/action_move.html", {"action": action, "session": action.session}, form)


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
    import datetime

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
