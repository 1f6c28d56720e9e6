"""What the journeys across apps share: a real Chromium, a live server, and an accessibility check.

The browser is Debian's Chromium at /usr/bin/chromium, driven by Playwright's sync API
(we never download Playwright's own browsers). Playwright's sync API runs an event loop
in this thread, which makes Django refuse database calls as "async-unsafe"; the tests
talk to the database only from this thread, so we allow it here and nowhere else.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import testcases

from tests.browser import AXE_SOURCE, axe_violations, describe_violations


class _OneRequestAtATime:
    """Let the live server handle one request at a time.

    With SQLite the live server shares the test's in-memory database connection between
    its threads; a browser sending requests side by side (a page, its favicon, live
    language feedback) could otherwise use that one connection from two threads at once.
    """

    lock = threading.Lock()

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with self.lock:
            return self.application(environ, start_response)


class _SerialisedLiveServer(ThreadedWSGIServer):
    def set_app(self, application):
        super().set_app(_OneRequestAtATime(application))


testcases.LiveServerThread.server_class = _SerialisedLiveServer

CHROMIUM = Path(os.environ.get("GOLDENTHREAD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def database_as_migrated(django_db_setup):
    """What the migrations put in the test database (the pledge text), as Django serialised it.

    Read before Playwright starts: once its event loop runs in this thread, Django keeps
    database connections per async context, so the tests get a new connection object that
    lacks the copy Django made for restoring the data after a transactional test.
    """
    from django.db import connections

    return {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}


@pytest.fixture(autouse=True)
def _restore_migrated_data_in_browser_journeys(request):
    """Give the connection a browser journey uses the data to restore after each journey."""
    if "browser_page" not in request.fixturenames:
        return
    contents = request.getfixturevalue("database_as_migrated")
    request.getfixturevalue("chromium")
    from django.db import connections

    for alias, serialized in contents.items():
        if serialized is not None:
            connections[alias]._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def chromium(database_as_migrated):
    """One headless Chromium for the whole run; the browser journeys are skipped without it."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: run 'make test' to install it, or set GOLDENTHREAD_CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, django_db_serialized_rollback):
    """A fresh browser tab (its own cookies) pointed at the live server.

    The live server needs a transactional database; the serialised rollback puts back
    what the migrations loaded (the pledge text) after each journey empties the tables.
    """
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in_browser(browser_page, live_server):
    """Give the browser tab a signed-in session for a person, skipping the sign-in form."""
    from django.test import Client

    def sign_in(user):
        client = Client()
        client.force_login(user)
        session_cookie = client.cookies["sessionid"]
        browser_page.context.clear_cookies()
        browser_page.context.add_cookies([{"name": "sessionid", "value": session_cookie.value, "url": live_server.url}])
        return browser_page

    return sign_in


@pytest.fixture
def assert_accessible():
    """Check the page in the tab with axe-core; fail with every violation, where and why."""
    if not AXE_SOURCE.exists():
        pytest.skip(f"axe-core is not installed at {AXE_SOURCE}: run 'npm ci' (make test does).")

    def check(page, what=""):
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        assert not violations, f"axe-core found problems on {what or page.url}:\n{describe_violations(violations)}"

    return check


@pytest.fixture
def signed_pledge(other_agency_lead, community_health):
    """Riverbend Community Health has signed the pledge: one commitment in every strand."""
    from datetime import timedelta

    from django.utils import timezone

    from goldenthread.pledges import services
    from goldenthread.pledges.models import PledgeText, Strand

    pledge_text = PledgeText.current()
    commitments = [pledge_text.commitments.filter(strand=strand).first() for strand in Strand.values]
    return services.sign_pledge(
        community_health,
        by=other_agency_lead,
        commitments=commitments,
        vision="Parents feel that our health visitors are alongside them, noticing what goes well.",
        how_we_will_do_it="We will train every health visitor in kind, routine enquiry about adversity.",
        priorities="Restorative supervision for every health visitor; quieter clinics.",
        signatory_name="Drew Hughes",
        signatory_role="Head of service",
        signed_on=timezone.localdate() - timedelta(days=30),
        pledge_text=pledge_text,
    )
