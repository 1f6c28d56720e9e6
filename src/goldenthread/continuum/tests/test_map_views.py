"""The partnership lead's map page, its spreadsheet and its PDF; nobody else sees them."""

import csv
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from goldenthread.continuum.models import Framework
from goldenthread.partnership.models import Organisation, Sector

from .map_factories import complete_round, make_framework

MAP = reverse("continuum:map")
CSV = reverse("continuum:map-csv")
PDF = reverse("continuum:map-pdf")


@pytest.fixture
def partnership(db, childrens_services, community_health, organisation_lead, other_agency_lead, champion):
    """Two agencies and a school with completed rounds; the children's services moved up since last year."""
    general = make_framework()
    schools = make_framework("test-schools", kind=Framework.Kind.SCHOOLS)
    school = Organisation.objects.create(name="Riverbend Brook Primary School", sector=Sector.SCHOOL_PRIMARY)
    complete_round(childrens_services, general, [organisation_lead, champion], {"leadership": 1, "safety": 1, "language": 1}, days_ago=395)
    complete_round(childrens_services, general, [organisation_lead, champion], {"leadership": 4, "safety": 3, "language": 3}, days_ago=30)
    complete_round(community_health, general, [other_agency_lead], {"leadership": 1, "safety": 2, "language": 1}, days_ago=20)
    complete_round(school, schools, [champion], {"behaviour": 3, "safe-spaces": 2}, days_ago=10)
    Organisation.objects.create(name="Riverbend Police Station", sector=Sector.POLICE)
    return school


