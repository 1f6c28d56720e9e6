"""check(text) -> findings: a fast pre-filter, then context checks at the candidates.

How a text is checked:

1. Pre-filter. Every phrase the rules can match (spelled out from their patterns)
   is in one multi-pattern matcher: an Aho-Corasick automaton (pyahocorasick) or,
   without it, a prefix-tree regular expression. It scans a folded copy of the text
   (ASCII letters and digits lower-cased, all else spaces; same length) in C.
2. Candidates. At each hit, the rule's own regular expression confirms the match
   in place (letter case, separators) and gives the span.
3. Context. Each candidate passes the rule's conditions: words before and after,
   the sentence, negation, who the words are about, and quotation marks. Words in
   someone's reported speech are kept as their voice and reported as `info`; words
   quoted in order to talk about them ("the word ‘placement’") are a mention, not a
   use, and are not reported at all.
4. Document checks for the "written to the child" mode: reading age, whether the
   text speaks to the child, long sentences.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import context, detectors
from .readability import readability
from .rulebook import Rule, load_rule_files, shipped_rule_paths

try:  # a compiled Aho-Corasick matcher; without it a standard-library regex does the same
    import ahocorasick as _ahocorasick
except ImportError:  # pragma: no cover - depends on the environment
    _ahocorasick = None

AUDIENCES = ("children", "adults", "education", "health")
MODES = ("default", "child")
_MODE_ALIASES = {"written-to-child": "child", "to-child": "child", "letter": "child"}

_CHUNK = 200_000  # characters; long texts are checked in pieces cut at line breaks

# Bytes -> lower-case ASCII letters and digits, everything else a space.
_ASCII_FOLD = bytes((b + 32) if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122) else 32 for b in range(256))

_QUOTED_MESSAGE = "These words are in quotation marks as someone's own words. Keep their voice as it is; this is shown for information only."


@dataclass(frozen=True, slots=True)
class Finding:
    """One passage that is not trauma-informed, with why it matters and what to write instead."""

    start: int
    end: int
    text: str
    rule: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()
    guidance: str = ""
    quoted: bool = False

    def as_dict(self) -> dict:
        data = asdict(self)
        data["suggestions"] = list(self.suggestions)
        return data

    @property
    def is_fault(self) -> bool:
        return self.severity != "info"


class Engine:
    """A set of rules ready to check text. Build one per rule set and reuse it."""

    def __init__(self, rules: list[Rule], disabled: set[str] | frozenset[str] = frozenset()):
        self.rules = [r for r in rules if r.id not in disabled]
        ids = [r.id for r in self.rules]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"rule ids used twice: {', '.join(sorted(duplicates))}")
        self.by_id = {r.id: r for r in self.rules}
        self.detectors = {r.detector: r for r in self.rules if r.detector}
        # Every phrase a rule can match, in folded text, goes into one multi-pattern matcher;
        # a pattern with a wildcard is looked for by its anchor word instead.
        table: dict[str, list[tuple[Rule, bool]]] = {}
        for rule in self.rules:
            for phrase in rule.phrases:
                table.setdefault(phrase, []).append((rule, True))
            for word in rule.anchors:
                table.setdefault(word, []).append((rule, False))
        # The trigger words of the general detectors (detectors.trigger_words) go into the same
        # matcher, so that one pass over the text finds both; a word no rule matches has no entries.
        self._matcher = _PhraseMatcher({k: tuple(v) for k, v in table.items()}, detectors.TRIGGER_WORDS)
        self._applies_cache: dict[tuple, frozenset[str]] = {}

    # ---------------------------------------------------------------- public

    def check(self, text: str, *, audience: str | None = None, mode: str | None = None) -> list[Finding]:
        if audience is None and mode is None:
            mode = "default"
        else:
            audience, mode = _validate(audience, mode)
        if not text:
            return []
        normalised, crlf_positions = _normalise_line_endings(text)
        if len(normalised) <= _CHUNK:
            findings = self._check_chunk(normalised, 0, audience, mode)
        else:
            findings = []
            for offset, chunk in _chunks(normalised):
                findings.extend(self._check_chunk(chunk, offset, audience, mode))
        if mode == "child":
            findings.extend(self._child_document(normalised))
        if len(findings) > 1:
            findings = _resolve_overlaps(findings)
        if crlf_positions:
            findings = [_remap(f, text, crlf_positions) for f in findings]
        return findings

    # ---------------------------------------------------------------- steps

    def _active(self, audience: str | None, mode: str) -> frozenset[str]:
        key = (audience, mode)
        if key not in self._applies_cache:
            self._applies_cache[key] = frozenset(r.id for r in self.rules if r.applies(audience, mode))
        return self._applies_cache[key]

    def _check_chunk(self, text: str, offset: int, audience: str | None, mode: str) -> list[Finding]:
        active = self._active(audience, mode)
        folded = _fold(text)
        general = _general_detectors(self, active)
        # where the general detectors' trigger words stand: found by the matcher in the same pass, where it holds them
        words: dict[str, list[int]] | None = {} if general and self._matcher.triggers else None
        hits = self._matcher.find(folded, words)
        scare = self.detectors.get("scare-quotes")
        look_for_scare_quotes = scare is not None and scare.id in active and _may_have_quotes(text)
        if not hits and not look_for_scare_quotes and not general:
            return []
        candidates = self._candidates(text, hits, active) if hits else {}
        quotes = context.find_quotes(text) if (candidates or look_for_scare_quotes) and _may_have_quotes(text) else []
        findings = []
        for rule_id, start, end in sorted(candidates):
            rule = self.by_id[rule_id]
            finding = self._judge(rule, text, start, end, quotes)
            if finding is not None:
                findings.append(finding)
        if look_for_scare_quotes and quotes:
            findings.extend(self._scare_quotes(scare, text, quotes))
        if general:
            quoted = quotes if (candidates or look_for_scare_quotes) else None
            findings.extend(_general_findings(self, general, text, folded, findings, quoted, words))
        if offset:
            findings = [_shift(f, offset) for f in findings]
        return findings

    def _candidates(self, text: str, hits, active) -> dict[tuple[str, int, int], Rule]:
        """Confirm each phrase found in the folded text with its rule's own regular expression.

        The folded text has the same length as the text, so a hit's offsets are the text's.
        The rule's expression, tried at exactly that place, checks what folding cannot see
        (letter case for acronyms, which separators are allowed) and gives the span.
        """
        lower = None
        n = len(text)
        found: dict[tuple[str, int, int], Rule] = {}
        covered: dict[str, int] = {}
        for start, end, entries in hits:
            for rule, spelled in entries:
                rule_id = rule.id
                if rule_id not in active or start < covered.get(rule_id, -1):
                    continue
                if rule.exact_forms is not None:
                    if not rule.case_sensitive or text[start:end] in rule.exact_forms:
                        found[(rule_id, start, end)] = rule
                    continue
                if rule.lower_regex is None:
                    regex, haystack = rule.regex, text
                else:
                    if lower is None:
                        lower = _lower_same_length(text)
                    regex, haystack = rule.lower_regex, lower
                if spelled:
                    m = regex.match(haystack, start)
                    if m is not None:
                        found[(rule_id, m.start(), m.end())] = rule
                        covered[rule_id] = m.end()
                    continue
                # an anchor word of a pattern with a wildcard: look around it
                hi = min(n, start + rule.reach_after)
                m = regex.search(haystack, max(0, start - rule.reach_before), hi)
                while m is not None and m.start() <= start:
                    if m.end() >= end:
                        found[(rule_id, m.start(), m.end())] = rule
                        covered[rule_id] = max(covered.get(rule_id, -1), m.end())
                    m = regex.search(haystack, max(m.end(), m.start() + 1), hi)
        return found

    def _judge(self, rule: Rule, text: str, start: int, end: int, quotes) -> Finding | None:
        """Apply the rule's context conditions to one candidate."""
        s_start, s_end = context.sentence_bounds(text, start, end)
        s_start = min(s_start, start)
        s_end = max(s_end, end)
        left = text[max(s_start, start - 100) : start]
        right = text[end : min(s_end, end + 100)]
        if rule.negatable and context.is_negated(text, s_start, start):
            return None
        if rule.before_re is not None and not rule.before_re.search(left):
            return None
        if rule.not_before_re is not None and rule.not_before_re.search(left):
            return None
        if rule.after_re is not None and not rule.after_re.search(right):
            return None
        if rule.not_after_re is not None and rule.not_after_re.search(right):
            return None
        if rule.in_sentence_re is not None or rule.not_in_sentence_re is not None:
            sentence = text[s_start:s_end]
            if rule.in_sentence_re is not None and not rule.in_sentence_re.search(sentence):
                return None
            if rule.not_in_sentence_re is not None and rule.not_in_sentence_re.search(sentence):
                return None
        for name in rule.when:
            if not _PREDICATES[name](text, s_start, s_end, start, end):
                return None
        if rule.defined_ok and _defined_in_brackets(text, start, end):
            return None
        quote = context.quote_around(quotes, start, end) if quotes else None
        if quote is not None and quote.mention:
            return None  # the words are named to talk about them, not used of anyone
        if quote is not None and quote.speech:
            return Finding(start, end, text[start:end], rule.id, rule.category, "info", _QUOTED_MESSAGE, (), rule.guidance, True)
        return _finding(rule, text, start, end)

    def _scare_quotes(self, rule: Rule, text: str, quotes) -> list[Finding]:
        found = []
        for quote in quotes:
            # (quote.speech and quote.mention are worked out when first asked for: ask only when needed)
            words = context.words_in(text[quote.start + 1 : quote.end - 1])  # the quotation's words, for both checks
            if (_is_doubting_quote(text, quote, words) and not quote.speech and not quote.mention) or (
                # a word of a person's account or a relationship picked out in their reported words: she said she was 'ill', his 'girlfriend'
                _doubting_frame(text, quote, words) and not quote.mention
            ):
                found.append(_finding(rule, text, quote.start, quote.end))
        return found

    def _child_document(self, text: str) -> list[Finding]:
        """Whole-text checks for a plan or letter written to a child."""
        found: list[Finding] = []
        stats = readability(text)
        if stats.words == 0:
            return found
        rule = self.detectors.get("reading-age")
        if rule is not None:
            found.append(
                Finding(
                    0,
                    0,
                    "",
                    rule.id,
                    rule.category,
                    "info",
                    f"Estimated reading age: about {stats.reading_age:.0f} years ({stats.words} words, {stats.sentences} sentences). " + rule.message,
                    tuple(rule.suggestions),
                    rule.guidance,
                )
            )
        rule = self.detectors.get("hard-to-read")
        if rule is not None and stats.reading_age > 12.5 and stats.words >= 8:
            found.append(
                Finding(
                    0,
                    0,
                    "",
                    rule.id,
                    rule.category,
                    rule.severity,
                    f"The reading age is about {stats.reading_age:.0f}. " + rule.message,
                    tuple(rule.suggestions),
                    rule.guidance,
                )
            )
        rule = self.detectors.get("speak-to-child")
        if rule is not None and stats.words >= 6 and not _SECOND_PERSON.search(text):
            found.append(_document_finding(rule))
        rule = self.detectors.get("long-sentence")
        if rule is not None:
            for m in _SENTENCE_SPAN.finditer(text):
                if len(context.words_in(m.group())) > 25:
                    found.append(_finding(rule, text, m.start(), m.end()))
        return found


