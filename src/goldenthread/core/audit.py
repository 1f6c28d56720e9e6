"""The append-only audit log: sign-ins, and every create, change and delete of a record.

Writes are caught by model signals, so no service can forget to log; the person acting
comes from the request (see `AuditActorMiddleware`) or from `acting_as` in tasks and
commands. Only field names are logged, never values, so the log holds no copy of
anyone's personal data beyond who acted.

Every line reads in the partnership's words: each app registers, for each of its models, an
`AuditLabel` (`core.registry`): the kind of record, a description of one record that never
holds special-category data (the log is read by partnership admins, who may not see a
family's record), and the words for its fields. `describe` writes the description when the
line is written; `lines` turns lines into what the audit log page shows.
"""

import contextvars
import re
from contextlib import contextmanager
from datetime import datetime

from axes.signals import user_locked_out
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from . import registry
from .append_only import AppendOnlyModel
from .models import AuditEvent
from .signin import normalised_email

# Which apps are audited, and which hold personal data (described only by their registered
# `AuditLabel`, never by their own text, which could be a child's name), each app says when it
# registers (core.registry).
# Fields that change on every sign-in or use; logging them would drown the log.
QUIET_FIELDS = {"last_login", "last_used_at", "password"}

_current_actor = contextvars.ContextVar("goldenthread_audit_actor", default=None)


def current_actor():
    return _current_actor.get()


@contextmanager
def acting_as(user):
    """Attribute every change made inside the block to `user` (None for the system)."""
    token = _current_actor.set(user)
    try:
        yield
    finally:
        _current_actor.reset(token)


def set_actor(user):
    return _current_actor.set(user)


def reset_actor(token):
    _current_actor.reset(token)


