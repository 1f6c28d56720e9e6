"""How the audit log names the records of families, in the partnership's words (registered in `apps.py`).

The audit log is read by partnership admins, who may not see a family's record: a family is
named only by its reference, and a person in it only as someone in that family. No name,
date of birth, story, event or note of a family ever reaches the log.
"""

from goldenthread.core.audit import day
from goldenthread.core.audit_labels import PUBLIC_ID
from goldenthread.core.registry import AuditLabel

from .models import (
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    OnePageProfile,
    Person,
    Relationship,
    RetentionRule,
    RetentionRun,
    StoryEntry,
    TeamMember,
)


def _family(record) -> str:
    """'family F-WY7AVU': the family's reference only."""
    return f"family {record.family.reference}"


def _person_family(record) -> str:
    return f"family {record.person.family.reference}"


RECORDED = {"recorded_by": "who recorded it", "recorded_at": "when it was recorded", "updated_at": "when it was last changed", "version": "version"}

LABELS = {
    Family: AuditLabel(
        kind="family's record",
        describe=lambda family: f"Family {family.reference}",
        fields={
            "public_id": PUBLIC_ID,
            "reference": "the family's reference",
            "family_name": "how the family would like to be known",
            "contact_details": "contact details",
            "lawful_basis": "lawful basis for holding and sharing",
            "lawful_basis_note": "why that basis applies",
            "recording_organisation": "the organisation holding the record",
            "created_by": "who recorded the family",
            "created_at": "when the family was recorded",
            "status": "whether the record is open or closed",
            "closed_on": "when the record was closed",
            "anonymised_at": "when the record was anonymised",
            "version": "version",
        },
    ),
    Person: AuditLabel(
        kind="person in a household",
        describe=lambda person: f"Someone in {_family(person)}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "first_name": "first name",
            "last_name": "last name",
            "preferred_name": "what they like to be called",
            "pronouns": "pronouns",
            "date_of_birth": "date of birth",
            "role_in_family": "who they are in the family",
            "is_focus": "whether they are the child or young person at the centre",
            "account": "their own sign-in",
        },
    ),
    Relationship: AuditLabel(
        kind="relationship in a household",
        describe=lambda relationship: f"How two people in {_family(relationship)} are related",
        fields={"family": "family", "person": "one person", "other": "the other person", "description": "how they are related"},
    ),
    StoryEntry: AuditLabel(
        kind="part of a family's story",
        describe=lambda entry: f"Part of the story of {_family(entry)}, told on {day(entry.told_on)}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "story": "the story, in the family's words",
            "who_was_there": "who was there",
            "told_on": "when it was told",
            "how_agreed": "how the family agreed to it being recorded",
            **RECORDED,
        },
    ),
    OnePageProfile: AuditLabel(
        kind="one-page profile",
        describe=lambda profile: f"The one-page profile of someone in {_person_family(profile)}",
        fields={
            "person": "whose profile it is",
            "liked_and_admired": "what people like and admire about them",
            "important_to_me": "what is important to them",
            "how_to_support_me": "how best to support them",
            "written_with": "who wrote it with them",
            "updated_by": "who last changed it",
            **RECORDED,
        },
    ),
    ChronologyEntry: AuditLabel(
        kind="event in a family's chronology",
        describe=lambda entry: f"An event in the chronology of {_family(entry)}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "occurred_on": "when it happened",
            "what_happened": "what happened",
            "meaning_for_child": "what it meant for the child or young person",
            "organisation": "the organisation that recorded it",
            "source": "where it came from",
            **RECORDED,
        },
    ),
    TeamMember: AuditLabel(
        kind="place in the team around a family",
        describe=lambda place: f"{place.user}'s place in the team around {_family(place)}",
        fields={
            "family": "family",
            "user": "who",
            "organisation": "for which organisation",
            "is_lead": "whether they are the lead practitioner",
            "joined_on": "when they joined",
            "left_on": "when they left",
            "added_by": "who added them",
        },
    ),
    JoinRequest: AuditLabel(
        kind="request to join the team around a family",
        describe=lambda request: f"{request.user}'s request to join the team around {_family(request)}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "user": "who asked",
            "organisation": "for which organisation",
            "reason": "why they need to join",
            "status": "the decision",
            "requested_at": "when they asked",
            "decided_by": "who decided",
            "decided_at": "when it was decided",
        },
    ),
    ConsentAgreement: AuditLabel(
        kind="family's agreement to share",
        describe=lambda agreement: f"The agreement of {_family(agreement)} to share with {agreement.organisation}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "organisation": "which organisation may see it",
            "parts": "which parts of the record",
            "valid_from": "when it starts",
            "valid_until": "when it runs out",
            "given_by": "who gave it",
            "given_by_name": "the name of who gave it",
            "method": "how it was given",
            "recorded_by": "who recorded it",
            "recorded_at": "when it was recorded",
            "withdrawn_at": "when it was withdrawn",
            "withdrawn_by": "who recorded the withdrawal",
            "withdrawal_note": "the note about the withdrawal",
        },
    ),
    EmergencyAccess: AuditLabel(
        kind="emergency access to a family's record",
        describe=lambda emergency: f"{emergency.user}'s emergency access to {_family(emergency)}, from {day(emergency.started_at)}",
        fields={
            "public_id": PUBLIC_ID,
            "family": "family",
            "user": "who opened the record",
            "reason": "why they needed to open it",
            "started_at": "when it started",
            "expires_at": "when it ends",
            "review": "the data protection lead's review",
            "reviewed_by": "who reviewed it",
            "reviewed_at": "when it was reviewed",
            "review_note": "the review note",
        },
    ),
    RetentionRule: AuditLabel(
        kind="rule for keeping closed records",
        describe=lambda rule: "How long closed family records are kept",
        fields={
            "years_after_closure": "how many years a closed record is kept",
            "outcome": "what happens after that",
            "updated_at": "when it was last changed",
            "updated_by": "who last changed it",
        },
    ),
    RetentionRun: AuditLabel(
        kind="run of the retention task",
        describe=lambda run: f"The retention task's run on {day(run.ran_at)}",
        fields={"ran_at": "when it ran", "erased": "which records were erased", "anonymised": "which records were anonymised"},
    ),
}
