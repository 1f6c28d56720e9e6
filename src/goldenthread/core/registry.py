"""What each app adds to the whole site, registered by the app itself from its `AppConfig.ready()`.

Core reads this registry and imports no app. An app registers:
- its menu links and home cards (functions of the signed-in person, in its `menu.py`);
- whether its records are audited, and whether the audit log must name them by type and id
  only because their text can hold personal data;
- the management command that loads its demo data, and when it runs in `manage.py load_demo`.

A new module adds one `register(...)` call and nothing in core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypedDict


class MenuEntry(NamedTuple):
    """One link in the main menu: the words, and where it goes."""

    text: str
    href: str


class HomeCard(TypedDict):
    """One card on a person's home page: what it is about, a sentence, and links (words, address)."""

    title: str
    text: str
    links: list[tuple[str, str]]


@dataclass(frozen=True)
class AppParts:
    label: str
    menu: Callable[[object], list[MenuEntry]] | None = None
    home_cards: Callable[[object], list[HomeCard]] | None = None
    order: int = 100
    audited: bool = True
    holds_personal_data: bool = False
    demo_command: str = ""
    demo_order: int = 100


_registered: dict[str, AppParts] = {}


def register(
    label: str,
    *,
    menu=None,
    home_cards=None,
    order: int = 100,
    audited: bool = True,
    holds_personal_data: bool = False,
    demo_command: str = "",
    demo_order: int = 100,
) -> AppParts:
    """Say what an app adds; `order` places its menu links and home cards, lowest first."""
    parts = AppParts(label, menu, home_cards, order, audited, holds_personal_data, demo_command, demo_order)
    _registered[label] = parts
    return parts


def apps_in_order() -> list[AppParts]:
    return sorted(_registered.values(), key=lambda parts: (parts.order, parts.label))


def menu_for(user) -> list[MenuEntry]:
    links = [MenuEntry("Home", "/")]
    for parts in apps_in_order():
        if parts.menu is not None:
            links.extend(MenuEntry(*link) for link in parts.menu(user))
    return links


def home_cards_for(user) -> list[HomeCard]:
    cards: list[HomeCard] = []
    for parts in apps_in_order():
        if parts.home_cards is not None:
            cards.extend(parts.home_cards(user))
    return cards


def is_audited(app_label: str) -> bool:
    parts = _registered.get(app_label)
    return parts is not None and parts.audited


def holds_personal_data(app_label: str) -> bool:
    parts = _registered.get(app_label)
    return parts is not None and parts.holds_personal_data


def demo_commands() -> list[str]:
    """The demo loaders of every app, in the order they must run (each needs the ones before)."""
    ordered = sorted((p for p in _registered.values() if p.demo_command), key=lambda p: (p.demo_order, p.label))
    return [parts.demo_command for parts in ordered]
