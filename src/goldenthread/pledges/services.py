"""Every change to a pledge: one function per thing a person does, `verb(target, *, by, ...)`.

Each checks the permission (`Refused`), checks the rules of `rules.py` (ValidationError,
keyed by the form field it is about, every problem at once), writes in a transaction and
schedules what follows: signing and renewing queue the reminder e-mail for two months
before the pledge lapses. The action plan's checks are the shared ones of
`core.action_plan`. The audit log is written by core's model signals.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership import services as partnership_services

from . import permissions, rules
from .action_plan import PLAN
from .models import Commitment, PersonalPledge, Pledge, PledgeAction, PledgeText, ProgressUpdate, Renewal, Strand

STATEMENT_FIELDS = tuple(rules.STATEMENT)


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


def _require(allowed: bool) -> None:
    if not allowed:
        raise Refused()


def _check_commitments(pledge_text: PledgeText, commitments, errors: dict) -> list[Commitment]:
    """The chosen commitments, all of this version of the pledge, with at least one per strand."""
    chosen = list(commitments)
    if any(c.pledge_text_id != pledge_text.pk for c in chosen):
        errors[NON_FIELD_ERRORS] = "Choose commitments from the pledge shown on this page."
        return chosen
    covered = {c.strand for c in chosen}
    for value, label in Strand.choices:
        if value not in covered:
            errors[commitment_field(value)] = f"Choose at least one commitment under {label}"
    return chosen


def _check_statement(statement: dict, errors: dict) -> dict:
    return {name: rule.clean(statement.get(name), field=name, errors=errors) for name, rule in rules.STATEMENT.items()}


def _check_signatory(signatory_name, signatory_role, errors: dict, *, name_rule=rules.SIGNATORY_NAME) -> tuple[str, str]:
    return (
        name_rule.clean(signatory_name, field="signatory_name", errors=errors),
        rules.SIGNATORY_ROLE.clean(signatory_role, field="signatory_role", errors=errors),
    )


def _check_signed_on(signed_on, errors: dict) -> date | None:
    signed_on = rules.SIGNED_ON.clean(signed_on, field="signed_on", errors=errors)
    if signed_on is not None and "signed_on" not in errors:
        problem = rules.signed_on_problem(signed_on)
        if problem:
            errors["signed_on"] = problem
    return signed_on


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
    _require(permissions.can_sign(by, organisation))
    if Pledge.objects.filter(organisation=organisation).exists():
        raise ValidationError({NON_FIELD_ERRORS: f"{organisation.name} has already signed the pledge."})
    pledge_text = pledge_text or PledgeText.current()
    errors = {}
    signed_on = _check_signed_on(signed_on, errors)
    chosen = _check_commitments(pledge_text, commitments, errors)
    statement = _check_statement({"vision": vision, "how_we_will_do_it": how_we_will_do_it, "priorities": priorities}, errors)
    signatory_name, signatory_role = _check_signatory(signatory_name, signatory_role, errors)
    raise_if(errors)
    pledge = Pledge.objects.create(
        organisation=organisation,
        pledge_text=pledge_text,
        signatory_name=signatory_name,
        signatory_role=signatory_role,
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
    _require(permissions.can_edit_pledge(by, pledge))
    errors = {}
    chosen = _check_commitments(pledge.pledge_text, commitments, errors)
    statement = _check_statement({"vision": vision, "how_we_will_do_it": how_we_will_do_it, "priorities": priorities}, errors)
    raise_if(errors)
    for name, value in statement.items():
        setattr(pledge, name, value)
    pledge.save()
    pledge.commitments.set(chosen)
    return pledge


@transaction.atomic
def name_champions(organisation, *, by, people):
    """Name the organisation's champions. Roles belong to the partnership app, so it makes the change."""
    _require(permissions.can_sign(by, organisation))
    return partnership_services.name_champions(organisation, by=by, people=people)


# The action plan (core.action_plan checks and writes) ----------------------------------


@transaction.atomic
def add_action(pledge: Pledge, *, by, strand: str, description: str, owner: str, due_on: date, status: str = PledgeAction.Status.NOT_STARTED) -> PledgeAction:
    """Add a step to the pledge's action plan, under one strand."""
    return PLAN.add_step(pledge, by=by, values={"strand": strand, "description": description, "owner": owner, "due_on": due_on, "status": status})


@transaction.atomic
def update_action(action: PledgeAction, *, by, **changes) -> PledgeAction:
    """Change a step of the action plan (its strand, what, who, when or status)."""
    return PLAN.change_step(action, by=by, changes=changes)


