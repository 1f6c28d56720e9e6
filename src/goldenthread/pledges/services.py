"""Every change to a pledge: one function per thing a person does.

Each checks the permission (PermissionDenied), checks the rules (ValidationError, keyed by
the form field it is about), writes in a transaction and schedules what follows: signing
and renewing queue the reminder e-mail for two months before the pledge lapses. The audit
log is written by core's model signals.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.partnership import services as partnership_services

from . import permissions
from .models import Action, Commitment, PersonalPledge, Pledge, PledgeText, ProgressUpdate, Renewal, Strand

STATEMENT_FIELDS = ("vision", "how_we_will_do_it", "priorities")
STATEMENT_MESSAGES = {
    "vision": "Write your organisation's vision",
    "how_we_will_do_it": "Write how you will do it",
    "priorities": "Write your priorities for the next 12 months",
}


def commitment_field(strand: str) -> str:
    """The form field that holds the commitments chosen under one strand."""
    return "commitments_" + strand.replace("-", "_")


def reminder_time(expires_on: date) -> datetime:
    """When the renewal reminder goes: the reminder period before the pledge lapses, at 9 in the morning."""
    day = expires_on - timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS)
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _schedule_reminder(pledge: Pledge) -> None:
    from .tasks import send_renewal_reminder

    send_renewal_reminder.using(run_after=reminder_time(pledge.expires_on)).enqueue(pledge.pk, pledge.expires_on.isoformat())


def _term_end(start: date) -> date:
    return start + timedelta(days=settings.GOLDENTHREAD_PLEDGE_TERM_DAYS)


def _check_commitments(pledge_text: PledgeText, commitments) -> list[Commitment]:
    """The chosen commitments, all of this version of the pledge, with at least one per strand."""
    chosen = list(commitments)
    if any(c.pledge_text_id != pledge_text.pk for c in chosen):
        raise ValidationError({NON_FIELD_ERRORS: "Choose commitments from the pledge shown on this page."})
    covered = {c.strand for c in chosen}
    errors = {
        commitment_field(value): f"Choose at least one commitment under {label}"
        for value, label in Strand.choices
        if value not in covered
    }
    if errors:
        raise ValidationError(errors)
    return chosen


def _check_statement(statement: dict) -> dict:
    cleaned = {name: str(statement.get(name) or "").strip() for name in STATEMENT_FIELDS}
    errors = {name: STATEMENT_MESSAGES[name] for name, value in cleaned.items() if not value}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_signatory(signatory_name: str, signatory_role: str) -> None:
    errors = {}
    if not str(signatory_name or "").strip():
        errors["signatory_name"] = "Enter the name of the senior person signing"
    if not str(signatory_role or "").strip():
        errors["signatory_role"] = "Enter their job title"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sign_pledge(
    organisation,
    *,
    by,
    commitments,
    vision: str,
    how_we_will_do_it: str,
    priorities: str,
    signatory_name: str,
    signatory_role: str,
    signed_on: date,
    pledge_text: PledgeText | None = None,
) -> Pledge:
    """Sign the pledge for an organisation: it is published on the wall at once and runs for a year."""
    if not permissions.can_sign(by, organisation):
        raise PermissionDenied
    if Pledge.objects.filter(organisation=organisation).exists():
        raise ValidationError({NON_FIELD_ERRORS: f"{organisation.name} has already signed the pledge."})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "The date signed must be today or in the past"})
    pledge_text = pledge_text or PledgeText.current()
    chosen = _check_commitments(pledge_text, commitments)
    statement = _check_statement({"vision": vision, "how_we_will_do_it": how_we_will_do_it, "priorities": priorities})
    _check_signatory(signatory_name, signatory_role)
    pledge = Pledge.objects.create(
        organisation=organisation,
        pledge_text=pledge_text,
        signatory_name=signatory_name.strip(),
        signatory_role=signatory_role.strip(),
        signed_on=signed_on,
        signed_by=by,
        expires_on=_term_end(signed_on),
        status=Pledge.Status.PUBLISHED,
        **statement,
    )
    pledge.commitments.set(chosen)
    _schedule_reminder(pledge)
    return pledge


@transaction.atomic
def update_statement(pledge: Pledge, *, by, commitments, vision: str, how_we_will_do_it: str, priorities: str) -> Pledge:
    """Change the published statement and the commitments chosen, within the version signed."""
    if not permissions.can_edit_pledge(by, pledge):
        raise PermissionDenied
    chosen = _check_commitments(pledge.pledge_text, commitments)
    statement = _check_statement({"vision": vision, "how_we_will_do_it": how_we_will_do_it, "priorities": priorities})
    for name, value in statement.items():
        setattr(pledge, name, value)
    pledge.save()
    pledge.commitments.set(chosen)
    return pledge


@transaction.atomic
def name_champions(organisation, people, *, by):
    """Name the organisation's champions. Roles belong to the partnership app, so it makes the change."""
    if not permissions.can_sign(by, organisation):
        raise PermissionDenied
    return partnership_services.name_champions(organisation, people, by=by)


def _check_action(fields: dict) -> dict:
    errors = {}
    if fields.get("strand") not in Strand.values:
        errors["strand"] = "Choose the strand this action is for"
    if not str(fields.get("description") or "").strip():
        errors["description"] = "Describe what you will do"
    if not str(fields.get("owner") or "").strip():
        errors["owner"] = "Enter who owns this action: a name or a team"
    if not isinstance(fields.get("due_on"), date):
        errors["due_on"] = "Enter the date it is due, for example 27 3 2026"
    if fields.get("status", Action.Status.NOT_STARTED) not in Action.Status.values:
        errors["status"] = "Choose where this action has got to"
    if errors:
        raise ValidationError(errors)
    return fields


