"""Every change in the resources library: one function per thing a person does, each in a transaction.

A file is checked and read (`uploads.inspect`) before anything is saved: a file the library
does not take is refused with what to do, and nothing is half-saved. What the shared-language
check finds in a file's words is kept with the version as advice for the resource page; it
never stops a file joining the library. Every save goes through the model, one object at a
time, so the audit log sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if

from . import permissions, queries, rules, uploads
from .models import Resource, ResourceKind, ResourceVersion

ADD_REFUSED = "Resources are added by champions, organisation leads and the partnership team. If you have something to share, ask your organisation's champion."
CHANGE_REFUSED = "A resource is changed or withdrawn by the person who added it or by the partnership team. Ask them."
_https = URLValidator(schemes=["https"])


@dataclass(frozen=True)
class Tags:
    principles: list[str]
    sectors: list[str]
    domains: list[str]
    roles: list[str]


def clean_tags(*, principles=(), sectors=(), domains=(), roles=(), errors: dict) -> Tags:
    """Each tag list kept to the choices, in the choices' order, each value once; anything else is a mistake on its field."""
    choices = queries.tag_choices()
    given = {"principles": principles, "sectors": sectors, "domains": domains, "roles": roles}
    cleaned = {}
    for field, values in given.items():
        values = [str(value) for value in (values or [])] if isinstance(values, list | tuple | set) else None
        known = [value for value, _ in choices[field]]
        if values is None or any(value not in known for value in values):
            errors[field] = rules.NOT_A_TAG
            values = []
        cleaned[field] = [value for value in known if value in values]
    return Tags(**cleaned)


def clean_kind(kind, *, errors: dict) -> str:
    if kind not in ResourceKind.values:
        errors["kind"] = rules.CHOOSE_KIND
    return kind


def clean_link(link, *, errors: dict) -> str:
    link = rules.LINK.clean(link, field="link", errors=errors)
    if link and "link" not in errors:
        try:
            _https(link)
        except ValidationError:
            errors["link"] = rules.LINK_PROBLEM
    return link


def _clean_organisation(organisation, by, *, errors: dict):
    if organisation is not None and not permissions.organisations_for(by).filter(pk=organisation.pk).exists():
        errors["organisation"] = rules.NOT_YOUR_ORGANISATION
    return organisation


def _file_or_link(upload, link, *, errors: dict) -> uploads.Inspected | None:
    """The checked file, or None for a link; a missing or doubled choice, or a file the library does not take, goes in `errors`."""
    if upload is not None and link:
        errors["file"] = rules.NOT_BOTH
        return None
    if upload is None:
        if not link and "link" not in errors:
            errors["file"] = rules.FILE_OR_LINK
        return None
    if errors:  # no need to read a large file when the form must come back anyway
        try:
            uploads.quick_check(upload)
        except ValidationError as problem:
            errors["file"] = problem.message_dict["file"][0]
        return None
    try:
        return uploads.inspect(upload)
    except ValidationError as problem:
        errors["file"] = problem.message_dict["file"][0]
        return None


def _save_version(resource, *, by, number: int, inspected: uploads.Inspected | None, link: str, note: str, upload=None, when=None) -> ResourceVersion:
    version = ResourceVersion(resource=resource, number=number, note=note, uploaded_by=by, uploaded_at=when or timezone.now())
    if inspected is None:
        version.link = link
        version.language_findings = {"checked": False, "count": 0, "findings": []}
    else:
        version.file_name = inspected.file_name
        version.text = inspected.text
        version.size = inspected.size
        version.content_type = inspected.content_type
        version.language_findings = inspected.findings
        upload.seek(0)
        version.file.save(f"upload{inspected.extension}", upload, save=False)
    version.save()
    return version