# -------------------------------------------------------------------- helpers


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits, every other character a space; same length as text.

    Two passes in C: each character that is not ASCII becomes one '?', then a byte table
    lower-cases letters and turns everything that is not a letter or digit into a space.
    """
    return text.encode("ascii", "replace").translate(_ASCII_FOLD).decode("ascii")


class _PhraseMatcher:
    """Finds every phrase of a table in folded text, overlaps included, in one pass.

    With pyahocorasick installed, an Aho-Corasick automaton scans the text in C. Without
    it, a prefix-tree regular expression (standard library) does the same job, more slowly.
    `find` returns (start, end, entries) for each whole-word occurrence.

    The automaton stores a number for each phrase; two arrays give the phrase's length
    and its entries (each different set of entries kept once). Stored so, the matcher
    pickles and loads several times faster (see compiled.py) than one of Python objects.
    """

    def __init__(self, table: dict[str, tuple], triggers: frozenset[str] | set[str] = frozenset()):
        self.automaton = None
        self.table = None
        self.triggers: dict[int, str] = {}  # phrase number -> trigger word, for the words find() also reports
        if _ahocorasick is not None and (table or triggers):
            table = dict(table)
            for word in sorted(triggers):
                table.setdefault(word, ())  # a trigger word that no rule matches: no entries
            automaton = _ahocorasick.Automaton(_ahocorasick.STORE_INTS)
            shared: dict[tuple, int] = {(): 0}
            self.entries: list[tuple] = [()]  # each different set of entries once; 0 is none
            self.entries_of = array("I")  # phrase number -> index into self.entries
            self.size_of = array("I")  # phrase number -> length of " phrase "
            for number, (phrase, entries) in enumerate(table.items()):
                if phrase in triggers:
                    self.triggers[number] = phrase
                key = tuple((id(rule), spelled) for rule, spelled in entries)
                if key not in shared:
                    shared[key] = len(self.entries)
                    self.entries.append(entries)
                self.entries_of.append(shared[key])
                self.size_of.append(len(phrase) + 2)
                automaton.add_word(f" {phrase} ", number)
            automaton.make_automaton()
            self.automaton = automaton
        else:
            self.table = table
            self.regex = re.compile(r" (?=(" + _trie_regex(sorted(table)) + r") )") if table else None
            # the shorter phrases that start where a longer one does ("placement" in "placement breakdown")
            self.prefixes = {}
            for phrase in table:
                words = phrase.split(" ")
                shorter = [" ".join(words[:k]) for k in range(1, len(words))]
                self.prefixes[phrase] = [p for p in shorter if p in table]

    def find(self, folded: str, words: dict[str, list[int]] | None = None) -> list[tuple[int, int, tuple]]:
        """The phrases of the table in folded text; with `words` (a dict), where each trigger word stands goes into it too.

        `words` is filled in only where the matcher holds the trigger words (self.triggers).
        """
        padded = f" {folded} "
        if self.automaton is not None:
            entries, entries_of, size_of = self.entries, self.entries_of, self.size_of
            found = self.automaton.iter(padded)
            if self.triggers:
                found = list(found)
                if words is not None:
                    triggers = self.triggers
                    for end, number in found:
                        word = triggers.get(number)
                        if word is not None:
                            at = words.get(word)
                            if at is None:
                                words[word] = [end - size_of[number] + 1]
                            else:
                                at.append(end - size_of[number] + 1)
            hits = [(end - size_of[number] + 1, end - 1, entries[entries_of[number]]) for end, number in found if entries_of[number]]
            if len(hits) > 1:
                hits.sort(key=_by_start_longest_first)
            return hits
        if self.regex is None:
            return []
        hits = []
        table, prefixes = self.table, self.prefixes
        for m in self.regex.finditer(padded):
            phrase = m.group(1)
            start = m.start()  # the space before the phrase is index start in padded, so start in text
            hits.append((start, start + len(phrase), table[phrase]))
            for shorter in prefixes[phrase]:
                hits.append((start, start + len(shorter), table[shorter]))
        return hits


def _by_start_longest_first(hit):
    return hit[0], -hit[1]


def _trie_regex(words: list[str]) -> str:
    """One regular expression for many phrases, as a prefix tree (longest first)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)


