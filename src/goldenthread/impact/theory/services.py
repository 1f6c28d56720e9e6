"""Every change to the theory of change: one function per thing the partnership team does, each in a transaction.

The team starts a draft (a copy of the version in force), adds, changes and removes its
outcomes, activities and assumptions, then publishes it with a note saying what changed, or
discards it. There is one draft at a time; a published version is never changed. Changes to
an outcome, an activity or an assumption are version-checked, so two people editing the same
draft at once never overwrite each other's words. The audit log records each write through the
usual signals.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from goldenthread.core.refusals import Refused, check_version
from goldenthread.core.rules import raise_if

from . import permissions, rules
from .models import Activity, Assumption, ForWhom, Horizon, Outcome, TheoryVersion

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OUTCOME_FIELDS = ("title", "horizon", "for_whom", "description")
ACTIVITY_FIELDS = ("title", "description")


def _refuse_unless_keeper(by) -> None:
    if not permissions.can_keep(by):
        raise Refused(permissions.KEEPS_THE_THEORY)


def _locked_draft(theory: TheoryVersion) -> TheoryVersion:
    found = TheoryVersion.objects.select_for_update(of=("self",)).filter(pk=getattr(theory, "pk", None)).first()
    if found is None or not found.is_draft:
        raise Refused(rules.NOT_A_DRAFT)
    return found


def _locked(model, item):
    found = model.objects.select_for_update(of=("self",)).select_related("theory").filter(pk=getattr(item, "pk", None)).first()
    if found is None or not found.theory.is_draft:
        raise Refused(rules.NOT_A_DRAFT)
    return found


def _next_order(queryset) -> int:
    return (queryset.aggregate(most=Max("order"))["most"] or 0) + 1


def _clean_choice(value, choices, *, field: str, message: str, errors: dict) -> str:
    if value not in choices.values:
        errors[field] = message
        return ""
    return value


def _clean_outcome(*, title, horizon, for_whom, description, errors: dict) -> dict:
    return {
        "title": rules.OUTCOME_TITLE.clean(title, field="title", errors=errors),
        "horizon": _clean_choice(horizon, Horizon, field="horizon", message=rules.NOT_A_HORIZON, errors=errors),
        "for_whom": _clean_choice(for_whom, ForWhom, field="for_whom", message=rules.NOT_FOR_WHOM, errors=errors),
        "description": rules.OUTCOME_DESCRIPTION.clean(description, field="description", errors=errors),
    }


def _clean_leads_to(leads_to, theory: TheoryVersion, *, errors: dict) -> list[Outcome]:
    chosen = list(leads_to or [])
    if not all(isinstance(outcome, Outcome) and outcome.theory_id == theory.pk for outcome in chosen):
        errors["leads_to"] = rules.NOT_AN_OUTCOME
        return []
    return list({outcome.pk: outcome for outcome in chosen}.values())


# Versions ------------------------------------------------------------------------------


@transaction.atomic
def start_draft(*, by) -> TheoryVersion:
    """Start the next version as a draft, copied from the version in force (every outcome, activity and assumption); an open draft is returned as it is."""
    _refuse_unless_keeper(by)
    list(TheoryVersion.objects.select_for_update(of=("self",)).all())  # one draft at a time, even when two people start one at once
    existing = TheoryVersion.objects.filter(state=TheoryVersion.State.DRAFT).first()
    if existing is not None:
        return existing
    number = (TheoryVersion.objects.aggregate(most=Max("number"))["most"] or 0) + 1
    draft = TheoryVersion.objects.create(number=number, made_by=by)
    in_force = TheoryVersion.objects.filter(state=TheoryVersion.State.PUBLISHED).order_by("-number").first()
    if in_force is not None:
        copy_contents(in_force, draft)
    return draft


def copy_contents(source: TheoryVersion, target: TheoryVersion) -> None:
    """Copy a version's outcomes (keys kept), activities (with what they lead to) and assumptions into a draft."""
    copies = {}
    for outcome in source.outcomes.all():
        copies[outcome.pk] = Outcome.objects.create(
            theory=target,
            key=outcome.key,
            title=outcome.title,
            horizon=outcome.horizon,
            for_whom=outcome.for_whom,
            description=outcome.description,
            order=outcome.order,
        )
    for activity in source.activities.prefetch_related("leads_to"):
        copy = Activity.objects.create(theory=target, title=activity.title, description=activity.description, order=activity.order)
        copy.leads_to.set([copies[outcome.pk] for outcome in activity.leads_to.all()])
    for assumption in source.assumptions.all():
        Assumption.objects.create(theory=target, text=assumption.text, order=assumption.order)


