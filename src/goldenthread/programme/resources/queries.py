"""Reads of the resources library, shared by the pages and the API. Never a write.

Search: on PostgreSQL, full-text search (`django.contrib.postgres.search`) over the title, the
summary, the tags in words and the newest version's words, ranked; the query is read as a
person types into a search engine ("quoted phrase", -left out, or). On SQLite (development
and the tests), every word must appear in the title, the summary, the tags or the newest
version's words. Which is used follows `connection.vendor`.
"""

from __future__ import annotations

import uuid

from django.db import connection
from django.db.models import OuterRef, Q, Subquery
from django.utils.text import slugify

from goldenthread.core.forms import clean_text
from goldenthread.partnership.models import Role

from .. import principles as shared
from . import rules
from .models import Resource, ResourceKind, ResourceVersion

TAG_FIELDS = ("principles", "sectors", "domains", "roles")


# Tags ----------------------------------------------------------------------------------------


def tag_choices() -> dict[str, list[tuple[str, str]]]:
    """Each kind of tag and its choices, by value and words."""
    return {
        "principles": shared.principle_choices(),
        "sectors": shared.sector_choices(),
        "domains": shared.domain_choices(),
        "roles": list(Role.choices),
    }


TAG_LABELS = {"principles": "Principles", "sectors": "Sectors", "domains": "Continuum areas", "roles": "Roles"}


def tag_names(field: str, values, choices: dict | None = None) -> list[str]:
    known = dict((choices or tag_choices())[field])
    return [known[value] for value in values or [] if value in known]


def tags_shown(resource, choices: dict | None = None) -> list[tuple[str, list[str]]]:
    """The resource's tags in words, each kind with its label, leaving out kinds with none."""
    choices = choices or tag_choices()
    shown = []
    for field in TAG_FIELDS:
        names = tag_names(field, getattr(resource, field), choices)
        if names:
            shown.append((TAG_LABELS[field], names))
    return shown


def tag_words(*, principles, sectors, domains, roles) -> str:
    """The tags in words, for search: ‘A sense of safety · Health · Staff wellbeing · Champion’."""
    choices = tag_choices()
    values = {"principles": principles, "sectors": sectors, "domains": domains, "roles": roles}
    return " · ".join(name for field in TAG_FIELDS for name in tag_names(field, values[field], choices))


# Finding resources -------------------------------------------------------------------------


def tidy_search(q) -> str:
    """Search words as the database can take them: no NUL or control characters, not too long."""
    return clean_text(str(q or "").replace("\x00", ""))[: rules.MAX_SEARCH_LENGTH]


def with_latest(resources):
    """Each resource with its newest version's words (`latest_text`) and number (`latest_number`)."""
    newest = ResourceVersion.objects.filter(resource=OuterRef("pk")).order_by("-number")
    return resources.annotate(latest_text=Subquery(newest.values("text")[:1]), latest_number=Subquery(newest.values("number")[:1]))


def library(*, q: str = "", kind: str = "", principle: str = "", sector: str = "", domain: str = "", role: str = ""):
    """The resources in the library (not withdrawn), narrowed by kind and tags, and searched; best match first when searching.

    A kind or tag that is not one of the choices matches nothing, so an old link never shows
    everything while seeming to filter.
    """
    resources = with_latest(Resource.objects.filter(is_withdrawn=False).select_related("organisation", "added_by"))
    if kind:
        resources = resources.filter(kind=kind) if kind in ResourceKind.values else resources.none()
    for field, value in (("principles", principle), ("sectors", sector), ("domains", domain), ("roles", role)):
        if value:
            resources = with_tag(resources, field, value)
    q = tidy_search(q)
    if q:
        return search(resources, q)
    return resources.order_by("title", "pk")


def with_tag(resources, field: str, value: str):
    """Resources tagged `value` in the JSON list `field`: a containment query on PostgreSQL; on SQLite, which has none, by reading the tags."""
    if value not in dict(tag_choices()[field]):
        return resources.none()
    if connection.vendor == "postgresql":
        return resources.filter(**{f"{field}__contains": [value]})
    matching = [pk for pk, tags in Resource.objects.values_list("pk", field) if isinstance(tags, list) and value in tags]
    return resources.filter(pk__in=matching)


def search(resources, q: str):
    """Resources matching the search words, best first: full-text on PostgreSQL, every word found on SQLite."""
    if connection.vendor == "postgresql":
        return _full_text_search(resources, q)
    words = q.split()
    for word in words[:20]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(tag_words__icontains=word) | Q(latest_text__icontains=word))
    return resources.order_by("title", "pk")


SEARCH_CONFIG = "english"


def _full_text_search(resources, q: str):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", "tag_words", weight="B", config=SEARCH_CONFIG)
        + SearchVector("latest_text", weight="C", config=SEARCH_CONFIG)
    )
    query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
    return resources.annotate(search=vector, rank=SearchRank(vector, query)).filter(search=query).order_by("-rank", "title", "pk")


# One resource ------------------------------------------------------------------------------


def resource_by_id(public_id) -> Resource | None:
    """The resource with this public id (withdrawn or not), or None."""
    try:
        public_id = uuid.UUID(str(public_id))
    except (TypeError, ValueError, AttributeError):
        return None
    return Resource.objects.select_related("organisation", "added_by").filter(public_id=public_id).first()


def versions(resource):
    """Every version of the resource, the newest first."""
    return resource.versions.select_related("uploaded_by").order_by("-number")


def latest_version(resource) -> ResourceVersion | None:
    return resource.versions.order_by("-number").first()


def version_of(resource, number) -> ResourceVersion | None:
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    if not 0 < number < 2_147_483_647:
        return None
    return resource.versions.filter(number=number).first()


def download_name(version: ResourceVersion) -> str:
    """A safe name for the downloaded file: the title in plain letters, the version and the file's own ending."""
    stem = slugify(version.resource.title)[:80].strip("-") or "resource"
    extension = version.extension if version.extension in rules.FILE_TYPES else ""
    return f"{stem}-version-{version.number}{extension}"


def size_words(size: int | None) -> str:
    """A file's size as people read it: ‘840 KB’, ‘2.4 MB’."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def kind_of_file(version: ResourceVersion) -> str:
    if version.is_link:
        return "Link"
    found = rules.FILE_TYPES.get(version.extension)
    return found[1][0].upper() + found[1][1:] if found else "File"
