"""The demo: two years of fictional answers, some requests waiting, one open link; loading again changes nothing."""

import random
from datetime import date

import pytest

from goldenthread.impact.feedback import demo, queries, rules
from goldenthread.impact.feedback.models import FeedbackAnswer, FeedbackRequest, OpenSurveyLink
from goldenthread.impact.periods import Period
from goldenthread.partnership.models import Organisation, Sector

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 15)


@pytest.fixture
def demo_organisations(db):
    return [Organisation.objects.create(name=service["name"], sector=Sector.CHILDRENS_SOCIAL_CARE) for service in demo.read()["service"]]


def what_is_there():
    return (
        sorted(FeedbackAnswer.objects.values_list("organisation__name", "month", "score_total", "score_count", "in_own_words", "anonymous")),
        sorted(FeedbackRequest.objects.values_list("survey", "family_id", "sent_at", "answered_at")),
        list(OpenSurveyLink.objects.values_list("organisation__name", "survey", "stopped_at")),
    )


def test_the_demo_loads_twice_without_change(demo_organisations, family):
    demo.load(random.Random(1), TODAY)
    first = what_is_there()
    demo.load(random.Random(2), TODAY)
    assert what_is_there() == first
    assert len(first[0]) > 500 and first[2] and first[1]


def test_the_demo_shows_most_months_and_holds_some_back(demo_organisations, family):
    demo.load(random.Random(1), TODAY)
    period = Period(date(2024, 12, 1), date(2026, 10, 31))
    found = queries.results(period, demo_organisations, with_partnership=True)
    cells = [cell for row in found.rows for cell in row.cells]
    shown = [cell for cell in cells if not cell.held_back]
    assert len(shown) > len(cells) / 2 and len(shown) < len(cells)
    assert sum(not cell.held_back for cell in found.partnership.cells) > len(found.partnership.cells) / 2
    biggest = found.rows[0]
    assert biggest.cells[0].average < biggest.cells[-1].average  # a trend: better than two years ago
    assert rules.MINIMUM_ANSWERS == 5


def test_the_demo_keeps_anonymous_answers_apart_from_families(demo_organisations, family):
    demo.load(random.Random(1), TODAY)
    assert FeedbackAnswer.objects.filter(anonymous=True, request__isnull=False).count() == 0
    assert FeedbackAnswer.objects.filter(anonymous=False, request__isnull=True).count() == 0
    assert FeedbackRequest.objects.filter(answered_at__isnull=True).exists()


def test_the_demo_has_one_survey_link_anyone_may_try(demo_organisations, family):
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    demo.load(random.Random(1), timezone.localdate())
    assert Client().get(reverse("family_feedback:answer", args=[demo.DEMO_TOKEN])).status_code == 200