@transaction.atomic
def publish(theory: TheoryVersion, *, by, note: str) -> TheoryVersion:
    """Publish the draft with a note saying what changed: it is in force from now, and never changes again."""
    _refuse_unless_keeper(by)
    theory = _locked_draft(theory)
    errors: dict = {}
    note = rules.NOTE.clean(note, field="note", errors=errors)
    if not theory.outcomes.exists():
        errors["__all__"] = rules.NO_OUTCOMES
    raise_if(errors)
    theory.note = note
    theory.state = TheoryVersion.State.PUBLISHED
    theory.published_by = by
    theory.published_at = timezone.now()
    theory.save()
    return theory


@transaction.atomic
def discard(theory: TheoryVersion, *, by) -> int:
    """Throw the draft away, with everything in it; the version in force stays as it is. Returns the number the draft had."""
    _refuse_unless_keeper(by)
    theory = _locked_draft(theory)
    number = theory.number
    for activity in theory.activities.all():
        activity.delete()
    for outcome in theory.outcomes.all():
        outcome.delete()
    for assumption in theory.assumptions.all():
        assumption.delete()
    theory.delete()
    return number


# Outcomes ------------------------------------------------------------------------------


@transaction.atomic
def add_outcome(theory: TheoryVersion, *, by, title: str, horizon: str, for_whom: str, description: str = "", key: str = "") -> Outcome:
    """Add an outcome to the draft; its key (made from its words when left empty) stays the same in every later version."""
    _refuse_unless_keeper(by)
    theory = _locked_draft(theory)
    errors: dict = {}
    values = _clean_outcome(title=title, horizon=horizon, for_whom=for_whom, description=description, errors=errors)
    key = rules.KEY.clean(key, field="key", errors=errors).lower()
    if not key and values["title"]:
        key = slugify(values["title"])[:80].strip("-") or "outcome"
        taken = set(theory.outcomes.values_list("key", flat=True))
        base, count = key[:76], 2
        while key in taken:
            key, count = f"{base}-{count}", count + 1
    elif key and not SLUG.match(key):
        errors["key"] = rules.KEY_NOT_A_SLUG
    elif key and theory.outcomes.filter(key=key).exists():
        errors["key"] = rules.KEY_TAKEN
    raise_if(errors)
    return Outcome.objects.create(theory=theory, key=key, order=_next_order(theory.outcomes), **values)


@transaction.atomic
def change_outcome(outcome: Outcome, *, by, version: int | None, title: str, horizon: str, for_whom: str, description: str = "") -> Outcome:
    """Change an outcome's words, horizon or who it is for (its key stays); refused with both texts when someone else saved it first."""
    _refuse_unless_keeper(by)
    outcome = _locked(Outcome, outcome)
    errors: dict = {}
    values = _clean_outcome(title=title, horizon=horizon, for_whom=for_whom, description=description, errors=errors)
    raise_if(errors)
    check_version(outcome, version, fields=OUTCOME_FIELDS, typed=values)
    changed = [name for name, value in values.items() if getattr(outcome, name) != value]
    if not changed:
        return outcome
    for name in changed:
        setattr(outcome, name, values[name])
    outcome.version += 1
    outcome.save(update_fields=[*changed, "version"])
    return outcome


