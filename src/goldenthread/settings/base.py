"""Settings every environment shares. Secrets and hosts come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
BUILD_DIR = Path(os.environ.get("GOLDENTHREAD_BUILD_DIR", REPO_DIR / "build"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "goldenthread.core",
    "goldenthread.partnership",
    "goldenthread.pledges",
    "goldenthread.continuum",
    "goldenthread.families",
    "goldenthread.family_door",
    "goldenthread.supervision",
    "goldenthread.training",
    "goldenthread.wellbeing",
    "goldenthread.programme",
    "goldenthread.language_monitoring",
    "goldenthread.language_rules",
    "goldenthread.impact",
    "goldenthread.operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "govuk_frontend_django",
    "ninja",
]

MIDDLEWARE = [
    # First, so it times everything below: counts each request by view name for /metrics, logs one line with its id.
    "goldenthread.operations.middleware.RequestMetricsMiddleware",
    # A database that is away, read-only or full answers a calm 503, never a stack trace (the session and user are read inside it).
    "goldenthread.operations.database_faults.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A family member's own account opens only the pages made for family members.
    "goldenthread.core.middleware.FamilyAccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "goldenthread.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A 405 from require_POST and its kin is empty; this gives it a page (or JSON under /api/).
    "goldenthread.core.middleware.MethodNotAllowedPageMiddleware",
    # Before anything reads the body (CSRF checks run later, in process_view).
    "goldenthread.core.middleware.RequestSizeLimitMiddleware",
    "goldenthread.core.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "goldenthread.urls"
WSGI_APPLICATION = "goldenthread.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "goldenthread.core.context_processors.partnership",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{REPO_DIR / 'goldenthread.sqlite3'}",
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:signed-out"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

# Lockout after repeated failures (django-axes): per account, so one office's shared
# address does not lock out its colleagues.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_USERNAME_FORM_FIELD = "username"
# "Name@Example.org " and "name@example.org" are one account, so they share one count of failures.
AXES_USERNAME_CALLABLE = "goldenthread.core.signin.username_for_lockout"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "goldenthread.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp 4): nothing inline without a nonce, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "/static/"
STATIC_ROOT = BUILD_DIR / "collected-static"
STATICFILES_DIRS = [BUILD_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("GOLDENTHREAD_FROM_EMAIL", "golden-thread@partnership.example")

# No personal data in logs: requests are logged by path only (paths carry opaque ids),
# and error reports never include request bodies or settings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "goldenthread.core.logfilters.RedactRequestFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
ADMINS = []

# /metrics answers only a request carrying `Authorization: Bearer <this token>`; unset, it answers 404
# (see goldenthread.operations.metrics; production refuses a token shorter than 32 characters).
GOLDENTHREAD_METRICS_TOKEN = os.environ.get("GOLDENTHREAD_METRICS_TOKEN", "")

# The partnership running this instance: name, colours and its own commitments.
GOLDENTHREAD_PARTNERSHIP_FILE = os.environ.get("GOLDENTHREAD_PARTNERSHIP_FILE", str(PACKAGE_DIR / "core" / "data" / "partnership.toml"))
GOLDENTHREAD_PARTNERSHIP_NAME = os.environ.get("GOLDENTHREAD_PARTNERSHIP_NAME", "")
GOLDENTHREAD_BRAND_COLOUR = os.environ.get("GOLDENTHREAD_BRAND_COLOUR", "")
# A pledge lasts a year; the reminder goes this many days before it lapses.
GOLDENTHREAD_PLEDGE_TERM_DAYS = 365
GOLDENTHREAD_PLEDGE_REMINDER_DAYS = 61
GOLDENTHREAD_MINIMUM_RESPONDENTS = 3  # a self-assessment round shows no figure until this many people (never fewer than 3) answered
# Each app registers its menu links, home cards, audit labels and demo loader from its
# AppConfig.ready() (see goldenthread.core.registry): there is no list to keep here.
# The site's own address, for links in e-mails sent by background tasks (no request there).
GOLDENTHREAD_SITE_URL = os.environ.get("GOLDENTHREAD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# No API page is larger than this, whatever a programme asks for.
NINJA_PAGINATION_MAX_LIMIT = 100
# A partnership's own shared-language rules, added to the shipped ones (see docs/language.md).
GOLDENTHREAD_LANGUAGE_LEXICON = os.environ.get("GOLDENTHREAD_LANGUAGE_LEXICON", "")
# Two-step verification (django-otp): the name shown in authenticator apps.
OTP_TOTP_ISSUER = lambda device: partnership_name_for_authenticator()  # noqa: E731
# A signed-in person who does nothing for this long is signed out.
GOLDENTHREAD_IDLE_MINUTES = int(os.environ.get("GOLDENTHREAD_IDLE_MINUTES", "30"))
GOLDENTHREAD_RECOVERY_CODES = 10
# A personal API token works for at most this many days (people may choose fewer).
GOLDENTHREAD_API_TOKEN_MAX_DAYS = int(os.environ.get("GOLDENTHREAD_API_TOKEN_MAX_DAYS", "90"))
# No request body is read beyond this size; larger ones are answered with 413 and a message.
GOLDENTHREAD_MAX_REQUEST_BYTES = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = GOLDENTHREAD_MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = GOLDENTHREAD_MAX_REQUEST_BYTES
# Pages that take a file may take more, by the start of their address (the resource library's
# uploads go up to 25 MB; the form's other fields still count against DATA_UPLOAD_MAX_MEMORY_SIZE).
GOLDENTHREAD_LARGER_REQUESTS = {"/programme/resources/": 26 * 1024 * 1024}

# Uploaded files (the programme's resource library). Never served from here by the web
# server: each file goes out only through its download page, which checks who may have it.
MEDIA_ROOT = Path(os.environ.get("GOLDENTHREAD_MEDIA_ROOT", REPO_DIR / "media"))


def partnership_name_for_authenticator():
    from goldenthread.core.identity import partnership_identity

    return partnership_identity().name


# Emergency safeguarding access to a family's record lasts this long, then ends by itself.
GOLDENTHREAD_EMERGENCY_ACCESS_HOURS = 2
# The family's own door: how a family member's sign-in code reaches them (a class with a `send` method,
# see goldenthread.family_door.senders), and whether the demo shows it on screen (never in production).
GOLDENTHREAD_FAMILY_CODE_SENDER = os.environ.get("GOLDENTHREAD_FAMILY_CODE_SENDER", "goldenthread.family_door.senders.EmailCodeSender")
GOLDENTHREAD_SHOW_SIGN_IN_CODES = False
# The partnership's own choices for the family's door (youngest age, how long links and codes work); blank: the shipped ones.
GOLDENTHREAD_FAMILY_DOOR_FILE = os.environ.get("GOLDENTHREAD_FAMILY_DOOR_FILE", "")

# Rate limits against scripted abuse: sign-in, the two-step code, password reset, the live
# language advice and the API (goldenthread.core.ratelimits holds each limit, its default rate
# and its message). Change a rate here, or with an environment variable GOLDENTHREAD_RATE_<NAME>,
# e.g. GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT=40/m ("count/period", the period s, m, h or d).
GOLDENTHREAD_RATE_LIMITS = {name.removeprefix("GOLDENTHREAD_RATE_").lower(): rate for name, rate in os.environ.items() if name.startswith("GOLDENTHREAD_RATE_")}
# The cache that counts requests (django-ratelimit). Django's default cache lives in each process's
# memory: with several app servers, name a cache in CACHES that they share (Redis, Memcached).
# GOLDENTHREAD_CACHE_URL (redis://HOST:6379/0) adds that shared cache, named "shared", and the limits use it.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("GOLDENTHREAD_CACHE_URL", "").strip():
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["GOLDENTHREAD_CACHE_URL"].strip(),
        # A Redis that hangs fails fast (a page works its figures out itself), never holding a page up.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
RATELIMIT_USE_CACHE = os.environ.get("GOLDENTHREAD_RATELIMIT_CACHE", "shared" if "shared" in CACHES else "default")
# How many proxies stand in front of the app, each adding to X-Forwarded-For; 0: REMOTE_ADDR is the client.
GOLDENTHREAD_TRUSTED_PROXIES = int(os.environ.get("GOLDENTHREAD_TRUSTED_PROXIES", "0"))
RATELIMIT_IP_META_KEY = "goldenthread.core.ratelimits.client_ip"
