"""How the audit log names the records of group supervision, in the partnership's words (registered in `apps.py`).

A session is named by its kind and the day it was asked for: never by the family it is about,
the initials used for the child, or anything said in it.
"""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import ActionChange, AgencyCommitment, AgreedAction, Attendee, Session, WellbeingNote


def session_words(session) -> str:
    """'Group supervision asked for on 3 March 2026'."""
    return f"{session.get_kind_display()} asked for on {day(session.requested_at)}"


def _of(session) -> str:
    words = session_words(session)
    return f"the {words[:1].lower()}{words[1:]}"


LABELS = {
    Session: AuditLabel(
        kind="supervision session",
        describe=session_words,
        fields={
            "public_id": PUBLIC_ID,
            "kind": "kind of session",
            "status": "how far it has got",
            "family": "the family it is about",
            "situation_reference": "initials or a reference for the child or family",
            "purpose": "what they would like to think about together",
            "requested_by": "who asked for it",
            "requested_at": "when it was asked for",
            "facilitator": "facilitator",
            "accountable_manager": "accountable manager",
            "proposed_start": "proposed date and time",
            "format": "how they will meet",
            "location": "where, or the meeting link",
            "held_on": "when it was held",
            "meaning_for_child": "what it means for the child or family",
            "impact": "what the impact is",
            "informs_risk": "how it informs risk",
            "reflected_in_planning": "how it is reflected in planning",
            "going_well": "what is going well",
            "risks_and_needs": "risks and needs",
            "safety_plan": "the plan to keep the child safe",
            "helping": "what is helping agencies work together",
            "getting_in_the_way": "what is getting in the way",
            "own_themes": "other themes, in their words",
            "themes": "themes",
            "cancellation_reason": "why it was cancelled",
            "chronology_summary": "summary for the family's chronology",
            "chronology_entry": "the entry in the family's chronology",
            "version": "version",
        },
    ),
    Attendee: AuditLabel(
        kind="place in a supervision session",
        describe=lambda place: f"{place.user}'s place in {_of(place.session)}",
        fields={
            "session": "session",
            "user": "who",
            "organisation": "for which organisation",
            "response": "their answer to the invitation",
            "attended": "whether they took part",
            "acknowledged_confidentiality_at": "when they agreed to keep it confidential",
            "invited_by": "who invited them",
        },
    ),
    AgencyCommitment: AuditLabel(
        kind="what an agency will do differently",
        describe=lambda commitment: f"What {commitment.organisation} will do differently, from {_of(commitment.session)}",
        fields={"session": "session", "organisation": "agency", "commitment": "what they will do differently"},
    ),
    WellbeingNote: AuditLabel(
        kind="wellbeing note",
        describe=lambda note: f"The wellbeing note of {_of(note.session)}",
        fields={"session": "session", "note": "the note", "updated_by": "who last changed it", "updated_at": "when it was last changed"},
    ),
    AgreedAction: AuditLabel(
        kind="agreed action",
        describe=lambda action: f"An action for {action.owner}, agreed in {_of(action.session)}",
        fields={
            "public_id": PUBLIC_ID,
            "session": "session",
            "description": "what will be done",
            "owner": "who will do it",
            "due_on": "by when",
            "changes_childs_plan": "whether it changes the child's plan",
            "status": "how far it has got",
            "confirmed_by": "who confirmed it",
            "confirmed_at": "when it was confirmed",
            "completed_on": "when it was done",
            "created_at": "when it was agreed",
        },
    ),
    ActionChange: AuditLabel(
        kind="change to an agreed action",
        describe=lambda change: f"A change to an action for {change.action.owner}, agreed in {_of(change.action.session)}",
        fields={
            "action": "action",
            "changed_by": "who changed it",
            "changed_at": "when it was changed",
            "change": "what changed",
            "note": "why, or what was done",
            "old_due_on": "the date it was due before",
            "new_due_on": "the new date it is due",
        },
    ),
}