@transaction.atomic
def remove_outcome(outcome: Outcome, *, by) -> None:
    """Take an outcome out of the draft (the activities that led to it no longer do); published versions keep it."""
    _refuse_unless_keeper(by)
    outcome = _locked(Outcome, outcome)
    for activity in outcome.led_to_by.all():
        activity.leads_to.remove(outcome)
    outcome.delete()


# Activities ----------------------------------------------------------------------------


@transaction.atomic
def add_activity(theory: TheoryVersion, *, by, title: str, description: str = "", leads_to=()) -> Activity:
    """Add an activity to the draft, with the outcomes it leads to."""
    _refuse_unless_keeper(by)
    theory = _locked_draft(theory)
    errors: dict = {}
    title = rules.ACTIVITY_TITLE.clean(title, field="title", errors=errors)
    description = rules.ACTIVITY_DESCRIPTION.clean(description, field="description", errors=errors)
    leads_to = _clean_leads_to(leads_to, theory, errors=errors)
    raise_if(errors)
    activity = Activity.objects.create(theory=theory, title=title, description=description, order=_next_order(theory.activities))
    activity.leads_to.set(leads_to)
    return activity


@transaction.atomic
def change_activity(activity: Activity, *, by, version: int | None, title: str, description: str = "", leads_to=()) -> Activity:
    """Change an activity's words and the outcomes it leads to; refused with both texts when someone else saved it first."""
    _refuse_unless_keeper(by)
    activity = _locked(Activity, activity)
    errors: dict = {}
    values = {
        "title": rules.ACTIVITY_TITLE.clean(title, field="title", errors=errors),
        "description": rules.ACTIVITY_DESCRIPTION.clean(description, field="description", errors=errors),
    }
    leads_to = _clean_leads_to(leads_to, activity.theory, errors=errors)
    raise_if(errors)
    check_version(activity, version, fields=ACTIVITY_FIELDS, typed=values)
    changed = [name for name, value in values.items() if getattr(activity, name) != value]
    relink = {outcome.pk for outcome in leads_to} != set(activity.leads_to.values_list("pk", flat=True))
    if not changed and not relink:
        return activity
    for name in changed:
        setattr(activity, name, values[name])
    activity.version += 1
    activity.save(update_fields=[*changed, "version"])
    if relink:
        activity.leads_to.set(leads_to)
    return activity


@transaction.atomic
def remove_activity(activity: Activity, *, by) -> None:
    """Take an activity out of the draft; published versions keep it."""
    _refuse_unless_keeper(by)
    activity = _locked(Activity, activity)
    activity.leads_to.clear()
    activity.delete()


# Assumptions ---------------------------------------------------------------------------


@transaction.atomic
def add_assumption(theory: TheoryVersion, *, by, text: str) -> Assumption:
    """Add an assumption to the draft."""
    _refuse_unless_keeper(by)
    theory = _locked_draft(theory)
    errors: dict = {}
    text = rules.ASSUMPTION.clean(text, field="text", errors=errors)
    raise_if(errors)
    return Assumption.objects.create(theory=theory, text=text, order=_next_order(theory.assumptions))


@transaction.atomic
def change_assumption(assumption: Assumption, *, by, version: int | None, text: str) -> Assumption:
    """Change an assumption's words; refused with both texts when someone else saved it first."""
    _refuse_unless_keeper(by)
    assumption = _locked(Assumption, assumption)
    errors: dict = {}
    text = rules.ASSUMPTION.clean(text, field="text", errors=errors)
    raise_if(errors)
    check_version(assumption, version, fields=("text",), typed={"text": text})
    if text == assumption.text:
        return assumption
    assumption.text = text
    assumption.version += 1
    assumption.save(update_fields=["text", "version"])
    return assumption


@transaction.atomic
def remove_assumption(assumption: Assumption, *, by) -> None:
    """Take an assumption out of the draft; published versions keep it."""
    _refuse_unless_keeper(by)
    assumption = _locked(Assumption, assumption)
    assumption.delete()
