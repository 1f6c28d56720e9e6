"""The access rule for family records, in one place; every page, export, task and API route asks it.

Nobody sees family data by role alone. A person sees a part of a family's record when:

- they have a live team place for the family's recording organisation (basis "recording-organisation"):
  every part, because that organisation holds the record under its lawful basis;
- they have a live team place for another organisation, and a live agreement (consent) of the family
  covers that part for that organisation today (basis "consent"); withdrawn or expired agreements
  stop access at once;
- they are a member of the family, signed in with their own account (basis "family-member"): their
  family's story, their own one-page profile, the household, the team, the agreements and the log;
- they have an active emergency access to the family (basis "emergency"): every part, for a short
  fixed time, flagged for the data protection lead's review;
- they are the partnership's data protection lead (basis "data-protection"): the access log only.

A team place counts only while the person is still a member of the organisation it is held for.

Besides the four parts an agreement can cover (`Part`), the rule answers for four more things a
page shows: the household (names of the people and how they are related: visible with any part of
the record), the team, the agreements and the access log.

What a person may see of one family is worked out once (two queries at most) and kept on the
user object for the rest of the request; any change to team places, agreements, emergency access
or family accounts (through the models' save and delete) makes every kept answer stale at once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from goldenthread.partnership.models import Membership

from .models import (
    AccessLogEntry,
    ConsentAgreement,
    EmergencyAccess,
    Family,
    Part,
    Person,
    TeamMember,
)

Basis = AccessLogEntry.Basis

# The four parts a family's agreement can cover, and what else a page may show.
CONTENT_PARTS: tuple[str, ...] = tuple(Part.values)
HOUSEHOLD = "household"
TEAM = "team"
CONSENTS = "consents"
ACCESS_LOG = "access-log"
ALL_PARTS: tuple[str, ...] = CONTENT_PARTS + (HOUSEHOLD, TEAM, CONSENTS, ACCESS_LOG)

PART_LABELS = {
    **dict(Part.choices),
    HOUSEHOLD: "The people in the household",
    TEAM: "The team around the family",
    CONSENTS: "The family's agreements",
    ACCESS_LOG: "The record of who has looked",
}

# What a family member sees of their own family's record.
FAMILY_MEMBER_PARTS = frozenset({Part.STORY.value, Part.PROFILES.value, HOUSEHOLD, TEAM, CONSENTS, ACCESS_LOG})
# Basis for searching before creating a record (asked of the lead to add to AccessLogEntry.Basis).
SEARCH_BASIS = getattr(Basis, "SEARCH", "search")


class Action:
    """What the access log says was done."""

    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    SEARCH = "search"
    EMERGENCY = "emergency-start"
    REVIEW = "review"
    ERASE = "erase"
    ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Decision:
    """Whether one person may see (and so change) one part of one family's record, and why."""

    allowed: bool
    basis: str
    part: str = ""
    emergency: EmergencyAccess | None = None
    refusal_reason: str = ""
    # For a family member: the one person whose profile they may see (None: every profile).
    only_person_id: int | None = None

    def __bool__(self):
        return self.allowed

    def covers_person(self, person) -> bool:
        """Whether this decision lets the person see `person`'s profile."""
        if not self.allowed:
            return False
        return self.only_person_id is None or self.only_person_id == getattr(person, "pk", person)


@dataclass
class AccessContext:
    """Everything the rule needs about one person and one family, read once."""

    family_id: int
    recording_organisation_id: int
    team_organisation_id: int | None = None
    team_organisation_name: str = ""
    is_lead: bool = False
    person_id: int | None = None
    emergency: EmergencyAccess | None = None
    consented_parts: frozenset = field(default_factory=frozenset)
    is_data_protection_lead: bool = False
    generation: int = 0

    @property
    def in_recording_organisation(self) -> bool:
        return self.team_organisation_id is not None and self.team_organisation_id == self.recording_organisation_id

    @property
    def has_team_place(self) -> bool:
        return self.team_organisation_id is not None


# Raised whenever something that changes access is saved or deleted, so kept answers go stale.
_generation = itertools.count(1)
_current_generation = [0]


def forget():
    """Make every kept answer stale (called on any change to team places, agreements and the like)."""
    _current_generation[0] = next(_generation)


@receiver(post_save)
@receiver(post_delete)
def _access_changed(sender, **kwargs):
    if sender in (TeamMember, ConsentAgreement, EmergencyAccess, Person, Family, Membership):
        forget()


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)