def test_partnership_lead_sees_every_organisation_by_area_with_the_stage_in_words(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    response = client.get(MAP)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and page.count("<h1") == 1
    for name in ("Riverbend Children&#x27;s Services", "Riverbend Community Health", "Riverbend Brook Primary School"):
        assert name in page
    assert "Test self-assessment for organisations: 2 organisations" in page
    assert "Test self-assessment for schools: 1 organisation" in page
    heat_map = response.context["summary"].groups[0]
    assert [title for _, title in heat_map.columns] == ["Leadership and governance", "Physical and emotional safety", "Language and recording"]
    assert re.search(r'class="govuk-table__cell gt-band gt-band--informed">Informed</td>', page)
    assert "Key to the colours" in page


def test_the_map_shows_sectors_movement_and_bright_spots(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    page = client.get(MAP).content.decode()
    assert "Stages by sector" in page and "Police" in page and "Not assessed yet" in page
    assert "Moved up" in page
    bright_spots = page[page.index('id="bright-spots"') :]
    leadership = bright_spots[bright_spots.index("Leadership and governance") : bright_spots.index("</tr>", bright_spots.index("Leadership and governance"))]
    assert 'Riverbend Children&#x27;s Services<span class="govuk-visually-hidden">: latest result</span></a>: Informed' in leadership
    assert "Riverbend Community Health" in leadership


def test_the_map_has_no_inline_styles_and_loads_its_own_stylesheet(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    page = client.get(MAP).content.decode()
    assert "style=" not in page
    assert "/static/continuum/continuum.css" in page


def test_the_map_stylesheet_is_found_by_collectstatic_and_the_live_server():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    found = finders.find("continuum/continuum.css")
    assert found and ".gt-band--informed" in Path(found).read_text(encoding="utf-8")


def test_filters_narrow_the_map_and_keep_the_choice(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    response = client.get(MAP, {"sector": Sector.HEALTH})
    page = response.content.decode()
    assert "Riverbend Community Health" in page
    assert "Riverbend Brook Primary School" not in page
    assert 'value="health" selected' in page
    assert "Showing: Health." in page
    assert f'href="{CSV}?sector=health"' in page
    schools_only = client.get(MAP, {"framework": "test-schools"}).content.decode()
    assert "Riverbend Brook Primary School" in schools_only and "Riverbend Community Health" not in schools_only


@pytest.mark.parametrize("odd", ["space-agency", "\x00", "%00", "x" * 10000, "<script>alert(1)</script>", "1' OR '1'='1", "😀"])
def test_odd_filter_values_never_break_the_map(client, partnership_lead, partnership, odd):
    client.force_login(partnership_lead)
    for address in (MAP, CSV, PDF):
        response = client.get(address, {"sector": odd, "framework": odd})
        assert response.status_code == 200, address
    assert "<script>alert" not in client.get(MAP, {"sector": odd}).content.decode()


def test_a_repeated_filter_is_still_fine(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    assert client.get(f"{MAP}?sector=health&sector=police&framework=&framework=general").status_code == 200


@pytest.mark.parametrize("person", ["organisation_lead", "champion", "practitioner", "trainer", "other_agency_lead"])
def test_people_in_organisations_cannot_see_the_map_or_download_it(client, request, partnership, person):
    client.force_login(request.getfixturevalue(person))
    for address in (MAP, CSV, PDF):
        assert client.get(address).status_code == 403, address


def test_someone_not_signed_in_is_asked_to_sign_in(client, partnership):
    for address in (MAP, CSV, PDF):
        response = client.get(address)
        assert response.status_code == 302
        assert reverse("core:sign-in") in response["Location"]


def test_the_map_refuses_to_be_changed(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    assert client.post(MAP).status_code == 405


def test_csv_has_a_row_per_organisation_and_area_and_an_overall_row(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Organisation", "Sector", "Framework", "Framework version", "Completed on", "Domain", "Score", "Stage"]
    children = [row for row in rows[1:] if row[0] == "Riverbend Children's Services"]
    assert [row[5] for row in children] == ["Leadership and governance", "Physical and emotional safety", "Language and recording", "Overall"]
    assert children[0][6:] == ["4.00", "Trauma Informed"]
    assert children[-1][7] == "Trauma Responsive"
    assert children[0][1] == "Children's social care"
    assert len(rows) == 1 + 4 + 4 + 3


def test_csv_cells_that_look_like_formulas_are_kept_as_text(client, partnership_lead, organisation_lead):
    framework = make_framework()
    dangerous = Organisation.objects.create(name='=HYPERLINK("http://bad.example","click")', sector=Sector.VOLUNTARY)
    complete_round(dangerous, framework, [organisation_lead], {"leadership": 2, "safety": 2, "language": 2}, title="+1 round")
    client.force_login(partnership_lead)
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    assert all(row[0].startswith("'=") for row in rows[1:])


def test_a_csv_cell_starting_with_a_full_width_equals_sign_is_kept_as_text(client, partnership_lead, organisation_lead):
    framework = make_framework()
    name = '\uff1dHYPERLINK("http://bad.example","click")'  # ＝, as a Japanese keyboard types it
    complete_round(
        Organisation.objects.create(name=name, sector=Sector.VOLUNTARY), framework, [organisation_lead], {"leadership": 2, "safety": 2, "language": 2}
    )
    client.force_login(partnership_lead)
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode())))
    assert [row[0] for row in rows[1:]] == ["'" + name] * 4


def test_pdf_of_the_map_opens_and_names_the_organisations(client, partnership_lead, partnership):
    client.force_login(partnership_lead)
    response = client.get(PDF, {"sector": Sector.CHILDRENS_SOCIAL_CARE})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Riverbend Children's Services" in text
    assert "Riverbend Community Health" not in text
    assert "Children's social care" in text


def test_map_page_takes_the_same_queries_however_many_organisations(client, partnership_lead, partnership, organisation_lead, django_assert_max_num_queries):
    client.force_login(partnership_lead)
    client.get(MAP)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(MAP)
    framework = Framework.objects.get(code="test-general")
    for number in range(6):
        organisation = Organisation.objects.create(name=f"Riverbend Test Service {number}", sector=Sector.VOLUNTARY)
        complete_round(organisation, framework, [organisation_lead], {"leadership": 2, "safety": 3, "language": 2})
    with CaptureQueriesContext(connection) as many:
        client.get(MAP)
    assert len(few.captured_queries) == len(many.captured_queries)
