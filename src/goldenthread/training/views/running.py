"""Running the programme (trainers and partnership leads): programmes, courses, sessions, cancelling, and the register."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ._common import FORM, READ, course_page, course_url, post_or_none, programme_page, require, session_page, session_url


def _runs(request):
    require(permissions.can_run_training(request.user), services.RUNS_TRAINING)


def _programme_url(programme) -> str:
    return reverse("training:programme", args=[programme.public_id])


@login_required
@require_http_methods(list(READ))
def manage(request):
    """The programmes and their courses, and the sessions in the coming weeks with places taken and people waiting."""
    _runs(request)
    sessions = [{"session": s, "places_left": queries.places_left(s), "waiting": queries.waiting_count(s)} for s in queries.sessions_to_run()]
    return render(
        request,
        "training/manage.html",
        {"programmes": list(queries.programmes()), "sessions": sessions, "registers": list(queries.registers_waiting_for(request.user))},
    )


@login_required
@require_http_methods(list(FORM))
def programme_add(request):
    _runs(request)
    form = forms.ProgrammeForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="training/programme_form.html",
        context={"programme": None},
        action=lambda _: services.create_programme(by=request.user, **form.programme_values()),
        success_message="The programme is added. Now add its courses.",
        success_url=_programme_url,
    )


@programme_page(*READ)
def programme_detail(request, programme):
    _runs(request)
    courses = list(programme.courses.order_by("title"))
    return render(request, "training/programme.html", {"programme": programme, "courses": courses})


@programme_page(*FORM)
def programme_edit(request, programme):
    _runs(request)
    initial = {"name": programme.name, "kind": programme.kind, "description": programme.description, "is_open": programme.is_open}
    form = forms.ProgrammeForm(post_or_none(request), initial=initial, editing=True)
    return form_page(
        request,
        form,
        template="training/programme_form.html",
        context={"programme": programme},
        action=lambda _: services.update_programme(programme, by=request.user, **form.programme_values()),
        success_message="The programme is saved.",
        success_url=_programme_url(programme),
    )


@programme_page(*FORM)
def course_add(request, programme):
    _runs(request)
    form = forms.CourseForm(post_or_none(request), initial={"parts": "The session"})
    return form_page(
        request,
        form,
        template="training/course_form.html",
        context={"programme": programme, "course": None},
        action=lambda _: services.create_course(programme, by=request.user, **form.course_values()),
        success_message="The course is added. Now put on its sessions.",
        success_url=course_url,
    )


@course_page(*FORM)
def course_edit(request, course):
    _runs(request)
    form = forms.CourseForm(post_or_none(request), initial=forms.course_initial(course), editing=True)
    return form_page(
        request,
        form,
        template="training/course_form.html",
        context={"programme": course.programme, "course": course},
        action=lambda _: services.update_course(course, by=request.user, **form.course_values()),
        success_message="The course is saved.",
        success_url=course_url(course),
    )


@course_page(*FORM)
def session_add(request, course):
    _runs(request)
    form = forms.SessionForm(post_or_none(request), course=course, trainers=list(queries.trainers_to_choose()), initial={"format": "in-person"})
    return form_page(
        request,
        form,
        template="training/session_form.html",
        context={"course": course, "session": None},
        action=lambda _: services.schedule_session(course, by=request.user, **form.session_values()),
        success_message="The session is added. People can book it now.",
        success_url=session_url,
    )


@session_page(*FORM)
def session_edit(request, session):
    require(permissions.can_change_session(request.user, session), "Only the partnership's trainers can change a session that is going ahead.")
    form = forms.SessionForm(
        post_or_none(request), course=session.course, trainers=list(queries.trainers_to_choose()), initial=forms.session_initial(session), editing=True
    )
    return form_page(
        request,
        form,
        template="training/session_form.html",
        context={"course": session.course, "session": session},
        action=lambda _: services.change_session(session, by=request.user, **form.session_values()),
        success_message="The session is saved. If its time or place changed, everyone with a place has been told by e-mail.",
        success_url=session_url(session),
    )


@session_page(*FORM)
def session_cancel(request, session):
    require(permissions.can_change_session(request.user, session), "Only the partnership's trainers can cancel a session that is going ahead.")
    return form_page(
        request,
        forms.CancelSessionForm(post_or_none(request)),
        template="training/cancel_session.html",
        context={"session": session, "when": queries.when_words(session), "people": session.bookings.filter(status__in=queries.LIVE).count()},
        action=lambda data: services.cancel_session(session, by=request.user, reason=data["reason"]),
        success_message="The session is cancelled. Everyone with a place, or on the waiting list, has been told by e-mail.",
        success_url=session_url(session),
    )


@session_page(*FORM)
def register(request, session):
    """Who is booked, offered a place and waiting; from the day of the session, who came; and what people said afterwards."""
    user = request.user
    require(permissions.can_see_register(user, session), services.RUNS_TRAINING)
    found = queries.register(session)
    context = {
        "session": session,
        "register": found,
        "when": queries.when_words(session),
        "where": queries.where_words(session),
        "summary": queries.feedback_summary(session),
        "can_take": permissions.can_take_register(user, session),
    }
    if not context["can_take"]:
        require(request.method != "POST", "The register can be taken from the day of the session, for a session going ahead.")
        return render(request, "training/register.html", {**context, "form": None})
    form = forms.RegisterForm(post_or_none(request), bookings=found.booked)
    return form_page(
        request,
        form,
        template="training/register.html",
        context=context,
        action=lambda _: services.take_register(session, by=user, attendance=form.attendance_values()),
        success_message=lambda changed: "The register is saved." if changed else "Nothing had changed, so the register is as it was.",
        success_url=reverse("training:register", args=[session.public_id]),
    )
