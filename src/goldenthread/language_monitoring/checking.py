"""Checking one record's words with the site's rules and keeping what was found, as counts.

`check_record(model_label, object_id)` is the one way a `WritingCheck` is written: the
background task, the re-check after the rules change, the `check_writing` command and the demo
loader all call it. It is cheap when nothing changed (the same words, by their keyed digest,
under the same rules) and safe to run twice. A record that is gone, or has no words, has no row.
A record is counted in the month it was written; one whose kind gives no date (a pledge action)
in the month it was first checked.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone
from django.utils.crypto import salted_hmac

from goldenthread.core import registry
from goldenthread.core.language import site_check, site_rules_version

from .models import WritingCheck

CHECKED, UNCHANGED, REMOVED = "checked", "unchanged", "removed"
DIGEST_SALT = "goldenthread.language_monitoring.digest"


def texts_of(record, monitored: registry.MonitoredText) -> dict[str, str]:
    return {name: str(getattr(record, name, "") or "") for name in monitored.fields}


def digest_of(texts: dict[str, str]) -> str:
    """A keyed hash of the words (the site's secret key), so the row tells a change without holding, or revealing, the words."""
    return salted_hmac(DIGEST_SALT, json.dumps(texts, sort_keys=True), algorithm="sha256").hexdigest()


def first_of_month(when: date | datetime | None) -> date | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        when = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return when.replace(day=1)


def findings_in(texts: dict[str, str]) -> Counter:
    """Rule id -> how often the site's rules found something to change (faults only, never quoted words)."""
    found: Counter = Counter()
    for text in texts.values():
        found.update(finding.rule for finding in site_check(text) if finding.is_fault)
    return found


def _remove(model_label: str, object_id: int) -> str:
    WritingCheck.objects.filter(model_label=model_label, object_id=object_id).delete()
    return REMOVED


def check_record(model_label: str, object_id: int, *, version: str | None = None, force: bool = False) -> str:
    """Check one record and keep the counts; `force` checks it again even if nothing changed."""
    model_label = model_label.lower()
    monitored = registry.monitored_text_for(model_label)
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        model = None
    record = model._default_manager.filter(pk=object_id).first() if monitored is not None and model is not None else None
    if record is None:
        return _remove(model_label, object_id)
    texts = texts_of(record, monitored)
    if not any(text.strip() for text in texts.values()):
        return _remove(model_label, object_id)
    version = version or site_rules_version()
    digest = digest_of(texts)
    existing = WritingCheck.objects.filter(model_label=model_label, object_id=object_id).first()
    organisation = monitored.organisation(record)
    author = monitored.author(record)
    month = first_of_month(monitored.written_on(record)) or (existing.month if existing else first_of_month(timezone.now()))
    same_place = existing is not None and (
        existing.organisation_id == getattr(organisation, "pk", None) and existing.author_id == getattr(author, "pk", None) and existing.month == month
    )
    if existing is not None and not force and same_place and existing.digest == digest and existing.rules_version == version:
        return UNCHANGED
    found = findings_in(texts)
    check = existing or WritingCheck(model_label=model_label, object_id=object_id)
    check.record_type = monitored.record_type
    check.holds_family_data = monitored.holds_family_data
    check.organisation = organisation
    check.author = author
    check.month = month
    check.rules_version = version
    check.digest = digest
    check.characters = sum(len(text) for text in texts.values())
    check.words = sum(len(text.split()) for text in texts.values())
    check.findings = sum(found.values())
    check.rules = dict(sorted(found.items()))
    check.checked_at = timezone.now()
    check.save()
    return CHECKED


def check_records(records, *, force: bool = False) -> Counter:
    """Check several records, `(model label, id)` pairs, under the rules as they stand now; how many came out which way."""
    version = site_rules_version()
    outcomes: Counter = Counter()
    for model_label, object_id in records:
        outcomes[check_record(str(model_label), int(object_id), version=version, force=force)] += 1
    return outcomes


def monitored_models():
    """(MonitoredText, model class) for every registered kind of record whose app is installed."""
    found = []
    for monitored in registry.monitored_texts():
        try:
            found.append((monitored, apps.get_model(monitored.model)))
        except LookupError:
            continue
    return found


def records_to_check(*, every: bool = False):
    """(model label, id) of every record never checked, or checked under other rules; with `every`, all of them."""
    version = site_rules_version()
    for monitored, model in monitored_models():
        ids = model._default_manager.order_by("pk").values_list("pk", flat=True)
        if not every:
            current = set(WritingCheck.objects.filter(model_label=monitored.model, rules_version=version).values_list("object_id", flat=True))
            ids = (pk for pk in ids.iterator() if pk not in current)
        for pk in ids:
            yield monitored.model, pk
