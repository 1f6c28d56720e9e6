"""Every page fits a phone and a laptop, and axe-core finds no problem on it, for every person in the demo.

Each demo person signs in (two steps verified, terms accepted) and opens every page they
can, found by `tests.every_page` from the URL conf and the demo data. At 390 px wide (a
phone) and at 1280 px (a laptop) the page must not scroll sideways: where it does, the test
names the page and the element that sticks out furthest. At 1280 px the menu fits on one
row; every checkbox and radio button is GOV.UK's, not the browser's own. axe-core checks
each distinct address once, at 390 px. Everyone in the demo is fictional.

Set GOLDENTHREAD_PAGE_WIDTHS to a file name to have every page's width at both sizes
written there, one JSON object a line (for comparing layouts before and after a change).
"""

import json
import os

import pytest

from tests import every_page
from tests.browser import AXE_SOURCE, axe_violations, describe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

# The roles `every_page.demo_people()` gives, then the people `every_page.more_people()` adds.
ROLES = ["partnership lead", "organisation lead", "champion", "practitioner", "trainer", "data protection lead", "family member", "anonymous"]
MORE_PEOPLE = [
    "organisation lead whose organisation has yet to sign",
    "facilitator of a learning conversation to come",
    "facilitator of a learning conversation held",
    "facilitator of a group supervision held, about a family",
    "owner of an open supervision action",
    "accountable manager of a proposed action",
    "practitioner holding a closed family's record",
    "person asked how a course changed their practice",
    "language lead",
    "auditor with records waiting to be graded",
]

# Filled as the journeys run: the pages each person opened, and the addresses axe has checked.
PAGES_OPENED: dict[str, list[every_page.Page]] = {}
CHECKED_WITH_AXE: set[str] = set()

# How far the page scrolls sideways, and the outermost elements that stick out past the
# window (those inside a box that scrolls or clips them do not count), widest first.
MEASURE = """() => {
  const room = window.innerWidth;
  const sticksOut = (element) => element.getBoundingClientRect().right > room + 0.5;
  // clipped by a box that scrolls, unless positioned outside it (a positioned element is
  // clipped only by boxes within its containing block)
  const clipped = (element) => {
    let positioned = ["absolute", "fixed"].includes(getComputedStyle(element).position);
    for (let box = element.parentElement; box && box !== document.documentElement; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX !== "visible" && !positioned) return true;
      if (positioned && style.position !== "static") positioned = false;
    }
    return false;
  };
  const describe = (element) => {
    let words = element.tagName.toLowerCase();
    if (element.id) words += "#" + element.id;
    const classes = [...element.classList].slice(0, 3);
    if (classes.length) words += "." + classes.join(".");
    const text = (element.getAttribute("aria-label") || element.textContent || "").replace(/\\s+/g, " ").trim();
    return words + (text ? ` ("${text.slice(0, 60)}")` : "");
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (!sticksOut(element) || clipped(element)) continue;
    if (element.parentElement && element.parentElement !== document.body && sticksOut(element.parentElement)) continue;
    found.push({element: describe(element), right: Math.round(element.getBoundingClientRect().right)});
  }
  found.sort((a, b) => b.right - a.right);
  const menu = [...document.querySelectorAll(".govuk-service-navigation__list > .govuk-service-navigation__item")]
    .filter((item) => item.offsetParent !== null && getComputedStyle(item).position !== "absolute");
  const menuRows = new Set(menu.map((item) => Math.round(item.getBoundingClientRect().top))).size;
  // a checkbox or radio button GOV.UK draws itself hides the browser's own (opacity 0)
  const nativeControls = [...document.querySelectorAll("input[type=checkbox], input[type=radio]")]
    .filter((input) => input.offsetParent !== null && getComputedStyle(input).opacity !== "0")
    .map(describe);
  return {width: document.documentElement.scrollWidth, room, widest: found.slice(0, 3), menuRows, nativeControls};
}"""


def _labels_and_people():
    return {label: (person, only) for label, person, only in every_page.everyone()}


def _sign_in(page, client, live_server):
    page.context.clear_cookies()
    if "sessionid" in client.cookies:
        page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def _too_wide(measured, size, where) -> str:
    if measured["width"] <= measured["room"]:
        return ""
    widest = "; ".join(f"{item['element']} reaches {item['right']} px" for item in measured["widest"]) or "no single element found"
    return f"{where} at {size['width']} px is {measured['width']} px wide: {widest}"


