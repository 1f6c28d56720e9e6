"""The resources library's pages. Thin: each parses, asks `permissions`, calls a service or a query, and renders.

- The library: search and filters (GET), the results alone for htmx.
- A resource: what it is, its tags, its versions (a file to download, or a link), and what the
  shared-language check found in the newest file, for the people who can add a better version.
- Add a resource; add a version; change the details and tags; withdraw it.
- Download a version's file: through this view only, after the permission check, as an
  attachment with a safe name, never shown in the browser.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from goldenthread.core.decorators import page, post_or_none
from goldenthread.core.pages import form_page
from goldenthread.core.refusals import Refused

from . import forms, permissions, queries, rules, services

READ = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]
PAGE_SIZE = 20
NOT_ADDED_HERE = services.ADD_REFUSED
WITHDRAWN_FILE = "This resource is withdrawn, so its files are kept for the record only. Ask the person who added it, or the partnership team, if you need it."


def _page(methods, allowed=permissions.can_read_library, message=rules.NOT_FOR_YOU):
    return page(methods, allowed, message, private=True)


def _files_or_none(request):
    return request.FILES if request.method == "POST" else None


def _resource(public_id):
    resource = queries.resource_by_id(public_id)
    if resource is None:
        raise Http404
    return resource


def _is_htmx(request) -> bool:
    headers = request.headers
    return headers.get("HX-Request") == "true" and "true" not in (headers.get("HX-Boosted"), headers.get("HX-History-Restore-Request"))


@_page(READ)
def library(request):
    """The library: every resource not withdrawn, searched and filtered; htmx asks for the results only."""
    data = request.GET.copy()
    if "q" in data:
        data["q"] = queries.tidy_search(data.get("q"))
    form = forms.LibraryFilterForm(data or None)
    filters = form.filters()
    page = Paginator(queries.library(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    choices = queries.tag_choices()
    context = {
        "filter_form": form,
        "page": page,
        "results": [(resource, queries.tags_shown(resource, choices)) for resource in page.object_list],
        "q": filters["q"],
        "filtered": any(filters.values()),
        "can_add": permissions.can_add(request.user),
    }
    template = "programme/resources/_results.html" if _is_htmx(request) else "programme/resources/library.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@_page(READ)
def detail(request, public_id):
    resource = _resource(public_id)
    all_versions = list(queries.versions(resource))
    user = request.user
    return render(
        request,
        "programme/resources/detail.html",
        {
            "resource": resource,
            "tags": queries.tags_shown(resource),
            "versions": [(version, queries.kind_of_file(version), queries.size_words(version.size)) for version in all_versions],
            "latest": all_versions[0] if all_versions else None,
            "can_download": permissions.can_download(user, resource),
            "can_add_version": permissions.can_add_version(user, resource),
            "can_change": permissions.can_change(user, resource),
            "can_withdraw": permissions.can_withdraw(user, resource),
            "show_advice": permissions.can_see_language_advice(user, resource),
        },
    )


def _added_message(saved, what: str) -> str:
    version = saved if hasattr(saved, "language_findings") else queries.latest_version(saved)
    found = (version.language_findings or {}).get("count", 0) if version else 0
    if found:
        return f"{what} The shared-language check found {found} thing{'s' if found != 1 else ''} to look at in its words: see them below. This is advice; the resource is shared as it is."
    return what


@_page(FORM, permissions.can_add, NOT_ADDED_HERE)
def add(request):
    form = forms.ResourceForm(post_or_none(request), _files_or_none(request), user=request.user, initial={"kind": "guide"})
    return form_page(
        request,
        form,
        template="programme/resources/add.html",
        context={"file_upload": lambda: form.file_upload_component()},
        action=lambda data: services.add_resource(by=request.user, **form.resource_values()),
        success_message=lambda saved: _added_message(saved, "The resource is added to the library."),
        success_url=lambda saved: reverse("programme:resources-detail", args=[saved.public_id]),
    )


@_page(FORM)
def add_version(request, public_id):
    resource = _resource(public_id)
    if not permissions.can_add_version(request.user, resource):
        raise Refused(rules.WITHDRAWN if resource.is_withdrawn else NOT_ADDED_HERE)
    form = forms.VersionForm(post_or_none(request), _files_or_none(request))
    return form_page(
        request,
        form,
        template="programme/resources/add_version.html",
        context={"resource": resource, "latest": queries.latest_version(resource), "file_upload": lambda: form.file_upload_component()},
        action=lambda data: services.add_version(resource, by=request.user, note=data.get("note", ""), **form.file_or_link_values()),
        success_message=lambda saved: _added_message(saved, f"Version {saved.number} is added. The earlier versions are kept in its history."),
        success_url=reverse("programme:resources-detail", args=[resource.public_id]),
    )


@_page(FORM)
def change(request, public_id):
    resource = _resource(public_id)
    if not permissions.can_change(request.user, resource):
        raise Refused(rules.WITHDRAWN if resource.is_withdrawn else services.CHANGE_REFUSED)
    initial = {name: getattr(resource, name) for name in ("title", "summary", "kind", "principles", "sectors", "domains", "roles")}
    form = forms.ChangeForm(post_or_none(request), initial=initial)
    return form_page(
        request,
        form,
        template="programme/resources/change.html",
        context={"resource": resource},
        action=lambda data: services.change_resource(resource, by=request.user, **form.resource_values()),
        success_message="The resource's details and tags are saved.",
        success_url=reverse("programme:resources-detail", args=[resource.public_id]),
    )


@_page(FORM)
def withdraw(request, public_id):
    resource = _resource(public_id)
    if not permissions.can_withdraw(request.user, resource):
        raise Refused(rules.WITHDRAWN if resource.is_withdrawn else services.CHANGE_REFUSED)
    form = forms.WithdrawForm(post_or_none(request))
    return form_page(
        request,
        form,
        template="programme/resources/withdraw.html",
        context={"resource": resource},
        action=lambda data: services.withdraw_resource(resource, by=request.user, reason=data.get("reason", "")),
        success_message="The resource is withdrawn. It has left the library; its page and history are kept.",
        success_url=reverse("programme:resources-detail", args=[resource.public_id]),
    )


@_page(READ)
def download(request, public_id, number):
    """A version's file, as an attachment with a safe name, after the permission check; never shown in the browser."""
    resource = _resource(public_id)
    if not permissions.can_download(request.user, resource):
        raise Refused(WITHDRAWN_FILE)
    version = queries.version_of(resource, number)
    if version is None or not version.file:
        raise Http404
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = version.content_type or rules.FILE_TYPES.get(version.extension, ("application/octet-stream",))[0]
    response = FileResponse(handle, as_attachment=True, filename=queries.download_name(version), content_type=content_type)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
