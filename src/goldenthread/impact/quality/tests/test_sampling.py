"""Drawing the sample: only from records the auditor may see under the families access rule, reproducibly, and said plainly."""

import pytest
from django.core.exceptions import ValidationError

from goldenthread.families import access
from goldenthread.families.models import Part
from goldenthread.impact.quality import queries, rules, services
from goldenthread.impact.quality.models import AuditItem, AuditRound
from tests.family_fixtures import record_family

from .conftest import this_year

pytestmark = pytest.mark.django_db


def test_a_family_without_consent_for_the_auditors_organisation_is_never_drawn(family, other_agency_practitioner, community_health, partnership_lead):
    services.appoint_auditor(other_agency_practitioner, by=partnership_lead)
    healths_own = record_family(other_agency_practitioner, community_health, family_name="The Alder family (fictional)")
    for seed in range(20):
        drawn = services.draw_round(other_agency_practitioner, by=partnership_lead, period=this_year(), size=10, seed=seed)
        assert [item.family_id for item in drawn.items.all()] == [healths_own.pk]
    assert not access.decide(other_agency_practitioner, family, Part.STORY).allowed


def test_an_agreement_lets_the_auditor_draw_only_the_parts_it_covers(recorded_family, other_agency_practitioner, partnership_lead):
    services.appoint_auditor(other_agency_practitioner, by=partnership_lead)
    drawn = services.draw_round(other_agency_practitioner, by=partnership_lead, period=this_year(), size=3, seed=1)
    [item] = drawn.items.all()
    assert item.family_id == recorded_family.pk
    assert item.parts == ["story", "profiles"]


def test_fewer_records_than_asked_for_are_drawn_and_said_plainly(audit_round, auditor, partnership_lead):
    assert audit_round.size_asked == 5 and audit_round.available == 1 and audit_round.items.count() == 1
    words = services.drawn_words(audit_round, partnership_lead)
    assert words == "1 record was drawn, not the 5 asked for: that is all the records in this period that Riley Shah may see."


def test_an_auditor_who_may_see_no_record_is_told_what_to_do(family, partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.draw_round(partnership_lead, by=partnership_lead, period=this_year(), size=5)
    assert rules.nothing_to_draw("you") in refused.value.messages
    assert AuditRound.objects.count() == 0


def test_the_same_seed_draws_the_same_sample(auditor, practitioner, childrens_services, partnership_lead):
    for name in ("Ash", "Birch", "Cedar", "Damson", "Elm", "Fir"):
        record_family(practitioner, childrens_services, family_name=f"The {name} family (fictional)")
    first = services.draw_round(auditor, by=partnership_lead, period=this_year(), size=3, seed=42)
    again = services.draw_round(auditor, by=partnership_lead, period=this_year(), size=3, seed=first.seed)
    assert list(first.items.values_list("family_id", flat=True)) == list(again.items.values_list("family_id", flat=True))
    assert first.available == 6
    candidates = queries.candidates(auditor, this_year())
    assert [c.family.pk for c in services.draw(candidates, 3, 42)] == list(first.items.values_list("family_id", flat=True))


def test_only_the_chosen_organisations_records_are_drawn(auditor, practitioner, childrens_services, community_health, partnership_lead, family):
    with pytest.raises(ValidationError):
        services.draw_round(auditor, by=partnership_lead, period=this_year(), organisation=community_health, size=5)
    drawn = services.draw_round(auditor, by=partnership_lead, period=this_year(), organisation=childrens_services, size=5)
    assert drawn.items.count() == 1


def test_an_auditor_draws_for_themselves_but_only_the_partnership_team_draws_for_others(auditor, other_agency_practitioner, partnership_lead, family):
    from goldenthread.core.refusals import Refused

    services.appoint_auditor(other_agency_practitioner, by=partnership_lead)
    own = services.draw_round(auditor, by=auditor, period=this_year(), size=1)
    assert own.auditor == auditor
    with pytest.raises(Refused):
        services.draw_round(other_agency_practitioner, by=auditor, period=this_year(), size=1)


def test_a_person_who_is_not_an_auditor_cannot_have_a_round(practitioner, partnership_lead, family):
    with pytest.raises(ValidationError) as refused:
        services.draw_round(practitioner, by=partnership_lead, period=this_year(), size=1)
    assert rules.NOT_AN_AUDITOR_NOW in refused.value.messages


def test_emergency_access_is_never_a_reason_to_draw_a_record(family, third_agency_practitioner, partnership_lead):
    from goldenthread.families import services as family_services

    services.appoint_auditor(third_agency_practitioner, by=partnership_lead)
    family_services.start_emergency_access(family, by=third_agency_practitioner, reason="A worry about Wrenna's safety tonight (fictional)")
    assert access.decide(third_agency_practitioner, family, Part.STORY).allowed
    assert queries.candidates(third_agency_practitioner, this_year()) == []
    assert AuditItem.objects.count() == 0
