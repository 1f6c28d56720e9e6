"""Every change to the shared roadmap: one function per thing a person does, each in a transaction.

A milestone is added, changed, marked reached, moved to a new date or dropped with a reason.
Each writes a line of the milestone's history (`MilestoneChange`), so moving a date keeps the
date it had; the audit log records who did what through the usual signals. The partnership
team keeps the whole-system and sector milestones; an organisation's lead keeps their own
organisation's. A reached or dropped milestone is kept as it is, with its history.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership.models import Organisation, Sector

from .. import principles as shared
from ..work.models import Programme, WorkstreamAction
from . import permissions, rules
from .models import Milestone, MilestoneChange

CHANGED_WORDS = {
    "title": "the milestone",
    "description": "what it means",
    "sector": "who it is for",
    "organisation": "who it is for",
    "domains": "the continuum areas",
    "principles": "the principles",
    "actions": "the linked actions",
}


def _refuse_unless(allowed: bool, message: str = permissions.KEEPS_THE_ROADMAP) -> None:
    if not allowed:
        raise Refused(message)


def _clean_programme(programme, *, errors: dict) -> Programme | None:
    if not isinstance(programme, Programme):
        errors["programme"] = rules.NOT_A_PROGRAMME
        return None
    if not programme.is_open:
        errors["programme"] = rules.PROGRAMME_CLOSED
    return programme


def _clean_scope(by, *, sector, organisation, errors: dict) -> tuple[str, Organisation | None]:
    """Who the milestone is for: an organisation (taking its sector), a sector, or the whole system; refuses someone who may not keep it."""
    if organisation is not None:
        _refuse_unless(isinstance(organisation, Organisation) and permissions.can_keep(by, organisation))
        return organisation.sector, organisation
    _refuse_unless(permissions.keeps_whole_system(by))
    sector = sector if isinstance(sector, str) else ""
    if sector and sector not in Sector.values:
        errors["sector"] = rules.NOT_A_SECTOR
        return "", None
    return sector, None


def _clean_codes(values, choices, *, field: str, message: str, errors: dict) -> list[str]:
    """The codes chosen, in the list's own order, each once; an unknown one is a mistake."""
    if values is None:
        values = []
    if isinstance(values, str) or not all(isinstance(value, str) for value in values):
        errors[field] = message
        return []
    known = [code for code, _ in choices]
    if set(values) - set(known):
        errors[field] = message
        return []
    return [code for code in known if code in set(values)]


def _clean_actions(actions, programme, *, errors: dict) -> list[WorkstreamAction]:
    """Workstream actions of the milestone's own programme, each once."""
    actions = list(actions or [])
    if not all(isinstance(action, WorkstreamAction) for action in actions) or (
        programme is not None and any(action.workstream.programme_id != programme.pk for action in actions)
    ):
        errors["actions"] = rules.NOT_AN_ACTION
        return []
    return list({action.pk: action for action in actions}.values())


def _clean_words(*, title, description, errors: dict) -> tuple[str, str]:
    return (
        rules.TITLE.clean(title, field="title", errors=errors),
        rules.DESCRIPTION.clean(description, field="description", errors=errors),
    )


def _locked(milestone: Milestone) -> Milestone:
    return Milestone.objects.select_for_update(of=("self",)).select_related("organisation", "programme").get(pk=milestone.pk)


def _refuse_unless_open(milestone: Milestone) -> None:
    if not milestone.is_open:
        raise Refused(rules.NOT_OPEN[milestone.status])


def _note(milestone: Milestone, kind: str, *, by, from_date: date | None = None, to_date: date | None = None, note: str = "") -> MilestoneChange:
    return MilestoneChange.objects.create(milestone=milestone, kind=kind, from_date=from_date, to_date=to_date, note=note, by=by)


@transaction.atomic
def add_milestone(
    programme: Programme,
    *,
    by,
    title: str,
    description: str,
    due_on: date,
    sector: str = "",
    organisation: Organisation | None = None,
    domains=(),
    principles=(),
    actions=(),
) -> Milestone:
    """Put a milestone on the roadmap: for the whole system or a sector (the partnership team), or for an organisation (its lead)."""
    errors: dict = {}
    sector, organisation = _clean_scope(by, sector=sector, organisation=organisation, errors=errors)
    programme = _clean_programme(programme, errors=errors)
    title, description = _clean_words(title=title, description=description, errors=errors)
    due_on = rules.DUE_ON.clean(due_on, field="due_on", errors=errors)
    domains = _clean_codes(domains, shared.domain_choices(), field="domains", message=rules.NOT_A_DOMAIN, errors=errors)
    principles = _clean_codes(principles, shared.principle_choices(), field="principles", message=rules.NOT_A_PRINCIPLE, errors=errors)
    actions = _clean_actions(actions, programme, errors=errors)
    raise_if(errors)
    milestone = Milestone.objects.create(
        programme=programme,
        title=title,
        description=description,
        due_on=due_on,
        sector=sector,
        organisation=organisation,
        domains=domains,
        principles=principles,
        created_by=by,
    )
    milestone.actions.set(actions)
    _note(milestone, MilestoneChange.Kind.ADDED, by=by, to_date=due_on)
    return milestone


