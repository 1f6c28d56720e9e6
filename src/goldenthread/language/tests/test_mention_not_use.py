"""Mention, not use: words quoted in order to talk about them are not the writer's own label.

The engine's own advice names the words it warns about ("‘Abscond’ is criminal-justice
language"), and so do guides, glossaries and the product's headings. Those quotations are
a mention and are not flagged; the same word put in quotation marks in a record is still a
use and still flagged. A quoted title is a name, not scare quotes.
"""

import pytest

from goldenthread.language import check, default_engine


def faults(text):
    return [(f.rule, f.text) for f in check(text) if f.is_fault]


@pytest.mark.parametrize(
    "text",
    [
        "The word ‘absconded’ makes a child who is missing sound like a prisoner.",
        "‘Abscond’ is criminal-justice language for a child leaving.",
        "‘absconded’: this word makes a child sound like a prisoner.",
        "‘failed to engage’: this puts the fault in the person.",
        "Instead of ‘placement’, say ‘home’.",
        "Words like ‘naughty’ or ‘manipulative’ judge the child.",
        "‘Needy’ or ‘clingy’ makes a need for closeness sound like a fault.",
        "'DNA' (did not attend) puts the missed appointment on the child.",
        "Calling someone ‘a diabetic’ or ‘an epileptic’ makes the condition the person.",
    ],
)
def test_a_word_quoted_to_talk_about_it_is_a_mention_and_is_not_flagged(text):
    assert faults(text) == []


def test_a_mention_is_not_passed_off_as_someones_own_words_either():
    findings = check("‘failed to engage’: this puts the fault in the person.")
    assert findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Tomas ‘absconded’ again on Friday night.",
        "He was an ‘aggressive’ boy in class.",
        "Mum missed the review with her ‘back pain’.",
        "She takes inhalers for her 'asthma'.",
    ],
)
def test_a_label_in_quotation_marks_in_a_record_is_still_flagged(text):
    assert faults(text)


@pytest.mark.parametrize(
    "text",
    [
        "Result of ‘Autumn 2026 self-assessment’",
        "See who has answered ‘Spring 2027 review’",
        "Download the one-page audit for ‘Autumn 2026 self-assessment’ (PDF)",
    ],
)
def test_a_quoted_round_name_is_a_title_not_scare_quotes(text):
    assert faults(text) == []


def test_every_message_and_suggestion_the_engine_gives_passes_the_engine():
    own_words = []
    for rule in default_engine().rules:
        own_words.append((rule.id, rule.message))
        own_words.extend((rule.id, s) for s in rule.suggestions)
    failing = [(rule_id, text, faults(text)) for rule_id, text in own_words if faults(text)]
    assert failing == []


def test_the_advice_for_each_rule_passes_the_engine_when_written_out_as_advice():
    """The advice panel's shape: ‘the words’: why it matters. You could write: ‘this’ or ‘that’."""
    failing = []
    for rule in default_engine().rules:
        for example in rule.flag[:1]:
            for finding in check(example):
                if finding.rule != rule.id or not finding.text:
                    continue
                named = finding.text if finding.text[:1] in "‘“'\"" else f"‘{finding.text}’"
                advice = f"{named}: {finding.message}"
                if finding.suggestions:
                    advice += " You could write: " + " or ".join(f"‘{s}’" for s in finding.suggestions[:3]) + "."
                if faults(advice):
                    failing.append((rule.id, advice, faults(advice)))
    assert failing == []
