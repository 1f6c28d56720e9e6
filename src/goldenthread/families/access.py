"""The access rule for family records, in one place; every page, export, task and API route asks it.

Nobody sees family data by role alone. A person sees a part of a family's record when:

- they have a live team place for the family's recording organisation (basis "recording-organisation"):
  every part, because that organisation holds the record under its lawful basis;
- they have a live team place for another organisation, and a live agreement (consent) of the family
  covers that part for that organisation today (basis "consent"); withdrawn or expired agreements
  stop access at once;
- they are a member of the family, signed in with their own account (basis "family-member"): their
  family's story, their own one-page profile, the chronology that is about them or the whole
  household, the contact details, the household, the team, the agreements and the log;
- they have an active emergency access to the family (basis "emergency"): every part, for a short
  fixed time, flagged for the data protection lead's review;
- they are the partnership's data protection lead (basis "data-protection"): the access log only.

A team place counts only while the person is still a member of the organisation it is held for.

Besides the four parts an agreement can cover (`Part`), the rule answers for four more things a
page shows: the household (names of the people and how they are related: visible with any part of
the record), the team, the agreements and the access log.

A refusal to another organisation's team member says where the family's agreement stands for
that part (`Decision.agreement`): never given, given but not started yet, run out on a date, or
withdrawn on a date. The rule already reads every agreement of the family with that
organisation, so pages say what is true from the decision, without working it out again.

Seeing a part is not always changing it (`decide_change`):

- the household (who is in it, their names, pronouns, dates of birth, how they are related) is
  changed only by the team of the recording organisation, or by someone with live emergency access;
  an agreement that lets another organisation see any part lets it see the household, never change it,
  and a family member asks their lead practitioner;
- the story, profiles, chronology and contact details are changed by whoever may see them: the
  recording organisation's team, another organisation's team member for the parts a live agreement
  covers, and someone with live emergency access; a family member suggests a change in their own
  words instead (the family's own pages, `family_door`), and the team decides with them;
- the team and the agreements are changed under their own rules (`permissions.py`); the access log
  is never changed.

What a person may see of one family is worked out once (one plain query for the team place,
emergency access and family account, one more for another organisation's agreements) and kept
on the user object for the rest of the request; any change to team places, agreements, emergency access
or family accounts (through the models' save and delete) makes every kept answer stale at once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.partnership.models import Membership, Organisation

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

# What a family member sees of their own family's record: the story, their own profile, the chronology
# (what is about them or the whole household, `Decision.only_person_id`), the contact details, the
# household, the team, the agreements and the log.
FAMILY_MEMBER_PARTS = frozenset({Part.STORY.value, Part.PROFILES.value, Part.CHRONOLOGY.value, Part.CONTACT.value, HOUSEHOLD, TEAM, CONSENTS, ACCESS_LOG})
# The parts where a family member sees only what is about them (or, for the chronology, the whole household).
FAMILY_MEMBER_OWN_PARTS = frozenset({Part.PROFILES.value, Part.CHRONOLOGY.value})
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


class Agreement:
    """Where the family's agreement stands for a part the person's organisation may not see."""

    NEVER = "never"  # the family has not agreed to share this part with the organisation
    NOT_YET = "not-yet"  # agreed, from a day still to come
    EXPIRED = "expired"  # agreed, and it ran out
    WITHDRAWN = "withdrawn"  # agreed, and the family withdrew it


@dataclass(frozen=True)
class AgreementStanding:
    """For one part: how the family's agreement with the organisation stands (`Agreement`) and since or from when."""

    state: str = Agreement.NEVER
    on: date | None = None

    @property
    def on_words(self) -> str:
        """The day as a sentence says it: "2 November 2026"."""
        return f"{self.on.day} {self.on:%B %Y}" if self.on else ""


NEVER_AGREED = AgreementStanding()


