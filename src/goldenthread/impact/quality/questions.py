"""The partnership's audit questions and grades, read from `impact/data/quality_audit_questions.toml`.

The questions are data in our own words; this module only reads them. A grade is kept with
the question's key, so a question is never renamed by key: a new one is added, and an old one
marked `retired` stays readable in past results.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

QUESTIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "quality_audit_questions.toml"


@dataclass(frozen=True)
class Grade:
    key: str
    words: str
    hint: str
    meets: bool
    applies: bool


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    guidance: str
    retired: bool = False


def _lines(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Grade, ...], tuple[Question, ...]]:
    data = tomllib.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    grades = tuple(Grade(g["key"], g["words"], _lines(g["hint"]), bool(g["meets"]), bool(g["applies"])) for g in data["grades"])
    questions = tuple(Question(q["key"], _lines(q["title"]), _lines(q["guidance"]), bool(q.get("retired", False))) for q in data["questions"])
    keys = [q.key for q in questions]
    if len(set(keys)) != len(keys) or len({g.key for g in grades}) != len(grades):
        raise ValueError("quality_audit_questions.toml: two questions or two grades share a key")
    return grades, questions


def grades() -> tuple[Grade, ...]:
    return _load()[0]


def grade(key: str) -> Grade | None:
    return {g.key: g for g in grades()}.get(key)


def grade_choices() -> list[tuple[str, str]]:
    return [(g.key, g.words) for g in grades()]


def all_questions() -> tuple[Question, ...]:
    """Every question, retired ones too (for reading past grades)."""
    return _load()[1]


def questions() -> tuple[Question, ...]:
    """The questions an auditor answers now, in order."""
    return tuple(q for q in all_questions() if not q.retired)


def question(key: str) -> Question | None:
    return {q.key: q for q in all_questions()}.get(key)


def meets_standard(grade_keys) -> bool | None:
    """Whether a record's grades meet the standard: every question that applies graded "Clearly".

    None when no question applies (the record is then left out of the figures).
    """
    applying = [grade(key) for key in grade_keys if grade(key) is not None and grade(key).applies]
    if not applying:
        return None
    return all(found.meets for found in applying)


def all_words() -> list[str]:
    """Every word of the questions and grades, for the language check."""
    words = []
    for g in grades():
        words += [g.words, g.hint]
    for q in all_questions():
        words += [q.title, q.guidance]
    return words
