"""Every rule holds in every tense and person: a rule's own flag and pass examples, with
their verbs put into another form by lemminflect, keep the verdict the example has.

"She refused to engage" written "she refuses to engage" or "she is refusing to engage" is
the same judgement and must be flagged the same; "the court refused the application"
written "the court refuses the application" must still pass.
"""

import re
from dataclasses import dataclass

import lemminflect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.language import check, default_engine
from goldenthread.language.rulebook import FIXED_WORDS, inflect, same_word_forms

# The forms a verb is put into: past, third person present, and -ing after a form of "be".
OTHER_FORMS = ("VBD", "VBZ", "VBG")
# A participle used as an adjective before a noun, or in a name, is not a verb to inflect.
ADJECTIVE_BEFORE = {"a", "an", "the", "so", "his", "her", "their", "its", "my", "our", "your", "or", "and"}


@dataclass(frozen=True)
class Variant:
    rule: str
    example: str
    sentence: str
    flagged: bool  # the verdict the example has

    def __str__(self) -> str:
        return f"{self.rule}: {self.example!r} as {self.sentence!r}"


def verbs_in(sentence: str, start: int, end: int):
    """Words between start and end that can only be a verb, written in an inflected form."""
    for m in re.finditer(r"[A-Za-z]+", sentence):
        if not start <= m.start() < end:
            continue
        word = m.group().lower()
        if word in FIXED_WORDS or len(word) < 3 or "-" in sentence[max(0, m.start() - 1) : m.start()] + sentence[m.end() : m.end() + 1]:
            continue
        readings = lemminflect.getAllLemmas(word)
        if set(readings) != {"VERB"} or readings["VERB"][0] == word:
            continue
        before = re.findall(r"[\w'’]+", sentence[: m.start()].lower())[-1:]
        if before and before[0] in ADJECTIVE_BEFORE:
            continue
        yield m, readings["VERB"][0], before[0] if before else ""


AUXILIARIES = [("is", "was", "are", "were"), ("has", "had", "have"), ("does", "did", "do")]


def retold(sentence: str, m: re.Match, lemma: str, previous: str, tag: str) -> str | None:
    """The sentence in another tense or person.

    After a helping verb ("is refusing", "have not attended") the helping verb changes
    (was refusing, had not attended); a verb on its own takes another form (refused,
    refuses, is refusing).
    """
    helper = _helping_verb_before(sentence, m.start())
    if helper is not None:
        h_start, h_end, word = helper
        if word is None:
            return None
        family = next(f for f in AUXILIARIES if word.lower() in f)
        other = family[(family.index(word.lower()) + 1 + OTHER_FORMS.index(tag)) % len(family)]
        if other == word.lower():
            return None
        if word[0].isupper():
            other = other.capitalize()
        return sentence[:h_start] + other + sentence[h_end:]
    forms = lemminflect.getAllInflections(lemma, upos="VERB").get(tag)
    if not forms or forms[0].lower() == m.group().lower():
        return None
    form = forms[0]
    begin = m.start()
    if tag == "VBG":
        form = f"is {form}"
        adverb = re.search(r"\b\w+ly\s+$", sentence[:begin])
        if adverb:  # "he wilfully disobeyed" becomes "he is wilfully disobeying"
            begin = adverb.start()
            form = f"is {adverb.group()}{form[3:]}"
    if m.group()[0].isupper():
        form = form[0].upper() + form[1:]
    return sentence[:begin] + form + sentence[m.end() :]


def _helping_verb_before(sentence: str, start: int):
    words = list(re.finditer(r"[\w'’]+", sentence[:start]))[-2:]
    for w in reversed(words):
        if w.group().lower() in {"not", "never", "always", "also"} or w.group().lower().endswith("ly"):
            continue
        if w.group().lower() in {"be", "been", "being"}:
            return w.start(), w.end(), None  # "could be bothered": no tense to change here
        if any(w.group().lower() in family for family in AUXILIARIES):
            return w.start(), w.end(), w.group()
        return None
    return None


def variants() -> list[Variant]:
    engine = default_engine()
    found: list[Variant] = []
    for rule in engine.rules:
        if rule.detector or rule.case_sensitive:
            continue
        for example in rule.flag:
            hits = [f for f in engine.check(example) if f.rule == rule.id]
            for hit in hits[:1]:
                for m, lemma, previous in verbs_in(example, hit.start, hit.end):
                    for tag in OTHER_FORMS:
                        sentence = retold(example, m, lemma, previous, tag)
                        if sentence:
                            found.append(Variant(rule.id, example, sentence, True))
        for example in rule.pass_:
            if any(f.rule == rule.id for f in engine.check(example)):
                continue
            for m, lemma, previous in verbs_in(example, 0, len(example)):
                for tag in OTHER_FORMS:
                    sentence = retold(example, m, lemma, previous, tag)
                    if sentence:
                        found.append(Variant(rule.id, example, sentence, False))
    return found


VARIANTS = variants()
FLAGGED = [v for v in VARIANTS if v.flagged]
PASSED = [v for v in VARIANTS if not v.flagged]


def flagged_by(rule_id: str, sentence: str) -> bool:
    return any(f.rule == rule_id and f.is_fault for f in check(sentence))


def test_the_rules_examples_give_many_variants_to_try():
    assert len(FLAGGED) > 200 and len(PASSED) > 200


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FLAGGED))
def test_a_flagged_example_is_flagged_in_any_tense_or_person(variant):
    assert flagged_by(variant.rule, variant.sentence), str(variant)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PASSED))
def test_a_passing_example_passes_in_any_tense_or_person(variant):
    assert not flagged_by(variant.rule, variant.sentence), str(variant)


def test_every_variant_keeps_its_verdict():
    wrong = [str(v) for v in VARIANTS if flagged_by(v.rule, v.sentence) != v.flagged]
    assert wrong == []


@given(st.sampled_from(["refuse", "engage", "choose", "go", "put", "keep", "run", "sell", "lie", "abscond"]))
def test_a_word_in_a_pattern_names_every_form_of_its_lemma(lemma):
    forms = set(inflect(lemma))
    for tag in OTHER_FORMS + ("VBN",):
        assert set(lemminflect.getAllInflections(lemma, upos="VERB").get(tag, ())) <= forms
    for form in forms - {lemma}:
        if set(lemminflect.getAllLemmas(form)) == {"VERB"}:
            assert lemma in same_word_forms(form)


def test_a_word_written_with_an_equals_sign_stands_only_as_written():
    assert not any(f.rule == "health.condition-plural" for f in check("The diabetic nurse rang back."))
    assert any(f.rule == "health.condition-plural" for f in check("The ward has three diabetics tonight."))