def _agreement_reason(standing: AgreementStanding) -> str:
    if standing.state == Agreement.EXPIRED:
        return (
            f"The family's agreement that your organisation may see this part of their record ran out on {standing.on_words}. "
            "Ask the lead practitioner to record a new agreement if the family agrees."
        )
    if standing.state == Agreement.WITHDRAWN:
        return f"The family withdrew their agreement that your organisation may see this part of their record on {standing.on_words}."
    if standing.state == Agreement.NOT_YET:
        return f"The family has agreed that your organisation may see this part of their record from {standing.on_words}."
    return "The family has not agreed that your organisation may see this part of their record."


@dataclass(frozen=True)
class Decision:
    """Whether one person may see (or, from `decide_change`, change) one part of one family's record, and why."""

    allowed: bool
    basis: str
    part: str = ""
    emergency: EmergencyAccess | None = None
    refusal_reason: str = ""
    # For a family member: the one person whose profile they may see (None: every profile).
    only_person_id: int | None = None
    # For another organisation's team member refused a part: where the family's agreement stands.
    agreement: AgreementStanding | None = None

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
    # For another organisation's team place: the parts no live agreement covers, and why (part -> standing).
    ended_parts: dict = field(default_factory=dict)
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


def context(user, family) -> AccessContext | None:
    """What the rule needs to know about `user` and `family`: one query, two with another organisation's team place
    (three when an emergency access is active)."""
    if not is_signed_in(user) or family is None or family.pk is None:
        return None
    cache = getattr(user, "_gt_family_access", None)
    if cache is None:
        cache = user._gt_family_access = {}
    kept = cache.get(family.pk)
    if kept is not None and kept.generation == _current_generation[0]:
        return kept

    generation = _current_generation[0]
    now = timezone.now()
    place, emergency_id, person_id = _what_the_person_holds(user, family, now)
    emergency_row = None
    if emergency_id is not None:  # rare: read the emergency access's times only when there is one
        emergency_row = (
            EmergencyAccess.objects.filter(family_id=family.pk, user=user, started_at__lte=now, expires_at__gt=now)
            .order_by("-expires_at")
            .values_list("pk", "started_at", "expires_at")
            .first()
        )
    recording_organisation_id = family.recording_organisation_id
    if recording_organisation_id is None:
        return None
    emergency = None
    if emergency_row is not None:
        emergency = EmergencyAccess(
            pk=emergency_row[0],
            family_id=family.pk,
            user_id=user.pk,
            started_at=emergency_row[1],
            expires_at=emergency_row[2],
        )
    found = AccessContext(
        family_id=family.pk,
        recording_organisation_id=recording_organisation_id,
        team_organisation_id=place[0] if place else None,
        team_organisation_name=(place[1] or "") if place else "",
        is_lead=bool(place[2]) if place else False,
        person_id=person_id,
        emergency=emergency,
        is_data_protection_lead=bool(getattr(user, "is_data_protection_lead", False)),
        generation=generation,
    )
    if found.has_team_place and not found.in_recording_organisation:
        found.consented_parts, found.ended_parts = agreements_for(family.pk, found.team_organisation_id)
    cache[family.pk] = found
    return found


