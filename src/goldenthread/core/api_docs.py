"""The API's documentation as a page of the site: the OpenAPI schema, read and written out.

django-ninja's own documentation page (Swagger UI) draws everything with JavaScript and fails
an accessibility check (contrast, no page language, buttons inside buttons, small targets).
`ReadableDocs` takes its place at the same address: it reads the same schema the API serves
at `openapi.json` and renders it, server-side, in the site's own layout: how to get a token,
then every operation (method, address, what it needs, parameters, answers), then the shape of
each answer. Nothing here knows an app: it reads only the schema it is given.

Use it as `NinjaAPI(docs=ReadableDocs())`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from ninja.openapi.docs import DocsBase

REF_PREFIX = "#/components/schemas/"
METHODS = ("get", "post", "put", "patch", "delete")
PLACES = {"path": "In the address", "query": "After ? in the address", "header": "A header", "cookie": "A cookie"}
TOKEN_NAMES = {
    "PersonalToken": "a personal token",
    "FamilyRecordsToken": "a personal token with the family records scope",
}
STATUS_WORDS = {
    200: "OK",
    201: "Made",
    204: "Done, nothing to return",
    400: "Something in the request was not right",
    401: "No working token",
    403: "Refused",
    404: "Not found",
    405: "Not this method",
    409: "Someone else changed it first",
    413: "Too large",
    422: "A parameter is not valid",
    429: "Too many requests",
}
GENERIC_DESCRIPTIONS = {"OK", "Created", "No Content", "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Unprocessable Content", "Unprocessable Entity"}
CODE = re.compile(r"`([^`]+)`")


def prose(text: str) -> SafeString:
    """A schema description as HTML: escaped, `code` shown as code, a paragraph per blank line."""
    paragraphs = [" ".join(block.split()) for block in (text or "").strip().split("\n\n") if block.strip()]
    html = "".join('<p class="govuk-body">' + CODE.sub(r"<code>\1</code>", escape(paragraph)) + "</p>" for paragraph in paragraphs)
    return mark_safe(html)  # noqa: S308 - every piece of the text was escaped above


def inline(text: str) -> SafeString:
    """A short description as HTML on one line: escaped, `code` shown as code."""
    return mark_safe(CODE.sub(r"<code>\1</code>", escape(" ".join((text or "").split()))))  # noqa: S308 - escaped first


@dataclass
class Parameter:
    name: str
    place: str
    required: bool
    kind: str
    description: str


@dataclass
class Answer:
    status: str
    meaning: SafeString
    content_type: str
    shape: str
    shape_anchor: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: SafeString
    needs: str
    parameters: list[Parameter]
    answers: list[Answer]
    anchor: str


@dataclass
class Group:
    name: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class Property:
    name: str
    kind: str
    required: bool
    description: str
    shape_anchor: str = ""


@dataclass
class Shape:
    name: str
    anchor: str
    description: str
    properties: list[Property]


def ref_name(ref: str) -> str:
    return ref.removeprefix(REF_PREFIX)


def kind_of(schema: dict | None) -> str:
    """A JSON schema in words: "text", "whole number", "list of OrganisationOut", "text or nothing"."""
    schema = schema or {}
    if "$ref" in schema:
        return ref_name(schema["$ref"])
    if "anyOf" in schema or "oneOf" in schema:
        options = [kind_of(option) for option in schema.get("anyOf", schema.get("oneOf", []))]
        return " or ".join(dict.fromkeys(options))
    if "enum" in schema:
        return "one of " + ", ".join(f"“{value}”" for value in schema["enum"])
    kind = schema.get("type", "")
    if isinstance(kind, list):
        return " or ".join(kind_of({**schema, "type": one}) for one in kind)
    if kind == "array":
        return f"list of {kind_of(schema.get('items'))}"
    if kind == "object" and "additionalProperties" in schema:
        return f"map of text to {kind_of(schema['additionalProperties']) if isinstance(schema['additionalProperties'], dict) else 'anything'}"
    words = {
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "true or false",
        "null": "nothing (null)",
        "object": "object",
    }.get(kind, kind or "anything")
    if schema.get("format") in ("date", "date-time", "uuid", "email", "uri"):
        words += {
            "date": " (a date, 2026-03-27)",
            "date-time": " (a date and time)",
            "uuid": " (an id)",
            "email": " (an e-mail address)",
            "uri": " (a web address)",
        }[schema["format"]]
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"from {schema['minimum']} to {schema['maximum']}")
    if "default" in schema and schema["default"] not in ("", None):
        default = str(schema["default"]).lower() if isinstance(schema["default"], bool) else schema["default"]
        limits.append(f"{default} if not given")
    return f"{words}, {', '.join(limits)}" if limits else words


def _shape_of(content: dict) -> tuple[str, str, str]:
    """(content type, shape in words, anchor of the shape's section or "")."""
    if not content:
        return "", "", ""
    content_type, media = next(iter(content.items()))
    schema = media.get("schema") or {}
    target = schema.get("$ref") or (schema.get("items") or {}).get("$ref")
    return content_type, kind_of(schema) if schema else "", f"shape-{slugify(ref_name(target))}" if target else ""


def _needs(operation: dict) -> str:
    schemes = [name for requirement in operation.get("security") or [] for name in requirement]
    if not schemes:
        return "Nothing: anyone may ask"
    return " or ".join(TOKEN_NAMES.get(name, name) for name in schemes).capitalize()


def describe(schema: dict) -> dict:
    """The schema as the page shows it: groups of operations, and the shapes of the answers."""
    groups: dict[str, Group] = {}
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            group = groups.setdefault(tag, Group(name=tag, anchor=f"group-{slugify(tag)}"))
            parameters = [
                Parameter(
                    name=parameter["name"],
                    place=PLACES.get(parameter.get("in", ""), parameter.get("in", "")),
                    required=bool(parameter.get("required")),
                    kind=kind_of(parameter.get("schema")),
                    description=inline(parameter.get("description") or (parameter.get("schema") or {}).get("description", "")),
                )
                for parameter in operation.get("parameters") or []
            ]
            answers = []
            for status, response in (operation.get("responses") or {}).items():
                content_type, shape, anchor = _shape_of(response.get("content") or {})
                description = response.get("description", "")
                generic = description in GENERIC_DESCRIPTIONS or not description
                answers.append(
                    Answer(
                        status=str(status),
                        meaning=inline(STATUS_WORDS.get(int(status), description) if generic else description),
                        content_type=content_type,
                        shape=shape,
                        shape_anchor=anchor,
                    )
                )
            group.operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary") or path,
                    description=prose(operation.get("description", "")),
                    needs=_needs(operation),
                    parameters=parameters,
                    answers=answers,
                    anchor=f"{method}-{slugify(path.replace('/', '-').replace('.', '-'))}",
                )
            )
    shapes = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        shapes.append(
            Shape(
                name=name,
                anchor=f"shape-{slugify(name)}",
                description=inline(component.get("description", "")),
                properties=[
                    Property(
                        name=key,
                        kind=kind_of(value),
                        required=key in required,
                        description=inline(value.get("description", "")),
                        shape_anchor=_shape_of({"application/json": {"schema": value}})[2],
                    )
                    for key, value in (component.get("properties") or {}).items()
                ],
            )
        )
    info = schema.get("info", {})
    schemes = schema.get("components", {}).get("securitySchemes", {})
    return {
        "title": info.get("title", "API"),
        "version": info.get("version", ""),
        "description": prose(info.get("description", "")),
        "groups": list(groups.values()),
        "shapes": shapes,
        "token_kinds": [TOKEN_NAMES.get(name, name) for name in schemes],
    }


class ReadableDocs(DocsBase):
    """django-ninja's docs page, replaced: the schema written out in the site's own layout."""

    template = "core/api_docs.html"

    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            **describe(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "tokens_url": reverse("core:tokens"),
            "example": _example(schema),
        }
        return render(request, self.template, context)


def _example(schema: dict) -> str:
    """A first request to try: the first operation that needs a token and no parameters, or the first of all."""
    paths = schema.get("paths", {})
    for path, operations in paths.items():
        operation = operations.get("get")
        if operation and operation.get("security") and not operation.get("parameters"):
            return path
    return next(iter(paths), "")
