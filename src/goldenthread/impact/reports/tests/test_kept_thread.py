"""The golden thread's figures are kept for a short time, so everyone who opens the page soon after reads them without waiting.

Alex Morgan (the partnership team) opens the thread first; whoever opens it in the next
10 minutes reads the same figures, and the page says when they were worked out. Who may see
an organisation's thread is asked every time, before anything kept is read. Everyone is fictional.
"""

import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.impact.reports import queries

from .conftest import PERIOD, signed_in

pytestmark = pytest.mark.django_db

IN_THE_PERIOD = {"from": PERIOD.start.isoformat(), "to": PERIOD.end.isoformat()}


class CacheThatIsDown:
    """A cache that cannot be reached, as when Redis is down."""

    def get(self, *args, **kwargs):
        raise ConnectionError("the cache is down (test)")

    def set(self, *args, **kwargs):
        raise ConnectionError("the cache is down (test)")


class CacheThatCannotKeep(CacheThatIsDown):
    """A cache that answers reads (with nothing) but fails to keep anything."""

    def get(self, *args, **kwargs):
        return None


def counted(monkeypatch):
    """Count how often the figures are worked out."""
    from goldenthread.impact.reports import figures

    calls = []
    original = figures.thread_for

    def thread_for(period, organisation=None, **options):
        calls.append((period, getattr(organisation, "pk", None)))
        return original(period, organisation, **options)

    monkeypatch.setattr(figures, "thread_for", thread_for)
    return calls


def test_a_second_opening_within_the_window_reads_the_kept_figures_and_shows_the_same(monkeypatch, partnership_lead, organisation_lead):
    worked_out = counted(monkeypatch)
    first = signed_in(partnership_lead).get(reverse("impact:thread"), IN_THE_PERIOD)
    second = signed_in(organisation_lead).get(reverse("impact:thread"), IN_THE_PERIOD)
    assert first.status_code == second.status_code == 200
    assert worked_out == [(PERIOD, None)]
    assert second.context["thread"] == first.context["thread"]
    assert second.context["worked_out_at"] == first.context["worked_out_at"]
    assert "records meet the language standard 71% of the time, up from 58%" in second.content.decode()


def test_the_page_says_when_its_figures_were_worked_out_and_how_often(partnership_lead):
    before = timezone.now().replace(microsecond=0)
    response = signed_in(partnership_lead).get(reverse("impact:thread"), IN_THE_PERIOD)
    worked_out_at = timezone.localtime(response.context["worked_out_at"])
    assert worked_out_at >= before
    assert (
        f'Figures worked out at <time datetime="{response.context["worked_out_at"].isoformat()}">{worked_out_at:%H:%M} on {worked_out_at:%-d %B %Y}</time>. '
        "They are worked out again every 10 minutes, so a change to the records can take up to 10 minutes to show here."
    ) in response.content.decode()


def test_a_lead_of_another_organisation_is_refused_even_when_that_thread_is_kept(partnership_lead, other_agency_lead, childrens_services):
    address = reverse("impact:thread_organisation", args=[childrens_services.pk])
    kept = signed_in(partnership_lead).get(address, IN_THE_PERIOD)
    assert kept.status_code == 200 and "Signed the pledge in 2025" in kept.content.decode()
    refused = signed_in(other_agency_lead).get(address, IN_THE_PERIOD)
    assert refused.status_code == 403
    assert "Signed the pledge in 2025" not in refused.content.decode()
    assert "for the partnership team and that organisation" in refused.content.decode()


@pytest.mark.parametrize("who", ["practitioner", "family_member", None])
def test_someone_who_sees_no_figures_is_refused_the_kept_partnership_thread(request, partnership_lead, who):
    assert signed_in(partnership_lead).get(reverse("impact:thread"), IN_THE_PERIOD).status_code == 200
    response = signed_in(request.getfixturevalue(who) if who else None).get(reverse("impact:thread"), IN_THE_PERIOD)
    assert response.status_code in (302, 403)
    assert "up from 58%" not in response.content.decode()


def test_each_organisation_and_each_period_is_kept_apart(monkeypatch, partnership_lead, childrens_services, community_health):
    worked_out = counted(monkeypatch)
    client = signed_in(partnership_lead)
    partnership = client.get(reverse("impact:thread"), IN_THE_PERIOD)
    ours = client.get(reverse("impact:thread_organisation", args=[childrens_services.pk]), IN_THE_PERIOD)
    theirs = client.get(reverse("impact:thread_organisation", args=[community_health.pk]), IN_THE_PERIOD)
    earlier = client.get(reverse("impact:thread"), {"from": "2025-10-01", "to": "2025-12-31"})
    assert len(worked_out) == 4
    assert "organisations have signed" in partnership.content.decode()
    assert ours.context["thread"]["organisation"] == {"id": childrens_services.pk, "name": childrens_services.name}
    assert theirs.context["thread"]["organisation"] == {"id": community_health.pk, "name": community_health.name}
    assert "records meet the language standard 58% of the time" in earlier.content.decode()


@pytest.mark.parametrize("cache", [CacheThatIsDown(), CacheThatCannotKeep()], ids=["down", "cannot keep"])
def test_a_cache_that_fails_still_gives_the_page_worked_out_live_with_a_warning(monkeypatch, caplog, partnership_lead, childrens_services, cache):
    monkeypatch.setattr(queries, "_thread_cache", lambda: cache)
    client = signed_in(partnership_lead)
    with caplog.at_level(logging.WARNING, logger="goldenthread.impact.reports.queries"):
        partnership = client.get(reverse("impact:thread"), IN_THE_PERIOD)
        ours = client.get(reverse("impact:thread_organisation", args=[childrens_services.pk]), IN_THE_PERIOD)
    assert partnership.status_code == ours.status_code == 200
    assert "records meet the language standard 71% of the time, up from 58%" in partnership.content.decode()
    assert "Figures worked out at" in ours.content.decode()
    assert [record.levelname for record in caplog.records if record.name == "goldenthread.impact.reports.queries"] == ["WARNING", "WARNING"]


def test_the_cache_the_app_servers_share_is_used_when_there_is_one(settings, partnership_lead):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "own (test)"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared (test)"},
    }
    from django.core.cache import caches

    assert signed_in(partnership_lead).get(reverse("impact:thread"), IN_THE_PERIOD).status_code == 200
    key = queries._thread_key(PERIOD)
    assert caches["shared"].get(key) is not None and caches["default"].get(key) is None
    caches["shared"].clear()
