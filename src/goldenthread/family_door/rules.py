"""Each field's rule on the family's own pages, written once (see `core.rules`), and the partnership's
choices for the family's door (`data/door.toml`): the youngest age, how long links and codes work.

This module imports no model, so `models.py` may import it.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from goldenthread.core.rules import TextRule

DOOR_FILE = Path(__file__).resolve().parent / "data" / "door.toml"
TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms.toml"


@dataclass(frozen=True)
class Door:
    youngest_age: int
    invitation_days: int
    code_minutes: int
    code_tries: int
    codes_per_hour: int
    exit_page: str


@lru_cache(maxsize=2)
def _door(path: str) -> Door:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Door(**{name: data[name] for name in Door.__dataclass_fields__})


def door() -> Door:
    """The partnership's choices for the family's door (`GOLDENTHREAD_FAMILY_DOOR_FILE` to use its own)."""
    return _door(str(getattr(settings, "GOLDENTHREAD_FAMILY_DOOR_FILE", "") or DOOR_FILE))


@dataclass(frozen=True)
class Terms:
    version: int
    title: str
    terms: tuple[str, ...]


@lru_cache(maxsize=2)
def _terms(path: str) -> Terms:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return Terms(version=int(data["version"]), title=data["title"], terms=tuple(data["terms"]))


def terms() -> Terms:
    """The family's own short terms, in plain words."""
    return _terms(str(TERMS_FILE))


# What a family member writes ------------------------------------------------------------------
SUGGESTED_TEXT = TextRule(_("Your words"), 4000, _("Write the words you would like to see"), rows=6)
WHY = TextRule(_("Anything you want to say about it (you do not have to)"), 500, rows=3)
QUESTION = TextRule(_("Your question"), 2000, _("Write your question"), rows=5)
SHARE_WHY = TextRule(_("Why you would like to share it (you do not have to say)"), 500, rows=3)

# What a practitioner writes back ------------------------------------------------------------------
REPLY = TextRule("Your reply to them", 4000, rows=6, hint="Written to them: plain words, short sentences.")
REPLY_NEEDED = "Write a reply, so they know what you decided and why"
ANSWER = TextRule("Your answer", 4000, "Write your answer", rows=6, hint="Written to them: plain words, short sentences.")
FINAL_TEXT = TextRule("The words for the record", 4000, "Write the words you agreed together", rows=6)

# An invitation ------------------------------------------------------------------------------------
EMAIL = TextRule("Their e-mail address", 254, "Enter their e-mail address", hint="Their own address: the sign-in codes go there.")
NOT_AN_EMAIL = "Enter an e-mail address in the right format, like name@example.com"
ADDRESS_IN_USE = "This address is already used for another sign-in. Ask them for an address that is only theirs"
ALREADY_HAS_SIGN_IN = "They already have their own sign-in"
ONLY_YOUNG_PEOPLE_PARENTS_AND_CARERS = "Only a young person, a parent or a carer can be invited to their own sign-in"
ADD_DATE_OF_BIRTH_FIRST = "Add their date of birth to the household first, so we know they are old enough"


def too_young_message() -> str:
    return f"A young person can have their own sign-in from the age of {door().youngest_age}"


# Choices ------------------------------------------------------------------------------------------
CHOOSE_WHAT_TO_CHANGE = _("Choose what you would like to change")
CHOOSE_ORGANISATION = _("Choose the organisation")
CHOOSE_PARTS = _("Choose what you would like to share")
ALREADY_SHARED = _("You already share all of that with them")
UNTIL_IN_THE_PAST = _("The date must be in the future")
