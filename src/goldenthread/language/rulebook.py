"""Rules as data: load the TOML rule files and compile each rule's patterns.

A rule's patterns are written in a small phrase language so that people who know
the guidance (not regular expressions) can add rules:

    attention seeking        words; a space also matches a hyphen ("attention-seeking")
    non-compliant            a hyphen inside a word is optional ("noncompliant", "non compliant")
    {refuse}                 a word and its inflections (refuses, refused, refusing)
    (foster|residential)     one of several words
    (foster|residential)?    an optional word
    *                        any one word
    DNA'd                    an apostrophe matches ' or ’ and is optional

Every pattern must contain at least one fixed word: the engine's pre-filter looks
for that word (the "anchor") before any regular expression runs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import lexicon

SEVERITIES = ("info", "suggestion", "warning")

# Words too common to be a good anchor for the pre-filter.
COMMON_WORDS = frozenset(
    """a an the and or of to in on at for with by from as is are was were be been being
    has have had do does did not no his her their its my our your he she they them him
    it this that these those who which what when where why how so very too more most
    any all some one two three i we you me us""".split()
)

_IRREGULAR = {
    "blow": ["blows", "blew", "blown", "blowing"],
    "break": ["breaks", "broke", "broken", "breaking"],
    "get": ["gets", "got", "gotten", "getting"],
    "give": ["gives", "gave", "given", "giving"],
    "go": ["goes", "went", "gone", "going"],
    "keep": ["keeps", "kept", "keeping"],
    "kick": ["kicks", "kicked", "kicking"],
    "leave": ["leaves", "left", "leaving"],
    "lie": ["lies", "lied", "lying"],
    "make": ["makes", "made", "making"],
    "put": ["puts", "putting"],
    "run": ["runs", "ran", "running"],
    "say": ["says", "said", "saying"],
    "seek": ["seeks", "sought", "seeking"],
    "split": ["splits", "splitting"],
    "steal": ["steals", "stole", "stolen", "stealing"],
    "take": ["takes", "took", "taken", "taking"],
    "tell": ["tells", "told", "telling"],
    "throw": ["throws", "threw", "thrown", "throwing"],
    "fail": ["fails", "failed", "failing"],
    "lose": ["loses", "lost", "losing"],
    "choose": ["chooses", "chose", "chosen", "choosing"],
    "fall": ["falls", "fell", "fallen", "falling"],
}

_VOWELS = set("aeiou")


def inflect(word: str) -> list[str]:
    """Regular English inflections of a verb or noun, generous rather than exact.

    Extra forms that are not real words do no harm (they never occur in text), so
    for a final consonant after a vowel both the doubled and plain forms are made
    (admitted and admited, counselled and counseled).
    """
    word = word.lower()
    if word in _IRREGULAR:
        return [word, *_IRREGULAR[word]]
    forms = {word}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("ie"):
        forms |= {word + "d", word[:-2] + "ying"}
    elif word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if (
            len(word) >= 3
            and word[-1] not in _VOWELS | set("wxy")
            and word[-2] in _VOWELS
            and word[-3] not in _VOWELS
        ):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return sorted(forms)


@dataclass(frozen=True)
class Token:
    """One position in a phrase pattern: the words that may stand there."""

    forms: tuple[str, ...]  # as written (may contain - and ')
    optional: bool = False
    wildcard: bool = False

    def regex(self) -> str:
        if self.wildcard:
            return r"[\w'’]+"
        alternatives = sorted({_word_regex(f) for f in self.forms}, key=len, reverse=True)
        return "(?:" + "|".join(alternatives) + ")"

    def anchor_keys(self) -> set[str]:
        """Lower-case alphanumeric keys, one of which any match of this token contains."""
        keys: set[str] = set()
        for form in self.forms:
            parts = [p for p in re.split(r"[^a-z0-9]+", form.lower()) if p]
            if not parts:
                continue
            keys.add("".join(parts))  # the joined spelling: noncompliant, dnad
            if len(parts) > 1:
                keys.add(max(parts, key=_anchor_strength))
        return keys


def _anchor_strength(word: str) -> tuple[int, int]:
    return (0 if word in COMMON_WORDS else 1, len(word))


def _word_regex(form: str) -> str:
    """A single word of a pattern as a regular expression."""
    out = []
    for ch in form:
        if ch == "-":
            out.append(r"[\s\-‐‑–]?")
        elif ch in "'’":
            out.append(r"['’]?")
        elif ch == ".":
            out.append(r"\.?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_TOKEN_RE = re.compile(r"\([^()]*\)\??|\{[^{}]*\}\??|\S+")


def parse_pattern(pattern: str) -> list[Token]:
    if pattern.count("(") != pattern.count(")") or re.search(r"\([^)]*\(", pattern):
        raise ValueError(f"brackets in {pattern!r} must pair up and may not nest")
    tokens = []
    for raw in _TOKEN_RE.findall(pattern.strip()):
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        if body == "*":
            tokens.append(Token(("*",), optional=optional, wildcard=True))
        elif body.startswith("(") and body.endswith(")"):
            forms = tuple(f.strip() for f in body[1:-1].split("|") if f.strip())
            tokens.append(Token(forms, optional=optional))
        elif body.startswith("{") and body.endswith("}"):
            forms = []
            for lemma in body[1:-1].split("|"):
                forms.extend(inflect(lemma.strip()))
            tokens.append(Token(tuple(forms), optional=optional))
        else:
            tokens.append(Token((body,), optional=optional))
    return tokens


_SEPARATOR = r"[\s\-‐‑–/]+"


def pattern_regex(tokens: list[Token]) -> str:
    """Join tokens so that any run of spaces or hyphens may separate them."""
    parts = []
    for i, token in enumerate(tokens):
        sep = "" if i == 0 else _SEPARATOR
        if token.optional:
            parts.append(f"(?:{sep}{token.regex()})?" if i else f"(?:{token.regex()}{_SEPARATOR})?")
        else:
            parts.append(sep + token.regex())
    return "".join(parts)


def pattern_anchor(tokens: list[Token]) -> set[str]:
    """The keys of the best token to look for first: rare and long beats common and short."""
    candidates = [t for t in tokens if not t.optional and not t.wildcard]
    if not candidates:
        raise ValueError("a pattern needs at least one fixed word")

    def weakness(token: Token):
        keys = token.anchor_keys()
        return (min(_anchor_strength(k) for k in keys), -len(keys))

    return max(candidates, key=weakness).anchor_keys()


def pattern_max_length(tokens: list[Token]) -> int:
    total = 0
    for t in tokens:
        total += 24 if t.wildcard else max(len(f) for f in t.forms) + 4
    return total


@dataclass
class Rule:
    """One entry of a rules file: what to find, where it is fine, and why it matters."""

    id: str
    category: str
    severity: str
    message: str
    patterns: list[str]
    suggestions: list[str] = field(default_factory=list)
    guidance: str = ""
    flag: list[str] = field(default_factory=list)
    pass_: list[str] = field(default_factory=list)
    case_sensitive: bool = False
    audiences: list[str] | None = None
    not_audiences: list[str] = field(default_factory=list)
    modes: list[str] | None = None
    before: list[str] = field(default_factory=list)
    not_before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    not_after: list[str] = field(default_factory=list)
    in_sentence: list[str] = field(default_factory=list)
    not_in_sentence: list[str] = field(default_factory=list)
    when: list[str] = field(default_factory=list)
    negatable: bool = True
    fixable: bool = True
    defined_ok: bool = False
    detector: str | None = None  # a built-in check (quotations, reading age) instead of patterns
    source: str = ""
    # compiled
    regex: re.Pattern | None = None
    anchors: set[str] = field(default_factory=set)
    reach: int = 0
    before_re: re.Pattern | None = None
    not_before_re: re.Pattern | None = None
    after_re: re.Pattern | None = None
    not_after_re: re.Pattern | None = None
    in_sentence_re: re.Pattern | None = None
    not_in_sentence_re: re.Pattern | None = None

    def applies(self, audience: str | None, mode: str | None) -> bool:
        if self.modes is not None and (mode or "default") not in self.modes:
            return False
        if self.audiences is not None and audience not in self.audiences:
            return False
        return audience not in self.not_audiences

    def compile(self) -> None:
        if self.detector:
            return
        flags = 0 if self.case_sensitive else re.IGNORECASE
        alternatives, anchors, reach = [], set(), 0
        for pattern in self.patterns:
            tokens = parse_pattern(pattern)
            alternatives.append(pattern_regex(tokens))
            anchors |= pattern_anchor(tokens)
            reach = max(reach, pattern_max_length(tokens))
        alternatives.sort(key=len, reverse=True)
        body = "|".join(alternatives)
        self.regex = re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)
        self.anchors = anchors
        self.reach = reach
        self.before_re = _context_regex(self.before, "before")
        self.not_before_re = _context_regex(self.not_before, "before")
        self.after_re = _context_regex(self.after, "after")
        self.not_after_re = _context_regex(self.not_after, "after")
        self.in_sentence_re = _context_regex(self.in_sentence, "anywhere")
        self.not_in_sentence_re = _context_regex(self.not_in_sentence, "anywhere")


_SKIP = r"""[\s"“”‘’'()\[\],;:\-–—]*"""


def _context_regex(expressions: list[str], where: str) -> re.Pattern | None:
    """Context conditions are regular expressions over the words next to a match.

    `before` must end where the match starts, `after` must begin where it ends
    (quotation marks and brackets in between are skipped), `anywhere` may occur
    anywhere in the sentence. Lexicon lists are written {PERSON}, {CHILD} and so on.
    """
    if not expressions:
        return None
    body = "|".join(f"(?:{lexicon.expand(e)})" for e in expressions)
    if where == "before":
        return re.compile(rf"(?<![\w])(?:{body}){_SKIP}$", re.IGNORECASE)
    if where == "after":
        return re.compile(rf"^{_SKIP}(?:{body})(?![\w])", re.IGNORECASE)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


_RULE_FIELDS = {
    "id", "category", "severity", "message", "patterns", "suggestions", "guidance",
    "flag", "pass", "case_sensitive", "audiences", "not_audiences", "modes", "before",
    "not_before", "after", "not_after", "in_sentence", "not_in_sentence", "when",
    "negatable", "fixable", "defined_ok", "acronym", "expansion", "detector",
}


class RuleError(ValueError):
    """A rules file that cannot be used, with the file and rule named."""


def rule_from_entry(entry: dict, source: str, defaults: dict | None = None) -> Rule:
    data = {**(defaults or {}), **entry}
    unknown = set(data) - _RULE_FIELDS
    where = f"{source}: rule {data.get('id', '?')!r}"
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if "acronym" in data:
        data = _acronym_entry(data)
    required_fields = ("id", "category", "message") + (() if data.get("detector") else ("patterns",))
    for required in required_fields:
        if not data.get(required):
            raise RuleError(f"{where}: missing {required}")
    severity = data.get("severity", "suggestion")
    if severity not in SEVERITIES:
        raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    rule = Rule(
        id=data["id"],
        category=data["category"],
        severity=severity,
        message=" ".join(data["message"].split()),
        patterns=list(data.get("patterns", [])),
        suggestions=list(data.get("suggestions", [])),
        guidance=data.get("guidance", ""),
        flag=list(data.get("flag", [])),
        pass_=list(data.get("pass", [])),
        case_sensitive=bool(data.get("case_sensitive", False)),
        audiences=data.get("audiences"),
        not_audiences=list(data.get("not_audiences", [])),
        modes=data.get("modes"),
        before=list(data.get("before", [])),
        not_before=list(data.get("not_before", [])),
        after=list(data.get("after", [])),
        not_after=list(data.get("not_after", [])),
        in_sentence=list(data.get("in_sentence", [])),
        not_in_sentence=list(data.get("not_in_sentence", [])),
        when=list(data.get("when", [])),
        negatable=bool(data.get("negatable", True)),
        fixable=bool(data.get("fixable", True)),
        defined_ok=bool(data.get("defined_ok", False)),
        detector=data.get("detector"),
        source=source,
    )
    if rule.detector and rule.detector not in DETECTOR_NAMES:
        raise RuleError(f"{where}: unknown detector {rule.detector!r}")
    unknown_predicates = set(rule.when) - PREDICATE_NAMES
    if unknown_predicates:
        raise RuleError(f"{where}: unknown condition(s) in when: {', '.join(sorted(unknown_predicates))}")
    try:
        rule.compile()
    except (re.error, ValueError) as exc:
        raise RuleError(f"{where}: {exc}") from exc
    return rule


def _acronym_entry(data: dict) -> dict:
    """Shorthand for jargon acronyms: the message and patterns follow from the expansion."""
    acronym, expansion = data["acronym"], data["expansion"]
    filled = {
        "category": "jargon/acronym",
        "severity": "suggestion",
        "case_sensitive": True,
        "negatable": False,
        "defined_ok": True,
        "patterns": [acronym, f"{acronym}s"],
        "message": (
            f"{acronym} is service shorthand that a child or family may not know. "
            f"Write it out in full: {expansion}."
        ),
        "suggestions": [expansion],
    }
    filled.update({k: v for k, v in data.items() if k not in ("acronym", "expansion")})
    return filled


# Built-in checks that a rule entry may switch on with `detector = "..."` (see engine.py).
DETECTOR_NAMES = frozenset({"scare-quotes", "reading-age", "hard-to-read", "speak-to-child", "long-sentence"})

# Names of the context conditions the engine knows (see context.py).
PREDICATE_NAMES = frozenset(
    {"person-subject", "child-subject", "describes-person", "not-passive", "sentence-start"}
)


def load_rule_files(paths: list[Path]) -> tuple[list[Rule], set[str]]:
    """Read rule files; returns the rules and the ids that the files switch off."""
    rules: list[Rule] = []
    disabled: set[str] = set()
    for path in paths:
        with open(path, "rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as exc:
                raise RuleError(f"{path}: not valid TOML ({exc})") from exc
        defaults = data.get("defaults", {})
        for entry in data.get("rule", []):
            rules.append(rule_from_entry(entry, str(path), defaults))
        disabled |= set(data.get("disable", []))
    return rules, disabled


def shipped_rule_paths() -> list[Path]:
    folder = resources.files("goldenthread.language") / "rules"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))
