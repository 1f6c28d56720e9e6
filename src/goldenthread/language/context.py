"""Context around a candidate match: sentences, negation, who the words are about, quotations.

These checks run only at the few places the pre-filter finds, so they may be
written plainly in Python rather than squeezed into one regular expression.
"""

from __future__ import annotations

import re

from .lexicon import ADULT, CHILD, CONDUCT, PERSON, PRONOUN

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_SENTENCE_END = re.compile(r"""[.!?…]["”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])|[.!?]["”’)\]]*\s*\n|\n\s*\n|\n(?=\s*[-•*\d])|\n(?=[A-Z])""")
_WINDOW = 320


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence that contains text[start:end], looked for within a few hundred characters.

    A sentence ends at . ! ? followed by a space or a line end, or at a line break.
    Plain string searches keep this cheap; it runs at every candidate.
    """
    lo = max(0, start - _WINDOW)
    before = text[lo:start]
    left = max(
        before.rfind(". "),
        before.rfind("? "),
        before.rfind("! "),
        before.rfind(".\u201d "),
        before.rfind('." '),
    )
    newline = before.rfind("\n")
    if left != -1:
        left += lo + 2
        while left < start and text[left] in '\u201d"’) ':
            left += 1
    sentence_start = max(left, newline + lo + 1 if newline != -1 else -1)
    if sentence_start == -1:
        if lo == 0:
            sentence_start = 0
        else:
            space = before.find(" ")
            sentence_start = space + lo + 1 if space >= 0 else lo
    hi = min(len(text), end + _WINDOW)
    after = text[end:hi]
    sentence_end = len(after)
    for stop in (after.find(". "), after.find("? "), after.find("! ")):
        if stop != -1 and stop + 1 < sentence_end:
            sentence_end = stop + 1
    newline = after.find("\n")
    if newline != -1 and newline < sentence_end:
        sentence_end = newline
    sentence_end += end
    return sentence_start, sentence_end


def words_before(text: str, sentence_start: int, start: int, limit: int = 8) -> list[str]:
    """Up to `limit` words before `start` in the same clause, nearest last."""
    left = text[max(sentence_start, start - 120) : start]
    # a clause break (semicolon, dash, colon) ends what may be said about the subject
    cut = max(left.rfind(";"), left.rfind(" – "), left.rfind(" — "), left.rfind(":"))
    if cut >= 0:
        left = left[cut + 1 :]
    return _WORD.findall(left)[-limit:]


def words_after(text: str, end: int, sentence_end: int, limit: int = 4) -> list[str]:
    right = text[end : min(sentence_end, end + 60)]
    stop = re.search(r"[.,;:!?()]", right)
    if stop:
        right = right[: stop.start()]
    return _WORD.findall(right)[:limit]


_NEGATIONS = frozenset(
    """not never no nor without isn't wasn't aren't weren't don't doesn't didn't cannot can't
    won't hasn't haven't hadn't isn’t wasn’t aren’t weren’t don’t doesn’t didn’t can’t won’t
    hasn’t haven’t hadn’t""".split()
)


# Any negation word at all in the stretch before a match (one search in C); most have none.
_NEGATION_HINT = re.compile(r"(?<![\w'’])(?:not?|nor|never|without|cannot)(?![\w'’])|n['’]t(?![\w'’])", re.IGNORECASE)


def is_negated(text: str, sentence_start: int, start: int) -> bool:
    """A negation among the three words before the match changes what it says."""
    if _NEGATION_HINT.search(text, max(sentence_start, start - 120), start) is None:
        return False
    return any(w.lower() in _NEGATIONS for w in words_before(text, sentence_start, start, 3))


def _bare(word: str) -> str:
    """The word without a possessive or contraction: mother's -> mother, I've -> i."""
    word = word.lower().replace("’", "'")
    head, apostrophe, tail = word.partition("'")
    if apostrophe and tail in ("", "s", "ve", "ll", "d", "re", "m"):
        return head
    return word


# Words that may stand between a subject and its verb: "she has also repeatedly claimed".
_BETWEEN_SUBJECT_AND_VERB = frozenset(
    """also still now then later repeatedly again further has had have who that continues
    continued to strongly firmly vehemently just even initially previously originally
    always often sometimes frequently consistently openly herself himself themselves
    would will may might could can does did do is was are were being been""".split()
)

_NOT_A_NAME = frozenset(
    """the a an this that it there these those police court judge council authority
    report recording record document letter statement application appeal school
    hospital service services team agency and but so however although when while if
    as then later apparently claimant claimants applicant applicants respondent
    respondents appellant appellants defendant defendants prosecution prosecutor
    prosecutors crown petitioner petitioners complainant complainants plaintiff
    plaintiffs counsel tribunal trust firm company government ministry department""".split()
)


def person_subject(text: str, sentence_start: int, start: int) -> bool:
    """Is the word at `start` said by or of a person (he claims, the mother alleged, M insisted)?"""
    words = words_before(text, sentence_start, start, 6)
    for word in reversed(words):
        bare = _bare(word)
        if bare in _BETWEEN_SUBJECT_AND_VERB:
            continue
        if bare in PRONOUN or bare in PERSON:
            return True
        return _looks_like_name(word)
    return False


def _looks_like_name(word: str) -> bool:
    """A capitalised word that may name a person: Sam, M, AA, Mrs (not The, Costs, Police)."""
    if not word[0].isupper() or _bare(word) in _NOT_A_NAME:
        return False
    if len(word) <= 3 or word.isupper():
        return True
    return not (word.endswith("s") and not word.endswith("ss"))


def child_subject(text: str, sentence_start: int, start: int) -> bool:
    """Is the nearest person named before `start` a child (the toddlers who did not attend, not the mother who did not attend)?"""
    words = words_before(text, sentence_start, start, 12)
    for word in reversed(words):
        bare = _bare(word)
        if bare in CHILD:
            return True
        if bare in ADULT or bare in PRONOUN:
            return False
    return False


_COPULA_BEFORE = re.compile(
    r"""(?<![\w'’])(?:is|are|was|were|am|be|been|being|become|became|becomes|becoming|seem|seems|seemed|
    appear|appears|appeared|get|gets|got|getting|remain|remains|remained|look|looks|looked|
    ['’]s|['’]re|['’]m|isn['’]t|wasn['’]t)\s+
    (?:(?:so|very|quite|too|really|extremely|increasingly|often|always|sometimes|frequently|can|could|
    more|most|highly|particularly|rather|incredibly|deliberately|overly|just|also|still|a\s+bit|
    a\s+little|somewhat|being|again|verbally|physically|emotionally|generally|usually|described\s+as|
    seen\s+as|known\s+as|known\s+to\s+be|considered|thought\s+to\s+be)\s+)*
    (?P<article>(?:such\s+)?an?\s+(?:(?:real|total|complete|right|little|proper|very|bit\s+of\s+a)\s+)?)?
    (?:[a-z\-]+,\s+)*(?:[a-z\-]+,?\s+(?:and|or|but|and\s+then)\s+)?$""",
    re.IGNORECASE | re.VERBOSE,
)

_BEFORE_COPULA_SKIP = frozenset(
    """can could will would may might must should has have had been often sometimes also still
    now then usually always generally frequently occasionally really""".split()
)


def describes_person(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> bool:
    """Is the adjective at start:end said of a person or their conduct?

    True for "she is aggressive", "the boys were loud, aggressive and rude", "an aggressive
    boy", "a "volatile" relationship"; false for "aggressive treatment", "violent crime",
    or "the roadworks were disruptive".
    """
    following = words_after(text, end, sentence_end, 3)
    for word in following:
        bare = _bare(word)
        if bare in PERSON or bare in CONDUCT:
            return True
        if bare not in _ADJECTIVE_LINKS and not bare.endswith(("ive", "ful", "ent", "ant", "ous", "ing", "al", "ile")):
            break
    left_start = max(sentence_start, start - 100)
    copula = _COPULA_BEFORE.search(text, left_start, start)
    if not copula:
        return False
    if copula.group("article") and following and text[end : end + 1] == " ":
        return False  # "was a dramatic fall": the word describes the noun that follows
    return _subject_is_person(words_before(text, sentence_start, copula.start(), 6))


def _subject_is_person(words: list[str]) -> bool:
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        bare = _bare(word)
        if bare in _BEFORE_COPULA_SKIP:
            continue
        if bare in PRONOUN or bare in PERSON or bare in CONDUCT or bare in ("who", "that"):
            return True
        if bare in ("and", "but"):
            # a second verb of the same subject: "the boy has ADHD and is disruptive"
            return any(_bare(w) in PRONOUN or _bare(w) in PERSON for w in words[:k])
        return _looks_like_name(word)
    return False


_ADJECTIVE_LINKS = frozenset("and or and/or very quite so".split())


_PASSIVE_BEFORE = re.compile(r"(?<![\w'’])(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


_FIRST_WORD = re.compile(r"[\w'’]+")


def not_passive(text: str, sentence_start: int, start: int) -> bool:
    """False for a passive use ("was refused permission"): the person is not the one refusing.

    "is refusing" after a form of "be" is the same person acting, in another tense, not a passive.
    """
    first = _FIRST_WORD.match(text, start)
    if first is not None and first.group().lower().endswith("ing"):
        return True
    return not _PASSIVE_BEFORE.search(text[max(sentence_start, start - 40) : start])


# ---------------------------------------------------------------------------- quotations


class Quote:
    """A stretch in quotation marks; `start` is the opening mark, `end` is after the closing one.

    Whether it is someone's reported speech (keep it) or scare quotes and named terms
    is worked out only when asked, since most quotations never need it.
    """

    __slots__ = ("start", "end", "_text", "_speech", "_mention")

    def __init__(self, text: str, start: int, end: int):
        self.start, self.end, self._text, self._speech, self._mention = start, end, text, None, None

    @property
    def speech(self) -> bool:
        if self._speech is None:
            self._speech = _is_speech(self._text, self.start, self.end)
        return self._speech

    @property
    def mention(self) -> bool:
        """Words quoted in order to talk about them (the word ‘absconded’ suggests…), not used."""
        if self._mention is None:
            self._mention = is_mention(self._text, self.start, self.end)
        return self._mention

    def __repr__(self) -> str:
        return f"Quote({self.start}, {self.end}, {self._text[self.start : self.end]!r})"


QUOTE_CHARS = "\"“”‘’'«»"

# Regular expressions in C find the quoted stretches, one per kind of mark, so that
# each can skip ahead to its opening mark. A single quote opens only where a word
# starts and closes only where one ends, so apostrophes (don’t, Nan's, parents’) are
# left alone; a blank line ends any quotation.
_QUOTE_KINDS = (
    ("“", re.compile(r"“(?:[^“”\n]|\n(?![ \t]*\n)){1,600}?”")),
    ("«", re.compile(r"«[^«»\n]{1,600}?»")),
    ('"', re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n)){1,600}?"')),
    ("‘", re.compile(r"‘(?<!\w‘)(?=[\w“\"(\[])(?:[^‘’\n]|’(?=\w)){1,300}?’(?!\w)")),
    ("'", re.compile(r"'(?<!\w')(?=[\w“\"(\[])(?:[^'\n]|'(?=\w)){1,300}?'(?!\w)")),
)


def find_quotes(text: str) -> list[Quote]:
    """Quoted stretches in order; an inner quotation is part of the outer one.

    The earliest opening mark that pairs up wins and the search goes on after its
    closing mark, as one alternation would, but each kind is searched only if its
    mark is in the text at all.
    """
    kinds = [regex for mark, regex in _QUOTE_KINDS if mark in text]
    if not kinds:
        return []
    quotes: list[Quote] = []
    pos = 0
    pending = [regex.search(text, 0) for regex in kinds]
    while True:
        best = None
        for k, m in enumerate(pending):
            if m is not None and m.start() < pos:
                m = pending[k] = kinds[k].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return quotes
        quotes.append(Quote(text, best.start(), best.end()))
        pos = best.end()


_SPEECH_VERBS = (
    r"said|says|say|saying|told|tells|tell|telling|stated|states|explained|explains|asked|asks|"
    r"replied|replies|shouted|shouts|yelled|screamed|whispered|wrote|writes|written|added|adds|commented|"
    r"recalled|disclosed|discloses|shared|expressed|answered|cried|sobbed|called|calls|described|"
    r"describes|remarked|insisted|claimed|alleged|declared|announced|muttered|begged|pleaded|"
    r"words|quote|quoted|message|texted|posted|sang|continued|urged|warned|admitted|agreed|"
    r"suggested|argued|responded|complained|put it|went on|heard|thought|felt|feels|wants|wanted|"
    r"asking|shouting|screaming|repeating|repeated|chanted|chanting"
)
_SPEECH_BEFORE = re.compile(rf"(?<![\w])(?:{_SPEECH_VERBS})(?![\w])", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^[,.!?…]?\s*(?:[\w'’]+\s+){{0,3}}(?:{_SPEECH_VERBS})(?![\w])", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:i|i['’]m|i['’]ve|i['’]ll|i['’]d|me|my|mine|we|us|our|you|your)(?![\w'’])", re.IGNORECASE)
_NAMING_BEFORE = re.compile(
    r"(?:diagnosed\s+with|diagnosis\s+of|known\s+as|called|named|termed|labelled|labeled|titled|"
    r"entitled|described\s+as|referred\s+to\s+as|so[\s\-]called|the\s+(?:word|words|term|terms|phrase|label)|"
    r"means|meaning|heading|headed|marked)\s*$",
    re.IGNORECASE,
)


def _is_speech(text: str, start: int, end: int) -> bool:
    """Reported speech (keep it) as against scare quotes or a named term."""
    inner = text[start + 1 : end - 1]
    words = _WORD.findall(inner)
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    left = text[sentence_start:start]
    chain = _CHAIN_BEFORE.search(left)
    if chain is not None:  # ‘one’ or ‘another’: a quotation joined to the one before shares its lead-in
        left = left[: chain.start()]
    stripped = left.rstrip()
    if stripped.endswith((":", ",")) and len(words) >= 1:
        return True
    if _NAMING_BEFORE.search(stripped):
        return False
    if _SPEECH_BEFORE.search(left[-90:]):
        return True
    if _SPEECH_AFTER.search(text[end : min(sentence_end + 1, end + 60)]):
        return True
    if _FIRST_PERSON.search(inner):
        return True
    if len(words) >= 8:
        return True
    return not stripped and len(words) >= 3


# Mention, not use: a word or phrase in quotation marks that the sentence talks about, as
# advice, a glossary or a guide does ("the word ‘placement’", "‘Abscond’ is criminal-justice
# language", "Words like ‘naughty’ or ‘rude’ judge the child"). The frames are narrow on
# purpose: casework that puts a label in quotation marks ("he ‘absconded’ again", "her
# ‘back pain’") is still a use, and is still flagged.
_A_QUOTE = r"""(?:[‘“"'][^‘’“”"\n]{1,80}?[’”"'])"""
_CHAIN_BEFORE = re.compile(rf"(?:{_A_QUOTE}\s*(?:,\s*(?:or|and)?|or|and|/)\s*)+$", re.IGNORECASE)
_CHAIN_AFTER = re.compile(rf"(?:\s*\([^()\n]{{1,60}}\)|\s*(?:,\s*(?:or|and)?|or|and|/)\s*{_A_QUOTE})+", re.IGNORECASE)
_MENTION_BEFORE = re.compile(
    r"""(?:(?<![\w'’])(?:the|this|that|these|those|a|an|such)\s+(?:[\w\-]+\s+)?
        (?:word|words|term|terms|phrase|phrases|label|labels|expression|expressions)
        (?:\s+(?:like|such\s+as|of|for))?
    |(?<![\w'’])(?:words|terms|phrases|labels|expressions)\s+(?:like|such\s+as)
    |(?<![\w'’])(?:instead\s+of|rather\s+than|in\s+place\s+of)
    |^(?:calling|naming|describing|labelling|labeling|saying)(?:\s+[\w'’\-]+){0,5}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_MENTION_AFTER = re.compile(
    r"""\s+(?:(?:is|are|was|were)\s+(?:(?:a|an|the|not|only|just|also)\s+)*(?:[\w\-]+\s+){0,3}?
        (?:word|words|term|terms|phrase|phrases|label|labels|slang|jargon|shorthand|language|reference|
        acronym|acronyms|abbreviation|euphemism|name|names|verdict|judgement|judgment)(?![\w\-])
    |(?:(?:can|may|often|also|still|usually|too\s+easily)\s+)?
        (?:suggests?|tells?|implies|imply|labels?|treats?|reads?|names?|turns?|fixes|fix|blames?|judges?|hides?|
        sounds?|puts?|presents?|defines?|describes?|frames?|assumes?|locates?|signals?|distances?|brands?|
        dismiss(?:es)?|carry|carries|groups?|casts?|reduces?|paints?|implies|stigmatises?|stigmatizes?)(?![\w\-])
    |(?:(?:can|may|often|also)\s+)?makes?\s+[^.;:!?]{0,60}?(?<![\w\-])(?:sound|seem|feel|identity)(?![\w\-])
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def is_mention(text: str, start: int, end: int) -> bool:
    """Is the quotation at text[start:end] a word or phrase named in order to talk about it?

    Three shapes, each narrow: a frame before it ("the word ‘…’", "words like ‘…’",
    "instead of ‘…’", a sentence that begins "Calling someone ‘…’"); the quotation as the
    subject of a sentence about words ("‘Abscond’ is criminal-justice language", "‘Needy’
    or ‘clingy’ makes a need sound like a fault"); or an entry at the start of a line
    followed by a colon ("‘absconded’: this word suggests…"). Quotations joined by "or",
    "and" or a comma share their frame.
    """
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    left = text[sentence_start:start]
    chain = _CHAIN_BEFORE.search(left)
    if chain is not None:
        left = left[: chain.start()]
    cut = max(left.rfind(":"), left.rfind(";"), left.rfind(" – "), left.rfind(" — "))
    lead = left[cut + 1 :].strip().lstrip("-•*–— \t")  # a clause break starts what is said afresh
    if lead and _MENTION_BEFORE.search(lead):
        return True
    if lead:
        return False
    right = text[end : min(len(text), max(sentence_end, end) + 1)]
    chained = _CHAIN_AFTER.match(right)
    if chained is not None:
        right = right[chained.end() :]
    if right.startswith(":") and _starts_a_line(text, start):
        return True
    return _MENTION_AFTER.match(right) is not None


def _starts_a_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t-•*–—")


def quote_around(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.start < start and end <= quote.end:
            return quote
        if quote.start > start:
            break
    return None


def naming_frame_before(text: str, start: int) -> bool:
    return bool(_NAMING_BEFORE.search(text[max(0, start - 40) : start].rstrip()))


def words_in(text: str) -> list[str]:
    return _WORD.findall(text)
