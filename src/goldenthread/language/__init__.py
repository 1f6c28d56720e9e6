"""The shared-language engine: find language that is not trauma-informed, say why, offer reframes.

    from goldenthread.language import check
    for finding in check("Kai is a liar."):
        print(finding.rule, finding.text, finding.suggestions)

Pure Python: it imports nothing from Django or the rest of Golden Thread, needs no
network and downloads nothing. The rules live in rules/*.toml.
"""

from .engine import AUDIENCES, MODES, Engine, Finding, check, default_engine, load_engine
from .readability import readability, reading_age
from .rulebook import Rule, RuleError

__all__ = [
    "AUDIENCES",
    "MODES",
    "Engine",
    "Finding",
    "Rule",
    "RuleError",
    "check",
    "default_engine",
    "load_engine",
    "readability",
    "reading_age",
]
