"""The printable PDFs: a one-page audit for the board, and the partnership's map."""

import io

import pytest
from pypdf import PdfReader

from goldenthread.continuum import pdf, queries
from goldenthread.continuum.models import Assessment, Framework, Item
from goldenthread.partnership.models import Organisation, Sector

from .map_factories import complete_round, make_framework


def text_of(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join((page.extract_text() or "") for page in reader.pages)


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def general(db):
    return make_framework()


@pytest.fixture
def completed(general, childrens_services, organisation_lead, champion, practitioner):
    return complete_round(
        childrens_services,
        general,
        [organisation_lead, champion, practitioner],
        {"leadership": 4, "safety": 3, "language": 1},
        spread={"safety": 1},
        title="Spring 2026 self-assessment",
    )


def test_one_page_audit_is_one_page_naming_the_organisation_the_bands_and_what_it_is(completed):
    pages, text = text_of(pdf.one_page_audit(completed))
    text = squashed(text)
    assert pages == 1
    assert "Riverbend Children's Services" in text
    assert "Spring 2026 self-assessment" in text
    assert "version 1" in text
    assert "self-assessed stage, not a validated score" in text
    assert "Overall stage: Trauma Sensitive" in text
    for area, stage in [("Leadership and governance", "Trauma Informed"), ("Language and recording", "Trauma Aware")]:
        assert area in text and stage in text
    assert "3 people answered" in text
    assert "Strengths" in text and "Next steps" in text
    assert "How the stages were reached" in text
    assert "People disagreed (two or more points apart) on 2 statements" in text


def test_one_page_audit_of_a_long_framework_still_fits_one_page_and_says_how_many_more(childrens_services, organisation_lead):
    domains = [(f"area-{n}", f"A long area name about trauma-informed practice number {n}") for n in range(14)]
    framework = make_framework("test-long", domains=domains, items_per_domain=6)
    Item.objects.filter(domain__framework=framework).update(text="A long statement " * 20)
    levels = {code: (n % 5) for n, (code, _) in enumerate(domains)}
    assessment = complete_round(childrens_services, framework, [organisation_lead], levels)
    pages, text = text_of(pdf.one_page_audit(assessment))
    assert pages == 1
    assert "more" in squashed(text)


def test_one_page_audit_prints_odd_characters_in_names_without_failing(general, organisation_lead):
    organisation = Organisation.objects.create(name="Riverbend <b>&amp; Co\x07 – Zoë's “Centre” 漢字", sector=Sector.VOLUNTARY)
    assessment = complete_round(organisation, general, [organisation_lead], {"leadership": 2, "safety": 2, "language": 2}, title="Round <1> & more")
    pages, text = text_of(pdf.one_page_audit(assessment))
    assert pages == 1
    assert "Riverbend <b>&amp; Co" in squashed(text)
    assert "Round <1> & more" in squashed(text)


def test_one_page_audit_refuses_a_round_without_a_result(general, childrens_services):
    open_round = Assessment.objects.create(organisation=childrens_services, framework=general, title="Open")
    with pytest.raises(ValueError):
        pdf.one_page_audit(open_round)


def test_partnership_map_pdf_shows_every_organisation_and_the_bands(general, childrens_services, community_health, organisation_lead, other_agency_lead):
    schools = make_framework("test-schools", kind=Framework.Kind.SCHOOLS)
    school = Organisation.objects.create(name="Riverbend Brook Primary School", sector=Sector.SCHOOL_PRIMARY)
    complete_round(childrens_services, general, [organisation_lead], {"leadership": 1, "safety": 1, "language": 1}, days_ago=400)
    complete_round(childrens_services, general, [organisation_lead], {"leadership": 4, "safety": 3, "language": 3})
    complete_round(community_health, general, [other_agency_lead], {"leadership": 1, "safety": 2, "language": 1})
    complete_round(school, schools, [organisation_lead], {"behaviour": 3, "safe-spaces": 2})
    pages, text = text_of(pdf.partnership_map_pdf(queries.partnership_map(), filters_text="every sector"))
    text = squashed(text)
    assert pages >= 1
    for name in ("Riverbend Children's Services", "Riverbend Community Health", "Riverbend Brook Primary School"):
        assert name in text
    assert "Stages by sector" in text
    assert "Responsive" in text and "Aware" in text
    assert "Moved up" in text
    assert "Bright spots" in text
    assert "Relationships and behaviour policy" in text


def test_partnership_map_pdf_of_an_empty_partnership_says_so(db):
    pages, text = text_of(pdf.partnership_map_pdf(queries.partnership_map()))
    assert pages == 1
    assert "No organisation has two completed rounds yet" in squashed(text)
