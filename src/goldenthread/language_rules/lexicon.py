"""The partnership's published rules as a lexicon file the check reads: `goldenthread check --lexicon FILE`, `goldenthread scan --lexicon FILE`, and the site.

The file lists the rules switched off (`disable`) and the version in force of every published
rule that is still on, in the same fields as the shipped rules. `overlay()` is what this app
registers as core's `rule_overlay`: the file's version (a digest of its text) and its text.
"""

from __future__ import annotations

import hashlib
import json

from django.utils import timezone

from . import checking, queries

HEADER = (
    "# The partnership's own language rules, published in Golden Thread.\n"
    "# Use it with: goldenthread check --lexicon FILE, or goldenthread scan --lexicon FILE.\n"
    "# Each rule was proposed by a language lead and reviewed by a second person before it was published.\n"
)


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's too."""
    return json.dumps(text, ensure_ascii=False)


def _strings(values) -> str:
    return "[" + ", ".join(_string(value) for value in values) + "]"


def _value(value) -> str:
    return _strings(value) if isinstance(value, list) else _string(value)


def rules_toml() -> str | None:
    """The lexicon text, or None when nothing is published or switched off."""
    off = sorted(queries.switched_off())
    published = [version for version in queries.published_rules() if version.rule.rule_id not in off]
    if not off and not published:
        return None
    lines = [HEADER]
    lines.append(f"disable = {_strings(off)}\n")
    for version in published:
        lines.append("[[rule]]")
        lines.append(f"# version {version.number}, published {timezone.localdate(version.publication.published_at):%d %B %Y}")
        for key, value in checking.entry_for(version.rule.rule_id, version).items():
            lines.append(f"{key} = {_value(value)}")
        lines.append("")
    return "\n".join(lines)


def overlay() -> tuple[str, str] | None:
    """`(version, lexicon TOML)` of the rules in force, for `core.registry`'s `rule_overlay`; None when there are none."""
    text = rules_toml()
    if text is None:
        return None
    return hashlib.sha256(text.encode()).hexdigest()[:16], text


EMPTY = HEADER + "# Nothing is published or switched off yet.\n"


def download_text() -> str:
    """The file to download: the rules in force, or a file that says there are none yet (still a file the check reads)."""
    return rules_toml() or EMPTY
