"""Asking for a session and arranging it: the request, confidentiality, answering an invitation, scheduling, inviting, who took part, cancelling."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store
from goldenthread.core.pages import form_page
from goldenthread.core.safeguards import family_data_safeguards
from goldenthread.families import access

from .. import forms, permissions, queries, services
from ..models import Attendee, Session
from ._common import _people_choices, _post_or_none, _require, _session_url, _show_without_errors, _ticked_people, session_page

# Request a session -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def request_session(request):
    """Ask for a session; 'Show its people' lists another organisation's people without losing what was typed.

    The families the person may link are listed by name and reference, so for someone in a
    family's team the page has the family-data safeguards (two-step verification, the terms),
    is never cached, and each family listed is written to its access log.
    """
    user = request.user
    _require(permissions.can_request(user))
    families = list(queries.families_to_link(user))
    if families:
        return no_store(family_data_safeguards(lambda req: _request_page(req, families)))(request)
    return _request_page(request, families)


def _request_page(request, families):
    user = request.user
    data = _post_or_none(request)
    organisations = list(queries.organisations())
    people = _request_people(data, families, organisations, user)
    form = forms.RequestForm(data, families=families, organisations=organisations, people=people, initial={"format": Session.Format.ONLINE})
    if data is not None and "show_people" in data:
        response = render(request, "supervision/request.html", {"form": _show_without_errors(form), "showing": True})
    else:
        response = form_page(
            request,
            form,
            template="supervision/request.html",
            action=lambda _: services.request_session(by=user, **form.request_values()),
            success_message="Your request is sent. The people you invited will be asked to take part.",
            success_url=_session_url,
        )
    if families and response.status_code != 302:  # the page showed each family's name
        access.log_listed(user, families, "Families to link to a group supervision request")
    return response


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