def _validate(audience: str | None, mode: str | None) -> tuple[str | None, str]:
    if audience is not None:
        audience = audience.strip().lower()
        if audience in ("children's", "childrens", "children's services", "child"):
            audience = "children"
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
    mode = (mode or "default").strip().lower()
    mode = _MODE_ALIASES.get(mode, mode)
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    return audience, mode


def _normalise_line_endings(text: str) -> tuple[str, list[int]]:
    """CRLF and CR become LF, so results do not depend on line endings; returns where CRLFs were."""
    if "\r" not in text:
        return text, []
    positions = []
    removed = 0
    for m in re.finditer("\r\n", text):
        positions.append(m.start() - removed)  # index of the LF in the normalised text
        removed += 1
    return text.replace("\r\n", "\n").replace("\r", "\n"), positions


def _remap(f: Finding, original: str, crlf_positions: list[int]) -> Finding:
    if f.start == f.end == 0:
        return f
    start = f.start + bisect.bisect_right(crlf_positions, f.start)
    end = f.end + bisect.bisect_right(crlf_positions, f.end - 1)
    return Finding(start, end, original[start:end], f.rule, f.category, f.severity, f.message, f.suggestions, f.guidance, f.quoted)


def _chunks(text: str):
    if len(text) <= _CHUNK:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