def context(user, family) -> AccessContext | None:
    """What the rule needs to know about `user` and `family`: one query, two with another organisation's team place."""
    if not _signed_in(user) or family is None or family.pk is None:
        return None
    cache = getattr(user, "_gt_family_access", None)
    if cache is None:
        cache = user._gt_family_access = {}
    kept = cache.get(family.pk)
    if kept is not None and kept.generation == _current_generation[0]:
        return kept

    generation = _current_generation[0]
    now = timezone.now()
    team_places = TeamMember.objects.filter(family=OuterRef("pk"), user=user, left_on__isnull=True).filter(
        Exists(Membership.objects.filter(user=user, organisation=OuterRef("organisation")))
    )
    emergencies = EmergencyAccess.objects.filter(family=OuterRef("pk"), user=user, started_at__lte=now, expires_at__gt=now).order_by("-expires_at")
    people = Person.objects.filter(family=OuterRef("pk"), account=user).order_by("pk")
    row = (
        Family.objects.filter(pk=family.pk)
        .annotate(
            team_organisation_id=Subquery(team_places.values("organisation_id")[:1]),
            team_organisation_name=Subquery(team_places.values("organisation__name")[:1]),
            team_is_lead=Subquery(team_places.values("is_lead")[:1]),
            emergency_id=Subquery(emergencies.values("pk")[:1]),
            emergency_expires_at=Subquery(emergencies.values("expires_at")[:1]),
            emergency_started_at=Subquery(emergencies.values("started_at")[:1]),
            person_id=Subquery(people.values("pk")[:1]),
        )
        .values(
            "recording_organisation_id",
            "team_organisation_id",
            "team_organisation_name",
            "team_is_lead",
            "emergency_id",
            "emergency_expires_at",
            "emergency_started_at",
            "person_id",
        )
        .first()
    )
    if row is None:
        return None
    emergency = None
    if row["emergency_id"] is not None:
        emergency = EmergencyAccess(
            pk=row["emergency_id"], family_id=family.pk, user_id=user.pk,
            started_at=row["emergency_started_at"], expires_at=row["emergency_expires_at"],
        )
    found = AccessContext(
        family_id=family.pk,
        recording_organisation_id=row["recording_organisation_id"],
        team_organisation_id=row["team_organisation_id"],
        team_organisation_name=row["team_organisation_name"] or "",
        is_lead=bool(row["team_is_lead"]),
        person_id=row["person_id"],
        emergency=emergency,
        is_data_protection_lead=bool(getattr(user, "is_data_protection_lead", False)),
        generation=generation,
    )
    if found.has_team_place and not found.in_recording_organisation:
        found.consented_parts = _consented_parts(family.pk, found.team_organisation_id)
    cache[family.pk] = found
    return found


def _consented_parts(family_id, organisation_id) -> frozenset:
    """The parts that live agreements cover for one organisation today."""
    today = timezone.localdate()
    live = ConsentAgreement.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        family_id=family_id, organisation_id=organisation_id, withdrawn_at__isnull=True, valid_from__lte=today,
    ).values_list("parts", flat=True)
    return frozenset(part for parts in live for part in (parts or []) if part in CONTENT_PARTS)


def _refused(part, reason) -> Decision:
    return Decision(False, Basis.REFUSED, part=part, refusal_reason=reason)


def _decide(found: AccessContext | None, part: str) -> Decision:
    if part not in ALL_PARTS:
        return _refused(part, "There is no such part of a family's record.")
    if found is None:
        return _refused(part, "Only the team around the family can see its record.")
    if found.in_recording_organisation:
        return Decision(True, Basis.RECORDING_ORGANISATION, part=part)
    if found.has_team_place:
        if part == TEAM or part == CONSENTS:
            return Decision(True, Basis.TEAM, part=part)
        if part in found.consented_parts:
            return Decision(True, Basis.CONSENT, part=part)
        if part == HOUSEHOLD and found.consented_parts:
            return Decision(True, Basis.CONSENT, part=part)
    if found.person_id is not None and part in FAMILY_MEMBER_PARTS:
        only = found.person_id if part == Part.PROFILES else None
        return Decision(True, Basis.FAMILY_MEMBER, part=part, only_person_id=only)
    if found.emergency is not None and part != ACCESS_LOG:
        return Decision(True, Basis.EMERGENCY, part=part, emergency=found.emergency)
    if found.is_data_protection_lead and part == ACCESS_LOG:
        return Decision(True, Basis.DATA_PROTECTION, part=part)
    if found.has_team_place:
        return _refused(part, "The family has not agreed that your organisation may see this part of their record.")
    return _refused(part, "Only the team around the family can see its record.")


def decide(user, family, part) -> Decision:
    """May `user` see (and so change) `part` of `family`'s record? Nothing is logged: see `read`."""
    return _decide(context(user, family), part)


