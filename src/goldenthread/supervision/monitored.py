"""The free text of group supervision that the partnership's language monitoring checks: counts only, never words.

The session's record (the four questions, the plan, what helps and what gets in the way, the
summary for the chronology) and the actions agreed are written by the session's facilitator;
their organisation is the one they took their place in the session for.
"""

from goldenthread.core.registry import MonitoredText

RECORD_FIELDS = (
    "meaning_for_child",
    "impact",
    "informs_risk",
    "reflected_in_planning",
    "going_well",
    "risks_and_needs",
    "safety_plan",
    "helping",
    "getting_in_the_way",
    "chronology_summary",
)


def _facilitators_organisation(session):
    if session.facilitator_id is None:
        return None
    place = session.attendees.filter(user_id=session.facilitator_id).select_related("organisation").first()
    if place is not None:
        return place.organisation
    membership = session.facilitator.memberships.select_related("organisation").order_by("id").first()
    return membership.organisation if membership else None


MONITORED = (
    MonitoredText(
        model="supervision.session",
        fields=RECORD_FIELDS,
        record_type="Group supervision record",
        organisation=_facilitators_organisation,
        author=lambda session: session.facilitator,
        written_on=lambda session: session.held_on or session.requested_at,
        holds_family_data=True,
    ),
    MonitoredText(
        model="supervision.agreedaction",
        fields=("description",),
        record_type="Action from group supervision",
        organisation=lambda action: _facilitators_organisation(action.session),
        author=lambda action: action.session.facilitator,
        written_on=lambda action: action.created_at,
    ),
    MonitoredText(
        model="supervision.agencycommitment",
        fields=("commitment",),
        record_type="Agency commitment from a learning conversation",
        organisation=lambda commitment: commitment.organisation,
        author=lambda commitment: commitment.session.facilitator,
        written_on=lambda commitment: commitment.session.held_on,
    ),
)
