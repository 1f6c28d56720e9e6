"""Request-wide helpers: who is acting (for the audit log), and signing out idle sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import render

from .audit import reset_actor, set_actor

LAST_SEEN_KEY = "goldenthread_last_seen"
# The last-seen time is written again only when it is older than this: a session is saved (a
# database write) about once a minute, not on every page. An idle session still ends on time,
# at most this much early.
LAST_SEEN_EVERY_SECONDS = 60


class AuditActorMiddleware:
    """Make the signed-in person the actor of every change this request makes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = set_actor(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)


class IdleTimeoutMiddleware:
    """Sign a person out after a set time without activity, so an unattended screen shows nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > settings.GOLDENTHREAD_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    f"You were signed out after {settings.GOLDENTHREAD_IDLE_MINUTES} minutes without activity, to keep records safe. Sign in again to carry on.",
                )
            elif last_seen is None or now - int(last_seen) >= LAST_SEEN_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than the site ever needs, before any of it is read.

    Answers 413 with a page that says what to do; nothing already saved is touched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length is None:
            return self._refuse(request, 400, "The request said its size in a way we could not read. Send it again.")
        limit = limit_for(request.path)
        if length > limit:
            limit_mb = limit // (1024 * 1024)
            return self._refuse(request, 413, f"Send at most {limit_mb} MB in one request.", {"limit_mb": limit_mb})
        return self.get_response(request)

    @staticmethod
    def _refuse(request, status, detail, context=None):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=status)
        template = "core/errors/413.html" if status == 413 else "core/errors/400.html"
        return render(request, template, context or {}, status=status)


def limit_for(path: str) -> int:
    """The largest body a request to this address may send: the site's limit, or more for a page that takes files."""
    larger = [size for start, size in getattr(settings, "GOLDENTHREAD_LARGER_REQUESTS", {}).items() if path.startswith(start)]
    return max([settings.GOLDENTHREAD_MAX_REQUEST_BYTES, *larger])


def declared_length(request) -> int | None:
    """The body size the request declares: 0 if it declares none, None if the header is not a whole number."""
    header = (request.META.get("CONTENT_LENGTH") or "").strip()
    if not header:
        return 0
    if not header.isdigit():
        return None
    return int(header)


METHOD_NOT_ALLOWED = "This address does not take that kind of request. Send it again as one of: {allowed}."


class MethodNotAllowedPageMiddleware:
    """Give a 405 a body: Django's `require_POST` and its kin answer with an empty page, django-ninja with two words.

    A page answers with the calm 405 page (what happened, what to do next); an address under
    /api/ answers `{"detail": ...}` as every other API refusal does. The `Allow` header is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
            return response
        allowed = response.get("Allow", "")
        if request.path.startswith("/api/"):
            page = JsonResponse({"detail": METHOD_NOT_ALLOWED.format(allowed=allowed or "GET")}, status=405)
        else:
            page = render(request, "core/errors/405.html", {"allowed": allowed}, status=405)
        if allowed:
            page["Allow"] = allowed
        return page


# Core's pages a family member's own account may open, besides the pages made for them.
FAMILY_ACCOUNT_CORE_PAGES = frozenset({"sign-out", "signed-out", "privacy", "accessibility", "brand-css", "favicon", "language-feedback"})


class FamilyAccountMiddleware:
    """A family member's own account opens only the pages made for family members, never a staff page.

    Which pages those are, each app says (`core.registry.register(family_namespaces=...)`); core
    adds signing out, the privacy and accessibility statements and the language feedback. Any
    other page is refused (403, with a link to their own home page; the API answers 403 in JSON)
    before the view or its form runs; the site's home page sends them to their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "is_family_account", False) and not family_page(request.path_info):
            return refuse_family_account(request)
        return self.get_response(request)


def family_page(path: str) -> bool:
    from django.urls import Resolver404, resolve

    from .registry import family_namespaces

    try:
        match = resolve(path)
    except Resolver404:
        return True  # the 404 page, as for anyone
    if match.namespaces and match.namespaces[0] in family_namespaces():
        return True
    return match.namespaces == ["core"] and match.url_name in FAMILY_ACCOUNT_CORE_PAGES


FAMILY_ACCOUNT_REFUSED = (
    "This page is for people who work in the partnership. Your own pages are on your home page. "
    "If you need something you cannot find there, ask your lead practitioner."
)


def refuse_family_account(request):
    from django.shortcuts import redirect
    from django.urls import reverse

    from .registry import family_namespaces

    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": FAMILY_ACCOUNT_REFUSED}, status=403)
    homes = sorted(family_namespaces())
    home = reverse(f"{homes[0]}:home") if homes else "/"
    if request.path_info == "/" and request.method in ("GET", "HEAD"):
        return redirect(home)  # the site's own home is theirs too
    return render(request, "core/errors/refused.html", {"message": FAMILY_ACCOUNT_REFUSED, "home": home}, status=403)
