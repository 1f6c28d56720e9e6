"""Golden Thread under load: people of every role sign in (two steps) and walk their everyday journeys.

A benchmark, not a test: run it with locust against a server started the production way
(see README.md and run.sh), after `prepare.py` has written `people.json`:

    .venv/bin/locust -f benchmarks/load/locustfile.py --host http://127.0.0.1:8001 \
        --headless --users 200 --spawn-rate 10 --run-time 10m --csv results/steady

Each simulated person takes the next account of their role from people.json, signs in once as
a browser would (the sign-in page, e-mail and password, the code from their authenticator, the
terms where asked), keeping cookies, then repeats their everyday journey with pauses of 3 to
10 seconds between pages. A wrong status is a failure. Requests are named by their pattern
("/families/[id]/"), so ids do not split the figures.

Plain HTTP to a local gunicorn is treated as the HTTPS it stands for: every request says
`X-Forwarded-Proto: https` (production trusts that header), and the secure `__Host-` cookies
are sent back over it (locust's FastHttpUser hands its cookie jar every request as HTTPS).
An https:// host works as it is (a self-signed certificate is accepted).

Run it as one locust process (no --processes / workers): the accounts and the authenticator
time steps are shared out inside the process.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from django_otp.oath import TOTP
from locust import FastHttpUser, between, task

HERE = Path(__file__).resolve().parent
PEOPLE_FILE = Path(os.environ.get("GOLDENTHREAD_LOAD_PEOPLE", HERE / "people.json"))
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# What practitioners type, a few words at a time, as the story box asks for advice.
STORY_WORDS = (
    "Mum told us about the week. She said the mornings are hard since the move, and Ezra is "
    "finding the new school noisy. Nan has been picking him up on Tuesdays. We agreed that I "
    "will ask the school about a quiet space at lunch, and we will meet again in two weeks."
).split()


# The people, shared out -------------------------------------------------------------------


def _load_people():
    if not PEOPLE_FILE.exists():
        raise SystemExit(f"{PEOPLE_FILE} is missing: run benchmarks/load/prepare.py first (see benchmarks/load/README.md).")
    data = json.loads(PEOPLE_FILE.read_text())
    pools = defaultdict(list)
    for person in data["people"]:
        pools[person["role"]].append(person)
    return data["password"], {role: itertools.cycle(people) for role, people in pools.items()}


PASSWORD, POOLS = _load_people()
_pool_lock = threading.Lock()


def next_person(role: str) -> dict:
    with _pool_lock:
        return next(POOLS[role])


# Authenticator codes: each works once per 30-second step for an account -----------------------

_steps_used: dict[str, int] = {}
_steps_lock = threading.Lock()


def authenticator_code(person: dict) -> str:
    """The code the person's authenticator shows now; if another simulated person of the same
    account has just used this step's code, wait for the next step, as the site accepts each once."""
    totp = person["totp"]
    while True:
        now = time.time()
        step = int((now - totp["t0"]) // totp["step"])
        with _steps_lock:
            if _steps_used.get(person["email"], -1) < step:
                _steps_used[person["email"]] = step
                generator = TOTP(bytes.fromhex(totp["key"]), totp["step"], totp["t0"], totp["digits"])
                generator.time = now
                return str(generator.token()).zfill(totp["digits"])
        time.sleep(totp["step"] - ((now - totp["t0"]) % totp["step"]) + 0.2)


# The simulated person ---------------------------------------------------------------------


class Person(FastHttpUser):
    """Someone who signs in once, then walks their journey. Subclasses say which role and which pages.

    locust's FastHttpUser (geventhttpclient), not HttpUser (python-requests): it needs several
    times less CPU for each request, and the load generator shares this machine's cores with
    the server it measures. Like a browser, each person keeps their connection open between
    pages; a request that fails is never sent again (max_retries 0), so every failure counts."""

    abstract = True
    role = ""
    wait_time = between(3, 10)
    insecure = True  # a self-signed certificate on a test server
    max_retries = 0
    concurrency = 1  # one page at a time, on one kept-alive connection
    default_headers = {"X-Forwarded-Proto": "https", "User-Agent": "golden-thread-load-test"}

    def on_start(self):
        self.person = next_person(self.role)
        origin = urlsplit(self.host)
        self.origin = f"https://{origin.netloc}"
        self.sign_in()

    # Helpers

    def page(self, path: str, name: str, *, expect=(200,), headers=None):
        """GET a page as a browser would (following redirects); a status not in `expect` is a failure."""
        with self.client.get(path, name=name, headers={"Referer": self.origin + "/", **(headers or {})}, catch_response=True) as response:
            if response.status_code == 0:
                response.failure(f"no answer for {path}: {response.error}")
            elif response.status_code not in expect:
                response.failure(f"{response.status_code} for {path} (ended at {response.url})")
            elif _path(response.url) in ("/sign-in/", "/two-step/") and _path(path) not in ("/sign-in/", "/two-step/"):
                response.failure(f"{path} sent them to {_path(response.url)}: the session was lost")
            else:
                response.success()
            return response

    def form(self, path: str, data: dict, name: str, *, expect=(200,), referer: str | None = None, headers=None):
        """POST a form with the CSRF token of the page it came from."""
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": self.csrf, **data},
            name=name,
            headers={"Referer": self.origin + (referer or path), "Origin": self.origin, **(headers or {})},
            catch_response=True,
        ) as response:
            if response.status_code == 0:
                response.failure(f"no answer for POST {path}: {response.error}")
            elif response.status_code not in expect:
                response.failure(f"{response.status_code} for POST {path} (ended at {response.url})")
            else:
                response.success()
            return response

    def remember_csrf(self, response) -> None:
        found = CSRF_FIELD.search(response.text or "")
        if found:
            self.csrf = found.group(1)

    # Signing in, as a browser does: e-mail and password, the authenticator's code, the terms

    def sign_in(self):
        self.csrf = ""
        self.remember_csrf(self.page("/sign-in/", "/sign-in/"))
        response = self.form("/sign-in/", {"username": self.person["email"], "password": PASSWORD, "next": "/"}, "/sign-in/ (password)")
        verified = False
        for _ in range(4):
            where = _path(response.url)
            self.remember_csrf(response)
            if where == "/two-step/" and not verified:
                response = self.two_step(response.url)
                verified = True
            elif where == "/account/terms/":
                response = self.form(response.url, {"accept": "on", "next": "/"}, "/account/terms/ (accept)", referer="/account/terms/")
            else:
                break
        if not verified:
            # The site asks for the second step before a family record or a token's page; sign-in
            # is counted with it here, as every person in the scenario uses it.
            response = self.page("/two-step/?next=/", "/two-step/")
            self.remember_csrf(response)
            response = self.two_step("/two-step/?next=/")
        if _path(response.url) != "/":
            response.failure(f"signing in ended at {_path(response.url)}")

    def two_step(self, url):
        """Type the authenticator's code; if the site refuses it (it ran out while the page was
        slow to answer), type the next one, as a person would. The refusal still counts as a failure."""
        response = self.form(url, {"code": authenticator_code(self.person), "next": "/"}, "/two-step/ (code)", referer="/two-step/")
        if _path(response.url) == "/two-step/":
            self.remember_csrf(response)
            response = self.form(url, {"code": authenticator_code(self.person), "next": "/"}, "/two-step/ (code, again)", referer="/two-step/")
        return response

    def home_and_wall(self):
        self.remember_csrf(self.page("/", "/"))
        self.wait()
        self.page("/pledges/", "/pledges/")


