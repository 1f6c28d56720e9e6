"""The surveys a family is asked, read from `impact/data/feedback_surveys.toml` (data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "feedback_surveys.toml"
SENT = ("contact", "plan", "closure")  # sent by a practitioner; "open" is answered by an open link
WHEN_WORDS = {"contact": "after a contact", "plan": "after a plan is made", "closure": "at closure", "open": "by an open link"}


@dataclass(frozen=True)
class Question:
    key: str
    asks: str


@dataclass(frozen=True)
class Survey:
    key: str
    when: str
    name: str
    title: str
    introduction: str
    questions: tuple[Question, ...]

    @property
    def when_words(self) -> str:
        return WHEN_WORDS.get(self.when, "")

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)


@dataclass(frozen=True)
class Surveys:
    scale: tuple[str, ...]
    words: dict
    surveys: tuple[Survey, ...]


@lru_cache(maxsize=1)
def load(path: Path = DATA) -> Surveys:
    with open(path, "rb") as file:
        data = tomllib.load(file)
    surveys = tuple(
        Survey(
            key=entry["key"],
            when=entry["when"],
            name=entry["name"],
            title=entry["title"],
            introduction=entry["introduction"],
            questions=tuple(Question(q["key"], q["asks"]) for q in entry["question"]),
        )
        for entry in data["survey"]
    )
    return Surveys(scale=tuple(data["scale"]["answers"]), words=dict(data["words"]), surveys=surveys)


def all_surveys() -> tuple[Survey, ...]:
    return load().surveys


def survey(key: str) -> Survey | None:
    return next((found for found in all_surveys() if found.key == key), None)


def for_sending() -> list[Survey]:
    """The surveys a practitioner sends (after a contact, a plan, a closure)."""
    return [found for found in all_surveys() if found.when in SENT]


def for_open_links() -> list[Survey]:
    return list(all_surveys())


def scale() -> tuple[str, ...]:
    return load().scale


def words() -> dict:
    return load().words


def name_of(key: str) -> str:
    found = survey(key)
    return found.name if found else key


def every_word() -> list[str]:
    """Every piece of text a family reads in the surveys, for the language check."""
    data = load()
    texts = list(data.scale) + [str(value) for value in data.words.values()]
    for found in data.surveys:
        texts += [found.name, found.title, found.introduction, *(question.asks for question in found.questions)]
    return texts
