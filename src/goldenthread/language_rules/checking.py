"""A proposed rule, built and tried with the check's own rulebook before anyone relies on it.

The words are read by the same loader as the shipped rules (`language.rulebook.rule_from_entry`),
so they use the same phrase language, and a mistake in them comes back as a message on the
form, never an error page. The rule's own examples then run through an engine made of the
site's rules (shipped, the partnership's file, the rules published here) with this rule in
place of any rule of the same name: every example it must find is found by it, and every
example it must leave alone is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from goldenthread.core.language import site_engine
from goldenthread.language import Engine, Rule
from goldenthread.language.rulebook import RuleError, rule_from_entry

SOURCE = "the proposal"


def entry_for(rule_id: str, version) -> dict:
    """A version as an entry of a rules file (the engine's own fields). `version` is a RuleVersion or anything with its fields."""
    entry = {
        "id": rule_id,
        "category": version.category,
        "severity": version.severity,
        "patterns": list(version.words),
        "message": version.message,
        "suggestions": list(version.reframes),
        "flag": list(version.must_flag),
        "pass": list(version.must_pass),
    }
    if not entry["suggestions"]:
        del entry["suggestions"]
    return entry


NO_WORD = "a line has no word the check can look for"


def _readable(error: Exception) -> str:
    detail = re.sub(r"^.*?: rule '[^']*': ", "", str(error))
    if isinstance(error, IndexError | KeyError | TypeError) or "arg is an empty sequence" in detail:
        return NO_WORD
    return re.sub(r"'([^']*)'", r"‘\1’", detail)


def _problem_in(patterns: list[str]) -> str | None:
    """What the engine's loader lets through but a person did not mean: an unpaired { }, or a line with no letters or numbers."""
    for pattern in patterns:
        if pattern.count("{") != pattern.count("}") or re.search(r"\{[^}]*\{", pattern):
            return f"the {{ }} in ‘{pattern}’ must pair up and may not nest"
        if not re.search(r"\w", pattern):
            return NO_WORD
    return None


def build(entry: dict) -> Rule:
    """The rule the engine would make of these words; a ValidationError on `words` when they cannot be read."""
    try:
        problem = _problem_in(entry.get("patterns", []))
        if problem:
            raise ValueError(problem)
        return rule_from_entry(entry, SOURCE)
    except (RuleError, ValueError, re.error, IndexError, KeyError, TypeError) as error:
        raise ValidationError(
            {
                "words": (
                    f"The words to find could not be read ({_readable(error)}). "
                    "Check that brackets pair up, that each line has at least one word that is not *, and that { } hold single words"
                )
            }
        ) from error


@dataclass(frozen=True)
class FailedExample:
    """An example that does not do what it says: one the rule must find but does not, or must leave alone but finds."""

    example: str
    must_find: bool
    found: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        return "must_flag" if self.must_find else "must_pass"

    @property
    def message(self) -> str:
        if self.must_find:
            return f"The rule does not find the example ‘{self.example}’. Add words that match it (each word finds its other forms), or change the example"
        found = ", ".join(f"‘{text}’" for text in self.found)
        return (
            f"The rule finds {found} in the example ‘{self.example}’, which it must leave alone. "
            "Make the words more exact (write =word for this form only), or change the example"
        )


def engine_with(rule: Rule, examples: list[str] | tuple[str, ...] = ()) -> Engine:
    """The site's rules with this one in place of any rule of the same name, as far as `examples` can tell.

    A rule's findings depend on its own words and on the findings of other rules at the same
    place (a longer finding of the same kind is kept). So beside the new rule the engine holds
    the site's rules that find anything in the examples, and the general detectors: the same
    verdict on the examples as all of the site's rules, built in a fraction of the time.
    """
    site = site_engine()
    around = {finding.rule for text in examples for finding in site.check(text)}
    return Engine([r for r in site.rules if r.id != rule.id and (r.id in around or r.detector)] + [rule])


def failed_examples(rule: Rule) -> list[FailedExample]:
    """Every example of the rule that does not do what it says, with the site's other rules around it."""
    engine = engine_with(rule, [*rule.flag, *rule.pass_])
    failed = []
    for example in rule.flag:
        if not _found_by(engine, rule, example):
            failed.append(FailedExample(example, must_find=True))
    for example in rule.pass_:
        found = _found_by(engine, rule, example)
        if found:
            failed.append(FailedExample(example, must_find=False, found=tuple(found)))
    return failed


def _found_by(engine: Engine, rule: Rule, text: str) -> list[str]:
    """What the rule finds in the text, quoted words too: the same test as the shipped rules' own examples."""
    return [finding.text for finding in engine.check(text) if finding.rule == rule.id]


def as_errors(failed: list[FailedExample], *, field: str | None = None) -> dict:
    """The failed examples as a service's errors: on each example's own field, or all on `field`."""
    errors: dict[str, list[str]] = {}
    for problem in failed:
        errors.setdefault(field or problem.field, []).append(problem.message)
    return errors
