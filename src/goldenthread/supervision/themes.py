"""The themes the partnership keeps for learning conversations, read from data/themes.toml.

A session stores theme codes; the names shown to people come from this list, so the
partnership can reword a theme without touching past sessions.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

THEMES_FILE = Path(__file__).resolve().parent / "data" / "themes.toml"


@dataclass(frozen=True)
class Theme:
    code: str
    name: str


@lru_cache(maxsize=1)
def all_themes() -> tuple[Theme, ...]:
    """Every theme in the partnership's list, in the order the file gives them."""
    data = tomllib.loads(THEMES_FILE.read_text(encoding="utf-8"))
    return tuple(Theme(code=str(item["code"]), name=str(item["name"])) for item in data["themes"])


def theme_choices() -> list[tuple[str, str]]:
    """(code, name) pairs for a form's checkboxes."""
    return [(theme.code, theme.name) for theme in all_themes()]


def codes() -> frozenset[str]:
    return frozenset(theme.code for theme in all_themes())


def is_known(code) -> bool:
    return isinstance(code, str) and code in codes()


def theme_name(code: str) -> str:
    """The name people read for a code; an unknown code (a theme since removed) shows as itself."""
    for theme in all_themes():
        if theme.code == code:
            return theme.name
    return code
