"""What the golden thread and board report tests share: figures the tests control, put in place of the real computations.

The real computations are written by the indicators part; here each key of the golden thread
is answered by a small computation the test controls, so every figure is known:
the pledge signed in 2025, self-assessed Sensitive, 40% of staff trained, records meeting
the language standard 71% of the time (58% the period before), 45% of supervision actions
done on time, families' feedback 4.5 out of 5. Each counts by dates only, so a past period
always gives the same figure. Everyone is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from goldenthread.impact.indicators import computed
from goldenthread.impact.indicators.computed import COUNT, PERCENT, SCORE, Figure, Reading
from goldenthread.impact.periods import Period
from goldenthread.partnership.models import Organisation

# The language figure rises on this day: a period after it reads 71%, before it 58%.
LANGUAGE_RISES_ON = date(2026, 1, 1)
PERIOD = Period(date(2026, 1, 1), date(2026, 3, 31))  # its period before ends on 31 December 2025
PAGES = {
    "pledges.signed": "pledges:wall",
    "continuum.stage": "continuum:map",
    "training.trained": "training:reach",
    "writing.meets_standard": "impact:thread",
    "supervision.actions_on_time": "impact:thread",
    "feedback.score": "impact:reports",
}


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _pledges(period, organisation=None):
    joined = Organisation.objects.filter(joined_on__lte=period.end)
    if organisation is not None:
        return Figure(2025, "signed the pledge in 2025")
    count = joined.count()
    return Figure(count, f"{count} organisations have signed", numerator=count)


def _stage(period, organisation=None):
    return Figure(2, "Sensitive") if organisation is not None else Figure(2.5, "on average between Sensitive and Responsive")


def _trained(period, organisation=None):
    return Figure(40.0, "40 of 100 people (40%)", 40, 100)


def _language(period, organisation=None):
    value = 71.0 if period.end >= LANGUAGE_RISES_ON else 58.0
    return Figure(value, f"{value:.0f} of 100 records ({value:.0f}%)", int(value), 100)


def _actions(period, organisation=None):
    return Figure(45.0, "9 of 20 actions (45%)", 9, 20)


def _feedback(period, organisation=None):
    return Figure(4.5, "4.5 out of 5, from 12 answers")


FAKES = {
    "pledges.signed": ("Organisations that have signed the pledge", COUNT, _pledges),
    "continuum.stage": ("Where organisations stand on the continuum", SCORE, _stage),
    "training.trained": ("Staff trained", PERCENT, _trained),
    "writing.meets_standard": ("Records that meet the language standard", PERCENT, _language),
    "supervision.actions_on_time": ("Supervision actions done on time", PERCENT, _actions),
    "feedback.score": ("Families' feedback score", SCORE, _feedback),
}
# The other keys the steps name are left out: they are "not there yet" in these tests.
LEFT_OUT = ("pledges.renewed", "continuum.moved_on", "supervision.sessions_held", "families.story_told_once", "families.one_page_profiles")


@pytest.fixture(autouse=True)
def known_figures(request, monkeypatch):
    """Put the test's computations in place of the real ones for each golden-thread key; no indicators are read.

    A test module that says `REAL_FIGURES = True` keeps the real computations and indicators.
    """
    if getattr(request.module, "REAL_FIGURES", False):
        return None
    computed.computations()  # the real ones register first, so the test's replace them
    for key in LEFT_OUT:
        monkeypatch.delitem(computed._COMPUTATIONS, key, raising=False)
    for key, (name, unit, function) in FAKES.items():
        monkeypatch.setitem(computed._COMPUTATIONS, key, computed.Computation(key, name, f"How {name.lower()} is counted (test).", unit, PAGES[key], function))
    monkeypatch.setattr("goldenthread.impact.reports.figures.readings", lambda period, organisation=None, **kept: [])
    return FAKES


@pytest.fixture(autouse=True)
def nothing_kept_from_another_test():
    """Each test starts and ends with no golden thread kept in the cache (Django's default cache lives on between tests)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@dataclass
class FakeIndicator:
    name: str
    computation_key: str
    unit: str = PERCENT
    target: float = 60.0
    definition: str = "A test indicator (fictional)."

    def get_absolute_url(self):
        return "/impact/indicators/"


def reading(key: str, rag: str, *, value=40.0, target="60%", name="Staff trained (indicator)") -> Reading:
    words = {"green": "On target", "amber": "Close to target", "red": "Off target", "none": "No figure yet"}[rag]
    return Reading(
        indicator=FakeIndicator(name, key),
        figure=Figure(value, f"{value:.0f}%"),
        rag=rag,
        rag_words=words,
        target_words=target,
        trend=(Figure(value - 5, "earlier"), Figure(value, "later")),
        source_words="Counted from the training registers (test).",
        source_link="/training/reach/",
    )


@pytest.fixture
def draft_report(partnership_lead):
    from goldenthread.impact.reports import services

    return services.start_report(by=partnership_lead, title="Report to the Adults Board (fictional)", starts_on=PERIOD.start, ends_on=PERIOD.end)


@pytest.fixture
def final_report(partnership_lead):
    from goldenthread.impact.reports import services

    report = services.start_report(
        by=partnership_lead, title="Report to the Safeguarding Children Partnership (fictional)", starts_on=PERIOD.start, ends_on=PERIOD.end
    )
    report = services.write_commentary(
        report, by=partnership_lead, commentary="The thread held well this quarter. We thank every family who answered.", version=report.version
    )
    return services.finalise(report, by=partnership_lead)


@pytest.fixture
def organisation_report(partnership_lead, childrens_services):
    from goldenthread.impact.reports import services

    report = services.start_report(
        by=partnership_lead,
        title="Children's services: the thread this quarter (fictional)",
        starts_on=PERIOD.start,
        ends_on=PERIOD.end,
        organisation=childrens_services,
    )
    return services.finalise(report, by=partnership_lead)