def _record(label, page, widths):
    path = os.environ.get("GOLDENTHREAD_PAGE_WIDTHS")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"role": label, "page": page.name, "path": str(page), **widths}) + "\n")


@pytest.mark.parametrize("label", ROLES)
def test_every_page_fits_a_phone_and_a_laptop_and_is_accessible(label, browser_page, live_server):
    _check_every_page_of([label], browser_page, live_server)


def test_the_pages_only_others_in_the_demo_open_fit_and_are_accessible(browser_page, live_server):
    _check_every_page_of(MORE_PEOPLE, browser_page, live_server)


def _check_every_page_of(labels, browser, live_server):
    if not AXE_SOURCE.exists():
        pytest.skip(f"axe-core is not installed at {AXE_SOURCE}: run 'npm ci' (make test does).")
    every_page.load_demo()
    people = _labels_and_people()
    problems, opened = [], 0
    for label in labels:
        if label not in people and label in MORE_PEOPLE:
            continue  # the demo has no one like them: the last test names the pages they would open
        assert label in people, f"The demo has no {label}: {sorted(people)}"
        person, only = people[label]
        client = every_page.client_for(person)
        pages = PAGES_OPENED[label] = every_page.pages_for(person, client=client, only=only)
        assert pages, f"The {label} opens no page at all"
        opened += len(pages)
        _sign_in(browser, client, live_server)
        problems += _problems_on(pages, label, browser)
    assert not problems, f"{len(problems)} problems on the {opened} pages of the {', '.join(labels)}:\n" + "\n".join(problems)


def _problems_on(pages, label, browser) -> list[str]:
    problems = []
    for page in pages:
        where = f"{page.name} ({page}) for the {label}"
        browser.set_viewport_size(PHONE)
        response = browser.goto(page)
        if response is not None and response.status >= 400:
            problems.append(f"{where} answered {response.status}")
            continue
        on_phone = browser.evaluate(MEASURE)
        problems.append(_too_wide(on_phone, PHONE, where))
        if on_phone["nativeControls"]:
            problems.append(f"{where} has checkboxes or radios in the browser's own style, not GOV.UK's: {on_phone['nativeControls']}")
        if str(page) not in CHECKED_WITH_AXE:
            CHECKED_WITH_AXE.add(str(page))
            violations = axe_violations(browser)
            if violations:
                problems.append(f"axe-core found problems on {where}:\n{describe_violations(violations)}")
        browser.set_viewport_size(LAPTOP)
        on_laptop = browser.evaluate(MEASURE)
        problems.append(_too_wide(on_laptop, LAPTOP, where))
        if on_laptop["menuRows"] > 1:
            problems.append(f"{where} at {LAPTOP['width']} px has its menu on {on_laptop['menuRows']} rows")
        _record(label, page, {"phone": on_phone["width"], "laptop": on_laptop["width"]})
    return [problem for problem in problems if problem]


@pytest.fixture
def migrated_data(database_as_migrated):
    """What the migrations loaded, put back for a transactional test run after the browser journeys.

    As `tests/conftest.py` does for a journey: once Playwright has run in this thread, the
    test's database connection lacks Django's copy of that data.
    """
    from django.db import connections

    for alias, serialized in database_as_migrated.items():
        if serialized is not None:
            connections[alias]._test_serialized_contents = serialized


def test_every_page_is_opened_by_someone_in_the_demo(migrated_data, transactional_db, django_db_serialized_rollback):
    """A new page is checked too: it needs demo data someone can open it with (see tests/every_page.py).

    It runs after the journeys above (a transactional test keeps its place in the file), so
    it reuses the pages they opened.
    """
    every_page.load_demo()
    people = _labels_and_people()
    assert set(ROLES) <= set(people) <= set(ROLES + MORE_PEOPLE), "The demo's people changed: update ROLES and MORE_PEOPLE here"
    opened = []
    for label, (person, only) in people.items():
        # the browser journeys above found them already, unless they were skipped or not chosen
        opened += PAGES_OPENED.get(label) or every_page.pages_for(person, only=only)
    missing = every_page.patterns_never_visited(opened)
    assert not missing, "No one in the demo opens these pages (see tests/every_page.py):\n" + "\n".join(missing)