def _shift(f: Finding, offset: int) -> Finding:
    return Finding(f.start + offset, f.end + offset, f.text, f.rule, f.category, f.severity, f.message, f.suggestions, f.guidance, f.quoted)


def _lower_same_length(text: str) -> str:
    """Lower-case text whose offsets still match the original (a few letters grow when lowered)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_OPENING_SINGLE_QUOTE = re.compile(r"'(?<!\w')(?=[\w“\"(\[])")


def _may_have_quotes(text: str) -> bool:
    """Is there a mark that could open a quotation? (An apostrophe inside a word cannot.)"""
    return '"' in text or "“" in text or "‘" in text or "«" in text or ("'" in text and _OPENING_SINGLE_QUOTE.search(text) is not None)


def _finding(rule: Rule, text: str, start: int, end: int) -> Finding:
    return Finding(start, end, text[start:end], rule.id, rule.category, rule.severity, rule.message, tuple(rule.suggestions), rule.guidance)


def _document_finding(rule: Rule) -> Finding:
    return Finding(0, 0, "", rule.id, rule.category, rule.severity, rule.message, tuple(rule.suggestions), rule.guidance)


def _resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Where one finding lies inside another of the same kind, keep the longer, more specific one."""
    findings.sort(key=lambda f: (f.start, -(f.end - f.start), f.rule))
    kept: list[Finding] = []
    for f in findings:
        if f.end > f.start and any(
            k.start <= f.start and f.end <= k.end and k.end > k.start and k.severity == f.severity and k.category == f.category for k in kept[-4:]
        ):
            continue
        kept.append(f)
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept


_SECOND_PERSON = re.compile(r"(?<![\w])(?:you|your|you['’]re|you['’]ve|you['’]ll|yourself)(?![\w])", re.IGNORECASE)
_SENTENCE_SPAN = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_BRACKET_GROUP = re.compile(r"\(([^()]{1,60})\)")


def _defined_in_brackets(text: str, start: int, end: int) -> bool:
    """An acronym given in brackets after its words ("Initial Health Assessment (IHA)") is introduced, not jargon."""
    open_ = text.rfind("(", max(0, start - 40), start)
    if open_ == -1:
        return _defined_earlier(text, start, end)
    close = text.find(")", end, end + 40)
    if close == -1:
        return _defined_earlier(text, start, end)
    inside = text[open_ + 1 : close]
    words = context.words_in(inside)
    if not words or not all(w.isupper() or w.lower() in ("and", "or") for w in words):
        return _defined_earlier(text, start, end)
    before = context.words_in(text[max(0, open_ - 80) : open_])
    return sum(1 for w in before if w[:1].isupper()) >= 2 or _defined_earlier(text, start, end)


def _defined_earlier(text: str, start: int, end: int) -> bool:
    """Was the acronym given in brackets after words with its initials, here or earlier in the text?

    "significant event notifications (SENs) ... a total of 235 SENs": both uses are
    introduced, whatever the acronym means elsewhere.
    """
    token = text[start:end].rstrip("’'s") or text[start:end]
    search_to = min(len(text), end + 2)
    at = text.find("(" + token, 0, search_to)
    while at != -1:
        if detectors._initials_before(text, at, token):
            return True
        at = text.find("(" + token, at + 1, search_to)
    return False


