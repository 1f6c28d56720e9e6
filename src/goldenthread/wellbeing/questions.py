"""The check-in's questions, the privacy numbers and the support themes, read from the data files the partnership keeps.

- `data/questions/*.toml`: each a version of the questions; the newest version is asked.
- `data/privacy.toml`: the smallest group figures are shown for (never below 5), how long a
  check-in is kept, how many months of figures are shown.
- `data/support.toml`: each theme's words and the kinds of support it points to.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SCALE = range(1, 6)
NEVER_BELOW = 5  # the floor for the smallest group, whatever the data file says


@dataclass(frozen=True)
class Question:
    key: str
    theme: str
    asks: str
    short: str
    answers: tuple[str, ...]
    harder_when: str

    def words_for(self, value) -> str:
        """The answer's words ("Often heavy") for a value 1 to 5; "" for none."""
        return self.answers[value - 1] if isinstance(value, int) and value in SCALE else ""

    def is_harder(self, value) -> bool:
        """Whether the answer is at the harder end of this question (the two answers furthest that way)."""
        if not isinstance(value, int) or value not in SCALE:
            return False
        return value >= 4 if self.harder_when == "high" else value <= 2


@dataclass(frozen=True)
class QuestionSet:
    version: str
    introduction: str
    questions: tuple[Question, ...]
    own_words_label: str
    own_words_hint: str
    own_words_max_length: int
    validated_measures: tuple[dict, ...]

    def question(self, key: str) -> Question | None:
        return next((question for question in self.questions if question.key == key), None)


def _read(path: Path) -> QuestionSet:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    questions = tuple(
        Question(
            key=item["key"],
            theme=item["theme"],
            asks=item["asks"],
            short=item["short"],
            answers=tuple(item["answers"]),
            harder_when=item["harder_when"],
        )
        for item in data["questions"]
    )
    for question in questions:
        if len(question.answers) != len(SCALE) or question.harder_when not in ("low", "high"):
            raise ValueError(f"{path.name}: question {question.key} needs five answers and harder_when 'low' or 'high'")
    own = data["own_words"]
    return QuestionSet(
        version=str(data["version"]),
        introduction=data["introduction"],
        questions=questions,
        own_words_label=own["label"],
        own_words_hint=own["hint"],
        own_words_max_length=int(own["max_length"]),
        validated_measures=tuple(data.get("validated_measures", {}).get("links", [])),
    )


@lru_cache(maxsize=1)
def all_versions() -> dict[str, QuestionSet]:
    sets = [_read(path) for path in sorted((DATA / "questions").glob("*.toml"))]
    return {question_set.version: question_set for question_set in sets}


def current() -> QuestionSet:
    versions = all_versions()
    return versions[max(versions)]


def version(name: str) -> QuestionSet:
    """The questions a check-in was answered under (the current ones if that version's file is gone)."""
    return all_versions().get(name) or current()


@dataclass(frozen=True)
class Privacy:
    smallest_group: int
    keep_check_ins_for_months: int
    months_of_figures: int


@lru_cache(maxsize=1)
def privacy() -> Privacy:
    data = tomllib.loads((DATA / "privacy.toml").read_text(encoding="utf-8"))
    return Privacy(
        smallest_group=max(NEVER_BELOW, int(data["smallest_group"])),
        keep_check_ins_for_months=max(1, int(data["keep_check_ins_for_months"])),
        months_of_figures=max(1, int(data["months_of_figures"])),
    )


@lru_cache(maxsize=1)
def themes() -> dict[str, dict]:
    """Each theme's words and the kinds of support it points to."""
    return tomllib.loads((DATA / "support.toml").read_text(encoding="utf-8"))["themes"]
