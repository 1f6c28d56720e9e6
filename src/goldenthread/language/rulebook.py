"""Rules as data: load the TOML rule files and compile each rule's patterns.

A rule's patterns are written in a small phrase language so that people who know
the guidance (not regular expressions) can add rules:

    attention seeking        words; a space also matches a hyphen ("attention-seeking")
    non-compliant            a hyphen inside a word is optional ("noncompliant", "non compliant")
    refused to engage        every word in all its forms: refuses, refusing, engaged (lemminflect)
    =contact                 this form only (not "contacted", "contacts")
    {refuse}                 a word and its inflections (refuses, refused, refusing)
    (foster|residential)     one of several words
    (foster|residential)?    an optional word
    *                        any one word
    DNA'd                    an apostrophe matches ' or ’ and is optional

Every pattern must contain at least one fixed word. The engine spells each pattern
out into the word sequences it can match (pattern_phrases) and finds them all in one
pass; a pattern with a wildcard is found by its least common fixed word (its anchor).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from . import lexicon

SEVERITIES = ("info", "suggestion", "warning")

# Words too common to be a good anchor for the pre-filter: everyday English and the
# everyday words of practice writing. A pattern is found by its least common word.
COMMON_WORDS = frozenset(
    """a an the and or of to in on at for with by from as is are was were be been being
    has have had do does did not no his her their its my our your he she they them him
    it this that these those who which what when where why how so very too more most
    any all some one two three i we you me us up out off over into about after before
    again also just only like get got go went make made take took give gave see saw know
    said say says tell told ask asked want wanted need needs help time day week year home
    school work family families child children parent parents mum dad mother father care
    support plan meeting visit group show hard good new old other people person adult
    adults young way well back still now then there here can could will would may might
    should must story agreed steps like life lives part place places case cases team
    service services staff health social worker last first next show shows play plays
    played made make makes friend friends sleep sleeping slept activity activities animal
    animals medication medicine seeking going gone come came coming look looked looking
    said saying talk talked talking think thought feel felt feeling keep kept put room
    house food money phone call called calls bed night morning evening today week weeks
    month months years old young boy girl boys girls man men woman women son daughter
    brother sister baby friend play group class teacher teachers lesson lessons test tests
    result results sample line lines point points end ends start started order orders
    record records note notes plan plans review reviews check checks visit visits
    meeting meetings session sessions centre center arrangements with own other others
    all both each every many much more less few lot lots some same different new good
    bad right wrong high low long short big small little hard easy well better best
    worse worst away back down off out over under again still also even just very really
    behaviour behaviours behavior behaviors problem problems issue issues need needs
    risk risks safe safety harm help helped helping use used using user users""".split()
)

# Words that stand as written in a pattern: the little words of grammar, whose other forms
# ("is" and "was", "his" and "her") would change what a phrase means rather than its tense.
FIXED_WORDS = frozenset(
    """a an the and or of to in on at for with by from as into onto about after before over under
    not no nor but if than then so too very own same such only just also still even ever never
    is are was were be been being am has have had having do does did done doing will would shall
    should can could may might must i me my mine we us our ours you your yours he him his she her
    hers it its they them their theirs this that these those who whom whose which what there here
    all any both each every either neither some many much more most less least few one
    himself herself themselves itself myself yourself ourselves up down out off away back""".split()
)

_VOWELS = set("aeiou")


@cache
def inflect(word: str) -> tuple[str, ...]:
    """Every inflection of a word, from the lemma tables of lemminflect (verbs, nouns, adjectives).

    `refuse` gives refuses, refused, refusing; `go` gives goes, went, gone, going; `thief`
    gives thieves. A word the tables do not know gets lemminflect's rules for unknown words.
    British doubling (counselled, travelling) is added beside the American forms; an extra
    form that is not a word does no harm, as it never occurs in text. A hyphenated word
    inflects its last part (re-engage, re-engaged).
    """
    import lemminflect  # here, not at the top: a run that loads compiled rules never needs it

    word = word.lower()
    if "-" in word:
        head, _, last = word.rpartition("-")
        return tuple(sorted({f"{head}-{form}" for form in inflect(last)}))
    forms = _inflections(word, lemminflect.getAllInflections)
    if len(forms) == 1:
        forms = _inflections(word, lemminflect.getAllInflectionsOOV, ("VERB", "NOUN"))
    for form in list(forms):
        if word.endswith("l") and len(word) > 2 and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            for ending in ("ed", "ing", "er", "ers"):
                if form == word + ending:
                    forms.add(word + "l" + ending)
    return tuple(sorted(forms))


def _inflections(word: str, table, parts_of_speech=("VERB", "NOUN", "ADJ")) -> set[str]:
    forms = {word}
    for upos in parts_of_speech:
        for spellings in table(word, upos=upos).values():
            forms.update(spelling.lower() for spelling in spellings)
    return forms


@cache
def same_word_forms(word: str) -> tuple[str, ...]:
    """All forms of the words this word is a form of: `refused` gives refuse, refuses, refusing.

    This is what lets a rule written in one tense or person match every other: a pattern's
    plain words are matched in all their forms unless written `=word` (this form only).
    """
    import lemminflect

    lowered = word.lower()
    if lowered in FIXED_WORDS or not lowered.isalpha() or len(lowered) < 3:
        return (word,)
    readings = lemminflect.getAllLemmas(lowered)
    if not readings:  # a word the tables do not know ("absconsion"): its plural by lemminflect's rules
        return tuple(sorted({lowered, *(f.lower() for f in lemminflect.getAllInflectionsOOV(lowered, upos="NOUN").get("NNS", ()))}))
    if any(lowered in readings.get(upos, ()) for upos in ("ADJ", "ADV")):
        return (word,)  # "clean", "well", "missing": a describing word stays as it is written
    forms = {lowered}
    for upos, lemmas in readings.items():
        if upos not in ("VERB", "NOUN"):
            continue
        for lemma in lemmas:
            forms.update(form.lower() for form in lemminflect.getAllInflections(lemma, upos=upos).get(_TAG_OF[upos], ()) + (lemma,))
            for tag in _TAGS[upos]:
                forms.update(form.lower() for form in lemminflect.getAllInflections(lemma, upos=upos).get(tag, ()))
    return tuple(sorted(forms))


_TAGS = {"VERB": ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "NOUN": ("NN", "NNS")}
_TAG_OF = {"VERB": "VB", "NOUN": "NN"}


@dataclass(frozen=True)
class Token:
    """One position in a phrase pattern: the words that may stand there."""

    forms: tuple[str, ...]  # as written (may contain - and ')
    optional: bool = False
    wildcard: bool = False

    def regex(self, lower: bool = False) -> str:
        if self.wildcard:
            return r"[\w'’]+"
        forms = {f.lower() for f in self.forms} if lower else set(self.forms)
        alternatives = sorted({_word_regex(f) for f in forms}, key=len, reverse=True)
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


# A pattern becomes a regular expression every checked text meets: each `*` or `word?` can make
# it try twice as many ways, so a line may hold only a few (the shipped rules use at most 8
# words and 3 such). A rule file or a proposal beyond these is refused, never run slowly.
MOST_WORDS_IN_A_PATTERN = 12
MOST_LOOSE_WORDS_IN_A_PATTERN = 4


def parse_pattern(pattern: str, *, every_form: bool = False) -> list[Token]:
    """The tokens of a pattern. With `every_form` (rules that ignore letter case), each plain
    word also matches its other forms (see same_word_forms), unless it is written `=word`."""
    if pattern.count("(") != pattern.count(")") or re.search(r"\([^)]*\(", pattern):
        raise ValueError(f"brackets in {pattern!r} must pair up and may not nest")
    tokens = []
    for raw in _TOKEN_RE.findall(pattern.strip()):
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        if body == "*":
            tokens.append(Token(("*",), optional=optional, wildcard=True))
        elif body.startswith("(") and body.endswith(")"):
            if "{" in body or "}" in body:
                raise ValueError(f"write {{word}} on its own, not inside ( ): {pattern!r}")
            forms = [f.strip() for f in body[1:-1].split("|") if f.strip()]
            tokens.append(Token(_with_other_forms(forms, every_form), optional=optional))
        elif body.startswith("{") and body.endswith("}"):
            forms = []
            for lemma in body[1:-1].split("|"):
                forms.extend(inflect(lemma.strip()))
            tokens.append(Token(tuple(forms), optional=optional))
        else:
            tokens.append(Token(_with_other_forms([body], every_form), optional=optional))
    if len(tokens) > MOST_WORDS_IN_A_PATTERN:
        raise ValueError(f"at most {MOST_WORDS_IN_A_PATTERN} words in one line: {pattern!r}")
    if sum(1 for token in tokens if token.optional or token.wildcard) > MOST_LOOSE_WORDS_IN_A_PATTERN:
        raise ValueError(f"at most {MOST_LOOSE_WORDS_IN_A_PATTERN} words marked * or ? in one line: {pattern!r}")
    return tokens


def _with_other_forms(written: list[str], every_form: bool) -> tuple[str, ...]:
    forms: dict[str, None] = {}
    for word in written:
        if word.startswith("=") and len(word) > 1:
            forms[word[1:]] = None
        elif every_form and " " not in word:
            forms.update(dict.fromkeys(same_word_forms(word)))
        else:
            forms[word] = None
    return tuple(forms)


_SEPARATOR = r"[\s\-‐‑–/]+"


def pattern_regex(tokens: list[Token], lower: bool = False) -> str:
    """Join tokens so that any run of spaces or hyphens may separate them."""
    parts = []
    started = False  # has a required word been placed yet?
    for token in tokens:
        word = token.regex(lower)
        if token.optional:
            parts.append(f"(?:{_SEPARATOR}{word})?" if started else f"(?:{word}{_SEPARATOR})?")
        else:
            parts.append((_SEPARATOR if started else "") + word)
            started = True
    return "".join(parts)


def _span(token: Token) -> int:
    return 24 if token.wildcard else max(len(f) for f in token.forms) + 3


def pattern_anchor(tokens: list[Token]) -> tuple[int, set[str]]:
    """The best token to look for first (rare and long beats common and short): its index and keys."""
    candidates = [i for i, t in enumerate(tokens) if not t.optional and not t.wildcard]
    if not candidates:
        raise ValueError("a pattern needs at least one fixed word")

    def strength(i: int):
        keys = tokens[i].anchor_keys()
        return (min(_anchor_strength(k) for k in keys), -len(keys))

    best = max(candidates, key=strength)
    return best, tokens[best].anchor_keys()


def _parts(form: str) -> list[str]:
    return [p for p in re.split(r"[^a-z0-9]+", form.lower()) if p]


def form_keys(form: str) -> set[str] | None:
    """How a spelling looks in folded text (lower-case letters and digits, all else spaces).

    A hyphen, apostrophe or dot in a spelling may be written or left out, so both the
    spaced ("non compliant", "dna d") and the joined ("noncompliant", "dnad") forms count.
    """
    parts = _parts(form)
    if not parts:
        return None
    keys = {" ".join(parts)}
    if any(ch in form for ch in "-'’."):
        keys.add("".join(parts))
    return keys


MAX_PHRASES_PER_PATTERN = 20_000


def pattern_phrases(tokens: list[Token]) -> set[str] | None:
    """Every word sequence a pattern can match, in folded form; None when it has a wildcard
    or would spell out too many (the engine then looks for its anchor word instead)."""
    sequences: list[tuple[str, ...]] = [()]
    for token in tokens:
        if token.wildcard:
            return None
        spellings: set[str] = set()
        for form in token.forms:
            keys = form_keys(form)
            if keys is None:
                return None
            spellings |= keys
        options = sorted(spellings) + ([""] if token.optional else [])
        sequences = [s + (o,) for s in sequences for o in options]
        if len(sequences) > MAX_PHRASES_PER_PATTERN:
            return None
    return {" ".join(w for w in s if w) for s in sequences if any(s)}


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
    # the labelled evaluation items (ids, or patterns such as "devb-04*") looked at while this
    # rule was written or changed: cross-validation scores those items without it (evaluate.py)
    seen: list[str] = field(default_factory=list)
    source: str = ""
    # compiled
    regex: re.Pattern | None = None
    anchors: set[str] = field(default_factory=set)  # anchor words of patterns with a wildcard
    reach: int = 0
    reach_before: int = 0  # how far a match may start before its anchor word
    reach_after: int = 0  # how far it may end after the anchor word starts
    lower_regex: re.Pattern | None = None  # the same rule over lower-cased text (faster than IGNORECASE)
    # For the pre-filter: every word sequence the rule can match, in folded text (see
    # pattern_phrases), and the anchor words of patterns that cannot be spelled out.
    phrases: frozenset[str] = frozenset()
    # for rules that are single plain words, the exact spellings (no regex needed)
    exact_forms: frozenset[str] | None = None
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
        alternatives, lower_alternatives, anchors, reach = [], [], set(), 0
        reach_before = reach_after = 0
        phrases: set[str] = set()
        single_words: set[str] | None = set()
        for pattern in self.patterns:
            tokens = parse_pattern(pattern, every_form=not self.case_sensitive)
            alternatives.append(pattern_regex(tokens))
            lower_alternatives.append(pattern_regex(tokens, lower=True))
            index, keys = pattern_anchor(tokens)
            spelled = pattern_phrases(tokens)
            if spelled is None:
                anchors |= keys
            else:
                phrases |= spelled
            reach_before = max(reach_before, sum(_span(t) for t in tokens[: index + 1]))
            reach_after = max(reach_after, sum(_span(t) for t in tokens[index:]))
            reach = max(reach, pattern_max_length(tokens))
            if single_words is not None and len(tokens) == 1 and not tokens[0].optional and all(re.fullmatch(r"[A-Za-z0-9]+", f) for f in tokens[0].forms):
                single_words |= set(tokens[0].forms)
            else:
                single_words = None
        self.phrases = frozenset(phrases)
        self.exact_forms = frozenset(single_words) if single_words else None
        alternatives.sort(key=len, reverse=True)
        body = "|".join(alternatives)
        self.regex = re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)
        if not self.case_sensitive:
            lower_alternatives.sort(key=len, reverse=True)
            self.lower_regex = re.compile(rf"(?<![\w])(?:{'|'.join(lower_alternatives)})(?![\w])")
        self.anchors = anchors
        self.reach = reach
        self.reach_before = reach_before
        self.reach_after = reach_after
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
    "id",
    "category",
    "severity",
    "message",
    "patterns",
    "suggestions",
    "guidance",
    "flag",
    "pass",
    "case_sensitive",
    "audiences",
    "not_audiences",
    "modes",
    "before",
    "not_before",
    "after",
    "not_after",
    "in_sentence",
    "not_in_sentence",
    "when",
    "negatable",
    "fixable",
    "defined_ok",
    "acronym",
    "expansion",
    "detector",
    "seen",
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
        seen=list(data.get("seen", [])),
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
        "message": (f"'{acronym}' is service shorthand that a child or family may not know. Write it out in full: {expansion}."),
        "suggestions": [expansion],
    }
    filled.update({k: v for k, v in data.items() if k not in ("acronym", "expansion")})
    return filled


# Built-in checks that a rule entry may switch on with `detector = "..."` (see engine.py).
DETECTOR_NAMES = frozenset(
    {"scare-quotes", "reading-age", "hard-to-read", "speak-to-child", "long-sentence", "unexplained-acronym", "person-label", "exploited-child-agent"}
)

# Names of the context conditions the engine knows (see context.py).
PREDICATE_NAMES = frozenset({"person-subject", "child-subject", "describes-person", "not-passive", "sentence-start"})


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
