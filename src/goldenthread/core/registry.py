"""What each app adds to the whole site, registered by the app itself from its `AppConfig.ready()`.

Core reads this registry and imports no app. An app registers:
- its menu links and home cards (functions of the signed-in person, in its `menu.py`);
- what waits for a person: the hand-overs whose turn is theirs (a function of the signed-in
  person returning `Waiting` notices, in its `waiting.py`), read by the home page into one
  "Waiting for you" list;
- whether its records are audited, and whether their text can hold personal data;
- how the audit log names its records, in the partnership's words (`AuditLabel`, in its
  `audit_labels.py`): the kind of record, a description that holds no special-category data,
  and what each field is;
- who a person should ask when their role does not include something (`who_to_ask`, a
  function of the signed-in person returning words such as "ask the partnership team", or None);
- the URL namespaces of its pages for family members' own accounts (`family_namespaces`);
- the kinds of its records whose free text the partnership's language monitoring checks
  (`monitored_texts`, each a `MonitoredText`);
- the partnership's own published language rules (`rule_overlay`, a function returning the
  rules' version and their lexicon TOML, or None), laid over the shipped rules by
  `core.language` for every check the site makes;
- the management command that loads its demo data, and when it runs in `manage.py load_demo`.

A new module adds one `register(...)` call and nothing in core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, TypedDict

from django.utils import timezone


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
class Waiting:
    """One thing waiting for a person because it is their turn: someone handed it over, or its date came.

    `what` is what to do, in a few words, and the link text (for example "Confirm an action
    that changes a child's plan"); `about` says who or what it is about in a sentence;
    `link` is the page where they do it; `since` is when it started waiting (a date, or a
    date and time); `due` is the date it is wanted by, where there is one. The home page
    asks for no second step, so a notice never names a family or says anything about them:
    the page behind the link does, with its own safeguards. A notice is worked out afresh
    from the records each time, so it is gone as soon as the person acts.
    """

    what: str
    about: str
    link: str
    since: date | datetime | None = None
    due: date | None = None

    @property
    def since_day(self) -> date | None:
        if isinstance(self.since, datetime):
            return timezone.localdate(self.since) if timezone.is_aware(self.since) else self.since.date()
        return self.since

    @property
    def is_past_due(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


@dataclass(frozen=True)
class AuditLabel:
    """How the audit log names one kind of record, in the partnership's words.

    `kind` is the kind of record ("a place in a supervision session"; by default the model's
    verbose name); `describe(record)` is a short description of one record that a partnership
    admin may read: never a family's or child's name, never what was written about them;
    `fields` gives a field's words where its verbose name does not read well in the log
    (`{"acknowledged_confidentiality_at": "when they agreed to keep it confidential"}`).
    """

    kind: str = ""
    describe: Callable[[object], str] | None = None
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MonitoredText:
    """A kind of record whose free text the partnership's language monitoring checks when it is saved.

    `model` is the "app.model" label; `fields` the text fields checked; `record_type` the kind
    of record in the partnership's words ("Family story"); `organisation`, `author` and
    `written_on` are functions of one record giving the organisation whose writing it is, the
    person who wrote it, and the date it was written (for the month it is counted in). Each may
    return None. `holds_family_data` says the text belongs to a family's record: its figures are
    still counts only, never words.
    """

    model: str
    fields: tuple[str, ...]
    record_type: str
    organisation: Callable[[object], object | None]
    author: Callable[[object], object | None]
    written_on: Callable[[object], date | datetime | None]
    holds_family_data: bool = False


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
    waiting: Callable[[object], list[Waiting]] | None = None
    audit_labels: Mapping[str, AuditLabel] = field(default_factory=dict)
    who_to_ask: Callable[[object], str | None] | None = None
    family_namespaces: tuple[str, ...] = ()
    monitored_texts: tuple[MonitoredText, ...] = ()
    rule_overlay: Callable[[], tuple[str, str] | None] | None = None


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
    waiting=None,
    audit_labels: Mapping[type | str, AuditLabel] | None = None,
    who_to_ask=None,
    family_namespaces: tuple[str, ...] = (),
    monitored_texts: tuple[MonitoredText, ...] = (),
    rule_overlay=None,
) -> AppParts:
    """Say what an app adds; `order` places its menu links and home cards, lowest first.

    `audit_labels` maps each model (the class, or its "app.model" label) to its `AuditLabel`;
    `family_namespaces` names the URL namespaces of pages made for family members' own accounts
    (the only pages, with a few of core's, that a family account may open); `monitored_texts`
    the kinds of records whose free text is checked in the background; `rule_overlay` a function
    returning the partnership's published rules as `(version, lexicon TOML)`, or None.
    """
    labels = {_model_label(model): words for model, words in (audit_labels or {}).items()}
    parts = AppParts(
        label,
        menu,
        home_cards,
        order,
        audited,
        holds_personal_data,
        demo_command,
        demo_order,
        waiting,
        labels,
        who_to_ask,
        tuple(family_namespaces),
        tuple(monitored_texts),
        rule_overlay,
    )
    _registered[label] = parts
    return parts


def _model_label(model) -> str:
    return model if isinstance(model, str) else model._meta.label_lower


def apps_in_order() -> list[AppParts]:
    return sorted(_registered.values(), key=lambda parts: (parts.order, parts.label))


def menu_for(user) -> list[MenuEntry]:
    """The menu: for a family member's own account, only the links of the apps with pages made for them."""
    family_account = bool(getattr(user, "is_family_account", False))
    links = [] if family_account else [MenuEntry("Home", "/")]
    for parts in apps_in_order():
        if family_account and not parts.family_namespaces:
            continue
        if parts.menu is not None:
            links.extend(MenuEntry(*link) for link in parts.menu(user))
    return links


def home_cards_for(user) -> list[HomeCard]:
    cards: list[HomeCard] = []
    for parts in apps_in_order():
        if parts.home_cards is not None:
            cards.extend(parts.home_cards(user))
    return cards


def waiting_for(user) -> list[Waiting]:
    """Everything waiting for this person, from every app: the soonest wanted first, then the longest waiting."""
    if not getattr(user, "is_authenticated", False):
        return []
    found: list[Waiting] = []
    for parts in apps_in_order():
        if parts.waiting is not None:
            found.extend(parts.waiting(user))
    return sorted(found, key=lambda notice: (notice.due is None, notice.due or date.max, notice.since_day is None, notice.since_day or date.max))


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


def audit_label_for(model_label: str) -> AuditLabel | None:
    """The words an app registered for one kind of record ("supervision.attendee"), or None."""
    parts = _registered.get(model_label.partition(".")[0])
    return parts.audit_labels.get(model_label.lower()) if parts is not None else None


def who_to_ask(user) -> str | None:
    """Who this person should ask when their role does not include something: the first app that knows."""
    for parts in apps_in_order():
        if parts.who_to_ask is not None:
            words = parts.who_to_ask(user)
            if words:
                return words
    return None


def family_namespaces() -> frozenset[str]:
    """The URL namespaces of every app's pages for family members' own accounts."""
    return frozenset(name for parts in _registered.values() for name in parts.family_namespaces)


def monitored_texts() -> list[MonitoredText]:
    """Every kind of record, in every app, whose free text the language monitoring checks."""
    return [text for parts in apps_in_order() for text in parts.monitored_texts]


def monitored_text_for(model_label: str) -> MonitoredText | None:
    """What an app registered for the free text of one kind of record ("families.story"), or None."""
    return next((text for text in monitored_texts() if text.model == model_label.lower()), None)


def rule_overlay() -> tuple[str, str] | None:
    """The partnership's own published language rules, `(version, lexicon TOML)`, or None when none are published."""
    for parts in apps_in_order():
        if parts.rule_overlay is not None:
            overlay = parts.rule_overlay()
            if overlay is not None:
                return overlay
    return None
