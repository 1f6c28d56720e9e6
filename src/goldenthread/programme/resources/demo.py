"""The demo's resources library: 30 fictional guides, tools, templates and recordings, with their words in `programme/data/demo/resources.toml`.

Called by `load_demo_programme` as the system (`acting_as(None)`), after the partnership's demo.
Straight through the ORM, because the dates lie in the past. Most resources are links to .example
addresses; a few are small text files saved through the storage, read and checked as an upload
is (`uploads.inspect_bytes`). A resource comes from the first organisation of its sector with a
champion (added by that champion, or else its lead), or from the partnership as a whole (added
by the partnership team). Running it again changes nothing: a resource already in the library,
by its title, is left as it is.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.partnership.models import Membership, Organisation, Role

from . import queries, uploads
from .models import Resource, ResourceVersion

DATA = Path(__file__).resolve().parent.parent / "data" / "demo" / "resources.toml"


def read_demo_resources() -> list[dict]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))["resource"]


def _moment(today, days_ago: int, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(hour, 0)))


def _who_adds(sector: str):
    """(organisation, person) a resource of this sector comes from: its first organisation with a champion or a lead; else the partnership team."""
    if sector:
        for organisation in Organisation.objects.filter(sector=sector, is_active=True).order_by("name"):
            for role in (Role.CHAMPION, Role.ORGANISATION_LEAD):
                membership = Membership.objects.filter(organisation=organisation, role=role).select_related("user").order_by("user__full_name").first()
                if membership is not None:
                    return organisation, membership.user
    return None, User.objects.filter(is_partnership_admin=True, is_active=True).order_by("pk").first()


def _add_version(resource, number: int, data: dict, *, by, when) -> ResourceVersion:
    version = ResourceVersion(resource=resource, number=number, note=data.get("note", ""), uploaded_by=by, uploaded_at=when)
    if data.get("file"):
        name = data["file"]
        content = data["text"].strip().encode("utf-8") + b"\n"
        inspected = uploads.inspect_bytes(content, uploads.extension_of(name), file_name=name)
        version.file_name = inspected.file_name
        version.text = inspected.text
        version.size = inspected.size
        version.content_type = inspected.content_type
        version.language_findings = inspected.findings
        version.file.save(name, ContentFile(content), save=False)
    else:
        version.link = data["link"]
        version.language_findings = {"checked": False, "count": 0, "findings": []}
    version.save()
    return version


def load(rng, today) -> list[Resource]:
    """Add the demo's resources that are not in the library yet; return those added."""
    added = []
    existing = set(Resource.objects.values_list("title", flat=True))
    for item in read_demo_resources():
        hour = rng.randint(9, 16)
        if item["title"] in existing:
            continue
        organisation, person = _who_adds(item.get("from_sector", ""))
        when = _moment(today, item["days_ago"], hour)
        tags = {field: list(item.get(field, [])) for field in queries.TAG_FIELDS}
        later = item.get("versions", [])
        resource = Resource.objects.create(
            title=item["title"],
            summary=item["summary"],
            kind=item["kind"],
            **tags,
            tag_words=queries.tag_words(**tags),
            organisation=organisation,
            added_by=person,
            added_at=when,
            changed_at=_moment(today, later[-1]["days_ago"], hour) if later else when,
        )
        _add_version(resource, 1, item, by=person, when=when)
        for number, version in enumerate(later, start=2):
            _add_version(resource, number, version, by=person, when=_moment(today, version["days_ago"], hour))
        added.append(resource)
    return added