def decide_all(user, family, parts=ALL_PARTS) -> dict[str, Decision]:
    found = context(user, family)
    return {part: _decide(found, part) for part in parts}


def visible_parts(user, family) -> set[str]:
    """Every part of the record (and household, team, agreements, log) the person may see now."""
    return {part for part, decision in decide_all(user, family).items() if decision.allowed}


def can_see_team(user, family) -> bool:
    return decide(user, family, TEAM).allowed


def team_place(user, family) -> AccessContext | None:
    """The person's live team place (organisation, lead or not), or None."""
    found = context(user, family)
    return found if found is not None and found.has_team_place else None


def is_family_member(user, family) -> bool:
    found = context(user, family)
    return found is not None and found.person_id is not None


def _organisation_label(user, found: AccessContext | None, basis: str) -> str:
    if found is not None and found.has_team_place:
        return found.team_organisation_name
    if basis == Basis.FAMILY_MEMBER:
        return "Family member"
    if basis == Basis.DATA_PROTECTION:
        return "Data protection lead"
    if basis == Basis.RETENTION or not _signed_in(user):
        return ""
    return _organisations_of(user)


def _organisations_of(user) -> str:
    """The organisations a person works in, for log lines made without a team place (emergency, search, refusals)."""
    label = getattr(user, "_gt_organisation_label", None)
    if label is None:
        names = Membership.objects.filter(user=user).order_by("organisation__name").values_list("organisation__name", flat=True)
        label = user._gt_organisation_label = ", ".join(names)
    return label


def _entry(user, family, action, part, basis, detail, emergency, found=None) -> AccessLogEntry:
    signed_in = _signed_in(user)
    if basis == Basis.RETENTION and not signed_in:
        label = "Retention rules (automatic)"
    else:
        label = (getattr(user, "full_name", "") or "Someone not signed in") if signed_in else "Someone not signed in"
    return AccessLogEntry(
        at=timezone.now(),
        family=family if family is not None and family.pk is not None else None,
        family_reference=getattr(family, "reference", "") or "",
        user=user if signed_in else None,
        user_label=label[:200],
        organisation_label=_organisation_label(user, found, basis)[:200],
        action=action[:20],
        part=(part or "")[:20],
        basis=basis,
        detail=(detail or "")[:300],
        emergency_id=getattr(emergency, "pk", None),
    )


def _write(entries):
    # bulk_create: one insert for many parts, and no audit event echoing each log line.
    return AccessLogEntry.objects.bulk_create(entries)


def log(user, family, action, part, basis, detail="", emergency=None) -> AccessLogEntry:
    """Append one line to the family's access log."""
    found = context(user, family) if _signed_in(user) and family is not None and family.pk is not None else None
    return _write([_entry(user, family, action, part, basis, detail, emergency, found)])[0]


def log_decision(user, family, action, decision: Decision, detail="") -> AccessLogEntry:
    """Log what was done on the strength of a decision (or the refusal)."""
    found = context(user, family)
    detail = detail if decision.allowed else (decision.refusal_reason if not detail else f"{detail}: {decision.refusal_reason}")
    return _write([_entry(user, family, action, decision.part, decision.basis, detail, decision.emergency, found)])[0]


def read(user, family, part, *, detail="", action=Action.VIEW) -> Decision:
    """Decide, and log the look (or the refusal): call this for each part a page, export or API shows."""
    decision = decide(user, family, part)
    log_decision(user, family, action, decision, detail)
    return decision


def read_parts(user, family, parts=ALL_PARTS, *, detail="", action=Action.VIEW, log_refusals=True) -> dict[str, Decision]:
    """Decide several parts at once and log each in one insert (refusals too, unless told not to)."""
    found = context(user, family)
    decisions = {part: _decide(found, part) for part in parts}
    entries = [
        _entry(
            user, family, action, part, decision.basis,
            detail if decision.allowed else (f"{detail}: {decision.refusal_reason}" if detail else decision.refusal_reason),
            decision.emergency, found,
        )
        for part, decision in decisions.items()
        if decision.allowed or log_refusals
    ]
    if entries:
        _write(entries)
    return decisions


def families_for(user):
    """The families the person has a live team place in (while still a member of that organisation)."""
    if not _signed_in(user):
        return Family.objects.none()
    places = TeamMember.objects.filter(family=OuterRef("pk"), user=user, left_on__isnull=True).filter(
        Exists(Membership.objects.filter(user=user, organisation=OuterRef("organisation")))
    )
    return Family.objects.filter(Exists(places))


def own_families(user):
    """The families a person belongs to as a family member, through their own account."""
    if not _signed_in(user):
        return Family.objects.none()
    return Family.objects.filter(Exists(Person.objects.filter(family=OuterRef("pk"), account=user)))