@transaction.atomic
def change_milestone(
    milestone: Milestone,
    *,
    by,
    title: str,
    description: str,
    sector: str = "",
    organisation: Organisation | None = None,
    domains=(),
    principles=(),
    actions=None,
) -> Milestone:
    """Change a milestone's words, who it is for, its areas, principles and linked actions (None: leave them). Its date moves only with `move_milestone`, so the history keeps it."""
    milestone = _locked(milestone)
    _refuse_unless(permissions.can_change(by, milestone))
    if milestone.status == Milestone.Status.DROPPED:
        raise Refused(rules.NOT_OPEN[milestone.status])
    errors: dict = {}
    sector, organisation = _clean_scope(by, sector=sector, organisation=organisation, errors=errors)
    title, description = _clean_words(title=title, description=description, errors=errors)
    domains = _clean_codes(domains, shared.domain_choices(), field="domains", message=rules.NOT_A_DOMAIN, errors=errors)
    principles = _clean_codes(principles, shared.principle_choices(), field="principles", message=rules.NOT_A_PRINCIPLE, errors=errors)
    if actions is not None:
        actions = _clean_actions(actions, milestone.programme, errors=errors)
    raise_if(errors)
    values = {"title": title, "description": description, "sector": sector, "organisation": organisation, "domains": domains, "principles": principles}
    changed = [name for name, value in values.items() if getattr(milestone, name) != value]
    relink = actions is not None and {a.pk for a in actions} != set(milestone.actions.values_list("pk", flat=True))
    if not changed and not relink:
        return milestone
    for name in changed:
        setattr(milestone, name, values[name])
    milestone.changed_at = timezone.now()
    milestone.save(update_fields=[*changed, "changed_at"])
    if relink:
        milestone.actions.set(actions)
        changed.append("actions")
    words = list(dict.fromkeys(CHANGED_WORDS[name] for name in changed))
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    _note(milestone, MilestoneChange.Kind.CHANGED, by=by, note=f"Changed {listed}.")
    return milestone


@transaction.atomic
def mark_reached(milestone: Milestone, *, by, reached_on: date, note: str = "") -> Milestone:
    """Mark a planned or moved milestone reached, on the day it was reached."""
    milestone = _locked(milestone)
    _refuse_unless(permissions.can_change(by, milestone))
    _refuse_unless_open(milestone)
    errors: dict = {}
    reached_on = rules.REACHED_ON.clean(reached_on, field="reached_on", errors=errors)
    note = rules.REACHED_NOTE.clean(note, field="note", errors=errors)
    raise_if(errors)
    milestone.status = Milestone.Status.REACHED
    milestone.reached_on = reached_on
    milestone.changed_at = timezone.now()
    milestone.save(update_fields=["status", "reached_on", "changed_at"])
    _note(milestone, MilestoneChange.Kind.REACHED, by=by, to_date=reached_on, note=note)
    return milestone


@transaction.atomic
def move_milestone(milestone: Milestone, *, by, due_on: date, reason: str) -> Milestone:
    """Move a planned or moved milestone to a new date, saying why; the history keeps the date it had."""
    milestone = _locked(milestone)
    _refuse_unless(permissions.can_change(by, milestone))
    _refuse_unless_open(milestone)
    errors: dict = {}
    due_on = rules.NEW_DUE_ON.clean(due_on, field="due_on", errors=errors)
    reason = rules.MOVE_REASON.clean(reason, field="reason", errors=errors)
    if due_on is not None and due_on == milestone.due_on:
        errors["due_on"] = rules.SAME_DATE
    raise_if(errors)
    before = milestone.due_on
    milestone.due_on = due_on
    milestone.status = Milestone.Status.MOVED
    milestone.changed_at = timezone.now()
    milestone.save(update_fields=["due_on", "status", "changed_at"])
    _note(milestone, MilestoneChange.Kind.MOVED, by=by, from_date=before, to_date=due_on, note=reason)
    return milestone


@transaction.atomic
def drop_milestone(milestone: Milestone, *, by, reason: str) -> Milestone:
    """Take a planned or moved milestone off the plan, saying why; it stays on the roadmap as dropped, with its history."""
    milestone = _locked(milestone)
    _refuse_unless(permissions.can_change(by, milestone))
    _refuse_unless_open(milestone)
    errors: dict = {}
    reason = rules.DROP_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    milestone.status = Milestone.Status.DROPPED
    milestone.dropped_reason = reason
    milestone.changed_at = timezone.now()
    milestone.save(update_fields=["status", "dropped_reason", "changed_at"])
    _note(milestone, MilestoneChange.Kind.DROPPED, by=by, from_date=milestone.due_on, note=reason)
    return milestone
