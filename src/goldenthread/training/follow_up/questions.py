"""The questions of the three-month follow-up, read once from `data/practice-follow-up.toml`."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "practice-follow-up.toml"


@dataclass(frozen=True)
class Answer:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    code: str
    name: str
    question: str
    hint: str
    answers: tuple[Answer, ...]

    def label_of(self, code: str) -> str:
        return next((answer.label for answer in self.answers if answer.code == code), "")


@dataclass(frozen=True)
class FollowUpQuestions:
    intro: str
    own_words_label: str
    own_words_hint: str
    questions: tuple[Question, ...]

    def by_code(self, code: str) -> Question | None:
        return next((question for question in self.questions if question.code == code), None)


def read(path: Path = DATA_FILE) -> FollowUpQuestions:
    """The questions in a data file; a file without questions, or a question without answers, is an error at start-up, not a blank form."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    questions = tuple(
        Question(
            code=item["code"],
            name=item.get("name", item["code"]),
            question=item["question"],
            hint=item.get("hint", ""),
            answers=tuple(Answer(code=answer["code"], label=answer["label"]) for answer in item["answers"]),
        )
        for item in data["questions"]
    )
    if not questions or any(not question.answers for question in questions):
        raise ValueError(f"{path.name}: every question needs its answers")
    if len({question.code for question in questions}) != len(questions):
        raise ValueError(f"{path.name}: two questions share a code")
    return FollowUpQuestions(
        intro=" ".join(data.get("intro", "").split()),
        own_words_label=data.get("own_words_label", ""),
        own_words_hint=data.get("own_words_hint", ""),
        questions=questions,
    )


@functools.cache
def follow_up_questions() -> FollowUpQuestions:
    return read()
