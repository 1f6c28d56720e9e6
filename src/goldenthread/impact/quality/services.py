"""Every change in quality assurance of records: one function per thing a person does.

Each is `verb(target, *, by, ...)` in a transaction: it checks `permissions` (refusing with
`core.refusals.Refused`), checks `rules` (a ValidationError keyed by the form's field), writes
(the audit log is written by core's model signals) and queues the e-mail that follows.

The sample is drawn only from `queries.candidates`: the records the families access rule lets
the auditor see in the period. Grading asks the rule again, and a record the auditor may no
longer see is refused, the refusal written to the family's access log.
"""

from __future__ import annotations

import random
import secrets

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.families import access
from goldenthread.impact import permissions as impact_permissions
from goldenthread.impact.periods import Period

from . import emails, permissions, queries, questions, rules
from .models import AuditGrade, AuditItem, Auditor, AuditRound


@transaction.atomic
def appoint_auditor(person, *, by, at=None) -> Auditor:
    """The partnership team asks a person who works in the partnership to audit records."""
    if not permissions.can_appoint(by):
        raise Refused(rules.ONLY_THE_TEAM)
    if person is None:
        raise ValidationError({"person": rules.CHOOSE_PERSON})
    if not impact_permissions.is_staff(person) or not person.is_active:
        raise ValidationError({"person": rules.STAFF_ONLY})
    if Auditor.objects.select_for_update(of=("self",)).filter(person=person, ended_at__isnull=True).exists():
        raise ValidationError({"person": rules.ALREADY_AUDITOR})
    return Auditor.objects.create(person=person, appointed_by=by, appointed_at=at or timezone.now())


@transaction.atomic
def end_appointment(appointment: Auditor, *, by) -> Auditor:
    """The partnership team ends an appointment; the auditor's past rounds and grades are kept."""
    if not permissions.can_appoint(by):
        raise Refused(rules.ONLY_THE_TEAM)
    appointment = Auditor.objects.select_for_update(of=("self",)).get(pk=appointment.pk)
    if appointment.ended_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_AN_AUDITOR_NOW})
    appointment.ended_at, appointment.ended_by = timezone.now(), by
    appointment.save()
    return appointment


def _who(auditor, by) -> str:
    return "you" if by is not None and auditor.pk == by.pk else auditor.full_name


def draw(candidates: list, size: int, seed: int) -> list:
    """The sample: `size` of the candidates (all of them when fewer), chosen with `random.Random(seed)`: the same seed and candidates give the same sample."""
    return random.Random(seed).sample(list(candidates), min(size, len(candidates)))  # noqa: S311 (a seeded, repeatable sample of records to audit, not a secret)


@transaction.atomic
def draw_round(auditor, *, by, period: Period, organisation=None, size: int, seed: int | None = None, at=None, tell: bool = True) -> AuditRound:
    """Draw a sample of families' records for `auditor`, only from the records the access rule lets them see.

    An auditor draws for themselves; the partnership team for any auditor. When the auditor
    may see no record in the period the draw is refused, saying what to do; when they may see
    fewer than asked for, all of those are drawn (the page says so). The auditor is e-mailed
    (`tell=False` only for the demo's past rounds, drawn as history).
    """
    if not permissions.can_draw(by):
        raise Refused(rules.NOT_AN_AUDITOR)
    if auditor is None:
        raise ValidationError({"auditor": rules.CHOOSE_AUDITOR})
    if auditor.pk != by.pk and not permissions.can_draw_for_others(by):
        raise Refused(rules.ONLY_THE_TEAM)
    if not permissions.is_auditor(auditor) or not auditor.is_active:
        raise ValidationError({"auditor": rules.NOT_AN_AUDITOR_NOW})
    if not isinstance(size, int) or not rules.SMALLEST_SAMPLE <= size <= rules.LARGEST_SAMPLE:
        raise ValidationError({"size": rules.SIZE_WORDS})
    found = queries.candidates(auditor, period, organisation)
    if not found:
        raise ValidationError({NON_FIELD_ERRORS: rules.nothing_to_draw(_who(auditor, by))})
    seed = seed if seed is not None else secrets.randbits(48)
    drawn_at = at or timezone.now()
    audit_round = AuditRound.objects.create(
        auditor=auditor,
        drawn_by=by,
        period_start=period.start,
        period_end=period.end,
        organisation=organisation,
        size_asked=size,
        available=len(found),
        seed=seed,
        drawn_at=drawn_at,
    )
    for position, candidate in enumerate(draw(found, size, seed), start=1):
        AuditItem.objects.create(
            round=audit_round,
            position=position,
            family=candidate.family,
            family_reference=candidate.family.reference,
            organisation_id=candidate.family.recording_organisation_id,
            parts=list(candidate.parts),
        )
    if tell and auditor.is_active:
        send_later(auditor.email, *emails.round_drawn(audit_round))
    return audit_round


