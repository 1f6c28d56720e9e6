"""The demo and a newcomer's first run: SQLite, e-mails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "demo-only-not-secret-0c9f1e4b7a2d48e6b5f3a1c7d9e2b4f6a8c0e1d3"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
