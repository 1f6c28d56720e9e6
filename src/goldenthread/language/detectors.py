"""General detectors: findings that come from code where a list of phrases cannot keep up.

Each detector is a pure function from text to the spans it finds, (start, end) pairs in
order. The engine turns the spans into findings with the message of the rule entry that
names the detector (`detector = "..."` in a rules file), and leaves out spans that a
phrase rule has already found or that sit in someone's quoted words.

- unexplained_acronyms: a practice acronym used before it is spelled out ("The EHCP
  review", not "Education, Health and Care Plan (EHCP)"), unless everyone knows it
  (data/known_acronyms.txt: NHS, GP, UK).
- person_labels: a person described by a label ("an erratic mother", "she is a
  nightmare", "the mother is unstable"); the same word about a thing passes ("an
  unstable shelf"). The words are in data/person_labels.txt; words that a phrase rule
  of their own finds ("volatile", "aggressive", "addict") are left to that rule.
- exploited_child_agent: a child made the agent of their own exploitation ("she keeps
  putting herself in risky situations", "he chose to go with older males", "her
  boyfriend, who is 24"); sentences that name the abuser as the agent pass.

Every detector first makes a cheap pass in C (string searches over a mask of the capital
letters; one Aho-Corasick pass for the trigger words of the other two) and then looks
only near what it found, so that long archives stay fast: about a twentieth of a
millisecond for a 1,000-word note.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .lexicon import ADULT, CHILD, PERSON

Span = tuple[int, int]


def _data_lines(name: str) -> list[str]:
    path = resources.files("goldenthread.language") / "data" / name
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


# ------------------------------------------------------------------------ acronyms


@lru_cache(maxsize=1)
def known_acronyms() -> frozenset[str]:
    """Acronyms everyone knows (NHS, GP, UK), from data/known_acronyms.txt."""
    return frozenset(_data_lines("known_acronyms.txt"))


# 2-6 capital letters (digits and & allowed after the first letter, with at least two
# capitals), or a section number (S47); a plural or possessive s may follow. A token
# joined to other characters by - / . _ is part of a code or an address and is left alone.
_CAPITAL_RUN = re.compile(rb"A[A0&]+")
_CAPITALS_MASK = bytes(65 if 65 <= b <= 90 else 48 if 48 <= b <= 57 else 38 if b == 38 else 32 for b in range(256))
_SECTION = re.compile(r"S\d{2,3}")
_BAD_BEFORE = frozenset("&/\\.-@#_")
_BAD_AFTER = frozenset("&/\\-@_")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_POSTCODE_INWARD = re.compile(r"\s\d[A-Z]{2}(?![\w])")
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s?$")
_NAME_AFTER = re.compile(r"\s[A-Z][a-z]")
_SPELLED_AFTER = re.compile(r"\s*(?:\(\s*(?P<words>[A-Za-z][^()\n]{3,120})\)|[,–—-]\s*(?:the\s+|a\s+|an\s+)?(?P<dash>[A-Za-z][^,()\n]{3,120}))")
_MEANS_AFTER = re.compile(r"\s+(?:\(?\s*)?(?:stands\s+for|is\s+short\s+for|means|meaning)\b", re.IGNORECASE)
_LINE_WORDS = re.compile(r"[A-Za-z][A-Za-z&'’]*")
_PSEUDONYM_BEFORE = re.compile(r"\b(?:Child|Baby|Infant|Adult|Person|Family|Sibling|Patient|Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+$")
_SMALL_WORDS = frozenset("and of the for in on to at a an or with by".split())


def unexplained_acronyms(text: str, listed: frozenset[str] = frozenset(), known: frozenset[str] | None = None) -> list[Span]:
    """The first use of each acronym that is neither spelled out before it nor known to everyone.

    `listed` holds the acronyms that a rule of their own already finds (CP, EHCP, CAMHS):
    they are left to that rule. An acronym is spelled out by its words in brackets or
    after a dash straight after it ("CAMHS (Child and Adolescent Mental Health
    Services)"), or by coming in brackets after its words ("Section 47 (S47)"); after
    that it may be used freely. Roman numerals, units after a number, initials before a
    name ("JK Rowling"), postcodes and lines written all in capitals are not acronyms.
    """
    known = known_acronyms() if known is None else known
    # Capitals become "A", digits "0", & itself, anything else a space: two capitals side by
    # side (or a section number, "S47") are then found by plain string searches in C.
    mask = text.encode("ascii", "replace").translate(_CAPITALS_MASK)
    if mask.find(b"AA") == -1 and mask.find(b"A&A") == -1 and mask.find(b"A00") == -1:
        return []
    seen: set[str] = set()
    found: list[Span] = []
    n = len(text)
    for m in _CAPITAL_RUN.finditer(mask):
        start, end = m.span()
        token = text[start:end]
        if token in seen:
            continue
        if len(token) > 6 or token in known or token in listed:
            seen.add(token)
            continue
        if start and (text[start - 1].isalnum() or text[start - 1] in _BAD_BEFORE):
            continue
        if sum(1 for ch in token if ch.isupper()) < 2 and _SECTION.fullmatch(token) is None:
            continue  # A4, M25, Y9: a size, a road or a year group
        tail = ""
        if text.startswith("s", end):
            tail = "s"
        elif text.startswith(("'s", "’s"), end):
            tail = text[end : end + 2]
        after = end + len(tail)
        if after < n and (text[after].isalnum() or text[after] in _BAD_AFTER or (text[after] == "." and after + 1 < n and text[after + 1].isalnum())):
            continue
        if (tail == "s" and token + "s" in known) or (token + tail) in listed:
            continue
        if _ROMAN.fullmatch(token) is not None or _not_an_acronym_here(text, token, start, end):
            continue  # a heading or a unit here; a later use may still need explaining
        seen.add(token)  # only the first use of each is found
        if _spelled_out_here(text, token, start, after):
            continue
        found.append((start, after))
    return found


def _not_an_acronym_here(text: str, token: str, start: int, end: int) -> bool:
    if any(ch.isdigit() for ch in token) and _POSTCODE_INWARD.match(text, end):
        return True  # a postcode: LS1 4AP
    if _NUMBER_BEFORE.search(text, max(0, start - 12), start):
        return True  # a unit or a code after a number: 20 MB, 3 KG, 2 PM
    if len(token) == 2 and _NAME_AFTER.match(text, end):
        return True  # initials before a name: JK Rowling
    if len(token) <= 3 and _PSEUDONYM_BEFORE.search(text, max(0, start - 16), start):
        return True  # a person named by letters, as reviews anonymise them: "Child BR", "Baby T", "Mr AB"
    if len(token) <= 3 and _ACTS_AFTER.match(text, end) and not _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
        return True  # a person's initials, as records anonymise names: "AB said", "KL's mother" (but "the EP said" is a role)
    if _is_english_word(token):
        return True  # a word in capitals for emphasis: she did NOT attend, URGENT
    if _in_a_run_of_groups(text, start, end):
        return True  # one group of a key typed in groups: "6WSF V5RG H7OJ"
    beside = _CAPITALS_AFTER.match(text, end) or _CAPITALS_BEFORE.search(text, max(0, start - 20), start)
    if beside is not None and beside.group().strip() not in known_acronyms():
        return True  # a name or a heading in capitals: PRIYA PATEL, SECTION TWO (but not "the NHS DBS team")
    return _shouting(text, start, end)


# Short words often written in capitals for emphasis, and a dictionary for longer ones.
_EMPHASIS = frozenset(
    """NO NOT OR IF IS IT TO DO GO SO UP ON IN AT BY OF ME MY WE US HE AN BE AS OH HI ALL AND ARE BUT CAN DID HAS
    HAD HER HIS ITS MAY NEW NOW OFF OUR OUT SHE THE WAS WHO WHY YES YOU ANY ONE TWO""".split()
)
_ACTS_AFTER = re.compile(
    r"(?:['’]s(?![\w'’])|\s+(?:said|says|told|tells|is|was|has|had|and|went|goes|came|comes|lives|lived|attends|attended|wants|wanted|"
    r"likes|liked|feels|felt|explained|shared|asked|reported|stated|did|does|will|would|can|could)(?![\w'’]))"
)
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’])(?:the|a|an|her|his|their|my|your|our|this|that|its|any|each|every|no)\s+$", re.IGNORECASE)
_CAPITALS_AFTER = re.compile(r"[ \t]+[A-Z]{2,}(?![\w&])")
_CAPITALS_BEFORE = re.compile(r"(?<![\w&])[A-Z]{2,}[ \t]+$")
# three or more groups of capitals and digits in a row: a key or a code typed in groups ("6WSF V5RG H7OJ")
_GROUP_RUN = re.compile(r"(?<![\w&])(?:[A-Z0-9]{2,}[ \t]+){2,}[A-Z0-9]{2,}(?![\w&])")


@lru_cache(maxsize=1)
def _lemmas():
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return getAllLemmas


def _is_english_word(token: str) -> bool:
    if token in _EMPHASIS:
        return True
    if len(token) < 3 or not token.isalpha():
        return False
    lemmas = _lemmas()
    return bool(lemmas(token.lower())) if lemmas is not None else False


def _shouting(text: str, start: int, end: int) -> bool:
    """Is the line written all (or mostly) in capitals, as a heading or a shout is?"""
    line_start = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    line_end = text.find("\n", end, end + 80)
    words = _LINE_WORDS.findall(text, line_start, line_end if line_end != -1 else min(len(text), end + 80))
    known = known_acronyms()
    capitals = sum(1 for w in words if len(w) > 1 and w.isupper() and w not in known)
    return capitals >= 2 and capitals >= len(words) - capitals


def _in_a_run_of_groups(text: str, start: int, end: int) -> bool:
    offset = max(0, start - 80)
    for m in _GROUP_RUN.finditer(text, offset, min(len(text), end + 80)):
        if m.start() <= start and end <= m.end():
            return True
    return False


def _spelled_out_here(text: str, token: str, start: int, end: int) -> bool:
    """Is the acronym explained where it stands: "(CAMHS)" after its words, or its words after it?"""
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return len(re.findall(r"[A-Za-z][\w'’\-]*", text[max(0, start - 120) : start - 1])) >= 2
    if text[start - 1 : start] == "(" and _initials_before(text, start - 1, token):
        return True  # "the Department of Children and Families (DCF or department)"
    after = _SPELLED_AFTER.match(text, end)
    if after is not None:
        words = re.findall(r"[A-Za-z][\w'’\-]*", after.group("words") or after.group("dash") or "")
        initials = "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS)
        letters = "".join(ch for ch in token if ch.isalpha())
        if initials.startswith(letters[:2]) or (len(letters) > 1 and _subsequence(letters, initials)):
            return True
    return _MEANS_AFTER.match(text, end) is not None


def _initials_before(text: str, bracket: int, token: str) -> bool:
    """Do the words just before a bracket start with the acronym's letters, in order?"""
    letters = "".join(ch for ch in token if ch.isalpha())
    words = re.findall(r"[A-Za-z][\w'’\-]*", text[max(0, bracket - 120) : bracket])
    initials = "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS)
    return len(letters) > 1 and initials.endswith(letters[-1]) and _subsequence(letters, initials[-3 * len(letters) :])


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


