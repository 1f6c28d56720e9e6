"""One notice of what waits for a person: every app adds its hand-overs, and the home page lists them first, with a count.

The apps' own tests show each hand-over reaching its person; these show the list itself.
"""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from goldenthread.core import registry
from goldenthread.core.registry import Waiting

from .waiting import nothing_waits_for, waiting_on_home_page

TODAY = timezone.localdate()


@pytest.fixture
def an_app_with_things_waiting(monkeypatch, practitioner):
    """A made-up app that hands Riley two things: one wanted next week, one whose date has passed."""
    notices = [
        Waiting(
            what="Read the new guidance",
            about="Jo Park shared it with your team.",
            link="/guidance/",
            since=TODAY - timedelta(days=2),
            due=TODAY + timedelta(days=7),
        ),
        Waiting(
            what="Answer the survey",
            about="Sam Okafor asked everyone.",
            link="/survey/",
            since=timezone.now() - timedelta(days=9),
            due=TODAY - timedelta(days=1),
        ),
    ]

    def waiting(user):
        return notices if user.pk == practitioner.pk else []

    monkeypatch.setitem(registry._registered, "made-up", registry.AppParts("made-up", waiting=waiting, order=1))
    return notices


def test_the_home_page_says_calmly_when_nothing_is_waiting(practitioner):
    assert nothing_waits_for(practitioner)


def test_what_waits_for_a_person_comes_first_on_their_home_page_with_a_count(client, practitioner, an_app_with_things_waiting):
    client.force_login(practitioner)
    page = client.get("/").content.decode()

    assert page.index("Waiting for you") < page.index("This is what you can do here")
    section = waiting_on_home_page(practitioner)
    assert '<span class="govuk-tag govuk-tag--blue">2</span>' in section
    assert "2 things are waiting for you to look at." in section
    assert 'href="/guidance/"' in section and "Read the new guidance" in section and "Jo Park shared it with your team." in section
    assert f"By {TODAY + timedelta(days=7):%-d %B %Y}" in section


def test_a_date_that_has_passed_is_said_plainly(practitioner, an_app_with_things_waiting):
    section = waiting_on_home_page(practitioner)

    assert f"The date was {TODAY - timedelta(days=1):%-d %B %Y}" in section
    assert "overdue" not in section.lower()


def test_someone_else_does_not_see_what_waits_for_another_person(other_agency_practitioner, an_app_with_things_waiting):
    assert nothing_waits_for(other_agency_practitioner)


def test_the_soonest_wanted_comes_first_then_the_longest_waiting(practitioner, monkeypatch):
    undated_old = Waiting(what="Old, no date", about="", link="/a/", since=date(2025, 1, 1))
    undated_new = Waiting(what="New, no date", about="", link="/b/", since=timezone.make_aware(datetime(2025, 6, 1, 9)))
    wanted_soon = Waiting(what="Wanted soon", about="", link="/c/", due=TODAY)
    monkeypatch.setitem(registry._registered, "made-up", registry.AppParts("made-up", waiting=lambda user: [undated_new, wanted_soon, undated_old]))

    assert [notice.what for notice in registry.waiting_for(practitioner)] == ["Wanted soon", "Old, no date", "New, no date"]


def test_nothing_waits_for_someone_signed_out(db):
    assert registry.waiting_for(AnonymousUser()) == []


def test_every_feature_app_registers_what_waits_for_its_people():
    labels = {parts.label for parts in registry.apps_in_order() if parts.waiting is not None}

    assert {"pledges", "continuum", "families", "supervision"} <= labels
