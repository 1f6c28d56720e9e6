"""General detectors: acronyms not on any list, labels on a person, a child made the agent of
their own exploitation, and scare quotes around a person's account. Sentences are our own."""

import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from goldenthread.language import check, default_engine
from goldenthread.language import detectors as d
from goldenthread.language.rulebook import DETECTOR_NAMES

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans(function, text, **kwargs):
    return [text[s:e] for s, e in function(text, **kwargs)]


def rules_in(text, **kwargs):
    return {f.rule for f in check(text, **kwargs) if f.is_fault}


def test_every_detector_has_a_rule_entry_and_a_known_name():
    engine = default_engine()
    for name in d.DETECTORS:
        assert name in DETECTOR_NAMES
        assert name in engine.detectors, name
        rule = engine.detectors[name]
        assert len(rule.flag) >= 3 and len(rule.pass_) >= 3


# ------------------------------------------------------------------ unexplained acronyms


@pytest.mark.parametrize(
    "text,found",
    [
        ("The DBS check came back clear.", ["DBS"]),
        ("Dad was told the S47 enquiry had closed.", ["S47"]),
        ("Her PAs changed twice this year.", ["PAs"]),
        ("The EP came. The EP will write to you.", ["EP"]),  # the first use only
        ("He is waiting for an ASD assessment.", ["ASD"]),
        ("The mother (AB) said the EP would come.", ["EP"]),
    ],
)
def test_an_acronym_used_before_it_is_spelled_out_is_found(text, found):
    assert spans(d.unexplained_acronyms, text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Her personal adviser (PA) will call. The PA drives.",
        "Her PA (personal adviser) will call.",
        "The Disclosure and Barring Service (DBS) check came back clear.",
        "Her GP at the NHS practice in the UK referred her to A&E.",
        "Chapter IV explains what happens next; size XL fits.",
        "The letter went to 14 Mill Lane, Leeds LS1 4AP.",
        "The file is 20 MB and the walk is 3 KM.",
        "WE ARE CLOSED ON MONDAY",
        "Her favourite author is JK Rowling.",
        "Quote reference ABC-123 or code F401 on the form.",
        "Print it on A4 paper; she is in Y9.",
        "I think it is OK to send the PDF by e-mail.",
        "It is ok.",
        "AB said she was tired. KL's mother came later.",
        "She did NOT attend and it is URGENT.",
        "PRIYA PATEL signed the form.",
        "",
    ],
)
def test_known_spelled_out_or_not_an_acronym_passes(text):
    assert spans(d.unexplained_acronyms, text) == []


def test_acronyms_a_listed_rule_finds_are_left_to_that_rule():
    findings = check("The CP plan and the TAF meet on Monday.")
    rules = [f.rule for f in findings]
    assert "jargon.cp" in rules and "jargon.taf" in rules
    assert "jargon.unexplained-acronym" not in rules


def test_the_engine_finds_an_unlisted_acronym_once():
    findings = [f for f in check("The DBS check is late. The DBS office is shut.") if f.rule == "jargon.unexplained-acronym"]
    assert [f.text for f in findings] == ["DBS"]
    assert findings[0].category == "jargon/acronym"


def test_an_acronym_named_to_talk_about_it_is_a_mention():
    assert "jargon.unexplained-acronym" not in rules_in("The word ‘DBS’ means nothing to most parents.")


capitals = st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=5)


@FAST
@given(capitals)
def test_any_unlisted_acronym_is_found_until_it_is_spelled_out(token):
    # a known acronym, a Roman numeral or a word in capitals for emphasis (NOT, URGENT) is not looked for
    assume(token not in d.known_acronyms() and d._ROMAN.fullmatch(token) is None and not d._is_english_word(token))
    plain = f"We talked about the {token} review on Monday."
    assert spans(d.unexplained_acronyms, plain) == [token]
    words = " ".join(f"{letter}{'xyz'}" for letter in token.lower())
    spelled = f"We talked about the {words} ({token}) on Monday. The {token} review is next."
    assert spans(d.unexplained_acronyms, spelled) == []


@FAST
@given(st.sampled_from(sorted(d.known_acronyms())))
def test_a_known_acronym_is_never_found(token):
    assert spans(d.unexplained_acronyms, f"She went to the {token} on Monday.") == []


