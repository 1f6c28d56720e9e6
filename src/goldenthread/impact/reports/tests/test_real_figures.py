"""The golden thread and a board report with the platform's real computations and indicators (the indicators part's), where they are there."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.impact.indicators.computed import computation
from goldenthread.impact.periods import Period
from goldenthread.impact.reports import figures, services, thread
from goldenthread.partnership.models import Organisation, Sector

from .conftest import signed_in

pytestmark = pytest.mark.django_db
REAL_FIGURES = True


@pytest.fixture(autouse=True)
def needs_the_real_computations():
    if computation("training.trained") is None:
        pytest.skip("The indicators part's computations are not there yet.")


def _past_quarter():
    today = timezone.localdate()
    end = today.replace(day=1) - timedelta(days=1)
    return Period((end - timedelta(days=80)).replace(day=1), end)


def test_every_step_is_measured_and_every_figure_links_to_its_page(partnership_lead, childrens_services):
    for organisation in (None, childrens_services):
        followed = thread.follow(_past_quarter(), organisation, readings=figures.readings(_past_quarter(), organisation))
        assert all(step["measured"] for step in followed["steps"])
        for step in followed["steps"]:
            for figure in [step["figure"], step["before"], *step["others"]]:
                assert figure["link"], (step["key"], figure["key"])
    response = signed_in(partnership_lead).get(reverse("impact:thread_organisation", args=[childrens_services.pk]))
    assert response.status_code == 200


def test_a_past_period_gives_the_same_digest_after_newer_records_are_added(partnership_lead, childrens_services, organisation_lead):
    period = _past_quarter()
    report = services.start_report(by=partnership_lead, title="A past quarter (fictional)", starts_on=period.start, ends_on=period.end)
    services.finalise(report, by=partnership_lead)
    newer = Organisation.objects.create(name="Riverbend Youth Service (fictional)", sector=Sector.HEALTH)
    assert newer.joined_on > period.end or newer.joined_on == date.today()
    again = figures.figures_for(period)
    moved = [
        (step["key"], step["figure"]["words"], kept["figure"]["words"])
        for step, kept in zip(again["thread"]["steps"], report.snapshot["thread"]["steps"], strict=True)
        if step != kept
    ]
    moved += [
        (item["name"], item["words"], kept["words"]) for item, kept in zip(again["indicators"], report.snapshot["indicators"], strict=True) if item != kept
    ]
    assert moved == []
    assert figures.digest(again) == report.digest


def test_a_final_report_with_the_real_figures_downloads(partnership_lead, organisation_lead):
    period = _past_quarter()
    report = services.start_report(by=partnership_lead, title="A past quarter (fictional)", starts_on=period.start, ends_on=period.end)
    services.finalise(report, by=partnership_lead)
    client = signed_in(organisation_lead)
    assert client.get(reverse("impact:report_pdf", args=[report.public_id])).status_code == 200
    assert client.get(reverse("impact:report_csv", args=[report.public_id])).status_code == 200
    assert client.get(report.get_absolute_url()).status_code == 200


def test_the_demo_reports_load_with_the_real_figures(partnership_lead, organisation_lead, childrens_services):
    import random

    from goldenthread.impact.reports import demo
    from goldenthread.impact.reports.models import BoardReport

    demo.load(random.Random("test"), timezone.localdate())
    final = BoardReport.objects.get(state="final")
    assert signed_in(organisation_lead).get(final.get_absolute_url()).status_code == 200
    assert len(final.snapshot["thread"]["steps"]) == 6


def test_a_second_opening_of_the_thread_within_the_window_makes_far_fewer_queries_and_shows_the_same_figures(
    partnership_lead, organisation_lead, childrens_services
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for who, address in (
        (partnership_lead, reverse("impact:thread")),
        (organisation_lead, reverse("impact:thread_organisation", args=[childrens_services.pk])),
    ):
        client = signed_in(who)
        with CaptureQueriesContext(connection) as first_opening:
            first = client.get(address)
        with CaptureQueriesContext(connection) as second_opening:
            second = client.get(address)
        assert first.status_code == second.status_code == 200
        assert len(second_opening) <= 15 < 100 < len(first_opening), (len(first_opening), len(second_opening))
        assert second.context["thread"] == first.context["thread"]
        assert second.context["worked_out_at"] == first.context["worked_out_at"]


def test_the_thread_read_with_the_indicators_gives_the_same_figures_with_each_worked_out_once(childrens_services):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goldenthread.impact.indicators.models import Indicator

    for key in ("pledges.signed", "training.trained", "writing.meets_standard", "supervision.actions_on_time", "feedback.score"):
        Indicator.objects.create(name=f"{computation(key).name} (fictional)", definition="A test indicator.", outcome_key="system-learns", computation_key=key)
    Indicator.objects.create(name="Entered by hand (fictional)", definition="A test indicator.", outcome_key="system-learns", source="by-hand", target=50)
    period = _past_quarter()
    for organisation in (None, childrens_services):
        with CaptureQueriesContext(connection) as apart:
            each_on_its_own = thread.follow(period, organisation, readings=figures.readings(period, organisation))
        with CaptureQueriesContext(connection) as together:
            shared = figures.thread_for(period, organisation)
        assert shared == each_on_its_own
        assert len(together) < len(apart) - 20, (len(together), len(apart))