# ------------------------------------------------------------------------ person labels


@lru_cache(maxsize=1)
def person_label_words() -> tuple[frozenset[str], frozenset[str]]:
    """(adjectives, nouns) that label a person, from data/person_labels.txt."""
    adjectives, nouns = set(), set()
    for line in _data_lines("person_labels.txt"):
        *words, kind = line.split()
        (adjectives if kind == "adj" else nouns).add(" ".join(words).lower())
    return frozenset(adjectives), frozenset(nouns)


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\-\s]?") for w in sorted(words, key=len, reverse=True))


_PERSON_NOUNS = sorted(
    PERSON | {"case", "character", "customer", "couple", "lad", "lass", "guy", "bloke", "student", "students", "kid", "kids"}, key=len, reverse=True
)
_PERSON_NOUN = r"(?:young\s+(?:person|people)|" + "|".join(_PERSON_NOUNS) + r")"
_INTENSIFIER = (
    r"(?:so|very|quite|too|really|extremely|increasingly|often|always|sometimes|frequently|more|most|highly|particularly|rather|incredibly|"
    r"overly|just|also|still|a\s+bit|a\s+little|somewhat|being|again|verbally|generally|usually|totally|completely|utterly|such|pretty)"
)
_NOUN_ADJECTIVE = r"(?:real|total|complete|right|little|proper|bit\s+of\s+a|absolute|known|persistent|constant|big)"
_COPULA = (
    r"(?:is|are|was|were|am|be|been|being|seems|seemed|seem|appears|appeared|appear|became|becomes|become|remains|remained|"
    r"described\s+as|seen\s+as|known\s+as|presents\s+as|presented\s+as|considered|thought\s+to\s+be)"
)
_BETWEEN = r"(?:also|still|often|always|sometimes|can|could|will|would|may|might|has|have|had|generally|usually|frequently|now|then|really)"
_MEDICAL_BEFORE = re.compile(
    r"(?:clinically|medically|haemodynamically|hemodynamically|physically|financially|structurally|emotionally|mentally)\s+$", re.IGNORECASE
)
_FOLLOW_OK = frozenset(
    """and but or when with at in around towards toward during since so because if today again now
    recently lately sometimes then while whilst after before as""".split()
)
_NOT_AFTER_LABEL = frozenset("to for on about of".split())
# Capitalised words that open a sentence but are not names: "Housing is unstable."
_NOT_A_SUBJECT = frozenset(
    """it this that there what which everything something nothing anything life work money housing sleep maths
    school home change time food weather traffic contact access funding progress attendance transport reading
    writing english science history things all each both either neither the a an its english spelling
    behaviour weekend week day night tonight today morning evening plan situation internet wifi signal market
    prices price supply ground ice surface road roads path bridge building structure connection wi-fi broadband
    monday tuesday wednesday thursday friday saturday sunday january february march july august
    september october november december christmas easter summer winter spring autumn tomorrow yesterday
    england scotland wales britain ireland london""".split()
)
_NOT_NAME_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ics", "ure", "ism", "ogy")


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(the label word itself, a label before a person noun, the subject and verb before a label)."""
    adjectives, nouns = person_label_words()
    label = re.compile(rf"(?:{_alternation(adjectives | nouns)})(?![\w'’\-])", re.IGNORECASE)
    attributive = re.compile(
        rf"(?:\s*,\s*|\s+and\s+|\s+)(?:(?:young|teenage|single|older|little|old|new|foster|birth|first[\s\-]time|\d+[\s\-]year[\s\-]old)\s+){{0,2}}"
        rf"(?P<noun>{_PERSON_NOUN})(?![\w'’\-])",
        re.IGNORECASE,
    )
    predicate = re.compile(
        rf"(?<![\w'’\-])(?P<subject>[A-Za-z][\w’'\-]*)(?:['’](?:s|re)|,?\s+(?:{_BETWEEN}\s+)*{_COPULA})\s+(?:{_INTENSIFIER}\s+)*"
        rf"(?:(?P<article>an?)\s+(?:{_NOUN_ADJECTIVE}\s+)*)?(?:[a-z\-]+,?\s+(?:and|or|but)\s+)?$",
        re.IGNORECASE,
    )
    return label, attributive, predicate


def person_labels(text: str, words: dict[str, list[int]] | None = None) -> list[Span]:
    """A person described by a label word: "a volatile mother", "she is a nightmare", "Dad is unstable".

    `words` is where each trigger word stands in the text (see trigger_words); it is
    worked out here when not given.
    """
    if words is None:
        words = trigger_words(text)
    starts = sorted({p for w in _LABEL_FIRST_WORDS.intersection(words) for p in words[w]})
    if not starts:
        return []
    label_re, attributive, predicate = _label_patterns()
    adjectives, nouns = person_label_words()
    found: list[Span] = []
    for start in starts:
        m = label_re.match(text, start)
        if m is None:
            continue
        end = m.end()
        label = " ".join(m.group().lower().split())
        if _MEDICAL_BEFORE.search(text, max(0, start - 30), start):
            continue
        if label in adjectives and attributive.match(text, end) is not None:
            found.append((start, end))  # "an erratic mother", "unstable, angry father"
            continue
        left = predicate.search(text, max(0, start - 80), start)
        if left is None:
            continue
        article = left.group("article")
        is_noun = label in nouns and not (label in adjectives and not article)
        if is_noun != bool(article):
            continue  # "she is problem solving"; "she is a difficult ..." (the adjective describes the noun after it)
        if not _is_person_subject(text, left.start("subject"), left.group("subject")):
            continue
        if _label_ends_clause(text, end, is_noun):
            found.append((start, end))
    return found


_NEXT_WORD = re.compile(r"\s*(?:(?P<stop>[.,;:!?)\"”’—–])|(?P<word>[A-Za-z][\w'’\-]*))")


def _label_ends_clause(text: str, end: int, is_noun: bool) -> bool:
    """After "is unstable" comes the end of the clause, not "on her feet" or "to reach"."""
    m = _NEXT_WORD.match(text, end, end + 40)
    if m is None or m.group("stop"):
        return True
    nxt = m.group("word").lower()
    if is_noun:  # "a nightmare to manage", "a handful at bedtime"; not "a failure of the system", "a nightmare fan"
        return nxt != "of" and (nxt in _FOLLOW_OK or nxt in _NOT_AFTER_LABEL or nxt.endswith("ly"))
    if nxt in _NOT_AFTER_LABEL:
        return False  # "unstable on her feet", "difficult to reach"
    return nxt in _FOLLOW_OK or nxt.endswith("ly")


def _is_person_subject(text: str, start: int, word: str) -> bool:
    bare = word.lower().replace("’", "'").split("'")[0]
    if bare in ("he", "she", "they") or bare in PERSON:
        return True
    if bare in ("who", "that"):
        before = re.findall(r"[A-Za-z][\w'’\-]*", text[max(0, start - 40) : start])
        return bool(before) and _is_person_subject(text, start, before[-1]) and before[-1].lower() not in ("who", "that")
    if not word[0].isupper() or bare in _NOT_A_SUBJECT or bare in ADULT:
        return False
    if _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
        return False  # "The Wi-Fi is unstable": a name takes no article
    if bare.endswith(_NOT_NAME_ENDINGS) and len(bare) > 5:
        return False
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return False  # a plural: "Prices are unstable"
    return not _COMMON_CAPITALISED.search(word)


_COMMON_CAPITALISED = re.compile(r"^(?:The|A|An|This|That|These|Those|It|There|Here|What|Which|When|Where|Why|How|If|But|And|So|Our|Your|My|We|You|I)$")


# ------------------------------------------------------------------------ exploitation


_AGE_UNDER_18 = r"(?:[1-9]|1[0-7])"
# Words that show the person written about is a child (a baby, a son or a daughter in the
# sentence shows a parent instead: "her partner is 19 and they have a baby").
_CHILD_WORDS = CHILD - frozenset(
    "baby babies infant infants toddler toddlers newborn newborns son sons daughter daughters twin twins paediatric pediatric".split()
)
_CHILD_CONTEXT = re.compile(
    rf"(?<![\w'’])(?:{'|'.join(sorted(_CHILD_WORDS, key=len, reverse=True))}|young\s+(?:person|people)|in\s+care|looked\s+after|year\s+\d{{1,2}}|"
    rf"{_AGE_UNDER_18}[\s\-]year[\s\-]old|(?:aged|age|at)\s+{_AGE_UNDER_18}(?![\w:.\-])|(?:is|was|now|just)\s+{_AGE_UNDER_18}(?![\w\-])|under[\s\-]?(?:16|18)|underage)(?![\w'’])"
    rf"|[,(]\s*{_AGE_UNDER_18}\s*[,)]",
    re.IGNORECASE,
)
_OLDER = r"(?:older|adult|grown|much\s+older|unknown|strange|local)"
_PEOPLE = r"(?:males|men|man|male|adults|adult|boys|females|women|woman|people|strangers|lads|guys|dealers|gang\s+members)"
_ADULT_AGE = r"(?:1[89]|[2-9]\d)"
_EXPLOIT_WORDS = (
    rf"(?:{_OLDER}\s+{_PEOPLE}|strangers|drugs|county\s+lines|dealers?|trap\s+house|cuckoo|gang|flat|party|parties|"
    rf"cars?|hotel|sex|sexual|images|pictures|photos|nudes|alcohol|money|{_ADULT_AGE}[\s\-]year[\s\-]old)"
)
_REFLEXIVE = r"(?:herself|himself|themselves|themself)"
_CHOICE = r"(?:chose|chooses|choose|choosing|chosen|decided|decides|decide|deciding|opted|opts|opt|opting|agreed|agrees|agree|agreeing|elected|elects|prefers|preferred)"
_ACT = (
    r"(?:go|goes|went|going|meet|meets|met|meeting|see|seeing|visit|visiting|stay|stays|stayed|staying|get|gets|got|getting|sell|sells|sold|selling|"
    r"deal|deals|dealt|dealing|run|runs|ran|running|carry|carries|carried|carrying|hold|holding|move|moving|sleep|sleeping|slept|have|having|"
    r"send|sending|sent|share|sharing|travel|travelling|traveling|return|returning|spend|spending|hang|hanging|associate|associating|be|"
    r"take|taking|use|using|work|working|join|joining|ride|riding|live|living|keep|keeping|continue|continuing)"
)
_DRUGS = r"(?:drugs|crack|heroin|cocaine|cannabis|weed|class\s+a(?:\s+drugs)?|county\s+lines|packages|parcels)"

_AGENT_PATTERNS = [
    # "she chose to go with older males", "he decided to sell drugs": a choice, then an act, then the harm
    re.compile(rf"(?<![\w'’]){_CHOICE}\s+to\s+{_ACT}(?![\w'’])[^.;:!?\n]{{0,80}}?(?<![\w'’]){_EXPLOIT_WORDS}(?![\w'’])", re.IGNORECASE),
    # "she keeps putting herself in risky situations", "he places himself with older males"
    re.compile(
        rf"(?<![\w'’])(?:(?:keeps?|kept|keeping|continues|continued)\s+)?(?:put|puts|putting|place|places|placed|placing)\s+{_REFLEXIVE}\s+"
        rf"(?:(?:in|into|at|with|around)\s+)[^.;:!?\n]{{0,60}}?(?<![\w'’])(?:risk|risky|danger|dangerous|harm|harm's\s+way|situations?|{_EXPLOIT_WORDS})"
        rf"(?:\s+(?:situations?|places?|positions?|company))?(?![\w'’])",
        re.IGNORECASE,
    ),
    # "he went with older males", "she goes off with adult men"
    re.compile(
        rf"(?<![\w'’])(?:go|goes|went|going|gone)\s+(?:off\s+)?with\s+(?:some\s+|the\s+|a\s+group\s+of\s+)?{_OLDER}\s+{_PEOPLE}(?![\w'’])", re.IGNORECASE
    ),
    # "she was selling drugs", "he runs county lines"
    re.compile(
        rf"(?<![\w'’])(?:sell|sells|sold|selling|deal|deals|dealt|dealing|run|runs|ran|running|carry|carries|carried|carrying|supply|supplies|supplied|supplying)\s+"
        rf"(?:(?:the|some|his|her|their)\s+)?{_DRUGS}(?![\w'’])",
        re.IGNORECASE,
    ),
    # "she gets into cars with older men"
    re.compile(
        rf"(?<![\w'’])(?:get|gets|got|getting|gotten|climbs?|climbed|climbing)\s+into\s+(?:cars|vehicles|(?:a|the|their|his|strangers['’]?|men['’]s)\s+(?:car|cars|vehicle|van))"
        rf"(?=[^.;:!?\n]{{0,60}}?(?<![\w'’])(?:{_OLDER}|strangers?|men|males|adults?|{_ADULT_AGE}[\s\-]year[\s\-]old)(?![\w'’]))",
        re.IGNORECASE,
    ),
    # "she has been sleeping with older men", "he had sex with an adult"
    re.compile(
        rf"(?<![\w'’])(?:sleep|sleeps|slept|sleeping|(?:have|has|had|having)\s+sex)\s+with\s+(?:(?:a|an|some|the|several)\s+)?(?:{_OLDER}\s+{_PEOPLE}|{_ADULT_AGE}[\s\-]year[\s\-]old|"
        rf"(?:man|men|adults?)\s+(?:aged|in\s+(?:his|their)\s+(?:twenties|thirties|forties)))(?![\w'’])",
        re.IGNORECASE,
    ),
    # "she sent indecent images", "he shares nude photos"
    re.compile(
        r"(?<![\w'’])(?:send|sends|sent|sending|share|shares|shared|sharing)\s+(?:(?:him|them|an?\s+\w+\s+man|the\s+man|men)\s+)?(?:(?:some|several|more)\s+)?"
        r"(?:explicit|indecent|nude|naked|sexual|sexy|intimate)\s+(?:images?|pictures?|photos?|photographs?|selfies?|videos?|content)(?![\w'’])",
        re.IGNORECASE,
    ),
    # "she is in a relationship with a 22-year-old", "with a man aged 19"
    re.compile(
        rf"(?<![\w'’])in\s+a\s+(?:sexual\s+|romantic\s+)?relationship\s+with\s+(?:an?\s+|the\s+)?(?:{_ADULT_AGE}[\s\-]year[\s\-]old|{_OLDER}\s+{_PEOPLE}|"
        rf"(?:man|woman|male|adult)\s+(?:aged|of|who\s+is)\s+{_ADULT_AGE}|adult|man\s+in\s+his\s+(?:twenties|thirties|forties))(?![\w'’])",
        re.IGNORECASE,
    ),
    # "her 20-year-old boyfriend", "her boyfriend, who is 24", "her boyfriend (19)", "her adult boyfriend"
    re.compile(
        rf"(?<![\w'’])(?:her|his|their)\s+(?:{_ADULT_AGE}[\s\-]year[\s\-]old|adult|older|grown[\s\-]up)\s+(?:boyfriend|girlfriend|partner)(?![\w'’])",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w'’])(?:her|his|their)\s+(?:boyfriend|girlfriend|partner)(?=\s*(?:,\s*|\(\s*|\s+)(?:who\s+is\s+|aged\s+|is\s+|now\s+)?(?:{_ADULT_AGE}(?![\d\-])(?!\s*(?:minutes|hours|days|weeks|months|times|miles))|"
        rf"an?\s+(?:adult|older\s+man|grown\s+man|man\s+in\s+his)|(?:much|a\s+lot|far|\d+\s+years|(?:five|six|seven|eight|nine|ten)\s+years)\s+older))",
        re.IGNORECASE,
    ),
]
# the patterns above (by position) whose words already say the person is young: putting
# herself at risk, going or getting into cars with older males
_PLAINLY_ABOUT_A_CHILD = frozenset({1, 2, 4})
_BRACKETED = re.compile(r"\([^()\n]{0,40}\)")
# Someone else is the agent: "adults exploited him into selling drugs", "she was made to carry drugs".
_COERCED = re.compile(
    r"(?<![\w'’])(?:made|make|makes|making|forced|forcing|force|coerced|coercing|groomed|grooming|exploited|exploiting|exploit|exploits|pressured|pressuring|"
    r"pressurised|told|ordered|threatened|threatening|used|using|uses|recruited|recruiting|paid|bribed|tricked|manipulated|persuaded|compelled|"
    r"trafficked|trafficking|into|by|sent|sends|send|got\s+(?:her|him|them)|get\s+(?:her|him|them)|gets\s+(?:her|him|them)|"
    r"encouraged|asked|instructed|directed|controlled|taken|taking\s+(?:her|him|them)|drove|driven|picked\s+up|lured|enticed|targeted|targeting|"
    r"being\s+made|victims?|abuser|abusers|perpetrators?|exploiters?)(?![\w'’])",
    re.IGNORECASE,
)
_AGENT_NAMED_AFTER = re.compile(
    r"(?<![\w'’])(?:(?:by|for|on\s+behalf\s+of)\s+(?:an?\s+|the\s+|some\s+)?(?:older|adults?|men|males|gangs?|dealers?|others|someone|people|exploiters?|abusers?)|"
    r"(?:(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?|who\s+(?:has\s+|had\s+|have\s+)?)(?:exploited|exploits|groomed|grooms|abused|abuses|coerced|trafficked|forced|forces|made|makes|threaten(?:s|ed)?|pays|paid))(?![\w'’])",
    re.IGNORECASE,
)
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "i", "you"))
_OBJECT_PRONOUNS = frozenset(("him", "her", "them", "me", "us"))
_SKIP_TO_SUBJECT = frozenset(
    """is are was were be been being has have had will would may might could can should must also still now then
    later again repeatedly often always sometimes regularly frequently continues continued continue keeps kept keep
    seems seemed appears appeared started starts start began begins reportedly apparently allegedly just already
    reported said says known thought believed understood has had not who that openly willingly voluntarily happily
    and or but to""".split()
)
_PUNCTUATION_BREAK = re.compile(r"[;:\[\]–—]|,\s+(?:but|and|so|because|while|when|after|before|as|since)\b")


def exploited_child_agent(text: str, words: dict[str, list[int]] | None = None) -> list[Span]:
    """A child written as the agent of their own exploitation; the abuser named as the agent passes.

    Each pattern is tried only in a short window around its trigger words (see trigger_words).
    """
    if words is None:
        words = trigger_words(text)
    present = _AGENT_TRIGGERS.keys() & words.keys()
    if not present:
        return []
    tried: set[tuple[int, int, int]] = set()
    found: list[Span] = []
    n = len(text)
    for word in present:
        for k, before, after, hint_before, hint_after, hints in _AGENT_TRIGGERS[word]:
            pattern = _AGENT_PATTERNS[k]
            for position in words[word]:
                if hints:
                    near = text[max(0, position - hint_before) : position + len(word) + hint_after].lower()
                    if not any(h in near for h in hints):
                        continue
                if before == 0:
                    m = pattern.match(text, position, min(n, position + len(word) + after))
                else:
                    m = pattern.search(text, max(0, position - before), min(n, position + len(word) + after))
                if m is None or (k, m.start(), m.end()) in tried:
                    continue
                tried.add((k, m.start(), m.end()))
                if _child_is_agent(text, m.start(), m.end(), m.group().lower().startswith(("her ", "his ", "their ")), k not in _PLAINLY_ABOUT_A_CHILD):
                    found.append((m.start(), m.end()))
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[Span] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            if span[1] - span[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def _sentence_start(text: str, start: int) -> int:
    lo = max(0, start - 300)
    cut = max(text.rfind(". ", lo, start), text.rfind("! ", lo, start), text.rfind("? ", lo, start), text.rfind("\n", lo, start))
    return cut + 1 if cut != -1 else lo


def _child_is_agent(text: str, start: int, end: int, possessive: bool, needs_child: bool = True) -> bool:
    """Is a child the subject of the act at start:end, with nobody else made its agent?

    With `needs_child`, the text near by must say it is about a child (a child word, an age
    under 18); without it (putting herself at risk, going with older males) the words
    themselves say so, and a subject that is a pronoun, a child or a name is enough.
    """
    s_start = _sentence_start(text, start)
    left = _BRACKETED.sub(lambda m: " " * len(m.group()), text[s_start:start])
    s_end_candidates = [i for i in (text.find(". ", end, end + 400), text.find("\n", end, end + 400)) if i != -1]
    s_end = min(s_end_candidates) if s_end_candidates else min(len(text), end + 400)
    if possessive:
        # "her boyfriend, who is 24": the possessor is the child; an adult's partner passes
        words = re.findall(r"[A-Za-z][\w'’\-]*", left)
        owner = words[-1].lower().replace("’", "'").removesuffix("'s").removesuffix("'") if words else ""
        agent = not (owner in ADULT and owner not in CHILD)
    else:
        agent = _subject_is_the_child(text, left, end, s_end)
    # the child is plainly a child: a child word or an age under 18 in the sentence or just before it
    return agent and (not needs_child or _CHILD_CONTEXT.search(text, max(0, s_start - 400), s_end) is not None)


def _subject_is_the_child(text: str, left: str, end: int, s_end: int) -> bool:
    """Is the subject before the act a child, a pronoun or a name, with no one else made the agent?"""
    if _negated(left):
        return False
    # a clause break cuts off what came before: "the men were arrested; she sold drugs for them" keeps "she"
    cut = 0
    for m in _PUNCTUATION_BREAK.finditer(left):
        cut = m.end()
    clause = left[cut:]
    if _COERCED.search(clause) is not None:
        return False
    if _AGENT_NAMED_AFTER.search(text, end, min(s_end, end + 120)) is not None:
        return False  # "... carries drugs for adults", "... and is being criminally exploited": the adults are named
    for word in reversed(re.findall(r"[A-Za-z][\w'’\-]*", clause)):
        bare = word.lower().replace("’", "'")
        bare = bare[:-2] if bare.endswith("'s") else bare
        if bare in _SKIP_TO_SUBJECT or bare.endswith("ly"):
            continue
        if bare in _OBJECT_PRONOUNS or (bare in ADULT and bare not in CHILD):
            return False
        if bare in _SUBJECT_PRONOUNS or bare in CHILD or bare in ("person", "people", "young", "teen", "teenager"):
            return True
        if word[0].isupper() and bare not in _NOT_A_SUBJECT:
            return True  # a name: "Jade chose to ..."
        if re.fullmatch(r"\d+[\-\s]?year[\-\s]?old", bare) or bare.endswith("year-old"):
            return True
    return False


_NEGATION = re.compile(
    r"(?<![\w'’])(?:not|never|no\s+longer|didn['’]t|doesn['’]t|don['’]t|wasn['’]t|isn['’]t|hasn['’]t|haven['’]t|refused\s+to|won['’]t)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def _negated(left: str) -> bool:
    return _NEGATION.search(left[-60:]) is not None


def _words(*groups: str) -> list[str]:
    return [w for group in groups for w in group.split()]


# Where to look for each pattern of _AGENT_PATTERNS: its trigger words; how far before and
# after a trigger word a match may start and end; and words that must stand near the
# trigger (from so many characters before it to so many after), looked for with plain
# string searches before the pattern itself is tried. A pattern that starts with its
# trigger word (a choice: "chose to ...") is matched right there.
_AGENT_TRIGGERS: dict[str, list[tuple[int, int, int, int, int, tuple[str, ...]]]] = {}
_CHOICE_WORDS = (
    "chose choose chooses choosing chosen decided decides decide deciding opted opts opt opting agreed agrees agree agreeing elected elects prefers preferred"
)
for _k, _trigger_words, _before, _after, _hint_before, _hint_after, _hints in (
    (0, _words(_CHOICE_WORDS), 0, 200, 0, 0, ()),
    (1, _words("herself himself themselves themself"), 40, 120, 40, 0, ("put", "plac")),
    (2, _words("older adult grown unknown strange local"), 50, 40, 40, 0, ("with",)),
    (
        3,
        _words("drugs crack heroin cocaine cannabis weed class county packages parcels"),
        50,
        30,
        40,
        0,
        ("sell", "sold", "deal", "run", "ran ", "carr", "suppl"),
    ),
    (4, _words("cars car vehicles vehicle van"), 60, 80, 30, 0, ("into",)),
    (5, _words("sleep sleeps slept sleeping sex"), 20, 110, 12, 30, ("with",)),
    (
        6,
        _words("images image pictures picture photos photo photographs photograph selfies selfie videos video content"),
        90,
        10,
        90,
        0,
        ("send", "sent", "shar"),
    ),
    (7, _words("relationship"), 30, 90, 30, 0, ("in a",)),
    (8, _words("boyfriend girlfriend partner"), 50, 10, 40, 0, ("her ", "his ", "their ")),
    (9, _words("boyfriend girlfriend partner"), 10, 60, 8, 0, ("her", "his", "their")),
):
    for _word in _trigger_words:
        _AGENT_TRIGGERS.setdefault(_word, []).append((_k, _before, _after, _hint_before, _hint_after, _hints))
_LABEL_FIRST_WORDS = frozenset(re.split(r"[\s\-]", w)[0] for w in person_label_words()[0] | person_label_words()[1])
_TRIGGER_WORDS = frozenset(_AGENT_TRIGGERS) | _LABEL_FIRST_WORDS
TRIGGER_WORDS = _TRIGGER_WORDS  # the words trigger_words() looks for; the engine's phrase matcher finds them in its own pass

# Bytes -> lower-case ASCII letters and digits, everything else a space (as the engine folds text).
_ASCII_FOLD = bytes((b + 32) if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122) else 32 for b in range(256))


@lru_cache(maxsize=1)
def _trigger_automaton():
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    automaton = ahocorasick.Automaton()
    for word in _TRIGGER_WORDS:
        automaton.add_word(f" {word} ", word)
    automaton.make_automaton()
    return automaton


_TRIGGER_RE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(_TRIGGER_WORDS, key=len, reverse=True)) + r")(?![a-z0-9])")


def trigger_words(text: str, folded: str | None = None) -> dict[str, list[int]]:
    """Where each word that may start a label or an exploitation pattern stands: word -> start offsets.

    One pass in C over a folded copy of the text (lower-case ASCII letters and digits, all
    else spaces, same length), with an Aho-Corasick automaton where pyahocorasick is installed.
    The engine passes the folded copy it has already made.
    """
    if folded is None:
        folded = text.encode("ascii", "replace").translate(_ASCII_FOLD).decode("ascii")
    found: dict[str, list[int]] = {}
    automaton = _trigger_automaton()
    if automaton is not None:
        for end, word in automaton.iter(f" {folded} "):
            found.setdefault(word, []).append(end - len(word) - 1)
    else:  # pragma: no cover - without pyahocorasick
        for m in _TRIGGER_RE.finditer(folded):
            found.setdefault(m.group(), []).append(m.start())
    return found


DETECTORS = {
    "unexplained-acronym": unexplained_acronyms,
    "person-label": person_labels,
    "exploited-child-agent": exploited_child_agent,
}