def _path(url: str) -> str:
    return urlsplit(url or "").path


class Practitioner(Person):
    """Home, the pledge wall, a family's record, a story with live language advice, a supervision session."""

    role = "practitioner"
    weight = 10

    @task
    def everyday(self):
        family = self.person["family"]
        self.home_and_wall()
        self.wait()
        self.page(f"/families/{family}/", "/families/[id]/")
        self.wait()
        self.write_a_story(family)
        self.wait()
        session = self.person.get("session")
        if session:
            self.page(f"/supervision/sessions/{session}/", "/supervision/sessions/[id]/")
        else:
            self.page("/supervision/", "/supervision/")

    def write_a_story(self, family):
        path = f"/families/{family}/story/add/"
        self.remember_csrf(self.page(path, "/families/[id]/story/add/"))
        # As the person types: htmx asks for advice 700 ms after they stop, with the text so far.
        words = len(STORY_WORDS)
        for upto in sorted(random.sample(range(8, words), 4)) + [words]:
            time.sleep(random.uniform(2, 5))  # noqa: S311 (which page a simulated person opens next, not a secret)
            self.form(
                "/language/feedback/",
                {"field": "story", "story": " ".join(STORY_WORDS[:upto])},
                "/language/feedback/",
                referer=path,
                headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            )


class LeadOrChampion(Person):
    """Home, the pledge wall, their self-assessment's answer page, their organisation's place on the continuum.

    The partnership map itself is for the partnership lead and admins (others get 403, by
    design), so they read their own organisation's continuum page, its rounds and results."""

    abstract = True

    @task
    def everyday(self):
        assessment = self.person["assessment"]
        self.home_and_wall()
        self.wait()
        self.page(f"/continuum/assessments/{assessment}/answer/", "/continuum/assessments/[id]/answer/")
        self.wait()
        self.page(f"/continuum/organisations/{self.person['organisation']}/", "/continuum/organisations/[slug]/")


class OrganisationLead(LeadOrChampion):
    role = "organisation lead"
    weight = 2


class Champion(LeadOrChampion):
    role = "champion"
    weight = 3


class PartnershipLead(Person):
    """Home, the partnership map, the golden thread, and the API with their token."""

    role = "partnership lead"
    weight = 1

    @task
    def everyday(self):
        self.home_and_wall()
        self.wait()
        self.page("/continuum/map/", "/continuum/map/")
        self.wait()
        self.page("/impact/thread/", "/impact/thread/")
        self.wait()
        bearer = {"Authorization": f"Bearer {self.person['api_token']}", "Accept": "application/json"}
        for path in ("/api/v1/me", "/api/v1/continuum/summary", "/api/v1/organisations"):
            self.page(path, path, headers=bearer)


# A smoke run of a few people (run.sh smoke) gives every role one: equal weights.
if os.environ.get("GOLDENTHREAD_LOAD_EVERY_ROLE") == "1":
    Practitioner.weight = OrganisationLead.weight = Champion.weight = PartnershipLead.weight = 1
