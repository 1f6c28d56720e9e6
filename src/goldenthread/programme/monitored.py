"""The programme's free text that the partnership's language monitoring checks: stories of practice and workstream actions."""

from goldenthread.core.registry import MonitoredText


def _organisation_in_workstream(workstream, user):
    if user is None:
        return None
    place = workstream.members.filter(person=user).exclude(organisation=None).select_related("organisation").first()
    if place is not None:
        return place.organisation
    membership = user.memberships.select_related("organisation").order_by("id").first()
    return membership.organisation if membership else None


MONITORED = (
    MonitoredText(
        model="programme.story",
        fields=("what_we_did", "what_changed", "what_families_said"),
        record_type="Story of practice",
        organisation=lambda story: story.organisation,
        author=lambda story: story.author,
        written_on=lambda story: story.created_at,
    ),
    MonitoredText(
        model="programme.workstreamaction",
        fields=("description",),
        record_type="Workstream action",
        organisation=lambda action: _organisation_in_workstream(action.workstream, action.created_by),
        author=lambda action: action.created_by,
        written_on=lambda action: action.created_at,
    ),
)
