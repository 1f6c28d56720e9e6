"""Every change to the partnership's language rules: one function per thing a person does.

Each is `verb(target, *, by, ...)` in a transaction: it checks `permissions` (refusing with
`core.refusals.Refused`, saying who may), cleans each field with `rules.py` (a ValidationError
keyed by the form's field), builds the rule with the check's own loader and tries its examples
(`checking.py`), writes one record at a time (nothing is ever changed: a new version, review,
publication or switch is added; core's signals write the audit log) and queues the e-mails of
the hand-over with `core.mail.send_later`.

A version goes: proposed → reviewed by a second person (approved, or sent back with a note)
→ published by a language lead. Publishing, and switching a rule off or on, changes the site's
rules at once (`core.language.announce_rules_changed`).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from goldenthread.core.language import announce_rules_changed
from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if

from . import checking, emails, permissions, queries, rules
from .models import PartnershipRule, RulePublication, RuleReview, RuleSwitch, RuleVersion

ONLY_LANGUAGE_LEADS = (
    "Language rules are proposed, published and switched off by the partnership's language leads. "
    "If you think you should be one, ask your organisation lead or the partnership team."
)
ONLY_A_SECOND_PERSON = "A proposal is reviewed by a second person: another language lead or the partnership team, never the person who proposed it."
PREFIX = "partnership."


def _tell(person, words: tuple[str, str]) -> None:
    if person is not None and person.is_active:
        send_later(person.email, *words)


def _lines(value) -> list[str]:
    """One item per line (or the items of a list), tidied, blank lines left out."""
    items = value if isinstance(value, list | tuple) else str(value or "").splitlines()
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def _listed(rule, value, *, field: str, errors: dict) -> list[str]:
    text = "\n".join(value) if isinstance(value, list | tuple) else value
    rule.clean(text, field=field, errors=errors)
    items = _lines(value)
    if field in errors:
        return items
    if len(items) > rules.MOST_LINES:
        errors[field] = rules.TOO_MANY_LINES
    elif any(len(item) > rules.LONGEST_LINE for item in items):
        errors[field] = rules.LINE_TOO_LONG
    return items


def _version_fields(*, words, message, reframes, must_flag, must_pass, category, severity, why) -> dict:
    errors: dict = {}
    fields = {
        "words": _listed(rules.WORDS, words, field="words", errors=errors),
        "message": rules.MESSAGE.clean(message, field="message", errors=errors),
        "reframes": _listed(rules.REFRAMES, reframes, field="reframes", errors=errors),
        "must_flag": _listed(rules.MUST_FLAG, must_flag, field="must_flag", errors=errors),
        "must_pass": _listed(rules.MUST_PASS, must_pass, field="must_pass", errors=errors),
        "why": rules.WHY.clean(why, field="why", errors=errors),
        "category": category if category in queries.categories() else "",
        "severity": severity if severity in RuleVersion.Severity.values else "",
    }
    if not fields["category"]:
        errors["category"] = rules.CATEGORY_NEEDED
    if not fields["severity"]:
        errors["severity"] = rules.SEVERITY_NEEDED
    raise_if(errors)
    return fields


def _tried(rule_id: str, fields: dict) -> None:
    """Build the rule as the check would, and refuse it while any of its examples fails."""
    rule = checking.build(checking.entry_for(rule_id, SimpleNamespace(**fields)))
    raise_if(checking.as_errors(checking.failed_examples(rule)))


def _propose(rule: PartnershipRule, *, by, fields: dict) -> RuleVersion:
    latest = queries.latest_version(rule)
    version = RuleVersion(rule=rule, number=(latest.number + 1) if latest else 1, proposed_by=by, **fields)
    version.save()
    for reviewer in queries.reviewers_of(version):
        _tell(reviewer, emails.waiting_for_review(version, reviewer))
    return version


def rule_id_for(name: str) -> str:
    return PREFIX + slugify(name)[:100].strip("-")


@transaction.atomic
def propose_rule(name: str, *, by, words, message, why, must_flag, must_pass, category, severity, reframes=()) -> RuleVersion:
    """A language lead proposes a rule of the partnership's own, named `partnership.<short name>`."""
    if not permissions.can_propose(by):
        raise Refused(ONLY_LANGUAGE_LEADS)
    errors: dict = {}
    name = rules.NAME.clean(name, field="name", errors=errors)
    rule_id = rule_id_for(name) if name else ""
    if name and rule_id == PREFIX:
        errors["name"] = rules.NAME_UNREADABLE
    elif rule_id and (PartnershipRule.objects.filter(rule_id=rule_id).exists() or queries.is_shipped(rule_id)):
        errors["name"] = rules.NAME_TAKEN
    try:
        fields = _version_fields(
            words=words, message=message, reframes=reframes, must_flag=must_flag, must_pass=must_pass, category=category, severity=severity, why=why
        )
    except ValidationError as error:
        raise ValidationError({**errors, **error.message_dict}) from error
    raise_if(errors)
    _tried(rule_id, fields)
    rule = _new_rule(PartnershipRule(rule_id=rule_id, created_by=by), taken={"name": rules.NAME_TAKEN})
    return _propose(rule, by=by, fields=fields)


