"""Every computed indicator against a direct count on the demo's records, and the same past period giving the same figures however often it is asked.

The demo is loaded once for the module (`tests.every_page.load_demo_once`) and rolled back at
its end. Each direct count is written here with the ORM, from the records' own dates.
"""

from datetime import date, timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from goldenthread.impact.indicators import computations, queries
from goldenthread.impact.indicators.computed import computation
from goldenthread.impact.indicators.computed import computations as offered
from goldenthread.impact.indicators.models import Indicator, IndicatorValue
from goldenthread.impact.periods import Period, last_twelve_months
from tests import every_page

TODAY = timezone.localdate()
YEAR = last_twelve_months(TODAY)
PERIODS = [YEAR, YEAR.before(), Period(YEAR.end.replace(day=1), YEAR.end)]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with every_page.load_demo_once(django_db_blocker):
        yield


def figure(key, period, organisation=None):
    return computation(key).figure(period, organisation)


def percent(numerator, denominator):
    return None if not denominator else round(100 * numerator / denominator, 1)


def organisations():
    from goldenthread.partnership.models import Organisation

    return list(Organisation.objects.filter(is_active=True).order_by("name"))


def test_the_demo_has_indicators_for_each_outcome_some_by_hand_with_two_years_of_figures(demo, db):
    assert Indicator.objects.filter(source="computed").count() >= 12
    by_hand = Indicator.objects.filter(source="by-hand")
    assert by_hand.count() >= 3
    for indicator in by_hand:
        assert IndicatorValue.objects.filter(indicator=indicator).count() == 24
        assert all(value.evidence for value in IndicatorValue.objects.filter(indicator=indicator))
    assert set(Indicator.objects.values_list("outcome_key", flat=True)) == {
        "children-feel-heard",
        "families-tell-it-once",
        "workforce-confident",
        "system-learns",
    }


def test_some_demo_indicators_are_off_target_and_every_trend_has_figures(demo, db):
    readings = queries.readings(YEAR)
    assert any(reading.rag == "red" for reading in readings)
    assert any(reading.rag == "green" for reading in readings)
    for reading in readings:
        if reading.indicator.source == "by-hand":
            assert len([point for point in reading.trend if point.figure.value is not None]) == 12


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_pledges_signed_and_renewed_match_a_direct_count(demo, db, period):
    from goldenthread.pledges.models import Pledge, Renewal

    active = organisations()
    signed = Pledge.objects.filter(organisation__in=active, signed_on__lte=period.end).filter(
        Q(status="published") | Q(status="withdrawn", updated_at__gte=period.ends_before)
    )
    assert figure("pledges.signed", period).value == percent(signed.count(), len(active))
    assert figure("pledges.renewed", period).value == Renewal.objects.filter(renewed_on__gte=period.start, renewed_on__lte=period.end).count()
    for organisation in active:
        expected = 100.0 if signed.filter(organisation=organisation).exists() else 0.0
        assert figure("pledges.signed", period, organisation).value == expected


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_continuum_stages_and_movement_match_a_direct_count(demo, db, period):
    from goldenthread.continuum.models import Assessment
    from goldenthread.continuum.permissions import figures_shown

    def stage(organisation, day):
        latest = (
            Assessment.objects.filter(figures_shown(), organisation=organisation, completed_on__isnull=False, completed_on__lte=day)
            .order_by("-completed_on", "-id")
            .first()
        )
        return latest.result["band"] if latest else None

    order = ["aware", "sensitive", "responsive", "informed"]
    stages = {organisation.pk: stage(organisation, period.end) for organisation in organisations()}
    assessed = [code for code in stages.values() if code]
    higher = [code for code in assessed if code in ("responsive", "informed")]
    assert figure("continuum.stage", period).value == percent(len(higher), len(assessed))
    moved = 0
    for organisation in organisations():
        before, after = stage(organisation, period.start - timedelta(days=1)), stages[organisation.pk]
        moved += bool(before and after and order.index(after) > order.index(before))
        shown = figure("continuum.stage", period, organisation)
        if after:
            assert shown.words == f"Self-assessed Trauma {after.capitalize()}"
            assert shown.value == (100.0 if after in ("responsive", "informed") else 0.0)
        else:
            assert shown.value is None
    assert figure("continuum.moved_on", period).value == moved


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_workforce_trained_matches_a_direct_count(demo, db, period):
    from goldenthread.partnership.models import Membership
    from goldenthread.training.models import Completion

    people = set(Membership.objects.filter(user__is_active=True, organisation__is_active=True).values_list("user_id", flat=True))
    trained = people & set(Completion.objects.filter(completed_on__lte=period.end).values_list("person_id", flat=True))
    assert figure("training.trained", period).value == percent(len(trained), len(people))
    rows = computations.by_sector(period)
    assert sum(row[2] for row in rows) >= len(people) and rows


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_writing_meeting_the_standard_matches_a_direct_count(demo, db, period):
    from goldenthread.language_monitoring.models import WritingCheck

    checks = [check for check in WritingCheck.objects.all() if period.start.replace(day=1) <= check.month <= period.end]
    meeting = [check for check in checks if check.findings == 0]
    assert figure("writing.meets_standard", period).value == percent(len(meeting), len(checks))


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_supervision_sessions_and_actions_on_time_match_a_direct_count(demo, db, period):
    from goldenthread.supervision.models import AgreedAction, Session

    held = [session for session in Session.objects.filter(status="held") if period.start <= session.held_on <= period.end]
    assert figure("supervision.sessions_held", period).value == len(held)
    due = [action for action in AgreedAction.objects.exclude(status__in=["cancelled", "proposed"]) if period.start <= action.due_on <= period.end]
    on_time = [action for action in due if action.status == "done" and action.completed_on and action.completed_on <= action.due_on]
    assert figure("supervision.actions_on_time", period).value == percent(len(on_time), len(due))


