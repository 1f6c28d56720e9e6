"""The JSON API, version 1: each app adds its own router; the schema is at /api/v1/openapi.json.

Every operation in the schema lists each status it can answer, and every refusal has one
shape, `{"detail": "..."}` (`core.api.Error`); a 422 lists each problem in `detail`. The
statuses follow from the operation itself (`document_statuses`), so no route lists them by hand:

- 401 where it needs a personal token;
- 404 where a path parameter names something that may not be there;
- 422 where it has parameters (or a body) to check;
- 429 everywhere: too many requests in a short time (`core.ratelimits`: per person with a
  working token, per address without one), with a Retry-After header in seconds;
- 403, and anything else a route answers itself, where its own `response={...}` names it.

The documentation at /api/v1/docs is the same schema written out as a page of the site
(`core.api_docs.ReadableDocs`), readable without JavaScript.

The API answers its own errors as JSON too: an Http404 or a PermissionDenied raised in a
route, and an address under /api/v1/ that names no route, never turn into an HTML page. A
service's `core.refusals.Refused` answers 403 with its message, `{"detail": message}`, as
the page shows it.
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, Throttled
from ninja.openapi.schema import REF_TEMPLATE

from .continuum.api import router as continuum_router
from .core import ratelimits
from .core.api import Error, rate_limit
from .core.api import router as core_router
from .core.api_docs import ReadableDocs
from .core.refusals import Refused, api_refusal_handler
from .families.api import router as families_router
from .impact.api import router as impact_router
from .language_monitoring.api import router as language_monitoring_router
from .partnership.api import router as partnership_router
from .pledges.api import router as pledges_router
from .programme.api import router as programme_router
from .supervision.api import router as supervision_router
from .training.api import router as training_router
from .wellbeing.api import router as wellbeing_router

NOT_FOUND = "There is nothing at this address."
NO_TOKEN = "Send a working personal token as 'Authorization: Bearer <token>'; you can make one on your API tokens page."  # noqa: S105 (a message about a missing token, not a password)
REFUSED = "You may not see this."

WHY = {
    401: "No working personal token was sent as 'Authorization: Bearer <token>'.",
    403: "The token works, but its person may not see this.",
    404: NOT_FOUND,
    422: "A parameter is missing or not valid; `detail` lists each problem.",
    429: "Too many requests in a short time; wait the seconds the Retry-After header gives, then try again.",
}
RETRY_AFTER = {
    "Retry-After": {"description": "How many seconds to wait before trying again.", "schema": {"type": "integer", "minimum": 1}},
}
TOO_MANY = "Too many requests in a short time. Wait a minute, then try again."


class ValidationIssue(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationError(Schema):
    """What a 422 answers: each parameter that is missing or not valid, and why."""

    detail: list[ValidationIssue]


def _json(name: str) -> dict:
    return {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(model=name)}}}


def statuses_for(operation: dict) -> set[int]:
    """The error statuses an operation can answer, from what it is: its security and its parameters (and 429: every one has a rate limit)."""
    statuses = {429}
    if operation.get("security"):
        statuses.add(401)
    parameters = operation.get("parameters") or []
    if any(parameter.get("in") == "path" for parameter in parameters):
        statuses.add(404)
    if parameters or operation.get("requestBody"):
        statuses.add(422)
    return statuses


def document_statuses(schema: dict) -> dict:
    """Add the statuses each operation can answer, every refusal in the shared shape."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", Error.model_json_schema(ref_template=REF_TEMPLATE))
    validation = ValidationError.model_json_schema(ref_template=REF_TEMPLATE)
    components.update(validation.pop("$defs", {}))
    components["ValidationError"] = validation
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in statuses_for(operation):
                responses.setdefault(status, {"description": WHY[status]})
            if 429 in responses:
                responses[429].setdefault("headers", RETRY_AFTER)
            for status, response in responses.items():
                if 400 <= int(status) < 500 and "content" not in response:
                    response["content"] = _json("ValidationError" if int(status) == 422 else "Error")
            operation["responses"] = dict(sorted(responses.items(), key=lambda item: int(item[0])))
    return schema


class GoldenThreadAPI(NinjaAPI):
    """A NinjaAPI whose schema documents every status, and whose errors are always JSON."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_statuses(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))

    def set_default_exception_handlers(self):
        super().set_default_exception_handlers()
        self.add_exception_handler(Http404, self._not_found)
        self.add_exception_handler(PermissionDenied, self._refused)
        self.add_exception_handler(Refused, partial(api_refusal_handler, api=self))
        self.add_exception_handler(AuthenticationError, self._no_token)
        self.add_exception_handler(Throttled, self._too_many)

    def _no_token(self, request, exc):
        detail = NO_TOKEN if exc.message == AuthenticationError().message else exc.message
        return self.create_response(request, {"detail": detail}, status=exc.status_code)

    def _too_many(self, request, exc):
        """429 and Retry-After: over a rate limit (`core.api.TooManyRequests`, or `core.api.RateLimit` via ninja's Throttled)."""
        limited = getattr(exc, "limited", None) or getattr(request, "goldenthread_limited", None)
        detail = ratelimits.api_detail(limited) if limited else TOO_MANY
        response = self.create_response(request, {"detail": detail}, status=429)
        response["Retry-After"] = str(limited.wait if limited else 60)
        return response

    def _not_found(self, request, exc=None):
        return self.create_response(request, {"detail": NOT_FOUND}, status=404)

    def _refused(self, request, exc):
        return self.create_response(request, {"detail": str(exc) or REFUSED}, status=403)

    @property
    def urls(self):
        """The routes, then a JSON 404 for the API's root and any address under it that names no route."""
        patterns, app_name, namespace = super().urls

        @csrf_exempt
        def nowhere(request, *args, **kwargs):
            return self._not_found(request)

        patterns = [url for url in patterns if getattr(url, "name", None) != "api-root"]
        return (
            [*patterns, path("", nowhere, name="api-root"), re_path(r"^.*$", nowhere)],
            app_name,
            namespace,
        )


api = GoldenThreadAPI(
    title="Golden Thread API",
    version="1",
    description="Read-only data about the partnership's organisations and their published pledges. "
    "Public data needs no token; anything else needs a personal token sent as 'Authorization: Bearer <token>'. "
    'Every refusal answers {"detail": "..."} saying why.',
    urls_namespace="api-v1",
    docs=ReadableDocs(),  # /api/v1/docs: the schema as a page of the site, not Swagger UI
    throttle=rate_limit,  # every operation (core.ratelimits); the schema and its page are not operations
)
api.add_router("", core_router)
api.add_router("/organisations", partnership_router)
api.add_router("/pledges", pledges_router)
api.add_router("/continuum", continuum_router)
api.add_router("/families", families_router)
api.add_router("/supervision", supervision_router)
api.add_router("/training", training_router)
api.add_router("/wellbeing", wellbeing_router)
api.add_router("/programme", programme_router)
api.add_router("/writing", language_monitoring_router)
api.add_router("/impact", impact_router)
