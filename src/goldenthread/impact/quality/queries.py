"""Reads for quality assurance: the records an auditor may be sampled from, rounds, a record's texts, and the results.

`candidates` is the one place that decides which families' records may be drawn: it asks the
families access rule (`families.access.decide`) for each family and each part, and keeps a
part only when the rule allows it on the strength of a team place (the recording
organisation's, or another organisation's with the family's live agreement). Emergency access
is for keeping a child safe, never for an audit, so it does not count here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from goldenthread.core.language import site_check
from goldenthread.families import access
from goldenthread.families import queries as family_queries
from goldenthread.families.models import AccessLogEntry, Family, Part
from goldenthread.impact.periods import Period

from . import questions, rules
from .models import AuditGrade, AuditItem, Auditor, AuditRound

# The parts an auditor reads: the family's story, the one-page profiles and the chronology.
AUDITED_PARTS: tuple[str, ...] = (Part.STORY.value, Part.PROFILES.value, Part.CHRONOLOGY.value)
# The access rule's bases an audit may read on: a team place, with the family's agreement where it is another organisation.
AUDIT_BASES = frozenset({AccessLogEntry.Basis.RECORDING_ORGANISATION, AccessLogEntry.Basis.CONSENT})


@dataclass(frozen=True)
class Candidate:
    family: Family
    parts: tuple[str, ...]


def audit_parts(user, family, parts=AUDITED_PARTS) -> dict[str, access.Decision]:
    """The access rule's decision for each part (nothing logged), with any basis an audit may not read on refused."""
    found = {}
    for part in parts:
        decision = access.decide(user, family, part)
        if decision.allowed and decision.basis not in AUDIT_BASES:
            decision = access.Decision(False, AccessLogEntry.Basis.REFUSED, part=part, refusal_reason="An audit reads a record only through a team place.")
        found[part] = decision
    return found


def families_in_period(period: Period, organisation=None):
    """Families whose record was open at some time in the period (recorded by its last day, not closed before its first), not anonymised."""
    found = Family.objects.filter(anonymised_at__isnull=True, created_at__lt=period.ends_before).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    if organisation is not None:
        found = found.filter(recording_organisation=organisation)
    return found


def candidates(auditor, period: Period, organisation=None) -> list[Candidate]:
    """The families' records in the period that `auditor` may see now, in a fixed order (by id), each with the parts they may see.

    Only families where the auditor holds a live team place are asked about (no other basis
    counts for an audit), and for each of them the access rule decides every part.
    """
    if auditor is None or getattr(auditor, "is_family_account", False):
        return []
    found = []
    for family in families_in_period(period, organisation).filter(pk__in=access.families_for(auditor).values("pk")).order_by("pk"):
        decisions = audit_parts(auditor, family)
        parts = tuple(part for part in AUDITED_PARTS if decisions[part].allowed)
        if parts:
            found.append(Candidate(family, parts))
    return found


def live_auditors():
    return Auditor.objects.filter(ended_at__isnull=True).select_related("person", "appointed_by").order_by("person__full_name")


def all_appointments():
    return Auditor.objects.select_related("person", "appointed_by", "ended_by").order_by("ended_at", "person__full_name")


def rounds_for(user):
    return AuditRound.objects.filter(auditor=user).select_related("organisation").order_by("-drawn_at")


def all_rounds():
    return AuditRound.objects.select_related("auditor", "organisation", "drawn_by").order_by("-drawn_at")


def with_counts(rounds):
    """Each round with how many records wait, are graded and are left out (`counts`)."""
    rounds = list(rounds)
    tally = defaultdict(Counter)
    for round_id, state in AuditItem.objects.filter(round__in=rounds).values_list("round_id", "state"):
        tally[round_id][state] += 1
    for each in rounds:
        each.counts = {
            "waiting": tally[each.pk][AuditItem.State.WAITING],
            "graded": tally[each.pk][AuditItem.State.GRADED],
            "skipped": tally[each.pk][AuditItem.State.SKIPPED],
            "total": sum(tally[each.pk].values()),
        }
    return rounds


def rounds_waiting_for(user):
    """The person's rounds with records still to grade."""
    return with_counts(AuditRound.objects.filter(auditor=user, state=AuditRound.State.GRADING).select_related("organisation").order_by("drawn_at"))


def items_of(audit_round):
    return AuditItem.objects.filter(round=audit_round).select_related("organisation").order_by("position")


def grades_of(item) -> dict[str, AuditGrade]:
    return {grade.question: grade for grade in AuditGrade.objects.filter(item=item)}


# ---------------------------------------------------------------- a record's texts, with the check's findings


@dataclass
class Text:
    label: str
    text: str
    findings: list = field(default_factory=list)


