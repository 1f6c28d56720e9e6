"""Each request counted, timed and logged by the name of its view: never its path, which holds ids."""

import logging
import re
import time
import uuid

from .logs import RequestContext, current_request
from .metrics import record_request

logger = logging.getLogger("goldenthread.requests")

# An id a proxy in front already gave the request is kept, if it looks like one; otherwise we make one.
REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"  # no view answered: a 404, or a redirect to HTTPS before any address was looked up


def request_id_for(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID_SHAPE.match(given) else uuid.uuid4().hex


def view_name_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else UNMATCHED


class RequestMetricsMiddleware:
    """Give each request an id, then count and time it by view name and status class, and log one line.

    First in MIDDLEWARE, so its time covers every other middleware and a redirect to HTTPS is
    counted too. The id goes back in the `X-Request-ID` header, and onto every log line the
    request writes (`logs.current_request`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        context = RequestContext(request_id=request_id_for(request))
        token = current_request.set(context)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration = time.perf_counter() - started
            route = view_name_of(request)
            record_request(route, response.status_code, duration)
            response["X-Request-ID"] = context.request_id
            method = request.method if request.method in KNOWN_METHODS else "OTHER"
            logger.info(
                "%s %s %s",
                method,
                route,
                response.status_code,
                extra={"route": route, "status": response.status_code, "duration_ms": round(duration * 1000, 1), "method": method},
            )
            return response
        finally:
            current_request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Once the address is known, every line the view logs carries its route."""
        context = current_request.get()
        if context is not None:
            context.route = view_name_of(request)
        return None
