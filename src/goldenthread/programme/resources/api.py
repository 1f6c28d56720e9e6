"""The resources part of the programme API (mounted under /api/v1/programme/resources by ../api.py).

Read only, with a personal token, for the workforce, as the library's pages:
- GET /resources: the library (withdrawn resources left out), searched with `q` and narrowed
  by kind and tags, as on the library page; best match first when searching (PostgreSQL).
- GET /resources/{id}: one resource with every version, newest first: a link, or a file's
  name, kind and size. No file's bytes or words: download a file from its page.
"""

from datetime import datetime
from uuid import UUID

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import permissions, queries, rules

router = Router(tags=["Programme: resources"])

NOT_FOUND = "There is no resource with that id."


class ResourceTagsOut(Schema):
    principles: list[str] = Field(..., description="Principle keys, from the programme's principles.")
    sectors: list[str]
    domains: list[str] = Field(..., description="Continuum area codes.")
    roles: list[str]
    words: str = Field(..., description="Every tag in words.")


class ResourceOut(Schema):
    id: str
    title: str
    summary: str
    kind: str = Field(..., description="guide, tool, template, recording or other")
    kind_label: str
    tags: ResourceTagsOut
    organisation: str | None = Field(None, description="The organisation it comes from; null for the partnership as a whole.")
    added_at: datetime
    changed_at: datetime
    latest_version: int | None
    is_withdrawn: bool
    page: str = Field(..., description="The resource's page on the site, where its files are downloaded.")


class ResourceVersionOut(Schema):
    number: int
    note: str
    uploaded_at: datetime
    uploaded_by: str | None
    link: str | None = Field(None, description="A link version's web address; null for a file.")
    file_name: str | None = Field(None, description="The name a file was uploaded with; null for a link.")
    content_type: str | None
    size: int | None = Field(None, description="In bytes.")


class ResourceDetailOut(ResourceOut):
    withdrawn_at: datetime | None
    withdrawn_reason: str
    versions: list[ResourceVersionOut]


class ResourceFilters(Schema):
    q: str = Field("", description="Words to search for in the title, summary, tags and the newest version's words.")
    kind: str = ""
    principle: str = ""
    sector: str = ""
    domain: str = Field("", description="A continuum area code.")
    role: str = ""


MOST_OFFSET = 1_000_000  # far beyond any library; a larger offset is refused (422) before it reaches the database


class ResourcePages(LimitOffsetPagination):
    """The library's pages. An offset larger than the database can take once answered 500; it is refused with a clear 422."""

    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MOST_OFFSET)


def _out(resource, latest_number=None) -> dict:
    return {
        "id": str(resource.public_id),
        "title": resource.title,
        "summary": resource.summary,
        "kind": resource.kind,
        "kind_label": resource.get_kind_display(),
        "tags": {
            "principles": list(resource.principles or []),
            "sectors": list(resource.sectors or []),
            "domains": list(resource.domains or []),
            "roles": list(resource.roles or []),
            "words": resource.tag_words,
        },
        "organisation": resource.organisation.name if resource.organisation else None,
        "added_at": resource.added_at,
        "changed_at": resource.changed_at,
        "latest_version": latest_number,
        "is_withdrawn": resource.is_withdrawn,
        "page": reverse("programme:resources-detail", args=[resource.public_id]),
    }


def _version_out(version) -> dict:
    return {
        "number": version.number,
        "note": version.note,
        "uploaded_at": version.uploaded_at,
        "uploaded_by": version.uploaded_by.full_name if version.uploaded_by else None,
        "link": version.link or None,
        "file_name": (version.file_name or None) if version.file else None,
        "content_type": (version.content_type or None) if version.file else None,
        "size": version.size if version.file else None,
    }


class _LazyResources:
    """A queryset the paginator can count and slice, turning each page's resources into API shape."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_out(resource, resource.latest_number) for resource in self.queryset[index]]
        resource = self.queryset[index]
        return _out(resource, resource.latest_number)


def _reader(user) -> None:
    if not permissions.can_read_library(user):
        raise Refused(rules.NOT_FOR_YOU)


@router.get("", response={200: list[ResourceOut], 403: Error}, auth=personal_token, summary="The resources library")
@paginate(ResourcePages)
def list_resources(request, filters: Query[ResourceFilters]):
    """The library, withdrawn resources left out; a kind or tag that is not one of the choices matches nothing."""
    _reader(request.auth)
    return _LazyResources(queries.library(**filters.dict()))


@router.get("/{resource_id}", response={200: ResourceDetailOut, 403: Error, 404: Error}, auth=personal_token, summary="One resource, with its versions")
def get_resource(request, resource_id: UUID):
    _reader(request.auth)
    resource = queries.resource_by_id(resource_id)
    if resource is None or not permissions.can_see(request.auth, resource):
        return 404, {"detail": NOT_FOUND}
    versions = list(queries.versions(resource))
    return 200, {
        **_out(resource, versions[0].number if versions else None),
        "withdrawn_at": resource.withdrawn_at,
        "withdrawn_reason": resource.withdrawn_reason,
        "versions": [_version_out(version) for version in versions],
    }
