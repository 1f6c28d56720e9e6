"""The partnership's map as data: where each organisation stands, by sector, over time, and its bright spots."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goldenthread.continuum import queries
from goldenthread.continuum.models import Assessment, Framework
from goldenthread.partnership.models import Organisation, Sector

from .map_factories import complete_round, make_framework

STRONG = {"leadership": 4, "safety": 3, "language": 3}  # responsive overall, informed in leadership
EARLY = {"leadership": 1, "safety": 2, "language": 1}  # aware overall


@pytest.fixture
def general(db):
    return make_framework()


@pytest.fixture
def schools(db):
    return make_framework("test-schools", kind=Framework.Kind.SCHOOLS)


@pytest.fixture
def primary_school(db):
    return Organisation.objects.create(name="Riverbend Brook Primary School", sector=Sector.SCHOOL_PRIMARY)


@pytest.fixture
def police(db):
    return Organisation.objects.create(name="Riverbend Police Station", sector=Sector.POLICE)


def test_each_organisation_is_placed_by_its_latest_completed_round(general, childrens_services, organisation_lead, champion):
    complete_round(childrens_services, general, [organisation_lead, champion], EARLY, days_ago=400)
    complete_round(childrens_services, general, [organisation_lead, champion], STRONG, days_ago=30)
    Assessment.objects.create(organisation=childrens_services, framework=general, title="Open round")

    [standing] = queries.latest_standings()
    assert standing.name == "Riverbend Children's Services"
    assert standing.band == "responsive"
    assert standing.respondents == 3  # the two named, and a colleague so that enough people answered
    assert standing.domain("leadership").band == "informed"
    assert standing.earlier.band == "aware"
    assert standing.movement == queries.Movement.UP


def test_an_organisation_with_only_an_open_round_is_not_on_the_map(general, childrens_services, organisation_lead):
    Assessment.objects.create(organisation=childrens_services, framework=general, title="Open round")
    summary = queries.partnership_map()
    assert summary.standings == []
    assert summary.open_rounds == 1
    assert summary.not_assessed == 1


def test_a_closed_organisation_is_left_off_the_map(general, childrens_services, organisation_lead):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    Organisation.objects.filter(pk=childrens_services.pk).update(is_active=False)
    assert queries.latest_standings() == []


def test_movement_compares_with_the_round_about_a_year_earlier_before_the_one_just_before(general, childrens_services, organisation_lead):
    complete_round(childrens_services, general, [organisation_lead], EARLY, days_ago=30 + 365)
    complete_round(childrens_services, general, [organisation_lead], STRONG, days_ago=30 + 120)
    complete_round(childrens_services, general, [organisation_lead], STRONG, days_ago=30)
    [standing] = queries.latest_standings()
    assert standing.earlier.band == "aware", "the round a year earlier, not the one four months earlier"
    assert standing.movement == queries.Movement.UP


def test_without_a_round_a_year_earlier_movement_compares_with_the_previous_round(general, childrens_services, organisation_lead):
    complete_round(childrens_services, general, [organisation_lead], STRONG, days_ago=30 + 200)
    complete_round(childrens_services, general, [organisation_lead], EARLY, days_ago=30)
    [standing] = queries.latest_standings()
    assert standing.movement == queries.Movement.DOWN
    assert standing.movement_label == "Moved down"


def test_a_first_round_has_no_movement_and_the_same_band_stays_the_same(general, childrens_services, community_health, organisation_lead, other_agency_lead):
    complete_round(childrens_services, general, [organisation_lead], STRONG, days_ago=30)
    complete_round(community_health, general, [other_agency_lead], EARLY, days_ago=400)
    complete_round(community_health, general, [other_agency_lead], {"leadership": 0, "safety": 1, "language": 1}, days_ago=30)
    movements = {standing.name: standing.movement for standing in queries.latest_standings()}
    assert movements == {"Riverbend Children's Services": "first", "Riverbend Community Health": "same"}
    counts = {code: count for code, _, count in queries.partnership_map().movement_counts}
    assert counts == {"up": 0, "same": 1, "down": 0, "first": 1}


def test_heat_map_keeps_schools_apart_because_their_domains_differ(general, schools, childrens_services, primary_school, organisation_lead, practitioner):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    complete_round(primary_school, schools, [practitioner], {"behaviour": 3, "safe-spaces": 2})
    groups = queries.heat_map(queries.latest_standings())
    assert [group.framework_kind for group in groups] == ["general", "schools"]
    general_group, schools_group = groups
    assert [code for code, _ in general_group.columns] == ["leadership", "safety", "language"]
    assert [code for code, _ in schools_group.columns] == ["behaviour", "safe-spaces"]
    [row] = schools_group.rows
    assert row.standing.name == "Riverbend Brook Primary School"
    assert [cell.label for cell in row.cells] == ["Trauma Responsive", "Trauma Sensitive"]
    assert [cell.css_class for cell in row.cells] == ["gt-band gt-band--responsive", "gt-band gt-band--sensitive"]


def test_heat_map_matches_domains_by_code_across_framework_versions(childrens_services, community_health, organisation_lead, other_agency_lead):
    first = make_framework(version=1, domains=[("leadership", "Leadership"), ("safety", "Safety")], is_current=False)
    second = make_framework(version=2, domains=[("safety", "Feeling safe"), ("leadership", "Leading"), ("voice", "Voice and choice")])
    complete_round(childrens_services, first, [organisation_lead], {"leadership": 4, "safety": 2})
    complete_round(community_health, second, [other_agency_lead], {"leadership": 1, "safety": 3, "voice": 2})
    [group] = queries.heat_map(queries.latest_standings())
    assert group.columns == [("safety", "Feeling safe"), ("leadership", "Leading"), ("voice", "Voice and choice")]
    older = next(row for row in group.rows if row.standing.name == "Riverbend Children's Services")
    assert [cell.label for cell in older.cells] == ["Trauma Sensitive", "Trauma Informed", "Not in this version"]


def test_a_domain_with_too_few_answers_says_so(general, childrens_services, organisation_lead):
    complete_round(childrens_services, general, [organisation_lead], {"leadership": 3, "safety": 3, "language": None})
    [group] = queries.heat_map(queries.latest_standings())
    assert [cell.label for cell in group.rows[0].cells] == ["Trauma Responsive", "Trauma Responsive", "Not enough answers"]
    assert group.rows[0].cells[2].css_class == "gt-band gt-band--none"


def test_bands_by_sector_count_every_active_organisation_including_those_not_assessed(
    general, childrens_services, community_health, police, organisation_lead, other_agency_lead
):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    complete_round(community_health, general, [other_agency_lead], EARLY)
    rows = {row.sector: row for row in queries.partnership_map().sectors}
    assert list(rows) == [Sector.CHILDRENS_SOCIAL_CARE, Sector.HEALTH, Sector.POLICE]
    assert rows[Sector.CHILDRENS_SOCIAL_CARE].band_counts == [0, 0, 1, 0]
    assert rows[Sector.HEALTH].band_counts == [1, 0, 0, 0]
    assert rows[Sector.POLICE].band_counts == [0, 0, 0, 0]
    assert rows[Sector.POLICE].not_assessed == 1
    summary = queries.partnership_map()
    assert (summary.active_organisations, summary.assessed, summary.not_assessed) == (3, 2, 1)
    assert [count for _, _, count in summary.band_counts] == [1, 0, 1, 0]


def test_filters_narrow_the_map_to_a_sector_or_a_framework(
    general, schools, childrens_services, community_health, primary_school, organisation_lead, other_agency_lead, practitioner
):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    complete_round(community_health, general, [other_agency_lead], EARLY)
    complete_round(primary_school, schools, [practitioner], {"behaviour": 3, "safe-spaces": 2})
    health = queries.partnership_map(sector=Sector.HEALTH)
    assert [standing.name for standing in health.standings] == ["Riverbend Community Health"]
    assert [row.sector for row in health.sectors] == [Sector.HEALTH]
    only_schools = queries.partnership_map(framework="test-schools")
    assert [standing.name for standing in only_schools.standings] == ["Riverbend Brook Primary School"]
    assert [row.sector for row in only_schools.sectors] == [Sector.SCHOOL_PRIMARY]


@pytest.mark.parametrize("odd", ["space-agency", "\x00", "x" * 5000, "' OR 1=1 --", "<b>"])
def test_an_unknown_filter_value_never_breaks_the_map(general, childrens_services, organisation_lead, odd):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    assert len(queries.partnership_map(sector=odd).standings) == 1
    expected = 1 if odd == "\x00" else 0  # only a NUL: no filter at all
    assert len(queries.partnership_map(framework=odd).standings) == expected


def test_a_bright_spot_is_strong_where_at_least_half_the_others_are_early_on(
    general, childrens_services, community_health, police, organisation_lead, other_agency_lead, practitioner
):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    complete_round(community_health, general, [other_agency_lead], EARLY)
    complete_round(police, general, [practitioner], {"leadership": 3, "safety": 3, "language": 3})
    spots = [(spot.standing.name, spot.domain_code, spot.band) for spot in queries.partnership_map().bright_spots]
    # Leadership: the children's services (Informed) and the police (Responsive) each have one of
    # two others early on. Safety: health alone is early, so one of two others: still a bright spot.
    assert ("Riverbend Children's Services", "leadership", "informed") in spots
    assert ("Riverbend Police Station", "leadership", "responsive") in spots
    assert all(name != "Riverbend Community Health" for name, _, _ in spots)
    spot = next(s for s in queries.partnership_map().bright_spots if s.standing.name == "Riverbend Children's Services" and s.domain_code == "leadership")
    assert [other.name for other in spot.early_others] == ["Riverbend Community Health"]
    assert spot.others == 2


def test_no_bright_spot_where_most_others_are_strong_too(
    general, childrens_services, community_health, police, organisation_lead, other_agency_lead, practitioner
):
    complete_round(childrens_services, general, [organisation_lead], STRONG)
    complete_round(community_health, general, [other_agency_lead], STRONG)
    complete_round(police, general, [practitioner], EARLY)
    spots = queries.partnership_map().bright_spots
    # For each strong organisation only one of its two others (the police) is early on: half, so still a spot.
    assert {spot.standing.name for spot in spots} == {"Riverbend Children's Services", "Riverbend Community Health"}
    complete_round(Organisation.objects.create(name="Riverbend Fire Station", sector=Sector.FIRE), general, [practitioner], STRONG)
    assert queries.partnership_map().bright_spots == [], "now only one of three others is early on"


def test_an_organisation_alone_in_its_framework_is_not_a_bright_spot(schools, primary_school, practitioner):
    complete_round(primary_school, schools, [practitioner], {"behaviour": 4, "safe-spaces": 4})
    assert queries.partnership_map().bright_spots == []


def test_the_map_takes_the_same_number_of_queries_for_two_or_eight_organisations(general, schools, organisation_lead):
    def add_organisations(count, start):
        for number in range(start, start + count):
            organisation = Organisation.objects.create(name=f"Riverbend Test Service {number}", sector=Sector.VOLUNTARY)
            complete_round(organisation, general, [organisation_lead], EARLY, days_ago=400)
            complete_round(organisation, general, [organisation_lead], STRONG, days_ago=30)

    def queries_for_the_map():
        with CaptureQueriesContext(connection) as captured:
            summary = queries.partnership_map()
            [(row.standing.movement, [cell.label for cell in row.cells]) for group in summary.groups for row in group.rows]
        return len(captured.captured_queries), summary

    add_organisations(2, 1)
    few, summary = queries_for_the_map()
    assert summary.assessed == 2
    add_organisations(6, 3)
    many, summary = queries_for_the_map()
    assert summary.assessed == 8
    assert few == many <= 4


def test_months_before_keeps_the_day_or_takes_the_last_day_of_a_shorter_month():
    assert queries.months_before(date(2026, 3, 15), 10) == date(2025, 5, 15)
    assert queries.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert queries.months_before(date(2026, 1, 10), 14) == date(2024, 11, 10)


def test_bright_spots_are_grouped_by_area_with_those_early_on_listed_once(
    general, childrens_services, community_health, police, organisation_lead, other_agency_lead, practitioner
):
    complete_round(childrens_services, general, [organisation_lead], {"leadership": 4, "safety": 1, "language": 1})
    complete_round(police, general, [practitioner], {"leadership": 3, "safety": 1, "language": 1})
    complete_round(community_health, general, [other_agency_lead], {"leadership": 1, "safety": 1, "language": 1})
    [area] = queries.partnership_map().bright_spot_areas
    assert (area.domain_code, area.domain_title) == ("leadership", "Leadership and governance")
    assert [spot.standing.name for spot in area.spots] == ["Riverbend Children's Services", "Riverbend Police Station"]
    assert [standing.name for standing in area.early_others] == ["Riverbend Community Health"]