ACTION_FIELDS = ("strand", "description", "owner", "due_on", "status")


@transaction.atomic
def add_action(pledge: Pledge, *, by, strand: str, description: str, owner: str, due_on: date, status: str = Action.Status.NOT_STARTED) -> Action:
    if not permissions.can_edit_pledge(by, pledge):
        raise PermissionDenied
    fields = _check_action({"strand": strand, "description": description, "owner": owner, "due_on": due_on, "status": status})
    return Action.objects.create(pledge=pledge, **fields)


@transaction.atomic
def update_action(action: Action, *, by, **fields) -> Action:
    if not permissions.can_edit_pledge(by, action.pledge):
        raise PermissionDenied
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    merged = {name: fields.get(name, getattr(action, name)) for name in ACTION_FIELDS}
    for name, value in _check_action(merged).items():
        setattr(action, name, value)
    action.save()
    return action


@transaction.atomic
def post_progress_update(pledge: Pledge, *, by, summary: str) -> ProgressUpdate:
    if not permissions.can_edit_pledge(by, pledge):
        raise PermissionDenied
    if not str(summary or "").strip():
        raise ValidationError({"summary": "Write what has changed this year"})
    return ProgressUpdate.objects.create(pledge=pledge, posted_by=by, summary=summary.strip())


@transaction.atomic
def renew_pledge(pledge: Pledge, *, by, signatory_name: str, signatory_role: str, renewed_on: date | None = None) -> Renewal:
    """Renew for another year: open from two months before the pledge lapses, and after it has lapsed.

    The action plan must have at least one action under each strand. The new year runs from
    the renewal date; a lapsed pledge shows as signed again, and a fresh reminder is queued
    (the older one finds the end date changed and sends nothing).
    """
    from .queries import and_list, renewal_is_open, strands_without_actions

    if not permissions.can_edit_pledge(by, pledge):
        raise PermissionDenied
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    renewed_on = renewed_on or timezone.localdate()
    if pledge.status == Pledge.Status.WITHDRAWN:
        raise ValidationError({NON_FIELD_ERRORS: "This pledge has been withdrawn, so it cannot be renewed. Ask your partnership lead about publishing it again."})
    if not renewal_is_open(pledge, renewed_on):
        raise ValidationError({NON_FIELD_ERRORS: f"You can renew this pledge from {pledge.renewal_due_from.day} {pledge.renewal_due_from:%B %Y}."})
    missing = strands_without_actions(pledge)
    if missing:
        raise ValidationError({NON_FIELD_ERRORS: f"Add at least one action to the action plan under {and_list(missing)} before you renew."})
    _check_signatory(signatory_name, signatory_role)
    expires_on = _term_end(renewed_on)
    renewal = Renewal.objects.create(
        pledge=pledge,
        renewed_on=renewed_on,
        signatory_name=signatory_name.strip(),
        signatory_role=signatory_role.strip(),
        renewed_by=by,
        expires_on=expires_on,
    )
    pledge.renewed_on = renewed_on
    pledge.expires_on = expires_on
    pledge.status = Pledge.Status.PUBLISHED
    pledge.save()
    _schedule_reminder(pledge)
    return renewal


@transaction.atomic
def withdraw_pledge(pledge: Pledge, *, by, reason: str) -> Pledge:
    """Take a pledge off the wall, with the reason recorded for the organisation to read."""
    if not permissions.can_publish_or_withdraw(by):
        raise PermissionDenied
    if not str(reason or "").strip():
        raise ValidationError({"reason": "Write why the pledge is being withdrawn"})
    pledge.status = Pledge.Status.WITHDRAWN
    pledge.withdrawn_reason = reason.strip()[:500]
    pledge.save()
    return pledge


@transaction.atomic
def republish_pledge(pledge: Pledge, *, by) -> Pledge:
    if not permissions.can_publish_or_withdraw(by):
        raise PermissionDenied
    pledge.status = Pledge.Status.PUBLISHED
    pledge.withdrawn_reason = ""
    pledge.save()
    return pledge


def _check_personal_commitment(commitment: str) -> str:
    commitment = str(commitment or "").strip()
    if not commitment:
        raise ValidationError({"commitment": "Write your pledge in your own words"})
    if len(commitment) > 600:
        raise ValidationError({"commitment": "Your pledge must be 600 characters or fewer"})
    return commitment


@transaction.atomic
def make_personal_pledge(*, by, organisation, commitment: str, is_shown: bool = True) -> PersonalPledge:
    """A leader's own commitment, recorded with one organisation they lead."""
    if not permissions.can_make_personal_pledge(by, organisation):
        raise PermissionDenied
    if PersonalPledge.objects.filter(user=by, organisation=organisation).exists():
        raise ValidationError({"organisation": f"You have already made a personal pledge with {organisation.name}. You can change it instead."})
    return PersonalPledge.objects.create(
        user=by, organisation=organisation, commitment=_check_personal_commitment(commitment), is_shown=bool(is_shown)
    )


@transaction.atomic
def update_personal_pledge(personal_pledge: PersonalPledge, *, by, commitment: str, is_shown: bool) -> PersonalPledge:
    if not permissions.can_change_personal_pledge(by, personal_pledge):
        raise PermissionDenied
    personal_pledge.commitment = _check_personal_commitment(commitment)
    personal_pledge.is_shown = bool(is_shown)
    personal_pledge.save()
    return personal_pledge


@transaction.atomic
def remove_personal_pledge(personal_pledge: PersonalPledge, *, by) -> None:
    if not permissions.can_change_personal_pledge(by, personal_pledge):
        raise PermissionDenied
    personal_pledge.delete()
