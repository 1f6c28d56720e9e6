"""Rate limits: how often one client (an IP address) or one account may ask for something in a
short time, against scripted abuse. Every limit is here: its rate, what it counts by, and what
the person is told.

This is not the lockout. django-axes pauses an account after 5 wrong passwords (AXES_*) and
django-otp slows wrong two-step codes; a rate limit counts every request, right or wrong, so
a script cannot try thousands of addresses from one place, nor ask for thousands of e-mails.

- Each rate is "count/period" (period s, m, h or d). The defaults are below; the setting
  GOLDENTHREAD_RATE_LIMITS overrides any of them by name, and the base settings fill it from
  environment variables GOLDENTHREAD_RATE_<NAME> (GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT=40/m).
- The counts are kept by django-ratelimit in the cache named by RATELIMIT_USE_CACHE. A cache
  in each process's own memory (Django's default) counts per process: with several app
  servers, name a cache they share (Redis or Memcached), or each counts on its own.
- The client is REMOTE_ADDR, or behind GOLDENTHREAD_TRUSTED_PROXIES proxies the address the
  outermost of them saw (`client_ip`).
- Over a limit, a page answers 429 with a calm page (`too_many_requests`), the live language
  advice a short fragment, the API `{"detail": "..."}` (`api_too_many_requests`); each says
  how long to wait, and sends Retry-After in seconds. Nothing over a limit is done: no
  password is checked, no code tried, no e-mail sent.

A limit counted by the address someone typed counts whether or not there is an account with
it, and answers the same either way, so a limit never tells anyone which accounts exist.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage

from .signin import normalised_email, username_for_lockout

CLIENT = "ip"  # django-ratelimit's key for the client's address (see client_ip)


def _person(request) -> str:
    """The signed-in person (or, in the API, the token's person)."""
    person = getattr(request, "auth", None) or getattr(request, "user", None)
    return f"person:{person.pk}" if getattr(person, "pk", None) else ""


def _person_or_client(request) -> str:
    return _person(request) or f"client:{client_ip(request)}"


def _address_for_reset(request) -> str:
    return normalised_email(request.POST.get("email", ""))


def _address_for_a_family_code(request) -> str:
    """The address a family member asked a sign-in code for (the family's door keeps it in the session once asked)."""
    return normalised_email(request.POST.get("email", ""))


@dataclass(frozen=True)
class Limit:
    """One limit: `name` (its setting, and its count in the cache), a default rate, what it counts by, and what to say."""

    name: str
    default: str
    key: str | Callable  # CLIENT, or a function of the request; an empty answer is not counted
    message: str

    @property
    def rate(self) -> str:
        return (getattr(settings, "GOLDENTHREAD_RATE_LIMITS", None) or {}).get(self.name, self.default)

    def hit(self, request) -> int | None:
        """Count this request; None while within the limit, else the seconds to wait."""
        key = self.key
        if callable(key):
            value = key(request)
            if not value:
                return None
            key = lambda group, request: value  # noqa: E731
        usage = get_usage(request, group=f"goldenthread.{self.name}", key=key, rate=self.rate, increment=True)
        if usage is None or not usage["should_limit"]:
            return None
        # time_left is below 1 only when the cache could not be reached (django-ratelimit then refuses).
        return usage["time_left"] if usage["time_left"] >= 1 else 60


SIGN_IN_PER_CLIENT = Limit(
    name="sign_in_per_client",
    # A council's office signs in from one address, a hundred people around nine in the morning;
    # guessing one account's password is held by the limit per account and the lockout.
    default="120/m",
    key=CLIENT,
    message="There have been a lot of tries to sign in from this internet connection in a short time, so sign-in is paused here for a moment.",
)
SIGN_IN_PER_ACCOUNT = Limit(
    name="sign_in_per_account",
    default="10/m",
    key=username_for_lockout,  # the address as typed, written the way the lockout counts it
    message="There have been a lot of tries to sign in with this email address in a short time, so sign-in with it is paused for a moment.",
)
TWO_STEP_PER_ACCOUNT = Limit(
    name="two_step_per_account",
    default="10/m",
    key=_person,
    message="There have been a lot of tries at the code from your authenticator app in a short time, so we have paused them for a moment to keep your account safe.",
)
RESET_PER_CLIENT = Limit(
    name="password_reset_per_client",
    default="5/m",
    key=CLIENT,
    message="There have been a lot of requests to choose a new password from this internet connection in a short time, so we have paused them for a moment.",
)
RESET_PER_ADDRESS = Limit(
    name="password_reset_per_address",
    default="3/h",
    key=_address_for_reset,
    message="There have been a lot of requests to choose a new password for this email address in a short time, so we have paused them for a while.",
)
LANGUAGE_FEEDBACK_PER_PERSON = Limit(
    name="language_feedback_per_person",
    default="120/m",
    key=_person_or_client,
    message="Shared-language advice is paused for a moment, as it was asked for very often. It starts again by itself, and you can keep writing.",
)
API_PER_PERSON = Limit(
    name="api_per_person",
    default="300/m",
    key=_person,  # every token of one person counts together
    message="There have been too many requests with tokens of this person in a short time.",
)
API_PER_CLIENT = Limit(
    name="api_per_client",
    default="60/m",
    key=CLIENT,  # calls without a working token: public data, and tokens that do not work
    message="There have been too many requests without a working token from this address in a short time.",
)

FAMILY_CODE_PER_CLIENT = Limit(
    name="family_code_per_client",
    default="20/m",
    key=CLIENT,
    message="There have been a lot of requests for sign-in codes from this internet connection in a short time, so we have paused them for a moment.",
)
FAMILY_CODE_PER_ADDRESS = Limit(
    name="family_code_per_address",
    default="5/h",
    key=_address_for_a_family_code,
    message="We have been asked for a lot of sign-in codes for this email address in a short time, so we have paused them for a while. The newest code already sent still works.",
)
FAMILY_CODE_TRIES_PER_CLIENT = Limit(
    name="family_code_tries_per_client",
    default="30/m",
    key=CLIENT,
    message="There have been a lot of tries at sign-in codes from this internet connection in a short time, so we have paused them for a moment.",
)

LIMITS = (
    SIGN_IN_PER_CLIENT,
    SIGN_IN_PER_ACCOUNT,
    TWO_STEP_PER_ACCOUNT,
    RESET_PER_CLIENT,
    RESET_PER_ADDRESS,
    LANGUAGE_FEEDBACK_PER_PERSON,
    API_PER_PERSON,
    API_PER_CLIENT,
    FAMILY_CODE_PER_CLIENT,
    FAMILY_CODE_PER_ADDRESS,
    FAMILY_CODE_TRIES_PER_CLIENT,
)


@dataclass(frozen=True)
class Limited:
    """A request over a limit: which one, and how many seconds until it may be tried again."""

    limit: Limit
    wait: int

    @property
    def wait_in_words(self) -> str:
        return wait_in_words(self.wait)


def over_limit(request, *limits: Limit) -> Limited | None:
    """Count the request against each limit; the one that makes it wait longest, or None when all allow it."""
    found = [Limited(limit, wait) for limit in limits if (wait := limit.hit(request)) is not None]
    return max(found, key=lambda limited: limited.wait, default=None)


def wait_in_words(seconds: int) -> str:
    """'30 seconds', 'a minute', '5 minutes', 'an hour': how long to wait, rounded up, as a person says it."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    if minutes == 1:
        return "a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = -(-minutes // 60)
    return "an hour" if hours == 1 else f"{hours} hours"


def _with_retry_after(response, limited: Limited):
    response["Retry-After"] = str(limited.wait)
    add_never_cache_headers(response)
    return response


def too_many_requests(request, limited: Limited):
    """The calm page for a page over its limit: 429, what happened, how long to wait, what to do."""
    context = {"message": limited.limit.message, "wait": limited.wait_in_words}
    return _with_retry_after(render(request, "core/errors/429.html", context, status=429), limited)


def language_feedback_paused(request, limited: Limited):
    """The short fragment the live language advice shows in its place while it is paused."""
    context = {"message": limited.limit.message}
    return _with_retry_after(render(request, "core/_language_feedback_paused.html", context, status=429), limited)


def api_detail(limited: Limited) -> str:
    return f"{limited.limit.message} Wait {limited.wait_in_words}, then try again; the Retry-After header gives the seconds."


def client_ip(request) -> str:
    """The client's address, as RATELIMIT_IP_META_KEY: REMOTE_ADDR, or behind proxies the address the outermost saw.

    With GOLDENTHREAD_TRUSTED_PROXIES set to how many proxies stand in front of the app (each adding
    the address it was called from to X-Forwarded-For), the client is that many entries from the
    right. Entries further left were written by the client itself, so they are never trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "GOLDENTHREAD_TRUSTED_PROXIES", 0) or 0)
    candidate = remote
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            candidate = forwarded[-min(proxies, len(forwarded))]
    for address in (candidate, remote):
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            continue
    return "0.0.0.0"  # noqa: S104 - no address at all: such requests share one count


RATE = re.compile(r"^[1-9][0-9]*/[0-9]*[smhd]$")


@register(Tags.caches)
def rate_limits_are_well_formed(app_configs, **kwargs):
    """`manage.py check`: every rate set in GOLDENTHREAD_RATE_LIMITS names a limit and reads 'count/period', and the cache exists."""
    names = {limit.name for limit in LIMITS}
    errors = []
    for name, rate in (getattr(settings, "GOLDENTHREAD_RATE_LIMITS", None) or {}).items():
        if name not in names:
            errors.append(Error(f"There is no rate limit called {name!r}; the limits are {', '.join(sorted(names))}.", id="core.E101"))
        elif not RATE.match(str(rate)):
            errors.append(Error(f"The rate limit {name} is {rate!r}: write it as 'count/period', such as '20/m' (period s, m, h or d).", id="core.E102"))
    cache = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    if cache not in settings.CACHES:
        errors.append(Error(f"RATELIMIT_USE_CACHE names the cache {cache!r}, which is not in CACHES.", id="core.E103"))
    return errors