# Scare quotes: what a quotation may be about, and the words that frame it as a claim.
_CONDITION_WORDS = frozenset(
    """pain pains painful ache aches aching allergy allergies allergic intolerance intolerant
    bronchitis asthma migraine migraines headache headaches seizure seizures fit fits fitting
    depression depressed anxiety anxious panic attacks ptsd trauma traumatised traumatized sick
    ill illness unwell condition disorder syndrome symptom symptoms fatigue tired exhausted dizzy
    dizziness nausea nauseous chronic disease infection flu fibromyalgia adhd autism autistic
    dyslexia dyslexic disability disabled injury injured hurt hurts sensitive sensitivity stress
    stressed suicidal voices mood mental breakdown bad back cramps cramp bleeding insomnia
    reaction reactions poisoning""".split()
)
_CLAIM_FRAME = re.compile(
    r"(?<![\w])(?:because|as|since|for|with|of|has|have|had|having|reports|reported|complains\s+of|"
    r"complaining\s+of|c/o|due\s+to|experiencing|suffering|taking|takes|her|his|their|its|from|"
    r"about|says|said\s+(?:she|he|they)\s+(?:has|had))\s*$",
    re.IGNORECASE,
)


_CODE_LIKE = re.compile(r"[<>{}\[\]=_\\@#]|://")


def _is_doubting_quote(text: str, quote: context.Quote, words: list[str] | None = None) -> bool:
    """Scare quotes around a condition or a person's account cast doubt on it. `words`: the quotation's words, when known."""
    inner = text[quote.start + 1 : quote.end - 1]
    if words is None:
        words = context.words_in(inner)
    if not 1 <= len(words) <= 8:
        return False
    if len(words) > 1 and all(w[:1].isupper() for w in words if len(w) > 3):
        return False  # a title: 'Our Way of Working'
    if _CODE_LIKE.search(inner):
        return False  # code, a header or an address: 'Authorization: Bearer <token>', 'name@example.org'
    if len(words) > 1 and words[0][:1].isupper() and any(w[:1].isdigit() for w in words):
        return False  # a name with a number in it: 'Autumn 2026 self-assessment', 'Year 9 assembly'
    about_condition = any(w.lower() in _CONDITION_WORDS for w in words)
    if not about_condition and len(words) < 3:
        return False  # neither a condition nor an account: 'saved', 'mostly good'
    if context.naming_frame_before(text, quote.start):
        return False
    left = text[max(0, quote.start - 40) : quote.start].rstrip()
    framed = bool(_CLAIM_FRAME.search(left))
    if framed and (about_condition or len(words) >= 3):
        return True
    return about_condition and len(words) <= 4


_PREDICATES = {
    "person-subject": lambda text, ss, se, s, e: context.person_subject(text, ss, s),
    "child-subject": lambda text, ss, se, s, e: context.child_subject(text, ss, s),
    "describes-person": lambda text, ss, se, s, e: context.describes_person(text, ss, se, s, e),
    "not-passive": lambda text, ss, se, s, e: context.not_passive(text, ss, s),
    "sentence-start": lambda text, ss, se, s, e: not text[ss:s].strip(" \t\"“‘'("),
}


# -------------------------------------------------------------------- loading


def load_engine(lexicon: str | Path | list[str | Path] | None = None) -> Engine:
    """The shipped rules, with a partnership's own rules file(s) laid over them.

    A built engine is kept on disk (see compiled.py), keyed by the rule files' bytes and
    the code, so the next run with the same files loads it instead of building it.
    """
    extra = [] if lexicon is None else [lexicon] if isinstance(lexicon, (str, Path)) else list(lexicon)
    if not extra:
        return default_engine()
    from . import compiled

    extra_paths = [Path(p) for p in extra]
    return compiled.load_or_build(shipped_rule_paths() + extra_paths, lambda: _overlaid_engine(extra_paths))


def _overlaid_engine(extra_paths: list[Path]) -> Engine:
    shipped, _ = _shipped()
    overlay, disabled = load_rule_files(extra_paths)
    overlay_ids = {r.id for r in overlay}
    rules = [r for r in shipped if r.id not in overlay_ids] + overlay
    return Engine(rules, disabled)


