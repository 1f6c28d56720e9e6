"""The test suite: fast hashing, e-mail kept in memory, tasks run in the test's own database."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-5e1d9c3b7a2f4e6d8c0b1a3f5e7d9c2b4a6f8e0d"  # noqa: S105 (the test settings' own key, never used in production)
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True  # no collected static folder in tests

# Files the tests upload, and the demo's own, go to a folder of their own, never the repository's.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "goldenthread-test-media"

# Rate limits are off, so tests that sign in or call the API many times are never paused;
# core/tests/test_rate_limits.py turns them on, each test with a cleared cache.
RATELIMIT_ENABLE = False
