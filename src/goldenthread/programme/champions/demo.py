"""The demo's champions network, from `programme/data/demo/champions.toml`.

Every champion of the demo gets a profile: the named champions of the partnership demo with
their own words; the champions of the wider workforce (added by the training demo) with
interests and offers drawn by the random generator, and no words about themselves. Ten posts
to the network, and one offer to be a champion from a practitioner of the organisation whose
people are the demo sign-ins, waiting for its lead's answer.

Written as the system, straight through the ORM (the dates lie in the past), and no e-mail is
sent. Running it again changes nothing: a profile, a post (same author and words) or a
waiting offer already there is left as it is.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role

from .models import ChampionProfile, ChampionVolunteer, NetworkPost, Offer

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "champions.toml"


def read_demo(path: Path = DEMO_FILE) -> dict:
    with open(path, "rb") as handle:
        demo = tomllib.load(handle)
    bad = [code for entry in demo["profiles"] for code in entry["offers"] if code not in Offer.values]
    bad += [code for code in demo["wider"]["offers"] if code not in Offer.values]
    if bad:
        raise CommandError(f"Champions demo: unknown offers {', '.join(sorted(set(bad)))}.")
    return demo


def _at(today, days_ago: int, hour: int):
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(hour, 0)))


def _person(name: str) -> User:
    person = User.objects.filter(full_name=name).order_by("pk").first()
    if person is None:
        raise CommandError(f"Champions demo: nobody named {name!r}. Load the partnership demo first.")
    return person


def load(rng, today) -> None:
    demo = read_demo()
    _profiles(demo, rng, today)
    _posts(demo, rng, today)
    _volunteers(demo, today)


def _profiles(demo: dict, rng, today) -> None:
    written = {entry["name"]: entry for entry in demo["profiles"]}
    champions = User.objects.filter(memberships__role=Role.CHAMPION).distinct().order_by("full_name", "pk")
    have = set(ChampionProfile.objects.values_list("person_id", flat=True))
    wider = demo["wider"]
    for person in champions:
        entry = written.get(person.full_name)
        # Drawn for every champion, in the same order, so a reload draws the same for each.
        interests = rng.sample(wider["interests"], k=rng.randint(1, 3))
        offers = rng.sample(wider["offers"], k=rng.randint(1, 2))
        if person.pk in have:
            continue
        if entry is not None:
            interests, offers, about = entry["interests"], entry["offers"], " ".join(entry["about"].split())
        else:
            about = ""
        ChampionProfile.objects.create(
            person=person,
            interests=interests,
            offers=[code for code in Offer.values if code in offers],
            about=about,
            updated_at=_at(today, rng.randint(5, 120), hour=11),
        )


def _posts(demo: dict, rng, today) -> None:
    for name, days_ago, text in demo["network"]["posts"]:
        author = _person(name)
        if NetworkPost.objects.filter(author=author, text=text).exists():
            continue
        NetworkPost.objects.create(author=author, text=text, created_at=_at(today, days_ago, hour=9 + rng.randrange(8)))


def _volunteers(demo: dict, today) -> None:
    for entry in demo["volunteers"]:
        organisation = Organisation.objects.filter(name=entry["organisation"]).first()
        person = _person(entry["name"])
        membership = Membership.objects.filter(user=person, organisation=organisation).first()
        if organisation is None or membership is None or membership.role != Role.PRACTITIONER:
            raise CommandError(f"Champions demo: {entry['name']!r} must be a practitioner in {entry['organisation']!r}.")
        if ChampionVolunteer.objects.filter(person=person, organisation=organisation).exists():
            continue
        ChampionVolunteer.objects.create(
            person=person, organisation=organisation, why=" ".join(entry["why"].split()), created_at=_at(today, entry["days_ago"], hour=14)
        )
