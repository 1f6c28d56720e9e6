"""Trying a rule's examples: the engine built around the rule gives the same verdict as every one of the site's rules."""

import pytest

from goldenthread.core.language import site_engine
from goldenthread.language_rules import checking

pytestmark = pytest.mark.django_db


def test_the_engine_around_a_rule_finds_exactly_what_the_sites_whole_engine_finds_for_every_shipped_rules_examples():
    site = site_engine()
    differences = []
    for rule in (r for r in site.rules if not r.detector):
        examples = [*rule.flag, *rule.pass_]
        around = checking.engine_with(rule, examples)
        for example in examples:
            whole = [(f.start, f.end) for f in site.check(example) if f.rule == rule.id]
            built = [(f.start, f.end) for f in around.check(example) if f.rule == rule.id]
            if whole != built:
                differences.append((rule.id, example, whole, built))
    assert differences == []


def test_every_shipped_rule_passes_its_own_examples_when_tried_as_a_proposal():
    """A proposal has no audience or mode of its own, so the rules kept for one (written to a child) are left out."""
    everywhere = [rule for rule in site_engine().rules if not rule.detector and rule.modes is None and rule.audiences is None]
    failing = {rule.id: checking.failed_examples(rule) for rule in everywhere}
    assert {rule_id: problems for rule_id, problems in failing.items() if problems} == {}
