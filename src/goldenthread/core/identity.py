"""The partnership running this instance: its name, colours and its own commitments.

Read from a TOML file a partnership owns (GOLDENTHREAD_PARTNERSHIP_FILE), with the name
and colour overridable from the environment, so rebranding needs no code change.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class PartnershipCommitment:
    title: str
    text: str


@dataclass(frozen=True)
class PartnershipIdentity:
    name: str
    brand_colour: str
    short_description: str = ""
    fictional_notice: str = ""
    commitments: tuple[PartnershipCommitment, ...] = field(default_factory=tuple)


@lru_cache(maxsize=4)
def _load(path: str, name_override: str, colour_override: str) -> PartnershipIdentity:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    colour = colour_override or data.get("brand_colour", "#1d70b8")
    if not HEX_COLOUR.match(colour):
        colour = "#1d70b8"
    return PartnershipIdentity(
        name=name_override or data["name"],
        brand_colour=colour,
        short_description=data.get("short_description", ""),
        fictional_notice=data.get("fictional_notice", ""),
        commitments=tuple(PartnershipCommitment(c["title"], c["text"]) for c in data.get("commitments", [])),
    )


def partnership_identity() -> PartnershipIdentity:
    return _load(
        settings.GOLDENTHREAD_PARTNERSHIP_FILE,
        settings.GOLDENTHREAD_PARTNERSHIP_NAME,
        settings.GOLDENTHREAD_BRAND_COLOUR,
    )
