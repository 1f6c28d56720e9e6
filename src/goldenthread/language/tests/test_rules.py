"""Every rule carries its own examples; the build fails when a rule does not keep its word.

Like LanguageTool's rule tests: each must-flag example has to be flagged by that rule,
and each must-pass example must not be.
"""

import time

import pytest

from goldenthread.language import default_engine
from goldenthread.language.rulebook import RuleError, rule_from_entry

ENGINE = default_engine()
RULES = ENGINE.rules


def _run(rule, text):
    mode = (rule.modes or ["default"])[0]
    audience = (rule.audiences or [None])[0]
    return [f for f in ENGINE.check(text, audience=audience, mode=mode) if f.rule == rule.id]


FLAG_CASES = [(r.id, ex) for r in RULES for ex in r.flag]
PASS_CASES = [(r.id, ex) for r in RULES for ex in r.pass_]


@pytest.mark.parametrize("rule_id,example", FLAG_CASES)
def test_rule_flags_its_own_must_flag_example(rule_id, example):
    rule = ENGINE.by_id[rule_id]
    assert _run(rule, example), f"{rule_id} should flag: {example!r}"


@pytest.mark.parametrize("rule_id,example", PASS_CASES)
def test_rule_leaves_its_own_must_pass_example_alone(rule_id, example):
    rule = ENGINE.by_id[rule_id]
    assert not _run(rule, example), f"{rule_id} should not flag: {example!r}"


def test_every_rule_has_examples_both_ways():
    missing = [r.id for r in RULES if not r.flag or not r.pass_]
    assert not missing


def test_there_are_at_least_two_hundred_rules():
    assert len(RULES) >= 200


def test_rule_ids_are_unique_and_stable_looking():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and "." in i and " " not in i for i in ids)


def test_the_categories_the_guidance_asks_for_are_all_covered():
    categories = {r.category for r in RULES}
    for needed in (
        "labelling",
        "blame/deficit",
        "passive/agency",
        "care-system language",
        "victim-blaming",
        "credibility-doubting",
        "medicalising",
        "jargon/acronym",
        "person-first",
        "stereotyping",
    ):
        assert needed in categories


def test_every_rule_says_why_and_where_the_guidance_comes_from():
    for rule in RULES:
        assert len(rule.message) > 20, rule.id
        assert rule.guidance, rule.id


def test_a_rule_without_a_message_is_refused():
    with pytest.raises(RuleError):
        rule_from_entry({"id": "x.y", "category": "labelling", "patterns": ["foo"]}, "test")


def test_a_rule_with_an_unknown_field_is_refused():
    with pytest.raises(RuleError):
        rule_from_entry({"id": "x.y", "category": "c", "message": "m", "patterns": ["foo"], "colour": 1}, "test")


def test_a_pattern_with_nested_brackets_is_refused():
    with pytest.raises(RuleError):
        rule_from_entry({"id": "x.y", "category": "c", "message": "m", "patterns": ["(a (b|c))"]}, "test")


def test_a_word_and_its_forms_inside_a_group_is_refused_rather_than_matching_nothing():
    with pytest.raises(RuleError, match="on its own"):
        rule_from_entry({"id": "x.y", "category": "c", "message": "m", "patterns": ["allegedly ({say|tell})"]}, "test")


@pytest.mark.parametrize(
    "words",
    [" ".join(["*?"] * 20) + " zq", "a b c d e f g h i j k l m", "one * two * three * four * five * six"],
    ids=["optional wildcards", "too many words", "too many wildcards"],
)
def test_a_pattern_that_could_run_slowly_on_every_text_is_refused_when_loaded(words):
    started = time.perf_counter()
    with pytest.raises((RuleError, ValueError), match="at most"):
        rule_from_entry({"id": "partnership.slow", "patterns": [words], "message": "m", "category": "labelling"}, "a test")
    assert time.perf_counter() - started < 1