@lru_cache(maxsize=1)
def _shipped() -> tuple[list[Rule], set[str]]:
    return load_rule_files(shipped_rule_paths())


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine of the shipped rules, loaded from the on-disk cache when it is there."""
    from . import compiled

    return compiled.load_or_build(shipped_rule_paths(), lambda: Engine(*_shipped()))


def check(text: str, *, audience: str | None = None, mode: str | None = None, lexicon: str | Path | None = None) -> list[Finding]:
    """Find language that is not trauma-informed in `text`.

    `audience` is one of children, adults, education, health (guidance differs a
    little between them); `mode="child"` is for plans and letters written to a
    child or young person. `lexicon` is a partnership's own rules file.
    """
    engine = default_engine() if lexicon is None else _engine_for(str(lexicon))
    return engine.check(text, audience=audience, mode=mode)


@lru_cache(maxsize=8)
def _engine_for(lexicon: str) -> Engine:
    return load_engine(lexicon)


# -------------------------------------------------------------------- general detectors


def _general_detectors(engine: Engine, active: frozenset[str]) -> list[tuple[Rule, object]]:
    """The detectors of detectors.py that this engine has a rule for and that apply here."""
    cache = engine.__dict__.setdefault("_general_cache", {})
    chosen = cache.get(active)
    if chosen is None:
        chosen = cache[active] = [
            (engine.detectors[name], function)
            for name, function in detectors.DETECTORS.items()
            if name in engine.detectors and engine.detectors[name].id in active
        ]
    return chosen


def _listed_acronyms(engine: Engine) -> frozenset[str]:
    """Acronyms that a phrase rule of their own already finds (CP, EHCP, LAC): the general check leaves them alone."""
    listed = engine.__dict__.get("_listed_acronyms")
    if listed is None:
        forms: set[str] = set()
        for rule in engine.rules:
            for pattern in rule.patterns:
                for word in _PATTERN_WORD.findall(pattern):
                    if sum(1 for ch in word if ch.isupper()) >= 2:
                        forms |= {word, word + "s", word.upper(), word.upper() + "s"}
        listed = engine.__dict__["_listed_acronyms"] = frozenset(forms)
    return listed


_PATTERN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&]*")


def _general_findings(
    engine: Engine, general, text: str, folded: str, found: list[Finding], quotes, words: dict[str, list[int]] | None = None
) -> list[Finding]:
    """Findings of the general detectors, less what a phrase rule has found at the same place.

    Words in someone's quoted speech are kept as their voice (info); words quoted to talk
    about them are a mention and are left out, as for phrase rules. `words` is where the
    trigger words of the label and exploitation detectors stand, as the phrase matcher found
    them; without it they are looked for here, once for both.
    """
    out: list[Finding] = []
    taken = sorted((f.start, f.end) for f in found)
    starts = [start for start, _ in taken]
    quote_starts = None
    for rule, function in general:
        if rule.detector == "unexplained-acronym":
            spans = function(text, _listed_acronyms(engine))
        else:
            if words is None:
                words = detectors.trigger_words(text, folded)
            spans = function(text, words)
        for start, end in spans:
            if _overlaps(taken, starts, start, end):
                continue
            if quotes is None:
                quotes = context.find_quotes(text) if _may_have_quotes(text) else []
            if quote_starts is None:
                quote_starts = [q.start for q in quotes]
            quote = _quote_at(quotes, quote_starts, start, end) if quotes else None
            if quote is not None and quote.mention:
                continue
            if quote is not None and quote.speech:
                out.append(Finding(start, end, text[start:end], rule.id, rule.category, "info", _QUOTED_MESSAGE, (), rule.guidance, True))
            else:
                out.append(_finding(rule, text, start, end))
            k = bisect.bisect_left(starts, start)
            starts.insert(k, start)
            taken.insert(k, (start, end))
    return out


def _quote_at(quotes: list[context.Quote], quote_starts: list[int], start: int, end: int) -> context.Quote | None:
    """The quotation around start:end, found by bisection (quotations do not overlap one another)."""
    k = bisect.bisect_left(quote_starts, start) - 1
    if k >= 0 and end <= quotes[k].end:
        return quotes[k]
    return None


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does start:end overlap any of the spans in taken (sorted by start; starts is their starts)?"""
    k = bisect.bisect_left(starts, end)
    while k > 0:
        k -= 1
        s, e = taken[k]
        if e > start:
            return True
        if s < start - 1000:  # findings are short (a quotation at most 600 characters); none starting this far back can reach
            return False
    return False


# -------------------------------------------------------------------- scare quotes in a frame

