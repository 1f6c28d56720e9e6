"""Shared-language advice in the pages: as people type, and once more before words go public.

- `site_check(text)`: every check the site makes goes through here, with the site's rules:
  the shipped rules, the partnership's rules file (`GOLDENTHREAD_LANGUAGE_LEXICON`) and the
  rules the partnership has published in the platform (an app's registered `rule_overlay`).
  `site_rules_version()` names that set of rules, so a record checked under older rules can
  be checked again.
- `findings_for(text)`: the faults only (not the words kept as someone said them).
- `words_to_check(request, form, fields, shared_with=...)`: before text is published (the
  pledge wall) or shared with another agency, the findings are shown once on the page,
  each with its suggestion. It is advice, never a block: sending the same words again
  publishes them as they are. Changed words are checked afresh. `core.pages.form_page`
  calls it when a view names the fields (`check_words=`); a template shows it with
  `{% gt_words_to_check %}` at the top of its form.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from goldenthread.core import registry
from goldenthread.language import Engine, Finding, default_engine, load_engine
from goldenthread.language.compiled import cache_dir, cache_key
from goldenthread.language.engine import shipped_rule_paths

CHECKED_FIELD = "words_checked"  # the hidden field that says "I have seen the advice on these words"


def _rule_files() -> tuple[str, ...]:
    """The rule files laid over the shipped rules: the partnership's file, then its published rules (content-named)."""
    files = [settings.GOLDENTHREAD_LANGUAGE_LEXICON] if settings.GOLDENTHREAD_LANGUAGE_LEXICON else []
    overlay = registry.rule_overlay()
    if overlay is not None:
        files.append(str(_published_rules_file(overlay[1])))
    return tuple(files)


def _published_rules_file(lexicon: str) -> Path:
    """The published rules written to a file named by their digest, so each version is its own file.

    A file is used only when it holds exactly these rules and belongs to this account, in a
    folder only this account can open; anything else is written afresh (through a temporary
    file of its own and a rename), so no one else can plant rules for the site.
    """
    target = _own_folder() / f"{hashlib.sha256(lexicon.encode()).hexdigest()[:24]}.toml"
    try:
        if target.stat().st_uid == os.getuid() and target.read_text(encoding="utf-8") == lexicon:
            return target
    except (OSError, UnicodeDecodeError):
        pass
    descriptor, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(lexicon)
    os.replace(partial, target)
    return target


@lru_cache(maxsize=1)
def _own_folder() -> Path:
    """This account's folder for the published rules: in the engine's cache folder, else the temporary folder; never one another account owns or can write to."""
    base = cache_dir() or Path(tempfile.gettempdir()) / f"goldenthread-{os.getuid()}"
    folder = base / "published-rules"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
        if info.st_uid == os.getuid() and not info.st_mode & 0o077:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="goldenthread-rules-"))


@lru_cache(maxsize=4)
def _engine_for(files: tuple[str, ...]) -> Engine:
    return load_engine(list(files)) if files else default_engine()


def site_engine() -> Engine:
    """The engine with the site's rules: shipped, the partnership's file, and the rules published in the platform."""
    return _engine_for(_rule_files())


def site_rules_version() -> str:
    """A short name for the site's rules as they stand: it changes whenever a rule file or a published rule does."""
    digest = hashlib.sha256(_shipped_rules_key().encode())
    for name in _rule_files():
        digest.update(Path(name).read_bytes() if Path(name).is_file() else name.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _shipped_rules_key() -> str:
    return cache_key(shipped_rule_paths())


def site_check(text: str, *, mode: str | None = None) -> list[Finding]:
    """Every finding of the site's rules in `text` (faults and quoted words alike)."""
    if not text or not text.strip():
        return []
    return site_engine().check(text, mode=mode)


def findings_for(text: str) -> list[Finding]:
    """What the shared-language check would change in `text`: faults only, never the person's quoted words."""
    return [f for f in site_check(text) if f.is_fault]


@dataclass(frozen=True)
class CheckedField:
    label: str
    field_id: str
    findings: list[Finding]


@dataclass(frozen=True)
class WordsToCheck:
    """What the check found in words about to be published or shared, shown once before they go."""

    fingerprint: str
    fields: list[CheckedField]
    shared_with: str

    @property
    def count(self) -> int:
        return sum(len(f.findings) for f in self.fields)


def fingerprint(texts: dict[str, str]) -> str:
    """A short digest of the words, so the advice is shown once for these words and again if they change."""
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:20]


def words_to_check(request, form, fields, *, shared_with: str) -> WordsToCheck | None:
    """The advice to show before publishing, or None when there is none or it has been seen for these words.

    `fields` names the form's text fields that will be published or shared, or is a
    callable given the cleaned data that returns them (a personal pledge is public only
    when it is shown on the wall).
    """
    names = fields(form.cleaned_data) if callable(fields) else fields
    texts = {name: str(form.cleaned_data.get(name) or "") for name in names}
    digest = fingerprint(texts)
    if request.POST.get(CHECKED_FIELD) == digest:
        return None
    checked = []
    for name, text in texts.items():
        found = findings_for(text)
        if found:
            bound = form[name]
            checked.append(CheckedField(str(bound.label), bound.auto_id, found))
    if not checked:
        return None
    return WordsToCheck(digest, checked, shared_with)


site_rules_changed = Signal()
"""Sent (with `version`, the new `site_rules_version()`) after the site's rules change: a rule
published or switched off in the platform. Whatever keeps checked figures listens and checks
its records again; the sender need not know who listens."""


def announce_rules_changed() -> None:
    """Tell every listener, once the change is committed, that the site's rules have changed."""
    transaction.on_commit(lambda: site_rules_changed.send(sender=None, version=site_rules_version()))
