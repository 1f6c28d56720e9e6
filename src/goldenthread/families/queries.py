"""Read queries for family records. They check nothing and log nothing: callers ask `access` first.

`record_data` gathers the parts a set of decisions allows, in plain JSON-ready values, for
the exports and the API; each part is one query.
"""

from __future__ import annotations

from django.utils import timezone

from . import access
from .models import (
    AccessLogEntry,
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    OnePageProfile,
    Part,
    Person,
    Relationship,
    RetentionRule,
    StoryEntry,
    TeamMember,
)


def _day(value):
    return value.isoformat() if value else None


def team(family):
    return TeamMember.objects.filter(family=family, left_on__isnull=True).select_related("user", "organisation")


def household(family):
    return Person.objects.filter(family=family)


def record_data(family, decisions: dict[str, access.Decision]) -> dict:
    """The parts of the record the decisions allow, and nothing else."""
    allowed = {part for part, decision in decisions.items() if decision.allowed}
    data = {"reference": family.reference, "public_id": str(family.public_id), "parts_shown": sorted(allowed)}
    if allowed & {access.TEAM, access.HOUSEHOLD}:
        data["family_name"] = family.family_name
        data["status"] = family.status
        data["closed_on"] = _day(family.closed_on)
    if access.HOUSEHOLD in allowed:
        data["lawful_basis"] = family.lawful_basis
        data["lawful_basis_label"] = family.get_lawful_basis_display()
        data["lawful_basis_note"] = family.lawful_basis_note
        # Plain values, not model objects: an export reads every row of the record.
        data["household"] = [
            {**person, "public_id": str(person["public_id"]), "date_of_birth": _day(person["date_of_birth"])}
            for person in household(family).values(
                "public_id", "first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "role_in_family", "is_focus"
            )
        ]
        data["relationships"] = [
            {"person": str(person), "other": str(other), "description": description}
            for person, other, description in Relationship.objects.filter(family=family).values_list("person__public_id", "other__public_id", "description")
        ]
    if Part.CONTACT in allowed:
        data["contact_details"] = family.contact_details
    if Part.STORY in allowed:
        data["story"] = [
            {**entry, "public_id": str(entry["public_id"]), "told_on": _day(entry["told_on"])}
            for entry in StoryEntry.objects.filter(family=family).values("public_id", "story", "who_was_there", "told_on", "how_agreed", "version")
        ]
    if Part.PROFILES in allowed:
        decision = decisions[Part.PROFILES]
        profiles = OnePageProfile.objects.filter(person__family=family).select_related("person")
        if decision.only_person_id is not None:
            profiles = profiles.filter(person_id=decision.only_person_id)
        data["profiles"] = [
            {
                "person": str(profile.pop("person__public_id")),
                # As Person.__str__: the name they like to be called, or their first name.
                "name": profile.pop("person__preferred_name") or profile.pop("person__first_name"),
                **{key: value for key, value in profile.items() if not key.startswith("person__")},
            }
            for profile in profiles.order_by("person__pk").values(
                "person__public_id", "person__preferred_name", "person__first_name",
                "liked_and_admired", "important_to_me", "how_to_support_me", "written_with", "version",
            )
        ]
    if Part.CHRONOLOGY in allowed:
        data["chronology"] = [
            {
                "public_id": str(event["public_id"]),
                "occurred_on": _day(event["occurred_on"]),
                "what_happened": event["what_happened"],
                "meaning_for_child": event["meaning_for_child"],
                "organisation": event["organisation__name"],
                "source": event["source"],
            }
            for event in ChronologyEntry.objects.filter(family=family).values(
                "public_id", "occurred_on", "what_happened", "meaning_for_child", "organisation__name", "source"
            )
        ]
    if access.TEAM in allowed:
        data["team"] = [
            {
                "name": member.user.full_name,
                "job_title": member.user.job_title,
                "organisation": member.organisation.name,
                "is_lead": member.is_lead,
                "joined_on": _day(member.joined_on),
            }
            for member in team(family)
        ]
    if access.CONSENTS in allowed:
        today = timezone.localdate()
        data["consents"] = [
            {
                "public_id": str(consent.public_id),
                "organisation": consent.organisation.name,
                "parts": list(consent.parts or []),
                "valid_from": _day(consent.valid_from),
                "valid_until": _day(consent.valid_until),
                "given_by": consent.given_by_name,
                "method": consent.method,
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
                "is_live": consent.is_live_on(today),
            }
            for consent in ConsentAgreement.objects.filter(family=family).select_related("organisation")
        ]
    return data


def access_log(family):
    """The family's access log, oldest first (by reference, so it outlives an erased record)."""
    return AccessLogEntry.objects.filter(family_reference=family.reference).order_by("at", "id")


def emergency_reviews(waiting_only: bool = False):
    """Emergency accesses for the data protection lead to review, newest first."""
    found = EmergencyAccess.objects.select_related("family", "user", "reviewed_by")
    if waiting_only:
        found = found.filter(review=EmergencyAccess.Review.WAITING)
    return found.order_by("-started_at")


def retention_rule() -> RetentionRule:
    """The partnership's rule for keeping closed records (the defaults until the partnership admin sets one)."""
    return RetentionRule.objects.order_by("pk").first() or RetentionRule()
