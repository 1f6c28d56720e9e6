"""Within a session: what an agency will do differently, the wellbeing note, and the summary for the family's chronology."""

from django.contrib import messages
from django.shortcuts import redirect

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ._common import _must_acknowledge, _post_or_none, _require, _session_url, session_page


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
        # the family's team, across agencies, and the family itself read the chronology
        check_words=("summary",),
        shared_with="the family's chronology",
    )
