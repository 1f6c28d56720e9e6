"""The demo's theory of change (fictional): two published versions, the second in force, written in our own words; loading it again changes nothing."""

import random

import pytest
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.impact.theory import demo, queries, waiting
from goldenthread.impact.theory.models import Activity, Assumption, Outcome, TheoryVersion

pytestmark = pytest.mark.django_db

KEYS = [
    "children-feel-heard",
    "children-feel-safe",
    "children-have-hope",
    "families-tell-it-once",
    "families-have-choice",
    "families-trust-services",
    "families-stronger",
    "workforce-confident",
    "workforce-shared-language",
    "workforce-supported",
    "system-works-together",
    "system-culturally-humble",
    "system-learns",
    "system-avoids-harm",
]


def load():
    with acting_as(None):
        return demo.load(random.Random("riverbend-impact"), timezone.localdate())


def snapshot():
    return (
        list(TheoryVersion.objects.order_by("number").values_list("number", "state", "note", "published_at")),
        list(Outcome.objects.order_by("pk").values_list("theory__number", "key", "title")),
        list(Activity.objects.order_by("pk").values_list("theory__number", "title")),
        list(Assumption.objects.order_by("pk").values_list("theory__number", "text")),
    )


def test_a_draft_of_the_next_version_waits_for_the_partnership_team(partnership_lead, practitioner):
    load()
    draft = queries.draft()
    assert draft.number == 3 and draft.made_by == partnership_lead
    assert [o.key for o in draft.outcomes.all()] == [*KEYS, "children-shape-their-plans"]
    assert draft.activities.get(title="One story and a one-page profile for each family").leads_to.filter(key="children-shape-their-plans").exists()
    assert len(waiting.waiting(partnership_lead)) == 1 and waiting.waiting(practitioner) == []


def test_the_demo_has_an_earlier_version_and_one_in_force(partnership_lead):
    assert load() == 2
    current = queries.in_force()
    assert current.number == 2 and current.published_by == partnership_lead
    assert [v.number for v in queries.published_versions()] == [2, 1]
    assert [o.key for o in current.outcomes.all()] == KEYS == demo.outcome_keys()
    assert 10 <= current.outcomes.count() <= 14 and 6 <= current.activities.count() <= 8 and 4 <= current.assumptions.count() <= 6
    assert {o.horizon for o in current.outcomes.all()} == {"short", "medium", "long"}
    assert {o.for_whom for o in current.outcomes.all()} == {"children", "families", "workforce", "system"}
    assert all(a.leads_to.exists() for a in current.activities.all())
    earlier = queries.published_version(1)
    assert earlier.outcomes.count() < current.outcomes.count()
    assert earlier.outcomes.get(key="families-tell-it-once").title != current.outcomes.get(key="families-tell-it-once").title
    assert earlier.published_at < current.published_at


def test_loading_the_demo_twice_changes_nothing(partnership_lead):
    load()
    before = snapshot()
    assert load() == 0
    assert snapshot() == before


def test_the_demo_loads_without_anyone_on_the_partnership_team():
    load()
    assert queries.in_force().published_by is None
