"""Shared-language advice in the pages: as people type, and once more before words go public.

- `findings_for(text)`: the shared-language check with the partnership's own rules file
  (`GOLDENTHREAD_LANGUAGE_LEXICON`), the faults only (not the words kept as someone said them).
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
from dataclasses import dataclass

from django.conf import settings

from goldenthread.language import Finding, check

CHECKED_FIELD = "words_checked"  # the hidden field that says "I have seen the advice on these words"


def findings_for(text: str) -> list[Finding]:
    """What the shared-language check would change in `text`: faults only, never the person's quoted words."""
    if not text or not text.strip():
        return []
    return [f for f in check(text, lexicon=settings.GOLDENTHREAD_LANGUAGE_LEXICON or None) if f.is_fault]


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