def _new_rule(rule: PartnershipRule, *, taken: dict) -> PartnershipRule:
    """Save a new rule; when someone else saved one of the same name a moment before, say so as the form's error, never a server error."""
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise ValidationError(taken) from None
    return rule


@transaction.atomic
def propose_change(rule, *, by, words, message, why, must_flag, must_pass, category, severity, reframes=()) -> RuleVersion:
    """A language lead proposes a new version of a rule: one of the partnership's, or (by its name) a rule shipped with the check."""
    if not permissions.can_propose(by):
        raise Refused(ONLY_LANGUAGE_LEADS)
    if isinstance(rule, str):
        found = queries.rule_by_id(rule)
        if found is None:
            if queries.shipped_rule(rule) is None:
                raise ValidationError({NON_FIELD_ERRORS: rules.NO_SUCH_RULE})
            found = PartnershipRule(rule_id=rule, changes_shipped_rule=True, created_by=by)
        rule = found
    if rule.pk is not None:
        rule = PartnershipRule.objects.select_for_update().get(pk=rule.pk)
        if queries.open_version(rule) is not None:
            raise ValidationError({NON_FIELD_ERRORS: rules.STILL_OPEN})
    fields = _version_fields(
        words=words, message=message, reframes=reframes, must_flag=must_flag, must_pass=must_pass, category=category, severity=severity, why=why
    )
    _tried(rule.rule_id, fields)
    if rule.pk is None:
        rule = _new_rule(rule, taken={NON_FIELD_ERRORS: rules.STILL_OPEN})
    return _propose(rule, by=by, fields=fields)


@transaction.atomic
def review(version: RuleVersion, *, by, approve: bool, reason: str = "") -> RuleReview:
    """A second person approves a proposal, or sends it back to the person who proposed it with a note."""
    version = RuleVersion.objects.select_related("rule", "proposed_by").get(pk=version.pk)
    PartnershipRule.objects.select_for_update().get(pk=version.rule_id)
    if not permissions.can_review(by, version):
        raise Refused(ONLY_A_SECOND_PERSON)
    if queries.state_of(version) != queries.PROPOSED:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_WAITING_FOR_REVIEW})
    errors: dict = {}
    reason = rules.REVIEW_NOTE.clean(reason, field="reason", errors=errors)
    if not approve and not reason and "reason" not in errors:
        errors["reason"] = rules.NOTE_NEEDED
    raise_if(errors)
    decided = RuleReview.objects.create(version=version, approved=bool(approve), reason=reason, reviewed_by=by)
    if approve:
        for lead in queries.language_leads():
            _tell(lead, emails.ready_to_publish(version, lead))
    else:
        _tell(version.proposed_by, emails.sent_back(version, decided))
    return decided


@transaction.atomic
def publish(version: RuleVersion, *, by) -> RulePublication:
    """A language lead makes an approved version live, once its examples still pass with the rules in force today."""
    if not permissions.can_publish_rules(by):
        raise Refused(ONLY_LANGUAGE_LEADS)
    version = RuleVersion.objects.select_related("rule").get(pk=version.pk)
    PartnershipRule.objects.select_for_update().get(pk=version.rule_id)
    if queries.state_of(version) != queries.APPROVED:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_READY_TO_PUBLISH})
    rule = checking.build(checking.entry_for(version.rule.rule_id, version))
    raise_if(checking.as_errors(checking.failed_examples(rule), field=NON_FIELD_ERRORS))
    publication = RulePublication.objects.create(version=version, published_by=by, published_at=timezone.now())
    announce_rules_changed()
    return publication


def _known(rule_id: str) -> bool:
    return queries.is_shipped(rule_id) or PartnershipRule.objects.filter(rule_id=rule_id, versions__publication__isnull=False).exists()


def _switch(rule_id: str, *, by, reason: str, on: bool) -> RuleSwitch:
    if not permissions.can_switch(by):
        raise Refused(ONLY_LANGUAGE_LEADS)
    rule_id = str(rule_id or "").strip()
    if not _known(rule_id):
        raise ValidationError({NON_FIELD_ERRORS: rules.NO_SUCH_RULE})
    if queries.is_switched_off(rule_id) != on:
        raise ValidationError({NON_FIELD_ERRORS: rules.ALREADY_ON if on else rules.ALREADY_OFF})
    errors: dict = {}
    reason = rules.SWITCH_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    switch = RuleSwitch.objects.create(rule_id=rule_id, switched_on=on, reason=reason, switched_by=by)
    announce_rules_changed()
    return switch


@transaction.atomic
def switch_off(rule_id: str, *, by, reason: str) -> RuleSwitch:
    """A language lead switches a rule off for the partnership (shipped, or one of its own), saying why."""
    return _switch(rule_id, by=by, reason=reason, on=False)


@transaction.atomic
def switch_on(rule_id: str, *, by, reason: str) -> RuleSwitch:
    """A language lead switches a rule back on, saying why."""
    return _switch(rule_id, by=by, reason=reason, on=True)