# Words of a person's account, or of a relationship they name, that quotation marks put in doubt.
_ACCOUNT_WORDS = frozenset(
    """girlfriend girlfriends boyfriend boyfriends partner partners friend friends mate mates uncle uncles auntie aunty aunt
    cousin cousins fiance fiancé fiancee fiancée husband wife family carer disclosure disclosures account accounts version
    story stories explanation explanations allegation allegations complaint complaints memory memories recollection excuse
    excuses reason reasons worry worries concern concerns fear fears feelings experience experiences side injury injuries
    bruise bruises illness symptoms condition diagnosis""".split()
)
_CLAIM_WORDS = frozenset(
    """fine ok okay poorly sober clean asleep busy working away accident fell fall tripped slipped bumped banged walked
    at with staying visiting forgot forgotten lost stolen borrowed revising studying""".split()
)
# she said she was 'ill', he told staff he had been 'at his nan's': a short quotation inside reported (indirect) speech
_INDIRECT_SPEECH_BEFORE = re.compile(
    r"""(?<![\w'’])(?:said|says|say|told\s+[\w'’]+|tells\s+[\w'’]+|claimed|claims|reported|reports|stated|states|explained|explains|insisted|insists|
    maintains|maintained|alleged|alleges|described|describes)\s+(?:that\s+)?(?:she|he|they|it|her\s+[\w'’]+|his\s+[\w'’]+|their\s+[\w'’]+)\s+
    (?:was|is|were|are|had|has|have|felt|feels|feel|could|couldn['’]t|wasn['’]t|isn['’]t|did|didn['’]t|would|will|needed|needs|went|goes)
    (?:\s+(?:a|an|the|very|too|not|feeling|got|been|be|just|only|really|quite|so|at|in|with|to|having|going|seen|seeing))*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_POSSESSIVE_BEFORE = re.compile(r"(?<![\w'’])(?:her|his|their|[A-Za-z][\w\-]*['’]s?)\s*$", re.IGNORECASE)
# advice that names a word: "calling him her ‘boyfriend’", "referring to the child's ‘disclosure’"
_NAMING_VERB_BEFORE = re.compile(
    r"(?<![\w'’])(?:call|calls|calling|called|name|names|naming|named|label|labels|labelling|labelled|refer|refers|referring|referred|term|terms|termed)(?![\w'’])[^.;:]{0,30}$",
    re.IGNORECASE,
)
_FIRST_PERSON_INSIDE = re.compile(r"(?<![\w'’])(?:i|i['’]m|i['’]ve|i['’]d|me|my|we|our|us)(?![\w'’])", re.IGNORECASE)


def _doubting_frame(text: str, quote: context.Quote, words: list[str] | None = None) -> bool:
    """Scare quotes picking out a word of someone's account ("she said she was 'ill'", "his 'girlfriend'", "the child's 'disclosure'").

    Short (one to three words), not a title, not the person's own first-person words, and
    either inside reported speech or after a possessive or article with an account or
    relationship word. These count even where a speech verb is near, which otherwise
    marks a quotation as the person's own words.
    """
    inner = text[quote.start + 1 : quote.end - 1]
    if words is None:
        words = context.words_in(inner)
    if not 1 <= len(words) <= 3 or any(w[:1].isupper() for w in words):
        return False  # (with a capital) a title, a name or a label on a button: 'Words Matter', 'Save'
    if _CODE_LIKE.search(inner) or _FIRST_PERSON_INSIDE.search(inner):
        return False
    left = text[max(0, quote.start - 80) : quote.start]
    stop = max(left.rfind(". "), left.rfind("\n"), left.rfind(":"), left.rfind(";"))
    left = left[stop + 1 :]
    if _INDIRECT_SPEECH_BEFORE.search(left):
        # a condition or a claim about where they were or what happened, not a feeling in a child's own words ("scared of Daddy")
        return any(w.lower() in _CONDITION_WORDS or w.lower() in _CLAIM_WORDS for w in words)
    if any(w.lower().replace("’", "'") in _ACCOUNT_WORDS for w in words) and _POSSESSIVE_BEFORE.search(left):
        return not _NAMING_VERB_BEFORE.search(left) and not context.naming_frame_before(text, quote.start)
    return False
