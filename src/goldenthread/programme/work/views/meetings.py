"""A workstream's meetings: record one, read it, put its record right (the lead and the members)."""

from django.shortcuts import render
from django.urls import reverse

from goldenthread.core.pages import form_page

from .. import forms, permissions, queries, services
from ..action_plan import PLAN
from ._common import FORM, READ, meeting_or_404, page, post_or_none, require, workstream_or_404


def meeting_url(meeting) -> str:
    return reverse("programme:work-meeting", args=[meeting.public_id])


@page(*FORM)
def meeting_add(request, public_id):
    workstream = workstream_or_404(public_id)
    PLAN.require_change(request.user, workstream)
    form = forms.MeetingForm(post_or_none(request), members=queries.current_members(workstream))
    return form_page(
        request,
        form,
        template="programme/work/meeting_form.html",
        context={"workstream": workstream},
        action=lambda data: services.record_meeting(workstream, by=request.user, **form.meeting_values()),
        success_message="The meeting is recorded. You can add the actions it agreed.",
        success_url=meeting_url,
    )


@page(*READ)
def meeting_detail(request, public_id):
    meeting = meeting_or_404(public_id)
    workstream = meeting.workstream
    require(permissions.can_see_workstream(request.user, workstream))
    return render(
        request,
        "programme/work/meeting.html",
        {
            "meeting": meeting,
            "workstream": workstream,
            "attended": list(meeting.attended.select_related("person", "organisation").order_by("person__full_name")),
            "actions": list(meeting.actions.order_by("due_on", "id")),
            "can_record": permissions.can_record_meetings(request.user, workstream),
        },
    )


@page(*FORM)
def meeting_edit(request, public_id):
    meeting = meeting_or_404(public_id)
    workstream = meeting.workstream
    PLAN.require_change(request.user, workstream)
    already = list(meeting.attended.select_related("person", "organisation"))
    members = {member.pk: member for member in [*queries.current_members(workstream), *already]}
    initial = {"held_on": meeting.held_on, "notes": meeting.notes, "attended": [str(member.public_id) for member in already]}
    form = forms.MeetingForm(post_or_none(request), initial=initial, members=sorted(members.values(), key=lambda member: member.person.full_name))
    return form_page(
        request,
        form,
        template="programme/work/meeting_form.html",
        context={"workstream": workstream, "meeting": meeting},
        action=lambda data: services.change_meeting(meeting, by=request.user, **form.meeting_values()),
        success_message="The meeting's record is saved.",
        success_url=meeting_url(meeting),
    )