def _what_the_person_holds(user, family, now):
    """The person's live team place, active emergency access and family account for one family, in one query.

    Returns (organisation id, organisation name, is lead) or None; an emergency access id or None;
    a person id or None. Plain SQL, because this runs on every family page and Django would
    otherwise build three querysets for it.
    """
    connection = connections[router.db_for_read(TeamMember)]
    quote = connection.ops.quote_name

    def table(model):
        return quote(model._meta.db_table)

    moment = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"SELECT 1, t.id, t.organisation_id, o.name, t.is_lead FROM {table(TeamMember)} t"  # noqa: S608 (table and column names are our own constants; every value is a parameter)
        f" INNER JOIN {table(Organisation)} o ON o.id = t.organisation_id"
        f" WHERE t.family_id = %s AND t.user_id = %s AND t.left_on IS NULL"
        f" AND EXISTS (SELECT 1 FROM {table(Membership)} m WHERE m.user_id = %s AND m.organisation_id = t.organisation_id)"
        f" UNION ALL SELECT 2, e.id, NULL, NULL, NULL FROM {table(EmergencyAccess)} e"
        f" WHERE e.family_id = %s AND e.user_id = %s AND e.started_at <= %s AND e.expires_at > %s"
        f" UNION ALL SELECT 3, p.id, NULL, NULL, NULL FROM {table(Person)} p WHERE p.family_id = %s AND p.account_id = %s"
    )
    params = [family.pk, user.pk, user.pk, family.pk, user.pk, moment, moment, family.pk, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    places = sorted(row[1:] for row in rows if row[0] == 1)
    place = (places[0][1], places[0][2], bool(places[0][3])) if places else None
    emergency_id = next((row[1] for row in rows if row[0] == 2), None)
    person_id = min((row[1] for row in rows if row[0] == 3), default=None)
    return place, emergency_id, person_id


def consented_parts(family_id, organisation_id) -> frozenset:
    """The parts that live agreements cover for one organisation today."""
    today = timezone.localdate()
    live = ConsentAgreement.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        family_id=family_id,
        organisation_id=organisation_id,
        withdrawn_at__isnull=True,
        valid_from__lte=today,
    ).values_list("parts", flat=True)
    return frozenset(part for parts in live for part in (parts or []) if part in CONTENT_PARTS)


def _standing(agreements, today) -> tuple[frozenset, dict]:
    """From one organisation's agreements (parts, from, until, withdrawn at), newest first: the parts live today,
    and for every other part the newest agreement that covered it (not started yet, run out, withdrawn)."""
    live, ended = set(), {}
    for parts, valid_from, valid_until, withdrawn_at in agreements:
        covered = [part for part in (parts or []) if part in CONTENT_PARTS]
        if withdrawn_at is not None:
            standing = AgreementStanding(Agreement.WITHDRAWN, timezone.localdate(withdrawn_at))
        elif valid_from > today:
            standing = AgreementStanding(Agreement.NOT_YET, valid_from)
        elif valid_until is not None and valid_until < today:
            standing = AgreementStanding(Agreement.EXPIRED, valid_until)
        else:
            live.update(covered)
            continue
        for part in covered:
            ended.setdefault(part, standing)
    return frozenset(live), {part: standing for part, standing in ended.items() if part not in live}


def agreements_for(family_id, organisation_id) -> tuple[frozenset, dict]:
    """In one query: the parts live agreements cover for one organisation today, and where the agreement stands for
    each part that one covered before or will cover (part -> `AgreementStanding`)."""
    agreements = (
        ConsentAgreement.objects.filter(family_id=family_id, organisation_id=organisation_id)
        .order_by("-recorded_at", "-pk")
        .values_list("parts", "valid_from", "valid_until", "withdrawn_at")
    )
    return _standing(agreements, timezone.localdate())


def _refused(part, reason, agreement=None) -> Decision:
    return Decision(False, Basis.REFUSED, part=part, refusal_reason=reason, agreement=agreement)


def _agreement_refusal(found: AccessContext, part: str) -> Decision:
    """Another organisation's team member, refused a part: why, from where the family's agreement stands."""
    if part in CONTENT_PARTS:
        standing = found.ended_parts.get(part, NEVER_AGREED)
    else:  # the household: seen with any part, so the newest ending among them
        standing = max(found.ended_parts.values(), key=lambda ended: ended.on, default=NEVER_AGREED)
    return _refused(part, _agreement_reason(standing), standing)


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
        only = found.person_id if part in FAMILY_MEMBER_OWN_PARTS else None
        return Decision(True, Basis.FAMILY_MEMBER, part=part, only_person_id=only)
    if found.emergency is not None and part != ACCESS_LOG:
        return Decision(True, Basis.EMERGENCY, part=part, emergency=found.emergency)
    if found.is_data_protection_lead and part == ACCESS_LOG:
        return Decision(True, Basis.DATA_PROTECTION, part=part)
    if found.has_team_place:
        return _agreement_refusal(found, part)
    return _refused(part, "Only the team around the family can see its record.")


def decide(user, family, part) -> Decision:
    """May `user` see `part` of `family`'s record? Nothing is logged: see `read`. To change it, ask `decide_change`."""
    return _decide(context(user, family), part)


