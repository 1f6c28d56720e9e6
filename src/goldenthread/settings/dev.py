"""The demo and a newcomer's first run: SQLite, e-mails printed to the console.

The demo answers errors as production does (friendly 404 and 500 pages, no list of
addresses for a mistyped one). A developer who wants Django's debug pages sets
GOLDENTHREAD_DEBUG=1 on their own machine.
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("GOLDENTHREAD_DEBUG", "") == "1"
SECRET_KEY = SECRET_KEY or "demo-only-not-secret-0c9f1e4b7a2d48e6b5f3a1c7d9e2b4f6a8c0e1d3"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
# Static files straight from the build folder, with or without debug (no collectstatic step).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo has no real mailbox: a family member's sign-in code is shown on the page, marked as the demo's.
# Never in production (`manage.py check --deploy` refuses it, family_door.E001).
GOLDENTHREAD_SHOW_SIGN_IN_CODES = True