def _label(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return "System"
    return f"{user.full_name} (#{user.pk})"


def _model(model_label):
    try:
        return apps.get_model(model_label)
    except (LookupError, ValueError):
        return None


def _as_current_model(obj):
    """The record as an instance of its model today: a migration saves a historical model, which has none of our words."""
    model = _model(obj._meta.label_lower)
    if model is None or type(obj) is model:
        return obj
    names = {field.attname for field in model._meta.concrete_fields}
    return model(**{field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields if field.attname in names})


def day(value) -> str:
    """A date (or the local date of a time) as a description writes it: "3 March 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return f"{value.day} {value:%B %Y}"


def _lower_first(words: str) -> str:
    """'Full name' -> 'full name', but 'API token' stays as it is."""
    words = str(words)
    return words if words[1:2].isupper() else words[:1].lower() + words[1:]


def kind_of(model_label: str) -> str:
    """What kind of record this is, in plain words ("place in a supervision session"); "" for a model that is gone."""
    words = registry.audit_label_for(model_label)
    if words is not None and words.kind:
        return words.kind
    model = _model(model_label)
    return _lower_first(model._meta.verbose_name) if model is not None else ""


def field_words(model_label: str, name: str) -> str:
    """What a field is, in plain words: the app's registered words, else the field's verbose name."""
    words = registry.audit_label_for(model_label)
    if words is not None and name in words.fields:
        return words.fields[name]
    model = _model(model_label)
    try:
        verbose = model._meta.get_field(name).verbose_name if model is not None else name
    except FieldDoesNotExist:
        verbose = name
    return _lower_first(str(verbose).replace("_", " "))


def describe(obj) -> str:
    """A readable description of one record for the audit log, which never holds special-category data.

    The app's registered description where there is one; otherwise the record's own text,
    except for an app whose records can hold personal data (then only the kind of record).
    """
    obj = _as_current_model(obj)
    model_label = obj._meta.label_lower
    words = registry.audit_label_for(model_label)
    if words is not None and words.describe is not None:
        try:
            text = words.describe(obj)
        except ObjectDoesNotExist:  # a record it names has gone already (a cascade)
            text = ""
        if text:
            return str(text)[:200]
    if registry.holds_personal_data(obj._meta.app_label) or type(obj).__str__ is models.Model.__str__:
        return kind_of(model_label)[:1].upper() + kind_of(model_label)[1:]
    return str(obj)[:200]


def record(action, *, actor=None, obj=None, object_type="", object_id="", object_label="", changed_fields=(), unnamed_actor=""):
    """Append one event to the audit log.

    `unnamed_actor` records who acted in words only ("The person it belonged to"), never linked
    to an account: for a record whose very existence is private (a wellbeing check-in).
    """
    if unnamed_actor:
        return AuditEvent.objects.create(
            actor=None,
            actor_label=unnamed_actor[:200],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label[:200],
            changed_fields=sorted(changed_fields),
        )
    actor = actor if actor is not None else current_actor()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or describe(obj)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=_label(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:200],
        changed_fields=sorted(changed_fields),
    )


def _is_audited(sender):
    meta = sender._meta
    # Append-only logs (this one, a family's access log) are their own record: they are not audited again.
    return registry.is_audited(meta.app_label) and not issubclass(sender, AppendOnlyModel) and not meta.auto_created


@receiver(pre_save)
def _remember_previous_values(sender, instance, raw=False, **kwargs):
    if raw or not _is_audited(sender) or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).values().first()
    instance._audit_previous = previous


@receiver(post_save)
def _log_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not _is_audited(sender):
        return
    if created:
        record(AuditEvent.Action.CREATE, obj=instance)
        return
    previous = getattr(instance, "_audit_previous", None)
    if previous is None:
        record(AuditEvent.Action.UPDATE, obj=instance)
        return
    changed = [
        field.name
        for field in sender._meta.concrete_fields
        if field.name not in QUIET_FIELDS and field.attname in previous and previous[field.attname] != getattr(instance, field.attname)
    ]
    if changed:
        record(AuditEvent.Action.UPDATE, obj=instance, changed_fields=changed)


@receiver(post_delete)
def _log_delete(sender, instance, **kwargs):
    if _is_audited(sender):
        record(AuditEvent.Action.DELETE, obj=instance)


@receiver(user_logged_in)
def _log_sign_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.SIGN_IN, actor=user, obj=user)


@receiver(user_logged_out)
def _log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.SIGN_OUT, actor=user, obj=user)


def _account_for(username):
    if not username:
        return None
    return get_user_model().objects.filter(email=normalised_email(username)).first()


@receiver(user_login_failed)
def _log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # The address typed is not stored: it may be a mistyped address of someone else.
    account = _account_for(credentials.get("username"))
    record(
        AuditEvent.Action.SIGN_IN_FAILED,
        actor=None,
        object_type="core.user" if account else "",
        object_id=str(account.pk) if account else "",
        object_label=str(account) if account else "No account with that address",
    )


@receiver(user_locked_out)
def _log_lockout(sender, request, username, ip_address, **kwargs):
    account = _account_for(username)
    record(
        AuditEvent.Action.LOCKED_OUT,
        actor=None,
        object_type="core.user" if account else "",
        object_id=str(account.pk) if account else "",
        object_label=str(account) if account else "No account with that address",
    )


# Descriptions written before every kind of record had its words: "Answer object (9617)", "attendee #160".
_OLD_DESCRIPTION = re.compile(r"^(?:[A-Za-z]+ object \(\d+\)|[a-z][a-z ]* #\d+)$")


def lines(events) -> list[dict]:
    """What the audit log page shows for each event: when, who, what was done, to what kind of record, which record, and what changed."""
    shown = []
    for event in events:
        label = "" if _OLD_DESCRIPTION.match(event.object_label or "") else event.object_label
        shown.append(
            {
                "event": event,
                "kind": kind_of(event.object_type) if event.object_type else "",
                "record": label,
                "changed": [field_words(event.object_type, name) for name in event.changed_fields or ()],
            }
        )
    return shown
