"""Read queries for family records. They check nothing and log nothing: callers ask `access` first.

`record_data` gathers the parts a set of decisions allows, in plain JSON-ready values, for
the exports and the API; each part is one query.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from goldenthread.core.models import User

from . import access
from .models import (
    AccessLogEntry,
    ChronologyEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    JoinRequest,
    OnePageProfile,
    Part,
    Person,
    Relationship,
    RetentionRule,
    RetentionRun,
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
                "person__public_id",
                "person__preferred_name",
                "person__first_name",
                "liked_and_admired",
                "important_to_me",
                "how_to_support_me",
                "written_with",
                "version",
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


def families_asked_to_join(user, public_ids) -> set:
    """Of these families (by public_id), those the person has asked to join and is waiting to hear about."""
    waiting = JoinRequest.objects.filter(user=user, status=JoinRequest.Status.WAITING, family__public_id__in=list(public_ids))
    return set(waiting.values_list("family__public_id", flat=True))


def join_requests_waiting_in(families):
    """Requests to join the team still waiting for a decision in these families, the longest waiting first."""
    return (
        JoinRequest.objects.filter(family__in=families, status=JoinRequest.Status.WAITING)
        .select_related("family", "user", "organisation")
        .order_by("requested_at", "id")
    )


def team_people(family):
    """The active people with a live place in the family's team, by name."""
    return User.objects.filter(family_team_places__family=family, family_team_places__left_on__isnull=True, is_active=True).distinct().order_by("full_name")


REVIEWED_SHOWN = 20


def emergency_reviews_waiting():
    """Emergency accesses waiting for the data protection lead's review, the longest waiting first."""
    return EmergencyAccess.objects.filter(review=EmergencyAccess.Review.WAITING).select_related("user", "family").order_by("started_at")


def emergency_reviews_done(limit: int = REVIEWED_SHOWN):
    """The most recently reviewed emergency accesses, newest review first."""
    reviewed = EmergencyAccess.objects.exclude(review=EmergencyAccess.Review.WAITING).select_related("user", "family", "reviewed_by")
    return reviewed.order_by("-reviewed_at")[:limit]


def data_protection_leads():
    """Everyone who reviews emergency access, by name."""
    return User.objects.filter(is_data_protection_lead=True, is_active=True).order_by("full_name")


def retention_rule() -> RetentionRule:
    """The partnership's rule for keeping closed records (the defaults until the partnership admin sets one)."""
    return RetentionRule.objects.order_by("pk").first() or RetentionRule()


def retention_runs(limit: int = 10):
    """What the retention task did lately, newest first."""
    return RetentionRun.objects.all()[:limit]


def years_before(day: date, years: int) -> date:
    """The same day `years` years earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def families_due(today: date | None = None, rule: RetentionRule | None = None):
    """Closed records whose retention period has ended and that have not been dealt with yet."""
    today = today or timezone.localdate()
    rule = rule or retention_rule()
    cutoff = years_before(today, rule.years_after_closure)
    return Family.objects.filter(status=Family.Status.CLOSED, closed_on__isnull=False, closed_on__lte=cutoff, anonymised_at__isnull=True)