# What can be changed at all, and on which bases the household can be.
CHANGEABLE_PARTS: tuple[str, ...] = CONTENT_PARTS + (HOUSEHOLD,)
HOUSEHOLD_CHANGE_REFUSED = "Only the team in the organisation holding the record, or someone with emergency access, can change the household."
OWN_PROFILE_ONLY = "A family member can change only their own one-page profile."
FAMILY_MEMBERS_SUGGEST = "A family member suggests a change to their record in their own words, and the team decides with them."
NOT_CHANGED_HERE = "The team and the family's agreements have their own rules for changes, and the access log is never changed."


def _decide_change(found: AccessContext | None, part: str, person=None) -> Decision:
    if part not in CHANGEABLE_PARTS:
        return _refused(part, NOT_CHANGED_HERE if part in ALL_PARTS else "There is no such part of a family's record.")
    if part == HOUSEHOLD:
        if found is not None and found.in_recording_organisation:
            return Decision(True, Basis.RECORDING_ORGANISATION, part=part)
        if found is not None and found.emergency is not None:
            return Decision(True, Basis.EMERGENCY, part=part, emergency=found.emergency)
        seen = _decide(found, part)
        return _refused(part, HOUSEHOLD_CHANGE_REFUSED) if seen.allowed else seen
    decision = _decide(found, part)
    if decision.allowed and decision.basis == Basis.FAMILY_MEMBER:
        return _refused(part, FAMILY_MEMBERS_SUGGEST)
    if person is not None and decision.allowed and not decision.covers_person(person):
        return _refused(part, OWN_PROFILE_ONLY)
    return decision


def decide_change(user, family, part, *, person=None) -> Decision:
    """May `user` change `part` of `family`'s record (for a profile: `person`'s)? Nothing is logged: a refusal
    is logged by the service or page that asked (`log_decision`)."""
    return _decide_change(context(user, family), part, person)


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
    if basis == Basis.RETENTION or not is_signed_in(user):
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
    signed_in = is_signed_in(user)
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


_APPEND_BATCH = 50  # rows per INSERT: well under SQLite's limit on parameters


def _append(entries) -> None:
    """Append log lines whose ids nobody needs, in one plain INSERT: no model machinery per page view.

    The values go through each field's own conversion for the database (dates, time zones), as
    bulk_create would; like bulk_create, no signal fires, so no audit event echoes a log line.
    """
    if not entries:
        return
    fields = [f for f in AccessLogEntry._meta.concrete_fields if not f.primary_key]
    connection = connections[router.db_for_write(AccessLogEntry)]
    quote = connection.ops.quote_name
    placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    start = "INSERT INTO {} ({}) VALUES ".format(quote(AccessLogEntry._meta.db_table), ", ".join(quote(f.column) for f in fields))  # noqa: S608 (table and column names are our own constants; every value is a parameter)
    with connection.cursor() as cursor:
        # One statement (one commit) per batch of rows: executemany would commit row by row.
        for first in range(0, len(entries), _APPEND_BATCH):
            batch = entries[first : first + _APPEND_BATCH]
            params = [f.get_db_prep_save(getattr(entry, f.attname), connection) for entry in batch for f in fields]
            cursor.execute(start + ", ".join([placeholders] * len(batch)), params)


def log(user, family, action, part, basis, detail="", emergency=None) -> AccessLogEntry:
    """Append one line to the family's access log."""
    found = context(user, family) if is_signed_in(user) and family is not None and family.pk is not None else None
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
            user,
            family,
            action,
            part,
            decision.basis,
            detail if decision.allowed else (f"{detail}: {decision.refusal_reason}" if detail else decision.refusal_reason),
            decision.emergency,
            found,
        )
        for part, decision in decisions.items()
        if decision.allowed or log_refusals
    ]
    _append(entries)
    return decisions


def log_emergency_reviews(user, emergencies, detail) -> None:
    """Log, in one insert, that the data protection lead's review pages showed each emergency access's family:
    its reference and the practitioner's reason (basis "data-protection"). Ask `permissions.can_review_emergency_access` first."""
    _append([_entry(user, emergency.family, Action.VIEW, "", Basis.DATA_PROTECTION, detail, emergency) for emergency in emergencies])


