"""Production: PostgreSQL through DATABASE_URL, HTTPS only, secrets from the environment, logs as JSON.

Every environment variable production reads is checked first, in one place
(`environment_problems`), before any setting is made from it: a mistake stops the start with
one message that names each variable and what to set, never a traceback from deep inside,
and never the value itself (some hold passwords).
"""

import base64
import binascii
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

POSITIVE_WHOLE_NUMBER = re.compile(r"^[1-9][0-9]*$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DOTTED_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")
EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HOST_NAME = re.compile(r"^[A-Za-z0-9.-]+$")
METRICS_TOKEN_LENGTH = 32
RATE = re.compile(r"^[1-9][0-9]*/[0-9]*[smhd]$")  # as goldenthread.core.ratelimits reads a rate


def environment_problems(env) -> list[str]:
    """What is wrong with the environment for production, one sentence a variable: what to set."""
    problems = []

    def given(name):
        return env.get(name, "").strip()

    if len(env.get("DJANGO_SECRET_KEY", "")) < 50:
        problems.append("Set DJANGO_SECRET_KEY to a random value of at least 50 characters.")
    if not [host for host in env.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host.strip()]:
        problems.append("Set DJANGO_ALLOWED_HOSTS to the site's host names, separated by commas.")

    database = urlsplit(given("DATABASE_URL"))
    if not given("DATABASE_URL"):
        problems.append("Set DATABASE_URL to the PostgreSQL database, as postgres://USER:PASSWORD@HOST:5432/NAME (production does not run on SQLite).")
    elif database.scheme not in ("postgres", "postgresql") or not database.hostname or database.path in ("", "/"):
        problems.append(
            "DATABASE_URL must be a PostgreSQL address with a host and a database name, as postgres://USER:PASSWORD@HOST:5432/NAME (its value is not shown here)."
        )

    site = urlsplit(given("GOLDENTHREAD_SITE_URL"))
    if site.scheme != "https" or not site.hostname:
        problems.append("Set GOLDENTHREAD_SITE_URL to the site's own address, starting https:// (links in e-mails use it).")

    if given("EMAIL_HOST") and not HOST_NAME.match(given("EMAIL_HOST")):
        problems.append("Set EMAIL_HOST to the mail server's host name only, with no scheme, port or spaces.")
    if given("EMAIL_PORT") and not (POSITIVE_WHOLE_NUMBER.match(given("EMAIL_PORT")) and int(given("EMAIL_PORT")) <= 65535):
        problems.append("Set EMAIL_PORT to the mail server's port, a whole number such as 587 (or leave it unset for 25).")
    if given("EMAIL_USE_TLS") and given("EMAIL_USE_TLS").lower() not in ("true", "false"):
        problems.append("Set EMAIL_USE_TLS to true or false (or leave it unset for true).")
    if given("GOLDENTHREAD_FROM_EMAIL") and not EMAIL_ADDRESS.match(given("GOLDENTHREAD_FROM_EMAIL")):
        problems.append("Set GOLDENTHREAD_FROM_EMAIL to the one address e-mails are sent from, such as golden-thread@partnership.example.")

    cache = urlsplit(given("GOLDENTHREAD_CACHE_URL"))
    if given("GOLDENTHREAD_CACHE_URL") and (cache.scheme not in ("redis", "rediss") or not cache.hostname):
        problems.append("GOLDENTHREAD_CACHE_URL must be a Redis address, as redis://HOST:6379/0 (its value is not shown here), or leave it unset.")

    token = env.get("GOLDENTHREAD_METRICS_TOKEN", "")
    if token and (len(token) < METRICS_TOKEN_LENGTH or token != token.strip() or " " in token):
        problems.append(
            f"Set GOLDENTHREAD_METRICS_TOKEN to a random value of at least {METRICS_TOKEN_LENGTH} characters with no spaces, or leave it unset to turn /metrics off."
        )
    multiprocess_dir = given("PROMETHEUS_MULTIPROC_DIR")
    if multiprocess_dir and not (Path(multiprocess_dir).is_dir() and os.access(multiprocess_dir, os.W_OK)):
        problems.append("Set PROMETHEUS_MULTIPROC_DIR to a folder that exists and the workers may write, or leave it unset with a single process.")

    for name in ("GOLDENTHREAD_IDLE_MINUTES", "GOLDENTHREAD_API_TOKEN_MAX_DAYS"):
        if given(name) and not POSITIVE_WHOLE_NUMBER.match(given(name)):
            problems.append(f"Set {name} to a whole number greater than 0, or leave it unset.")
    if given("GOLDENTHREAD_TRUSTED_PROXIES") and not given("GOLDENTHREAD_TRUSTED_PROXIES").isdigit():
        problems.append("Set GOLDENTHREAD_TRUSTED_PROXIES to how many proxies stand in front of the site, a whole number (0 when none), or leave it unset.")
    for name in sorted(name for name in env if name.startswith("GOLDENTHREAD_RATE_")):
        if not RATE.match(given(name)):
            problems.append(f"Set {name} to a rate as count/period, such as 40/m (the period s, m, h or d), or leave it unset.")
    for name in ("GOLDENTHREAD_PARTNERSHIP_FILE", "GOLDENTHREAD_FAMILY_DOOR_FILE", "GOLDENTHREAD_LANGUAGE_LEXICON"):
        if given(name) and not Path(given(name)).is_file():
            problems.append(f"Set {name} to a file that exists, or leave it unset.")
    for name in ("GOLDENTHREAD_MEDIA_ROOT", "GOLDENTHREAD_BUILD_DIR"):
        if given(name) and not Path(given(name)).is_absolute():
            problems.append(f"Set {name} to an absolute folder path (starting /), or leave it unset.")
    if given("GOLDENTHREAD_BRAND_COLOUR") and not HEX_COLOUR.match(given("GOLDENTHREAD_BRAND_COLOUR")):
        problems.append("Set GOLDENTHREAD_BRAND_COLOUR to a colour as # and six hexadecimal digits, such as #1d70b8, or leave it unset.")
    if given("GOLDENTHREAD_FAMILY_CODE_SENDER") and not DOTTED_PATH.match(given("GOLDENTHREAD_FAMILY_CODE_SENDER")):
        problems.append("Set GOLDENTHREAD_FAMILY_CODE_SENDER to a class's dotted path, such as goldenthread.family_door.senders.EmailCodeSender.")
    wellbeing_keys = [key.strip() for key in env.get("GOLDENTHREAD_WELLBEING_KEYS", "").split(",") if key.strip()]
    if not all(_is_fernet_key(key) for key in wellbeing_keys):
        problems.append("Set GOLDENTHREAD_WELLBEING_KEYS to one or more Fernet keys separated by commas (make one with cryptography's Fernet.generate_key()).")
    return problems


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (binascii.Error, ValueError):
        return False


_problems = environment_problems(os.environ)
if _problems:
    raise ImproperlyConfigured("Golden Thread cannot start in production until these are set right:\n- " + "\n- ".join(_problems))

from goldenthread.operations.addresses import PLAIN_HTTP_ADDRESSES  # noqa: E402

from .base import *  # noqa: E402

DEBUG = False
# A connection broken by a database restart is noticed and replaced at the next request's first
# query, so the site recovers by itself (the gap itself answers 503: operations.database_faults).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
SECURE_SSL_REDIRECT = True
# Probes and the metrics scraper call over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = PLAIN_HTTP_ADDRESSES
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip() or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "").strip() or "25")
EMAIL_USE_TLS = (os.environ.get("EMAIL_USE_TLS", "").strip() or "true").lower() == "true"

# One JSON object a line on the console, for the log collector (goldenthread.operations.logs), still
# without personal data (the no_personal_data filter); and one line for each request, by route name.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "goldenthread.operations.logs.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"], "formatter": "json"},
    },
    "loggers": {
        **LOGGING["loggers"],
        "goldenthread.requests": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
