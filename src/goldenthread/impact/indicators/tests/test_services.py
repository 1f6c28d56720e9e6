"""Adding, changing and retiring indicators, and entering figures by hand: only the partnership team, every field checked, every change kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.audit import AuditEvent
from goldenthread.core.refusals import EditConflict, Refused
from goldenthread.impact.indicators import rules, services
from goldenthread.impact.indicators.models import IndicatorValue
from goldenthread.impact.indicators.queries import latest_values, reading
from goldenthread.impact.periods import Period

from .conftest import fields

pytestmark = pytest.mark.django_db


def test_a_partnership_lead_adds_a_computed_indicator_whose_unit_is_its_computations(partnership_lead):
    made = services.add_indicator(by=partnership_lead, **fields(unit="count"))
    assert made.unit == "percent" and made.computation_key == "pledges.signed" and made.target == 90 and made.version == 1


def test_an_organisation_lead_may_not_add_an_indicator(organisation_lead):
    with pytest.raises(Refused):
        services.add_indicator(by=organisation_lead, **fields())


def test_a_computed_indicator_needs_a_computation_the_platform_offers(partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.add_indicator(by=partnership_lead, **fields(computation_key="nothing.here"))
    assert refused.value.message_dict["computation_key"] == [rules.COMPUTATION_UNKNOWN]


def test_numbers_that_are_not_numbers_are_refused_with_what_to_type(partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.add_indicator(by=partnership_lead, **fields(target="ninety", amber_margin="-2"))
    assert refused.value.message_dict == {"target": [rules.NUMBER], "amber_margin": [rules.MARGIN_NEGATIVE]}


def test_a_partnership_lead_changes_an_indicators_target_and_it_is_audited(partnership_lead, computed_indicator):
    changed = services.change_indicator(computed_indicator, by=partnership_lead, version=1, target="95")
    assert changed.target == 95 and changed.version == 2 and changed.name == computed_indicator.name
    [line] = AuditEvent.objects.filter(object_id=str(computed_indicator.pk), action="update")
    assert "target" in line.changed_fields


def test_a_change_made_from_an_old_version_is_refused_so_nothing_is_overwritten(partnership_lead, computed_indicator):
    services.change_indicator(computed_indicator, by=partnership_lead, version=1, target="95")
    with pytest.raises(EditConflict) as conflict:
        services.change_indicator(computed_indicator, by=partnership_lead, version=1, target="70")
    assert conflict.value.saved["target"] == 95
    computed_indicator.refresh_from_db()
    assert computed_indicator.target == 95


def test_a_retired_indicator_keeps_its_history_and_can_come_back(partnership_lead, by_hand_indicator):
    services.enter_value(
        by_hand_indicator, by=partnership_lead, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), value="60", evidence="Review survey (fictional)"
    )
    retired = services.retire_indicator(by_hand_indicator, by=partnership_lead)
    assert not retired.is_active and retired.values.count() == 1
    assert services.retire_indicator(retired, by=partnership_lead, in_use=True).is_active


def test_a_figure_entered_by_hand_needs_its_evidence(partnership_lead, by_hand_indicator):
    with pytest.raises(ValidationError) as refused:
        services.enter_value(by_hand_indicator, by=partnership_lead, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), value="60", evidence="  ")
    assert refused.value.message_dict["evidence"] == [rules.EVIDENCE.required_message]


def test_a_period_that_ends_before_it_starts_or_a_share_over_100_is_refused(partnership_lead, by_hand_indicator):
    with pytest.raises(ValidationError) as refused:
        services.enter_value(
            by_hand_indicator, by=partnership_lead, period_start=date(2026, 2, 1), period_end=date(2026, 1, 31), value="160", evidence="Survey"
        )
    assert refused.value.message_dict == {"period_end": [rules.PERIOD_BACKWARDS], "value": [rules.PERCENT_RANGE]}


def test_a_correction_is_a_new_figure_the_latest_counts_and_the_history_keeps_both(partnership_lead, by_hand_indicator):
    january = {"period_start": date(2026, 1, 1), "period_end": date(2026, 1, 31)}
    first = services.enter_value(by_hand_indicator, by=partnership_lead, value="60", evidence="Review survey (fictional)", **january)
    services.enter_value(by_hand_indicator, by=partnership_lead, value="62", evidence="Review survey, two late answers added (fictional)", **january)
    assert IndicatorValue.objects.filter(indicator=by_hand_indicator).count() == 2
    [counted] = latest_values(by_hand_indicator, Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert counted.value == 62
    found = reading(by_hand_indicator, Period(date(2026, 1, 1), date(2026, 3, 31)))
    assert found.figure.value == 62 and found.rag == "red" and found.source_words == "Entered by hand by Alex Morgan, with evidence"
    with pytest.raises(PermissionError):
        first.value = 1
        first.save()
    with pytest.raises(PermissionError):
        IndicatorValue.objects.all().delete()


def test_nobody_enters_a_figure_for_a_computed_indicator(partnership_lead, computed_indicator):
    with pytest.raises(ValidationError):
        services.enter_value(computed_indicator, by=partnership_lead, period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), value="60", evidence="x")


def test_rag_follows_the_direction_and_the_amber_margin(partnership_lead):
    from goldenthread.impact.indicators.queries import rag

    higher = services.add_indicator(by=partnership_lead, **fields(source="by-hand", computation_key="", target="80", amber_margin="5"))
    assert [rag(higher, value) for value in (85, 80, 76, 74, None)] == ["green", "green", "amber", "red", "none"]
    lower = services.add_indicator(
        by=partnership_lead, **fields(source="by-hand", computation_key="", unit="count", direction="lower", target="4", amber_margin="2")
    )
    assert [rag(lower, value) for value in (3, 4, 6, 7)] == ["green", "green", "amber", "red"]
