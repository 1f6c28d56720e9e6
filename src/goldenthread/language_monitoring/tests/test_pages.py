"""The writing figures' pages and CSV files: who may open them, what they show, and that no record's words ever appear."""

import csv
import io

import pytest
from django.urls import reverse

from goldenthread.core.language import site_rules_version
from goldenthread.language_monitoring import queries
from goldenthread.language_monitoring.models import WritingCheck
from goldenthread.partnership.models import Organisation, Sector
from tests.family_fixtures import family_data_in

from .support import DISTINCT_WORDS, FLAGGED_STORY, add_story, check_everything, personal_pledge

FIGURES = reverse("language_monitoring:figures")
FIGURES_CSV = reverse("language_monitoring:figures-csv")
YOURS = reverse("language_monitoring:yours")
YOURS_CSV = reverse("language_monitoring:yours-csv")
LEADS = {"partnership_lead", "organisation_lead", "other_agency_lead"}
STAFF = [
    "partnership_lead",
    "organisation_lead",
    "champion",
    "practitioner",
    "other_agency_practitioner",
    "other_agency_lead",
    "trainer",
    "data_protection_lead",
]


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def writing(family, practitioner, other_agency_lead, community_health):
    """Riley's story with words to change, the family's other records, and a personal pledge from health: all checked."""
    add_story(family, practitioner, FLAGGED_STORY)
    personal_pledge(other_agency_lead, community_health)
    check_everything()


@pytest.mark.parametrize("who", STAFF)
def test_the_organisations_figures_open_for_leads_and_refuse_everyone_else_saying_why(who, request, client, writing):
    client = signed_in(client, request.getfixturevalue(who))
    for page in (FIGURES, FIGURES_CSV):
        response = client.get(page)
        if who in LEADS:
            assert response.status_code == 200, page
        else:
            assert response.status_code == 403, page
            assert "Your writing" in response.content.decode() or page == FIGURES_CSV


@pytest.mark.parametrize("who", STAFF)
def test_everyone_who_works_in_the_partnership_sees_their_own_writing(who, request, client, writing):
    client = signed_in(client, request.getfixturevalue(who))
    assert client.get(YOURS).status_code == 200
    assert client.get(YOURS_CSV).status_code == 200


def test_a_family_member_opens_no_figures(family_member, family_client, writing):
    client = family_client(family_member)
    for page in (FIGURES, FIGURES_CSV, YOURS, YOURS_CSV):
        response = client.get(page)
        assert response.status_code != 200, page
        assert "Records checked" not in response.content.decode(errors="replace")


def test_someone_signed_out_is_sent_to_sign_in(client, db):
    response = client.get(FIGURES)
    assert response.status_code == 302 and reverse("core:sign-in") in response["Location"]


def test_the_partnership_lead_sees_every_organisation_and_the_commonest_findings_in_the_rules_own_words(client, partnership_lead, writing):
    page = signed_in(client, partnership_lead).get(FIGURES).content.decode()
    assert "Riverbend Children&#x27;s Services" in page and "Riverbend Community Health" in page
    assert "Family story" in page and "went missing" in page  # what the rule suggests instead
    assert 'id="writing-trend-table"' in page and "gt-table-scroll" in page


def test_an_organisation_lead_sees_their_own_organisation_only(client, organisation_lead, writing):
    page = signed_in(client, organisation_lead).get(FIGURES).content.decode()
    assert "Riverbend Children&#x27;s Services" in page
    assert "Riverbend Community Health" not in page
    response = client.get(FIGURES, {"organisation": Organisation.objects.get(name="Riverbend Community Health").slug})
    assert "Riverbend Community Health" not in response.content.decode()


def test_a_practitioner_sees_only_their_own_writing(client, practitioner, champion, writing):
    own = signed_in(client, practitioner).get(YOURS)
    assert own.context["figures"].overall.records == WritingCheck.objects.filter(author=practitioner).count() > 0
    assert "By organisation" not in own.content.decode()
    other = signed_in(client, champion).get(YOURS)
    assert other.context["figures"].overall.records == 0


def test_no_practitioner_is_named_on_a_leads_page(client, partnership_lead, practitioner, other_agency_lead, writing):
    page = signed_in(client, partnership_lead).get(FIGURES).content.decode()
    csv_text = client.get(FIGURES_CSV).content.decode()
    for name in (practitioner.full_name, other_agency_lead.full_name, practitioner.email):
        assert name not in page.split("</header>", 1)[-1] and name not in csv_text


