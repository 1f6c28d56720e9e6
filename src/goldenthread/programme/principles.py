"""The five principles, the continuum's areas and the sectors: the shared tags of the programme, read from data.

`PRINCIPLES` come from `data/principles.toml`. The continuum's areas are its domains, by code
(the same code in each framework names the same area), read from the continuum's own tables.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from goldenthread.partnership.models import Sector

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Principle:
    key: str
    name: str
    about: str


@lru_cache(maxsize=1)
def principles() -> tuple[Principle, ...]:
    data = tomllib.loads((DATA / "principles.toml").read_text(encoding="utf-8"))
    return tuple(Principle(item["key"], item["name"], item["about"]) for item in data["principles"])


def principle_choices() -> list[tuple[str, str]]:
    return [(principle.key, principle.name) for principle in principles()]


def principle_names(keys) -> list[str]:
    names = dict(principle_choices())
    return [names[key] for key in keys or [] if key in names]


def domain_choices() -> list[tuple[str, str]]:
    """The continuum's areas, by code, in the order they first come in any framework."""
    from goldenthread.continuum.models import Domain

    seen: dict[str, str] = {}
    for code, title in Domain.objects.order_by("framework_id", "order").values_list("code", "title"):
        seen.setdefault(code, title)
    return list(seen.items())


def domain_names(codes) -> list[str]:
    names = dict(domain_choices())
    return [names.get(code, code) for code in codes or []]


def sector_choices() -> list[tuple[str, str]]:
    return list(Sector.choices)
