"""The grades roll up into `audit_grade` (against a direct count), and results are held back under five records."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.api import PersonalToken  # noqa: F401  (the API's own token class is used through make_token)
from goldenthread.impact.periods import Period
from goldenthread.impact.quality import figures, queries, questions, rules, services
from goldenthread.impact.quality.models import AuditGrade, AuditItem
from tests.family_fixtures import FAMILY_NAME, record_family

from .conftest import all_clearly, graded, signed_in, this_year

pytestmark = pytest.mark.django_db

NAMES = ("Ash", "Birch", "Cedar", "Damson", "Elm", "Fir", "Gorse")


def a_round_of(auditor, practitioner, childrens_services, partnership_lead, count):
    for name in NAMES[:count]:
        record_family(practitioner, childrens_services, family_name=f"The {name} family (fictional)")
    return services.draw_round(auditor, by=partnership_lead, period=this_year(), size=count, seed=11)


def grade_all(audit_round, auditor, patterns):
    for item, pattern in zip(audit_round.items.order_by("position"), patterns, strict=True):
        services.grade_item(item, by=auditor, grades=pattern)


PATTERNS = [
    all_clearly(),
    graded(**{"story-used": "not-applicable"}),
    graded(**{"child-voice": "in-part"}),
    graded(**{"strengths-named": "not-yet"}),
    {key: "not-applicable" for key in all_clearly()},  # no question applies: left out of both counts
    all_clearly(),
    graded(**{"shared-language": "in-part", "child-voice": "not-yet"}),
]


def direct_count(period, organisation=None):
    """Straight from the grades: graded records in the period, and how many have every applying grade 'Clearly'."""
    meeting = counted = 0
    for item in AuditItem.objects.filter(state="graded", finished_at__gte=period.starts_at, finished_at__lt=period.ends_before):
        if organisation is not None and item.organisation_id != organisation.pk:
            continue
        applying = [g.grade for g in AuditGrade.objects.filter(item=item) if g.grade != "not-applicable"]
        if applying:
            counted += 1
            meeting += all(grade == "clearly" for grade in applying)
    return meeting, counted


def test_grades_roll_up_into_the_audit_grade_as_a_direct_count_says(auditor, practitioner, childrens_services, partnership_lead):
    drawn = a_round_of(auditor, practitioner, childrens_services, partnership_lead, 7)
    grade_all(drawn, auditor, PATTERNS)
    period = this_year()
    figure = figures.audit_grade(period)
    assert (figure.numerator, figure.denominator) == direct_count(period) == (3, 6)
    assert figure.value == pytest.approx(50.0)
    assert figure.words == "3 of 6 records graded (50%)"
    assert figures.audit_grade(period, childrens_services).numerator == 3


def test_a_past_period_gives_the_same_figure_later(auditor, practitioner, childrens_services, partnership_lead):
    drawn = a_round_of(auditor, practitioner, childrens_services, partnership_lead, 6)
    grade_all(drawn, auditor, PATTERNS[:6])
    period = this_year()
    before = figures.audit_grade(period)
    later = services.draw_round(auditor, by=partnership_lead, period=period, size=6, seed=12)
    tomorrow = timezone.now() + timedelta(days=1)
    for item in later.items.all():
        services.grade_item(item, by=auditor, grades=graded(**{"child-voice": "not-yet"}), at=tomorrow)
    assert figures.audit_grade(period) == before


def test_the_figure_is_held_back_under_five_records(auditor, practitioner, childrens_services, partnership_lead):
    drawn = a_round_of(auditor, practitioner, childrens_services, partnership_lead, 4)
    grade_all(drawn, auditor, [all_clearly()] * 4)
    figure = figures.audit_grade(this_year())
    assert figure.held_back and figure.value is None and figure.numerator is None
    assert f"fewer than {rules.MIN_GROUP}" in figure.words
    nothing = figures.audit_grade(Period(timezone.localdate() - timedelta(days=900), timezone.localdate() - timedelta(days=800)))
    assert nothing.value is None and not nothing.held_back


def test_results_per_question_are_held_back_under_five_records_on_the_page_and_in_the_api(
    auditor, practitioner, childrens_services, partnership_lead, organisation_lead
):
    drawn = a_round_of(auditor, practitioner, childrens_services, partnership_lead, 4)
    grade_all(drawn, auditor, [graded(**{"child-voice": "in-part"})] * 4)
    [child_voice, *_] = queries.results(this_year())
    assert child_voice.overall.records == 4 and child_voice.overall.held_back
    assert child_voice.overall.cells() == [None] * len(questions.grades())
    page = signed_in(organisation_lead).get(reverse("impact:quality_results") + "?" + this_year().query())
    assert page.status_code == 200
    assert "(held back)" in page.content.decode()
    assert ">4<" not in page.content.decode()
    assert FAMILY_NAME not in page.content.decode()


def test_results_count_each_grade_once_five_records_are_graded(auditor, practitioner, childrens_services, partnership_lead, organisation_lead):
    drawn = a_round_of(auditor, practitioner, childrens_services, partnership_lead, 5)
    grade_all(drawn, auditor, [graded(**{"child-voice": "in-part"})] * 2 + [all_clearly()] * 3)
    [child_voice, *_] = queries.results(this_year())
    assert not child_voice.overall.held_back
    assert child_voice.overall.by_grade == {"in-part": 2, "clearly": 3}
    [organisation_row] = child_voice.by_organisation
    assert organisation_row.label == childrens_services.name and organisation_row.records == 5
    content = signed_in(organisation_lead).get(reverse("impact:quality_results") + "?" + this_year().query()).content.decode()
    assert "Riverbend Children&#x27;s Services (5)" in content
    for name in NAMES[:5]:
        assert name not in content
