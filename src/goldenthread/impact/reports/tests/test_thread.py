"""The golden thread read in plain words: each step's figure, the change from the period before, and where it is strongest and where it breaks."""

import pytest

from goldenthread.impact.indicators import computed
from goldenthread.impact.reports import thread

from .conftest import PERIOD, reading

pytestmark = pytest.mark.django_db


def test_the_reading_follows_the_thread_for_one_organisation_in_plain_words(childrens_services):
    followed = thread.follow(PERIOD, childrens_services)
    assert followed["reading"].startswith(
        "Signed the pledge in 2025; self-assessed Sensitive; 40% of staff trained; records meet the language standard 71% of the time, up from 58%;"
    )
    assert [step["key"] for step in followed["steps"]] == ["pledge", "continuum", "training", "language", "supervision", "families"]


def test_the_strongest_and_the_weakest_steps_are_named():
    followed = thread.follow(PERIOD)
    assert followed["summary"] == ("The thread is strongest at what families say (at or above 4.0) and breaks at group supervision (below 60%).")
    assert (followed["strongest"], followed["weakest"]) == ("families", "supervision")


def test_a_step_with_an_indicator_is_judged_against_its_target_before_any_threshold(monkeypatch):
    monkeypatch.setitem(
        computed._COMPUTATIONS,
        "training.trained",
        computed.Computation(
            **{
                **computed._COMPUTATIONS["training.trained"].__dict__,
                "compute": lambda period, organisation=None: computed.Figure(30.0, "30 of 100 people (30%)"),
            }
        ),
    )
    followed = thread.follow(PERIOD, readings=[reading("training.trained", "red", value=30.0, target="60%")])
    training = next(step for step in followed["steps"] if step["key"] == "training")
    assert training["judgement"]["level"] == thread.WEAK
    assert training["judgement"]["reason"] == "off target, the target is 60%"
    assert "breaks at people trained (off target, the target is 60%)" in followed["summary"]


def test_a_step_whose_figures_are_not_there_yet_says_not_measured_yet(monkeypatch):
    monkeypatch.delitem(computed._COMPUTATIONS, "supervision.actions_on_time")
    followed = thread.follow(PERIOD)
    supervision = next(step for step in followed["steps"] if step["key"] == "supervision")
    assert not supervision["measured"] and supervision["figure"] is None
    assert "group supervision: not measured yet" in followed["reading"]
    assert followed["summary"].endswith("Not measured yet: group supervision.")


def test_a_computation_that_fails_says_so_and_takes_nothing_with_it(monkeypatch):
    def broken(period, organisation=None):
        raise RuntimeError("a fault in the test")

    original = computed._COMPUTATIONS["training.trained"]
    monkeypatch.setitem(computed._COMPUTATIONS, "training.trained", computed.Computation(**{**original.__dict__, "compute": broken}))
    followed = thread.follow(PERIOD)
    training = next(step for step in followed["steps"] if step["key"] == "training")
    assert training["figure"]["value"] is None and training["figure"]["words"] == thread.NOT_WORKED_OUT


def test_each_step_has_the_period_before_and_a_figure_for_each_month():
    followed = thread.follow(PERIOD)
    language = next(step for step in followed["steps"] if step["key"] == "language")
    assert language["before"]["value"] == 58.0 and language["change"] == ", up from 58%"
    assert [point["month"] for point in language["trend"]] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert followed["period_before"]["words"] == "3 October 2025 to 31 December 2025"


def test_change_words_say_up_or_down_and_nothing_when_the_figure_has_not_moved():
    assert thread.change_words(71, 58, "percent") == ", up from 58%"
    assert thread.change_words(50, 58, "percent") == ", down from 58%"
    assert thread.change_words(58.2, 58, "percent") == ""
    assert thread.change_words(None, 58, "percent") == ""


def test_every_figure_links_to_the_page_it_comes_from_with_the_organisation_filter_where_the_page_takes_one(monkeypatch, childrens_services):
    monkeypatch.setattr(thread, "organisation_filters", lambda: {"training:reach": "organisation={slug}"})
    followed = thread.follow(PERIOD, childrens_services)
    figures = [step["figure"] for step in followed["steps"]] + [step["before"] for step in followed["steps"]]
    assert all(figure["link"] for figure in figures)
    training = next(step for step in followed["steps"] if step["key"] == "training")
    assert training["figure"]["link"] == f"/training/reach/?organisation={childrens_services.slug}"
    assert next(step for step in followed["steps"] if step["key"] == "pledge")["figure"]["link"] == "/pledges/"


def test_when_the_steps_that_can_be_judged_are_alike_each_is_named_with_its_own_reason(monkeypatch):
    for key in ("continuum.stage", "writing.meets_standard", "supervision.actions_on_time", "feedback.score"):
        monkeypatch.delitem(computed._COMPUTATIONS, key)
    zero = computed.Figure(0.0, "0 of 1 (0%)")
    for key in ("pledges.signed", "training.trained"):
        original = computed._COMPUTATIONS[key]
        monkeypatch.setitem(computed._COMPUTATIONS, key, computed.Computation(**{**original.__dict__, "unit": "percent", "compute": lambda p, o=None: zero}))
    assert thread.follow(PERIOD)["summary"].startswith("The thread breaks at the pledge (below 50%) and people trained (below 30%), all alike.")