@pytest.mark.parametrize("period", PERIODS, ids=["last year", "the year before", "last month"])
def test_family_counts_match_a_direct_count(demo, db, period):
    from goldenthread.families.models import ConsentAgreement, Family, OnePageProfile, StoryEntry

    def day(moment):
        return timezone.localtime(moment).date()

    families = [family for family in Family.objects.all() if day(family.created_at) <= period.end]
    profiled = {profile.person.family_id for profile in OnePageProfile.objects.select_related("person")}
    assert figure("families.one_page_profiles", period).value == len([family for family in families if family.pk in profiled])

    told_once = set()
    for family in families:
        if not StoryEntry.objects.filter(family=family, told_on__lte=period.end).exists():
            continue
        for agreement in ConsentAgreement.objects.filter(family=family).exclude(organisation=family.recording_organisation):
            withdrawn = agreement.withdrawn_at is not None and day(agreement.withdrawn_at) <= period.end
            live = not withdrawn and agreement.valid_from <= period.end and (agreement.valid_until is None or period.end <= agreement.valid_until)
            if live and "story" in agreement.parts:
                told_once.add(family.pk)
    assert figure("families.story_told_once", period).value == len(told_once)

    agreements = list(ConsentAgreement.objects.all())
    given = [a for a in agreements if period.start <= day(a.recorded_at) <= period.end]
    withdrawn = [a for a in agreements if a.withdrawn_at and period.start <= day(a.withdrawn_at) <= period.end]
    expired = [
        a
        for a in agreements
        if a.valid_until and period.start <= a.valid_until <= period.end and (a.withdrawn_at is None or day(a.withdrawn_at) > a.valid_until)
    ]
    assert figure("families.agreements_given", period).value == len(given)
    assert figure("families.agreements_withdrawn", period).value == len(withdrawn)
    assert figure("families.agreements_expired", period).value == len(expired)


def test_family_figures_are_counts_and_never_name_a_family(demo, db):
    from goldenthread.families.models import Family, Person

    names = {family.family_name for family in Family.objects.all()} | {person.first_name for person in Person.objects.all()}
    for key in (
        "families.one_page_profiles",
        "families.story_told_once",
        "families.agreements_given",
        "families.agreements_withdrawn",
        "families.agreements_expired",
    ):
        words = figure(key, YEAR).words
        assert not any(name and name in words for name in names)