@transaction.atomic
def add_resource(
    *,
    by,
    title,
    summary,
    kind,
    principles=(),
    sectors=(),
    domains=(),
    roles=(),
    organisation=None,
    upload=None,
    link="",
    note="",
) -> Resource:
    """Add a resource to the library with its first version: a file (checked and read) or a link."""
    if not permissions.can_add(by):
        raise Refused(ADD_REFUSED)
    errors: dict = {}
    title = rules.TITLE.clean(title, field="title", errors=errors)
    summary = rules.SUMMARY.clean(summary, field="summary", errors=errors)
    kind = clean_kind(kind, errors=errors)
    tags = clean_tags(principles=principles, sectors=sectors, domains=domains, roles=roles, errors=errors)
    organisation = _clean_organisation(organisation, by, errors=errors)
    note = rules.FIRST_NOTE.clean(note, field="note", errors=errors)
    link = clean_link(link, errors=errors)
    inspected = _file_or_link(upload, link, errors=errors)
    raise_if(errors)
    now = timezone.now()
    resource = Resource.objects.create(
        title=title,
        summary=summary,
        kind=kind,
        principles=tags.principles,
        sectors=tags.sectors,
        domains=tags.domains,
        roles=tags.roles,
        tag_words=queries.tag_words(**tags.__dict__),
        organisation=organisation,
        added_by=by,
        added_at=now,
        changed_at=now,
    )
    _save_version(resource, by=by, number=1, inspected=inspected, link=link, note=note, upload=upload, when=now)
    return resource


@transaction.atomic
def add_version(resource, *, by, upload=None, link="", note="") -> ResourceVersion:
    """Add a new version of a resource: a file (checked and read) or a link, and what changed. The older versions are kept."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.is_withdrawn:
        raise Refused(rules.WITHDRAWN)
    if not permissions.can_add_version(by, resource):
        raise Refused(ADD_REFUSED)
    errors: dict = {}
    note = rules.NOTE.clean(note, field="note", errors=errors)
    link = clean_link(link, errors=errors)
    inspected = _file_or_link(upload, link, errors=errors)
    raise_if(errors)
    latest = queries.latest_version(resource)
    version = _save_version(resource, by=by, number=(latest.number if latest else 0) + 1, inspected=inspected, link=link, note=note, upload=upload)
    resource.changed_at = version.uploaded_at
    resource.save(update_fields=["changed_at"])
    return version


@transaction.atomic
def change_resource(resource, *, by, title, summary, kind, principles=(), sectors=(), domains=(), roles=()) -> Resource:
    """Change a resource's title, summary, kind and tags."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.is_withdrawn:
        raise Refused(rules.WITHDRAWN)
    if not permissions.can_change(by, resource):
        raise Refused(CHANGE_REFUSED)
    errors: dict = {}
    title = rules.TITLE.clean(title, field="title", errors=errors)
    summary = rules.SUMMARY.clean(summary, field="summary", errors=errors)
    kind = clean_kind(kind, errors=errors)
    tags = clean_tags(principles=principles, sectors=sectors, domains=domains, roles=roles, errors=errors)
    raise_if(errors)
    resource.title, resource.summary, resource.kind = title, summary, kind
    resource.principles, resource.sectors, resource.domains, resource.roles = tags.principles, tags.sectors, tags.domains, tags.roles
    resource.tag_words = queries.tag_words(**tags.__dict__)
    resource.changed_at = timezone.now()
    resource.save()
    return resource


@transaction.atomic
def withdraw_resource(resource, *, by, reason="") -> Resource:
    """Take a resource out of the library. Its page and history are kept, saying it is withdrawn and why."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.is_withdrawn:
        raise Refused(rules.WITHDRAWN)
    if not permissions.can_withdraw(by, resource):
        raise Refused(CHANGE_REFUSED)
    errors: dict = {}
    reason = rules.WITHDRAW_REASON.clean(reason, field="reason", errors=errors)
    raise_if(errors)
    resource.is_withdrawn = True
    resource.withdrawn_at = timezone.now()
    resource.withdrawn_reason = reason
    resource.save()
    return resource


def file_from_bytes(data: bytes, name: str) -> ContentFile:
    """Bytes as an uploaded file, for callers that make their own (the demo)."""
    return ContentFile(data, name=name)
