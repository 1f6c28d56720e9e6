"""Workstreams: starting and changing one (the partnership team), its page, its members, and the list of workstreams to join."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ._common import FORM, READ, page, post_or_none, programme_or_404, require, workstream_or_404, workstream_url

SHOWN_MEETINGS = 12


@page(*READ)
def workstreams(request):
    """How you can get involved: your workstreams, every running workstream, and your requests to join with their answers."""
    user = request.user
    mine = list(queries.workstreams_for(user))
    mine_ids = {workstream.pk for workstream in mine}
    waiting_on = set(queries.own_join_requests(user).filter(status="waiting").values_list("workstream_id", flat=True))
    others = [workstream for workstream in queries.running_workstreams() if workstream.pk not in mine_ids]
    for workstream in others:
        workstream.asked = workstream.pk in waiting_on
        workstream.principle_names = queries.principle_names(workstream)
    return render(
        request,
        "programme/work/workstreams.html",
        {"mine": mine, "others": others, "requests": list(queries.own_join_requests(user)[:20])},
    )


@page(*FORM, allowed=permissions.can_run_programmes, message=permissions.RUN_BY_THE_TEAM)
def workstream_add(request, public_id):
    programme = programme_or_404(public_id)
    require(permissions.can_start_workstream(request.user, programme), permissions.RUN_BY_THE_TEAM)
    form = forms.WorkstreamForm(post_or_none(request), initial={"rhythm": "weekly", "meeting_weekday": "1"})
    return form_page(
        request,
        form,
        template="programme/work/workstream_form.html",
        context={"programme": programme},
        action=lambda data: services.start_workstream(programme, by=request.user, **form.workstream_values()),
        success_message="The workstream is started. Its lead has been told, and the weekly e-mail to its members starts next Monday.",
        success_url=workstream_url,
    )


@page(*FORM, allowed=permissions.can_run_programmes, message=permissions.RUN_BY_THE_TEAM)
def workstream_edit(request, public_id):
    workstream = workstream_or_404(public_id)
    require(permissions.can_change_workstream(request.user, workstream), permissions.RUN_BY_THE_TEAM)
    initial = {
        "name": workstream.name,
        "purpose": workstream.purpose,
        "principles": list(workstream.principles),
        "lead_email": workstream.lead.email if workstream.lead else "",
        "rhythm": workstream.rhythm,
        "meeting_weekday": str(workstream.meeting_weekday),
        "is_open": workstream.is_open,
    }
    form = forms.WorkstreamForm(post_or_none(request), initial=initial, changing=True)
    return form_page(
        request,
        form,
        template="programme/work/workstream_form.html",
        context={"programme": workstream.programme, "workstream": workstream},
        action=lambda data: services.change_workstream(workstream, by=request.user, **form.workstream_values()),
        success_message="The workstream is saved.",
        success_url=workstream_url(workstream),
    )


@page(*READ)
def workstream_detail(request, public_id):
    workstream = workstream_or_404(public_id)
    user = request.user
    require(permissions.can_see_workstream(user, workstream))
    meetings = list(queries.meetings_of(workstream)[: SHOWN_MEETINGS + 1])
    [row] = queries.progress_of([workstream])
    can_manage = permissions.can_manage_members(user, workstream)
    return render(
        request,
        "programme/work/workstream.html",
        {
            "workstream": workstream,
            "principles": queries.principle_names(workstream),
            "members": list(queries.current_members(workstream)),
            "meetings": meetings[:SHOWN_MEETINGS],
            "more_meetings": len(meetings) > SHOWN_MEETINGS,
            "progress": row,
            "overdue": list(queries.overdue_actions(workstream.actions.all()).select_related("meeting").order_by("due_on", "id")),
            "due_soon": list(queries.open_actions(workstream).filter(due_on__gte=timezone.localdate()).order_by("due_on", "id")[:5]),
            "requests": list(queries.join_requests_waiting(workstream)) if permissions.can_decide_join_requests(user, workstream) else [],
            "takes_part": permissions.takes_part(user, workstream),
            "can_record": permissions.can_record_meetings(user, workstream),
            "can_change": permissions.can_change_workstream(user, workstream),
            "can_manage": can_manage and workstream.is_running,
            "can_ask": permissions.can_ask_to_join(user, workstream),
            "has_asked": workstream.join_requests.filter(person=user, status="waiting").exists(),
            "own_member": workstream.members.filter(person=user, left_at=None).first(),
        },
    )


@page(*FORM)
def member_add(request, public_id):
    workstream = workstream_or_404(public_id)
    require(permissions.can_manage_members(request.user, workstream), permissions.MEMBERS_BY_THE_LEAD)
    form = forms.MemberForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/work/member_form.html",
        context={"workstream": workstream},
        action=lambda data: services.add_member(workstream, by=request.user, person=form.person),
        success_message=lambda member: f"{member.person.full_name} is on the workstream, and has been told by e-mail.",
        success_url=workstream_url(workstream),
    )


@page(*FORM)
def member_remove(request, public_id, member_id):
    workstream = workstream_or_404(public_id)
    member = queries.member_by_id(workstream, member_id)
    if member is None or member.left_at is not None:
        raise Http404
    require(permissions.can_take_off(request.user, member), permissions.MEMBERS_BY_THE_LEAD)
    is_self = member.person_id == request.user.pk
    if request.method == "POST":
        try:
            services.take_off(member, by=request.user)
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
            return redirect(workstream_url(workstream))
        messages.success(
            request, "You have stepped back from the workstream. Thank you for your part in it." if is_self else "They are no longer on the workstream."
        )
        return redirect(workstream_url(workstream))
    return render(request, "programme/work/member_remove.html", {"workstream": workstream, "member": member, "is_self": is_self})