def test_no_words_of_a_family_record_appear_in_any_figures(client, api_bearer, partnership_lead, organisation_lead, practitioner, writing):
    responses = []
    for person in (partnership_lead, organisation_lead):
        signed_in(client, person)
        responses += [client.get(FIGURES), client.get(FIGURES_CSV)]
        responses += [client.get(f"/api/v1/writing/{path}", **api_bearer(person)) for path in ("figures", "figures.csv")]
    signed_in(client, practitioner)
    responses += [client.get(YOURS), client.get(YOURS_CSV), client.get("/api/v1/writing/yours", **api_bearer(practitioner))]
    for response in responses:
        assert response.status_code == 200
        content = response.content.decode()
        assert family_data_in(content) == [], response
        for words in DISTINCT_WORDS:
            assert words not in content, (words, response)


def test_the_csv_holds_the_same_figures_with_every_cell_safe_in_a_spreadsheet(client, partnership_lead, practitioner, writing):
    with_a_formula = Organisation.objects.create(name="=HYPERLINK(1) Trust", sector=Sector.VOLUNTARY)
    personal_pledge(partnership_lead, with_a_formula, "@SUM we will write with families, not about them.")
    check_everything()
    response = signed_in(client, partnership_lead).get(FIGURES_CSV)
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == queries.CSV_HEADER
    assert ["By organisation", "'=HYPERLINK(1) Trust", "1", "1", "1.000", "", ""] in rows
    total = next(row for row in rows if row[0] == "All records")
    assert int(total[2]) == WritingCheck.objects.count()
    assert not any(cell[:1] in "=+-@" and cell for row in rows for cell in row)
    assert "@SUM" not in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2026-13"}, "Choose a month from the list"),
        ({"end": "yesterday"}, "Choose a month from the list"),
        ({"start": "1999-01"}, "Choose a month from the list"),
        ({"record_type": "core.user"}, "Choose a kind of record from the list"),
        ({"organisation": "nowhere-at-all"}, "Choose an organisation from the list"),
        ({"start": "MONTH_LAST", "end": "MONTH_FIRST"}, "The first month must be the same as, or before, the last month"),
        ({"start": "x" * 5000}, "Choose a month from the list"),
    ],
)
def test_a_filter_that_cannot_be_used_is_a_clear_400_never_an_error_page(client, partnership_lead, writing, query, message):
    offered = queries.months_offered()
    query = {
        key: {"MONTH_LAST": queries.month_key(offered[-1]), "MONTH_FIRST": queries.month_key(offered[0])}.get(value, value) for key, value in query.items()
    }
    signed_in(client, partnership_lead)
    response = client.get(FIGURES, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    download = client.get(FIGURES_CSV, query)
    assert download.status_code == 400 and message in download.content.decode()


def test_a_practitioner_filters_their_own_writing_by_kind_and_month(client, practitioner, writing):
    signed_in(client, practitioner)
    this_month = queries.month_key(queries.months_offered()[-1])
    response = client.get(YOURS, {"record_type": "families.storyentry", "start": this_month, "end": this_month})
    assert response.status_code == 200
    assert response.context["figures"].overall.records == WritingCheck.objects.filter(author=practitioner, model_label="families.storyentry").count()
    assert client.get(YOURS, {"organisation": "anything"}).status_code == 200  # no organisation to choose on your own page


def test_the_figures_say_when_there_are_too_few_records_to_say_much(client, organisation_lead, writing):
    page = signed_in(client, organisation_lead).get(FIGURES).content.decode()
    assert "(few records)" in page and "Too few records to say much" in page


def test_the_rules_version_is_current_after_the_checks(writing):
    assert set(WritingCheck.objects.values_list("rules_version", flat=True)) == {site_rules_version()}


def test_what_was_found_in_fewer_than_five_records_is_held_back_from_a_lead(client, organisation_lead, family, practitioner):
    add_story(family, practitioner, "Wrenna absconded from school again.")
    check_everything()
    figures = queries.figures(queries.checks_seen_by(organisation_lead, own=False), queries.Filters())
    assert 0 < figures.overall.records < queries.FEW
    assert figures.commonest == [] and figures.findings_held_back
    page = signed_in(client, organisation_lead).get(FIGURES).content.decode()
    assert "fewer than 5 records, so what the check found in them is not shown" in page


def test_a_person_sees_what_was_found_in_their_own_writing_however_little(practitioner, family):
    add_story(family, practitioner, "Wrenna absconded from school again.")
    check_everything()
    figures = queries.figures(queries.checks_seen_by(practitioner, own=True), queries.Filters(), by_organisation=False)
    assert figures.commonest and not figures.findings_held_back