# ------------------------------------------------------------------ person labels


@pytest.mark.parametrize(
    "text,label",
    [
        ("Dad is unstable and shouts at the neighbours.", "unstable"),
        ("The mother is unstable.", "unstable"),
        ("The visit found an erratic mother and a quiet baby.", "erratic"),
        ("Staff say Rory is a real handful after lunch.", "handful"),
        ("His stepmother is vindictive towards the older boy.", "vindictive"),
        ("Mum, who is unstable, came late.", "unstable"),
        ("Her dad has always been a nightmare.", "nightmare"),
        ("He is an immature teenager.", "immature"),
        ("They are a nuisance on the estate.", "nuisance"),
    ],
)
def test_a_label_on_a_person_is_found(text, label):
    assert label in spans(d.person_labels, text)
    assert "labelling.person-label" in rules_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The bookcase in the hall is unstable.",
        "Her housing is unstable since the landlord gave notice.",
        "Housing is unstable for many families.",
        "Prices were erratic last winter.",
        "It was a difficult question for the panel.",
        "It is difficult to say.",
        "She is difficult to reach by phone.",
        "He was unstable on his feet after the fall.",
        "The patient is clinically unstable.",
        "The problem is that the bus is late.",
        "She is a nightmare fan of horror films.",
        "She said she felt unsteady.",
        "She is not unstable.",
        "The Wi-Fi is unstable at the office.",
        "Friday was a nightmare for everyone.",
        "The plan is a failure of imagination.",
    ],
)
def test_the_same_word_about_a_thing_passes(text):
    assert spans(d.person_labels, text) == []


def test_a_label_that_a_rule_of_its_own_finds_is_not_found_twice():
    findings = [f for f in check("He is a difficult boy.") if f.is_fault]
    assert len(findings) == 1


def test_no_listed_label_is_already_found_by_a_phrase_rule_on_its_own():
    engine = default_engine()
    adjectives, nouns = d.person_label_words()
    twice = []
    for word in sorted(adjectives | nouns):
        text = f"The father is {'a ' if word in nouns else ''}{word}."
        others = {f.rule for f in engine.check(text) if f.is_fault} - {"labelling.person-label"}
        if others:
            twice.append((word, others))
    assert not twice, f"these words have a rule of their own; take them out of person_labels.txt: {twice}"


def test_a_label_in_a_persons_own_quoted_words_is_their_voice():
    findings = [f for f in check('Mum said: "He is a nightmare when he is tired."') if f.rule == "labelling.person-label"]
    assert findings and all(f.severity == "info" and f.quoted for f in findings)


# ------------------------------------------------------------------ a child made the agent


@pytest.mark.parametrize(
    "text",
    [
        "She keeps putting herself in risky situations.",
        "Tia keeps putting herself in cars with men she meets online.",
        "He chose to go with older males.",
        "The 15-year-old chose to go with older males after school.",
        "At 14 he was selling drugs in the town centre.",
        "The boy, 15, was running drugs to the coast.",
        "Jade (14) gets into cars with older men after school.",
        "The 14-year-old girl has been sleeping with older men for money.",
        "Since March the 13-year-old has sent explicit photos to several men.",
        "Mia, 14, says her boyfriend is 22.",
        "Mia is 14 and her boyfriend is much older.",
        "The 15-year-old is in a relationship with a 21-year-old.",
    ],
)
def test_a_child_made_the_agent_of_their_exploitation_is_found(text):
    assert d.exploited_child_agent(text), text
    assert rules_in(text) & {"exploitation.child-as-agent", "exploitation.adult-boyfriend", "exploitation.putting-themselves-at-risk"}