@transaction.atomic
def mark_action_done(action: PledgeAction, *, by) -> PledgeAction:
    return PLAN.mark_done(action, by=by)


# Progress, renewal, withdrawal ----------------------------------------------------------


@transaction.atomic
def post_progress_update(pledge: Pledge, *, by, summary: str) -> ProgressUpdate:
    _require(permissions.can_edit_pledge(by, pledge))
    errors = {}
    summary = rules.PROGRESS_SUMMARY.clean(summary, field="summary", errors=errors)
    raise_if(errors)
    return ProgressUpdate.objects.create(pledge=pledge, posted_by=by, summary=summary)


@transaction.atomic
def renew_pledge(pledge: Pledge, *, by, signatory_name: str, signatory_role: str, renewed_on: date | None = None) -> Renewal:
    """Renew for another year: open from two months before the pledge lapses, and after it has lapsed.

    The action plan must have at least one action under each strand. The new year runs from
    the renewal date; a lapsed pledge shows as signed again, and a fresh reminder is queued
    (the older one finds the end date changed and sends nothing).
    """
    from .queries import and_list, long_date, renewal_is_open, strands_without_actions

    _require(permissions.can_edit_pledge(by, pledge))
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    renewed_on = renewed_on or timezone.localdate()
    if pledge.status == Pledge.Status.WITHDRAWN:
        raise ValidationError(
            {NON_FIELD_ERRORS: "This pledge has been withdrawn, so it cannot be renewed. Ask your partnership lead about publishing it again."}
        )
    if not renewal_is_open(pledge, renewed_on):
        raise ValidationError({NON_FIELD_ERRORS: f"You can renew this pledge from {long_date(pledge.renewal_due_from)}."})
    missing = strands_without_actions(pledge)
    if missing:
        raise ValidationError({NON_FIELD_ERRORS: f"Add at least one action to the action plan under {and_list(missing)} before you renew."})
    errors = {}
    signatory_name, signatory_role = _check_signatory(signatory_name, signatory_role, errors, name_rule=rules.RENEWER_NAME)
    raise_if(errors)
    expires_on = _term_end(renewed_on)
    renewal = Renewal.objects.create(
        pledge=pledge,
        renewed_on=renewed_on,
        signatory_name=signatory_name,
        signatory_role=signatory_role,
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
    _require(permissions.can_publish_or_withdraw(by))
    errors = {}
    reason = rules.WITHDRAWAL_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    pledge.status = Pledge.Status.WITHDRAWN
    pledge.withdrawn_reason = reason
    pledge.save()
    return pledge


@transaction.atomic
def republish_pledge(pledge: Pledge, *, by) -> Pledge:
    _require(permissions.can_publish_or_withdraw(by))
    pledge.status = Pledge.Status.PUBLISHED
    pledge.withdrawn_reason = ""
    pledge.save()
    return pledge


# Personal pledges -------------------------------------------------------------------------


def _check_personal_commitment(commitment: str) -> str:
    errors = {}
    commitment = rules.PERSONAL_COMMITMENT.clean(commitment, field="commitment", errors=errors)
    raise_if(errors)
    return commitment


@transaction.atomic
def make_personal_pledge(organisation, *, by, commitment: str, is_shown: bool = True) -> PersonalPledge:
    """A leader's own commitment, recorded with one organisation they lead."""
    _require(permissions.can_make_personal_pledge(by, organisation))
    if PersonalPledge.objects.filter(user=by, organisation=organisation).exists():
        raise ValidationError({"organisation": f"You have already made a personal pledge with {organisation.name}. You can change it instead."})
    return PersonalPledge.objects.create(user=by, organisation=organisation, commitment=_check_personal_commitment(commitment), is_shown=bool(is_shown))


@transaction.atomic
def update_personal_pledge(personal_pledge: PersonalPledge, *, by, commitment: str, is_shown: bool) -> PersonalPledge:
    _require(permissions.can_change_personal_pledge(by, personal_pledge))
    personal_pledge.commitment = _check_personal_commitment(commitment)
    personal_pledge.is_shown = bool(is_shown)
    personal_pledge.save()
    return personal_pledge


@transaction.atomic
def remove_personal_pledge(personal_pledge: PersonalPledge, *, by) -> None:
    _require(permissions.can_change_personal_pledge(by, personal_pledge))
    personal_pledge.delete()
