"""A workstream's actions: the product's one action plan (`core.action_plan`), with steps under the workstream, each perhaps from one of its meetings.

The shared component checks each field, and gives the add, change and mark-done pages. The
workstream adds what a recovery programme needs: an action can be moved to a new date or
cancelled, and every change is kept (`ActionChange`, written by `services`). A cancelled
action cannot be changed again.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from goldenthread.core.action_plan import ActionPlan, GroupChoice, Grouping, StepSetup
from goldenthread.core.refusals import Refused

from . import permissions, rules
from .models import Meeting, WorkstreamAction

NOT_FROM_A_MEETING = "none"
FROM_A_MEETING = Grouping(
    "meeting", "Where it came from", rules.FROM_A_MEETING_NEEDED, rules.FROM_A_MEETING_UNKNOWN, radios=False, blank_label="Choose where it came from"
)
PAGE_NAMES = {"actions": "work-actions", "add-action": "work-add-action", "edit-action": "work-edit-action", "action-done": "work-action-done"}


def meeting_words(meeting) -> str:
    """ "The meeting on 3 March 2026", or "Not from a meeting"."""
    if meeting is None:
        return "Not from a meeting"
    return f"The meeting on {meeting.held_on.day} {meeting.held_on:%B %Y}"


class WorkstreamActionPlan(ActionPlan):
    model = WorkstreamAction
    grouping = FROM_A_MEETING
    url_namespace = "programme"
    parent_field = "workstream"
    list_related = ("meeting",)

    def may_see(self, user, workstream) -> bool:
        return permissions.can_see_workstream(user, workstream)

    def may_change(self, user, workstream) -> bool:
        return permissions.can_change_actions(user, workstream)

    def require_see(self, user, workstream) -> None:
        if not self.may_see(user, workstream):
            raise Refused(permissions.NOT_FOR_YOU)

    def require_change(self, user, workstream) -> None:
        if not self.may_change(user, workstream):
            if workstream is not None and not workstream.is_running and permissions.takes_part(user, workstream):
                raise Refused(permissions.NOT_RUNNING)
            raise Refused(permissions.MEMBERS_ONLY)

    def url(self, name: str, workstream, step=None) -> str:
        """The workstream's pages are named by its public id (and the action's), in the programme's namespace."""
        args = [workstream.public_id] if step is None else [workstream.public_id, step.public_id]
        return reverse(f"programme:{PAGE_NAMES[name]}", args=args)

    def group_of(self, step):
        return (step.meeting.public_id if step.meeting else NOT_FROM_A_MEETING), meeting_words(step.meeting)

    def group_key(self, step) -> str:
        return str(self.group_of(step)[0])

    def step_setup(self, request, workstream, step=None) -> StepSetup:
        meetings = list(Meeting.objects.filter(workstream=workstream).order_by("-held_on", "-id"))
        choices = [GroupChoice(NOT_FROM_A_MEETING, meeting_words(None), None)]
        choices += [GroupChoice(str(meeting.public_id), meeting_words(meeting), meeting) for meeting in meetings]
        initial = {}
        if step is None:
            asked = request.GET.get("meeting", "")
            initial["meeting"] = asked if any(choice.key == asked for choice in choices) else NOT_FROM_A_MEETING
        return StepSetup(choices=choices, initial=initial, lead=f"An action for {workstream.name}. Everyone on the workstream sees it, with its history.")

    def group_problems(self, values, *, parent, links, step=None) -> dict:
        errors = {}
        meeting = values.get("meeting")
        if meeting is not None and (not isinstance(meeting, Meeting) or meeting.workstream_id != parent.pk):
            errors["meeting"] = rules.FROM_A_MEETING_UNKNOWN
        if step is not None and step.is_cancelled:
            errors[NON_FIELD_ERRORS] = rules.ACTION_CANCELLED
        return errors


PLAN = WorkstreamActionPlan()