def _live_places(user):
    """The person's live team places, for a family named by OuterRef("pk"), while still a member of the organisation."""
    return TeamMember.objects.filter(family=OuterRef("pk"), user=user, left_on__isnull=True).filter(
        Exists(Membership.objects.filter(user=user, organisation=OuterRef("organisation")))
    )


def families_for(user):
    """The families the person has a live team place in (while still a member of that organisation)."""
    if not is_signed_in(user):
        return Family.objects.none()
    return Family.objects.filter(pk__in=_live_family_ids(user))


def _live_family_ids(user):
    """The ids of the families of the person's live team places: looked up from the person, not family by family."""
    return TeamMember.objects.filter(user=user, left_on__isnull=True, organisation__in=Membership.objects.filter(user=user).values("organisation_id")).values(
        "family_id"
    )


def families_with_places(user):
    """`families_for`, each annotated in the same query with the person's team place and the family's lead.

    Annotations: team_organisation_id, team_organisation_name, lead_name, lead_organisation_name.
    """
    if not is_signed_in(user):
        return Family.objects.none()
    places = _live_places(user)
    leads = TeamMember.objects.filter(family=OuterRef("pk"), left_on__isnull=True, is_lead=True).order_by("pk")
    return Family.objects.filter(pk__in=_live_family_ids(user)).annotate(
        team_organisation_id=Subquery(places.values("organisation_id")[:1]),
        team_organisation_name=Subquery(places.values("organisation__name")[:1]),
        lead_name=Subquery(leads.values("user__full_name")[:1]),
        lead_organisation_name=Subquery(leads.values("organisation__name")[:1]),
    )


def consented_parts_for_places(families) -> dict[int, frozenset]:
    """For families annotated by `families_with_places`: the parts live agreements cover for the person's organisation (one query)."""
    return {family_id: live for family_id, (live, _) in agreements_for_places(families).items()}


def agreements_for_places(families) -> dict[int, tuple[frozenset, dict]]:
    """For families annotated by `families_with_places`, held by another organisation: `agreements_for` each (one query)."""
    organisation_of = {family.pk: family.team_organisation_id for family in families if family.team_organisation_id != family.recording_organisation_id}
    if not organisation_of:
        return {}
    rows = (
        ConsentAgreement.objects.filter(family_id__in=list(organisation_of))
        .order_by("-recorded_at", "-pk")
        .values_list("family_id", "organisation_id", "parts", "valid_from", "valid_until", "withdrawn_at")
    )
    by_family: dict[int, list] = {family_id: [] for family_id in organisation_of}
    for family_id, organisation_id, *agreement in rows:
        if organisation_of.get(family_id) == organisation_id:
            by_family[family_id].append(agreement)
    today = timezone.localdate()
    return {family_id: _standing(agreements, today) for family_id, agreements in by_family.items()}


def log_listed(user, families, detail, *, part=TEAM) -> None:
    """Log, in one insert, that a list showed each family's name (a team member's look at the team list).

    `families` come from `families_with_places`, which keeps only places held while the person is
    still a member of the organisation; the basis and organisation are each family's team place.
    """
    entries = []
    for family in families:
        basis = Basis.RECORDING_ORGANISATION if family.team_organisation_id == family.recording_organisation_id else Basis.TEAM
        place = AccessContext(
            family_id=family.pk,
            recording_organisation_id=family.recording_organisation_id,
            team_organisation_id=family.team_organisation_id,
            team_organisation_name=family.team_organisation_name or "",
        )
        entries.append(_entry(user, family, Action.VIEW, part, basis, detail, None, place))
    _append(entries)


def own_families(user):
    """The families a person belongs to as a family member, through their own account."""
    if not is_signed_in(user):
        return Family.objects.none()
    # Looked up from the person's account (indexed), not family by family.
    return Family.objects.filter(pk__in=Person.objects.filter(account=user).values("family_id"))