def drawn_words(audit_round: AuditRound, by) -> str:
    """What the page says once a round is drawn: how many, and plainly when fewer than asked for."""
    drawn = audit_round.items.count()
    if drawn < audit_round.size_asked:
        return rules.fewer_than_asked(drawn, audit_round.size_asked, _who(audit_round.auditor, by))
    return f"{drawn} {'record is' if drawn == 1 else 'records are'} drawn for the audit."


def _item_for_change(item: AuditItem, by) -> AuditItem:
    item = AuditItem.objects.select_for_update(of=("self",)).select_related("round", "family").get(pk=item.pk)
    if not permissions.can_audit_round(by, item.round):
        raise Refused(rules.ONLY_YOUR_ROUND)
    if item.state == AuditItem.State.GRADED:
        raise ValidationError({NON_FIELD_ERRORS: rules.FINISHED})
    if item.state != AuditItem.State.WAITING:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_WAITING})
    return item


def _finish_round_if_done(audit_round: AuditRound, at) -> None:
    audit_round = AuditRound.objects.select_for_update(of=("self",)).get(pk=audit_round.pk)
    if audit_round.state == AuditRound.State.GRADING and not audit_round.items.filter(state=AuditItem.State.WAITING).exists():
        audit_round.state, audit_round.finished_at = AuditRound.State.FINISHED, at
        audit_round.save()


def grade_item(item: AuditItem, *, by, grades: dict[str, str], notes: dict[str, str] | None = None, at=None) -> AuditItem:
    """The auditor grades a record against every question at once, which finishes it; its grades are then never changed.

    The access rule is asked again first, outside the transaction so that a refusal's line in
    the family's access log is kept: a record the auditor may no longer see (the family's
    agreement withdrawn since the draw) is refused.
    """
    if permissions.can_audit_round(by, item.round) and item.state == AuditItem.State.WAITING:
        _refuse_unless_still_seen(item, by)
    return _grade(item, by=by, grades=grades, notes=notes, at=at)


@transaction.atomic
def _grade(item: AuditItem, *, by, grades: dict[str, str], notes: dict[str, str] | None = None, at=None) -> AuditItem:
    item = _item_for_change(item, by)
    notes = notes or {}
    errors: dict = {}
    chosen = {}
    for question in questions.questions():
        value = grades.get(question.key)
        if questions.grade(value or "") is None:
            errors[f"grade_{question.key}"] = rules.GRADE_EVERY_QUESTION
        else:
            chosen[question.key] = value
        note = rules.NOTE.clean(notes.get(question.key, ""), field=f"note_{question.key}", errors=errors)
        notes[question.key] = note
    raise_if(errors)
    when = at or timezone.now()
    for question in questions.questions():
        AuditGrade.objects.create(item=item, question=question.key, grade=chosen[question.key], note=notes[question.key], graded_by=by, graded_at=when)
    item.state, item.finished_at = AuditItem.State.GRADED, when
    item.save()
    _finish_round_if_done(item.round, when)
    return item


def _refuse_unless_still_seen(item: AuditItem, by) -> None:
    if item.family is None:
        raise Refused(rules.NO_LONGER_SEEN)
    decisions = queries.audit_parts(by, item.family, item.parts)
    if not any(decision.allowed for decision in decisions.values()):
        refused = next(iter(decisions.values()))
        access.log_decision(by, item.family, access.Action.UPDATE, refused, rules.SAMPLE_DETAIL)
        raise Refused(f"{rules.NO_LONGER_SEEN} {refused.refusal_reason}")


@transaction.atomic
def skip_item(item: AuditItem, *, by, reason: str, at=None) -> AuditItem:
    """The auditor leaves a record out of the round, saying why (for example: they may no longer see it)."""
    item = _item_for_change(item, by)
    errors: dict = {}
    reason = rules.SKIP_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    when = at or timezone.now()
    item.state, item.finished_at, item.skipped_reason = AuditItem.State.SKIPPED, when, reason
    item.save()
    _finish_round_if_done(item.round, when)
    return item