@dataclass
class Entry:
    heading: str
    texts: list[Text]


def _texts(pairs) -> list[Text]:
    return [Text(label, text, site_check(text)) for label, text in pairs if text and text.strip()]


def record_texts(family, decisions: dict[str, access.Decision]) -> dict[str, list[Entry]]:
    """The parts the decisions allow, as the families app reads them (`families.queries.record_data`), each text with the language check's findings."""
    data = family_queries.record_data(family, {part: decisions[part] for part in AUDITED_PARTS if part in decisions})
    shown: dict[str, list[Entry]] = {}
    if "story" in data:
        shown["story"] = [
            Entry(
                f"Told on {entry['told_on']}",
                _texts([("The story", entry["story"]), ("Who was there", entry["who_was_there"]), ("How the family agreed", entry["how_agreed"])]),
            )
            for entry in data["story"]
        ]
    if "profiles" in data:
        shown["profiles"] = [
            Entry(
                f"{profile['name']}'s one-page profile",
                _texts(
                    [
                        ("What people like and admire", profile["liked_and_admired"]),
                        ("What is important to them", profile["important_to_me"]),
                        ("How best to support them", profile["how_to_support_me"]),
                        ("Who wrote it with them", profile["written_with"]),
                    ]
                ),
            )
            for profile in data["profiles"]
        ]
    if "chronology" in data:
        shown["chronology"] = [
            Entry(
                f"{event['occurred_on']}, recorded by {event['organisation']}",
                _texts([("What happened", event["what_happened"]), ("What it meant for the child", event["meaning_for_child"])]),
            )
            for event in data["chronology"]
        ]
    return shown


# ---------------------------------------------------------------- results: counts only, held back under MIN_GROUP


def graded_items(period: Period, organisation=None):
    """Records graded (not left out) in the period, by when they were finished; for one organisation when given."""
    found = AuditItem.objects.filter(state=AuditItem.State.GRADED, finished_at__gte=period.starts_at, finished_at__lt=period.ends_before)
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found


@dataclass
class Counts:
    """Counts by grade for one group of records; `held_back` when fewer than MIN_GROUP records."""

    label: str
    records: int
    by_grade: dict[str, int]
    forced: bool = False  # held back so that another held-back group cannot be worked out

    @property
    def held_back(self) -> bool:
        return self.forced or self.records < rules.MIN_GROUP

    def cells(self) -> list[int | None]:
        return [None if self.held_back else self.by_grade.get(g.key, 0) for g in questions.grades()]


@dataclass
class QuestionResults:
    question: questions.Question
    overall: Counts
    by_organisation: list[Counts]
    by_month: list[Counts]


def _counts(label, rows) -> Counts:
    records = {item_id for item_id, _ in rows}
    return Counts(label, len(records), dict(Counter(grade for _, grade in rows)))


def results(period: Period, organisation=None, shown=None) -> list[QuestionResults]:
    """For each question: counts by grade for the period, by organisation and by month; each group held back under MIN_GROUP records.

    `organisation` counts one organisation's records only; `shown` (organisation ids) limits the
    rows by organisation to those the person may see (the totals stay the partnership's).
    """
    items = graded_items(period, organisation)
    rows = list(
        AuditGrade.objects.filter(item__in=items).values_list(
            "item_id", "question", "grade", "item__organisation_id", "item__organisation__name", "item__finished_at"
        )
    )
    months = period.months()
    found = []
    for question in questions.all_questions():
        mine = [row for row in rows if row[1] == question.key]
        if question.retired and not mine:
            continue
        by_org: dict[tuple, list] = defaultdict(list)
        by_month: dict[int, list] = defaultdict(list)
        for item_id, _, grade, organisation_id, organisation_name, finished_at in mine:
            by_org[(organisation_name, organisation_id)].append((item_id, grade))
            for index, month in enumerate(months):
                if month.starts_at <= finished_at < month.ends_before:
                    by_month[index].append((item_id, grade))
                    break
        found.append(
            QuestionResults(
                question,
                _counts("All records", [(row[0], row[2]) for row in mine]),
                _not_worked_back([_counts(name, by_org[(name, pk)]) for name, pk in sorted(by_org) if shown is None or pk in shown]),
                _not_worked_back([_counts(f"{month.start:%B %Y}", by_month[index]) for index, month in enumerate(months)]),
            )
        )
    return found


def _not_worked_back(groups: list[Counts]) -> list[Counts]:
    """When exactly one group is held back, its counts could be worked out from the total less the others: hold back the smallest shown group too."""
    held = [group for group in groups if group.held_back and group.records]
    shown = [group for group in groups if not group.held_back]
    if len(held) == 1 and shown:
        smallest = min(shown, key=lambda group: group.records)
        smallest.forced = True
    return groups