@pytest.mark.parametrize(
    "text",
    [
        "An older man groomed her.",
        "Adults exploited him into selling drugs.",
        "She was made to carry drugs.",
        "At 14 he was forced to carry drugs by men he owed money to.",
        "Older males are targeting him after school.",
        "The 15-year-old chose to go to her aunt's after school.",
        "She decided to tell the police about the older men.",
        "The 14-year-old did not choose to go with older males.",
        "He sold drugs to fund his habit.",
        "Mr Jones was selling drugs from the flat.",
        "Her mum's boyfriend, who is 41, works nights. The girl is 12.",
        "A child who carries drugs for adults is being criminally exploited.",
        "The 14-year-old is being exploited by men who make her sell drugs.",
        "Her partner is 19 and they have a baby together.",
        "She put herself forward for the school council.",
        "He decided to sell his bike to buy a phone.",
        "Her boyfriend (16) goes to the same school.",
        "He is 14 and has been running drugs for older men who threaten him.",
    ],
)
def test_the_abuser_named_as_the_agent_passes(text):
    assert d.exploited_child_agent(text) == [], text


# ------------------------------------------------------------------ scare quotes


@pytest.mark.parametrize(
    "text",
    [
        "She said she was 'ill' and went home.",
        'He brought his "girlfriend" to the review.',
        "The child's “disclosure” was recorded on Friday.",
        "Her ‘boyfriend’ collected her from school.",
        'He told staff he was "fine".',
        "Dad's 'version of events' is different.",
        "She takes inhalers for her 'asthma'.",
    ],
)
def test_scare_quotes_around_a_persons_account_are_found(text):
    assert "credibility.scare-quotes" in rules_in(text)


@pytest.mark.parametrize(
    "text",
    [
        'We say "family time" rather than "contact".',
        'Read the guide "Words Matter" before the session.',
        "Use ‘Our Way of Working’ across the service.",
        "The word ‘disclosure’ can sound like a formal process to a child.",
        'Press "Save" and then "Export".',
        'She said: "I feel ill and I want to go home."',
        '"I am ill," she said.',
        "Instead of ‘boyfriend’, say ‘the adult who is abusing her’.",
        'Tick "I agree" to go on.',
        'She told me she was "scared of Daddy".',
        "Calling it an ‘allegation’ files it as a charge to be disproved.",
    ],
)
def test_quoted_titles_terms_and_a_persons_own_words_are_not_scare_quotes(text):
    assert "credibility.scare-quotes" not in rules_in(text)


# ------------------------------------------------------------------ speed and safety


@FAST
@given(st.text(max_size=300))
def test_detectors_never_crash_and_spans_are_in_the_text(text):
    words = d.trigger_words(text)
    for found in (d.unexplained_acronyms(text), d.person_labels(text, words), d.exploited_child_agent(text, words)):
        for start, end in found:
            assert 0 <= start < end <= len(text)


@FAST
@given(st.lists(st.sampled_from(["The DBS check.", "Dad is unstable.", "She keeps putting herself in cars with men.", "Hello.", "İ DBS"]), max_size=6))
def test_offsets_slice_to_the_reported_text(parts):
    text = " ".join(parts)
    for finding in check(text):
        assert text[finding.start : finding.end] == finding.text


_TRIGGER_PIECES = sorted(d.TRIGGER_WORDS) + ["Her", "OLDER", "cars,", "herself.", "x", "-", "'", "’", "\n", "  ", "İ", "sleep-over", "drugs2"]


@FAST
@given(st.lists(st.sampled_from(_TRIGGER_PIECES) | st.text(max_size=8), max_size=30))
def test_trigger_words_found_by_the_engines_pass_are_those_of_trigger_words(parts):
    """The engine finds the trigger words in its one pass over the folded text: the same words, at the same places, as trigger_words()."""
    from goldenthread.language.engine import _fold

    text = " ".join(parts)
    folded = _fold(text)
    matcher = default_engine()._matcher
    assume(matcher.triggers)  # only where the phrase matcher holds the trigger words (pyahocorasick installed)
    words: dict[str, list[int]] = {}
    matcher.find(folded, words)
    assert words == d.trigger_words(text, folded) == d.trigger_words(text)


BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=BASE32, min_size=4, max_size=4), min_size=4, max_size=8))
def test_a_key_typed_in_groups_of_capitals_and_digits_is_not_taken_for_acronyms(groups):
    # the two-step page shows the authenticator key like this; it is a code, not jargon
    text = f"Choose to enter a key by hand and type this key: {' '.join(groups)} 2. Enter the code your app shows."
    assert d.unexplained_acronyms(text) == []