def test_wellbeing_check_ins_match_a_direct_count_and_respect_the_smallest_group(demo, db):
    from goldenthread.partnership.models import Membership
    from goldenthread.wellbeing import questions
    from goldenthread.wellbeing.models import CheckIn

    smallest = questions.privacy().smallest_group
    month = YEAR.months()[-1]
    active = organisations()
    people = {organisation.pk: set() for organisation in active}
    for check_in in CheckIn.objects.filter(organisation__in=active, taken_at__gte=month.starts_at, taken_at__lt=month.ends_before):
        people[check_in.organisation_id].add(check_in.person_id)
    staff = {organisation.pk: Membership.objects.filter(organisation=organisation).values("user").distinct().count() for organisation in active}
    held_back = sum(len(found) for found in people.values() if len(found) < smallest)
    counted = people if held_back == 0 or held_back >= smallest else {pk: found for pk, found in people.items() if len(found) >= smallest}
    checked_in = sum(len(found) for found in counted.values())
    shown = figure("wellbeing.check_ins", YEAR)
    if checked_in < smallest:
        assert shown.value is None and shown.held_back
    else:
        assert shown.value == percent(checked_in, sum(staff[pk] for pk in counted))
    for organisation in active:
        one = figure("wellbeing.check_ins", YEAR, organisation)
        if len(people[organisation.pk]) < smallest:
            assert one.value is None and one.held_back
        else:
            assert one.value == percent(len(people[organisation.pk]), staff[organisation.pk])


def test_the_month_under_way_is_never_shown_for_wellbeing(demo, db):
    this_month = Period(TODAY.replace(day=1), (TODAY.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1))
    assert figure("wellbeing.check_ins", this_month).value is None


def test_every_computation_answers_for_the_partnership_and_each_organisation(demo, db):
    for found in offered():
        assert found.figure(YEAR).words
        for organisation in organisations()[:3]:
            assert found.figure(YEAR, organisation).words


def test_the_same_past_period_gives_the_same_figures_when_new_records_come_after_it(demo, db, partnership_lead):
    from goldenthread.families.models import ConsentAgreement, Family
    from goldenthread.language_monitoring.models import WritingCheck
    from goldenthread.pledges.models import Renewal
    from goldenthread.supervision.models import Session
    from goldenthread.training.models import Completion

    past = YEAR.before()
    first = {found.key: found.figure(past) for found in offered()}
    readings_before = [(reading.indicator.pk, reading.figure, reading.rag) for reading in queries.readings(past, with_trend=False)]

    # New records, all dated after the period.
    pledge_renewal = Renewal.objects.select_related("pledge").first()
    if pledge_renewal:
        Renewal.objects.create(
            pledge=pledge_renewal.pledge,
            renewed_on=TODAY,
            signatory_name="A new signatory (fictional)",
            signatory_role="Director",
            expires_on=TODAY + timedelta(days=365),
        )
    completion = Completion.objects.first()
    if completion:
        Completion.objects.create(course=completion.course, person=partnership_lead, organisation=completion.organisation, completed_on=TODAY)
    session = Session.objects.filter(status="held").first()
    if session:
        session.pk, session.public_id, session.held_on = None, None, TODAY
        import uuid

        session.public_id = uuid.uuid4()
        session.save()
    check = WritingCheck.objects.first()
    if check:
        WritingCheck.objects.create(
            model_label="test.later",
            object_id=1,
            record_type="A later record",
            organisation=check.organisation,
            month=TODAY.replace(day=1),
            rules_version="x",
            digest="y",
        )
    agreement = ConsentAgreement.objects.first()
    if agreement:
        ConsentAgreement.objects.create(
            family=agreement.family, organisation=agreement.organisation, parts=["story"], given_by_name="Someone (fictional)", method="in-person"
        )
    Family.objects.filter(pk=getattr(agreement, "family_id", None))  # the family itself is unchanged
    IndicatorValue.objects.create(
        indicator=Indicator.objects.filter(source="by-hand").first(), period_start=TODAY.replace(day=1), period_end=TODAY, value=1, evidence="Later (fictional)"
    )

    again = {found.key: found.figure(past) for found in offered()}
    assert again == first
    assert [(reading.indicator.pk, reading.figure, reading.rag) for reading in queries.readings(past, with_trend=False)] == readings_before


def test_a_page_of_every_indicator_for_twelve_months_is_quick_on_the_demo(demo, db):
    import time

    started = time.perf_counter()
    readings = queries.readings(YEAR)
    took = time.perf_counter() - started
    assert len(readings) >= 15 and all(len(reading.trend) == len(YEAR.months()) for reading in readings)
    assert took < 3, f"reading every indicator with its trend took {took:.2f}s"


def test_a_date_in_the_past_year_is_inside_the_periods_asked(demo, db):
    assert YEAR.start < YEAR.end < TODAY and isinstance(YEAR.start, date)
