"""Every change to a story of practice: one function per thing a person does.

Each is `verb(target, *, by, ...)` in a transaction: it checks `permissions` (refusing with
`core.refusals.Refused`, saying who may), checks the rules of `rules.py` (a ValidationError
keyed by the form's field), writes one object at a time (the audit log is written by core's
model signals) and queues the e-mails that follow with `core.mail.send_later`.

A story goes: draft → waiting for approval → approved, or sent back (changed, then sent
again). The person who shared it may withdraw it at any time; changing an approved story
sends it back for approval, so what others read is always what was approved.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if

from .. import principles as tags
from . import emails, permissions, queries, rules
from .models import Story

ONLY_THE_WORKFORCE = "Stories are shared by the people who work in the partnership's member organisations. If you think you should be able to share one, ask your organisation lead."
ONLY_THE_AUTHOR = "Only the person who shared this story can change or withdraw it."
ONLY_AN_APPROVER = "A story is approved by a champion or the lead of its organisation, or by the partnership team, and never by the person who shared it."


def _tell(person, words: tuple[str, str]) -> None:
    if person is not None and person.is_active:
        send_later(person.email, *words)


def _codes(values, allowed: list[tuple[str, str]], *, field: str, message: str, errors: dict) -> list[str]:
    """Chosen codes, in the order of the list they come from; anything not in it is refused."""
    chosen = [str(value) for value in (values or [])]
    known = [code for code, _ in allowed]
    if any(code not in known for code in chosen):
        errors[field] = message
    return [code for code in known if code in chosen]


def _story_fields(
    *, title, what_we_did, what_changed, what_families_said, domains, principles, consent_given_by, consent_how, consent_on, consent_confirmed, reach, send
) -> dict:
    """Every field checked against its rule; the consent and who it is for are needed only to send it for approval."""
    errors: dict = {}
    fields = {
        "title": rules.TITLE.clean(title, field="title", errors=errors),
        "what_we_did": rules.WHAT_WE_DID.clean(what_we_did, field="what_we_did", errors=errors),
        "what_changed": rules.WHAT_CHANGED.clean(what_changed, field="what_changed", errors=errors),
        "what_families_said": rules.WHAT_FAMILIES_SAID.clean(what_families_said, field="what_families_said", errors=errors),
        "domains": _codes(domains, tags.domain_choices(), field="domains", message=rules.NOT_AN_AREA, errors=errors),
        "principles": _codes(principles, tags.principle_choices(), field="principles", message=rules.NOT_A_PRINCIPLE, errors=errors),
    }
    # A draft may wait for consent: then only what is too long, or not a real date, is refused.
    consent_by, consent_how_rule, consent_on_rule = (
        rule if send else replace(rule, required_message=None) for rule in (rules.CONSENT_BY, rules.CONSENT_HOW, rules.CONSENT_ON)
    )
    fields["consent_given_by"] = consent_by.clean(consent_given_by, field="consent_given_by", errors=errors)
    fields["consent_how"] = consent_how_rule.clean(consent_how, field="consent_how", errors=errors)
    fields["consent_on"] = consent_on_rule.clean(consent_on, field="consent_on", errors=errors)
    fields["consent_confirmed"] = bool(consent_confirmed)
    fields["reach"] = reach if reach in Story.Reach.values else Story.Reach.PARTNERSHIP
    if send and not fields["consent_confirmed"]:
        errors["consent_confirmed"] = rules.CONSENT_NEEDED
    if send and reach not in Story.Reach.values:
        errors["reach"] = rules.REACH_NEEDED
    raise_if(errors)
    return fields


def _hand_over(story: Story) -> None:
    """Waiting for approval: the champions and leads of its organisation are told (the partnership team where it has none)."""
    story.status = Story.Status.WAITING
    story.sent_for_approval_at = timezone.now()
    for approver in queries.approvers_of(story):
        _tell(approver, emails.waiting_for_approval(story, approver))


@transaction.atomic
def share_story(organisation, *, by, send: bool = True, **details) -> Story:
    """Write a story from an organisation: sent for approval (`send`), or kept as a draft."""
    if not permissions.can_share_story(by):
        raise Refused(ONLY_THE_WORKFORCE)
    if not permissions.can_share_from(by, organisation):
        raise ValidationError({"organisation": rules.ORGANISATION_NEEDED})
    fields = _story_fields(send=send, **details)
    story = Story(organisation=organisation, author=by, **fields)
    if send:
        _hand_over(story)
    story.save()
    return story


@transaction.atomic
def change_story(story: Story, *, by, send: bool = True, **details) -> Story:
    """Change a story's words or its consent; sending it (again) puts it back in the queue for approval."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not permissions.is_author(by, story):
        raise Refused(ONLY_THE_AUTHOR)
    if story.status == Story.Status.WITHDRAWN:
        raise ValidationError({NON_FIELD_ERRORS: rules.WITHDRAWN})
    fields = _story_fields(send=send, **details)
    for name, value in fields.items():
        setattr(story, name, value)
    story.updated_at = timezone.now()
    story.approved_by, story.approved_at = None, None
    if send:
        _hand_over(story)
    else:
        story.status = Story.Status.DRAFT
    story.save()
    return story


@transaction.atomic
def approve_story(story: Story, *, by) -> Story:
    story = Story.objects.select_for_update(of=("self",)).select_related("organisation", "author").get(pk=story.pk)
    _may_decide(story, by)
    story.status = Story.Status.APPROVED
    story.approved_by, story.approved_at = by, timezone.now()
    story.sent_back_reason = ""
    story.save()
    _tell(story.author, emails.approved(story))
    return story


@transaction.atomic
def send_back_story(story: Story, *, by, reason: str) -> Story:
    """Send a story back to the person who shared it, with a kind note of what would help."""
    story = Story.objects.select_for_update(of=("self",)).select_related("organisation", "author").get(pk=story.pk)
    _may_decide(story, by)
    errors: dict = {}
    reason = rules.SEND_BACK_REASON.clean(reason, field="reason", errors=errors)
    if not reason and "reason" not in errors:
        errors["reason"] = rules.REASON_NEEDED
    raise_if(errors)
    story.status = Story.Status.SENT_BACK
    story.sent_back_by, story.sent_back_at, story.sent_back_reason = by, timezone.now(), reason
    story.save()
    _tell(story.author, emails.sent_back(story))
    return story


def _may_decide(story: Story, by) -> None:
    if permissions.is_author(by, story) or not permissions.may_approve_for(by, story.organisation):
        raise Refused(ONLY_AN_APPROVER)
    if story.status != Story.Status.WAITING:
        raise ValidationError({NON_FIELD_ERRORS: rules.NOT_WAITING})


@transaction.atomic
def withdraw_story(story: Story, *, by) -> Story:
    """The person who shared it takes it down: it leaves every page at once. Withdrawing twice changes nothing."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not permissions.is_author(by, story):
        raise Refused(ONLY_THE_AUTHOR)
    if story.status != Story.Status.WITHDRAWN:
        story.status = Story.Status.WITHDRAWN
        story.withdrawn_at = timezone.now()
        story.save()
    return story
