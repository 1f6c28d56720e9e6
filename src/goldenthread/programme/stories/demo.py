"""The demo's stories of practice: fifteen fictional stories, from `programme/data/demo/stories.toml`.

Twelve are approved (half of them public, half for the partnership), two wait for approval
(one in the organisation whose people are the demo sign-ins, so its lead and champions find it
under "Waiting for you") and one is sent back to the demo's practitioner with a kind note.
Each names continuum areas, so the stories list shows them beside the map's bright spots.

Written as the system, straight through the ORM (the dates lie in the past, which the services
rightly refuse), and no e-mail is sent. Running it again changes nothing: a story already there
(same organisation and title) is left as it is.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from goldenthread.partnership.models import Membership, Organisation, Role

from .. import principles as tags
from .models import Story

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo" / "stories.toml"


def read_demo(path: Path = DEMO_FILE) -> list[dict]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)["stories"]


def _at(today, days_ago: int, hour: int = 10):
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(hour, 0)))


def _approver(organisation, author):
    """The organisation's first champion, or else its lead; never the author."""
    for role in (Role.CHAMPION, Role.ORGANISATION_LEAD):
        found = Membership.objects.filter(organisation=organisation, role=role).exclude(user=author).select_related("user").order_by("id").first()
        if found is not None:
            return found.user
    return None


def load(rng, today) -> None:
    known_domains = dict(tags.domain_choices())
    known_principles = dict(tags.principle_choices())
    for entry in read_demo():
        organisation = Organisation.objects.filter(name=entry["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Stories demo: no organisation named {entry['organisation']!r}. Load the partnership demo first.")
        hour = 9 + rng.randrange(8)  # drawn for every story, so a reload draws the same
        if Story.objects.filter(organisation=organisation, title=entry["title"]).exists():
            continue
        membership = Membership.objects.filter(organisation=organisation, user__full_name=entry["author"]).select_related("user").first()
        if membership is None:
            raise CommandError(f"Stories demo: {entry['author']!r} is not in {organisation.name}.")
        author = membership.user
        unknown = [code for code in entry["domains"] if code not in known_domains] + [key for key in entry["principles"] if key not in known_principles]
        if unknown:
            raise CommandError(f"Stories demo: ‘{entry['title']}’ names unknown areas or principles: {', '.join(unknown)}.")
        who, how, consent_days = entry["consent"]
        moment = _at(today, entry["days_ago"], hour=hour)
        story = Story(
            organisation=organisation,
            author=author,
            title=entry["title"],
            what_we_did=entry["what_we_did"].strip(),
            what_changed=entry["what_changed"].strip(),
            what_families_said=entry["what_families_said"].strip(),
            domains=entry["domains"],
            principles=entry["principles"],
            consent_given_by=who,
            consent_how=how,
            consent_on=today - timedelta(days=consent_days),
            consent_confirmed=True,
            reach=entry["reach"],
            status=entry["status"],
            created_at=moment - timedelta(days=3),
            updated_at=moment - timedelta(days=2),
            sent_for_approval_at=moment - timedelta(days=2),
        )
        if entry["status"] == Story.Status.APPROVED:
            story.approved_by, story.approved_at = _approver(organisation, author), moment
        elif entry["status"] == Story.Status.SENT_BACK:
            story.sent_back_by, story.sent_back_at, story.sent_back_reason = _approver(organisation, author), moment, entry["sent_back_reason"].strip()
        elif entry["status"] == Story.Status.WAITING:
            story.sent_for_approval_at = moment
            story.updated_at = moment
        story.save()
