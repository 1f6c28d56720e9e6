"""Who may open each page of the golden thread and board reports: every named person, a family member and someone not signed in, against every page and action.

Alex Morgan is the partnership team. Sam Okafor leads Riverbend Children's Services; Drew
Hughes leads Riverbend Community Health. Riley Shah, Casey Evans, Jo Park (champion), Pat Lee
(trainer) and Noor Haddad (data protection) see no figures. Marnie Brightwater is a family
member. Everyone is fictional.
"""

import pytest
from django.urls import reverse

from .conftest import signed_in

pytestmark = pytest.mark.django_db

PEOPLE = [
    "partnership_lead",
    "organisation_lead",
    "other_agency_lead",
    "practitioner",
    "other_agency_practitioner",
    "champion",
    "trainer",
    "data_protection_lead",
    "family_member",
    "anonymous",
]
LEADS = {"partnership_lead", "organisation_lead", "other_agency_lead"}
TEAM = {"partnership_lead"}

# page -> (method, the people who may open it)
EXPECTED = {
    "the partnership's golden thread": ("get", LEADS),
    "children's services' golden thread": ("get", {"partnership_lead", "organisation_lead"}),
    "board reports": ("get", LEADS),
    "start a board report": ("get", TEAM),
    "a final report about the partnership": ("get", LEADS),
    "its PDF": ("get", LEADS),
    "its spreadsheet": ("get", LEADS),
    "a final report about children's services": ("get", {"partnership_lead", "organisation_lead"}),
    "that report's PDF": ("get", {"partnership_lead", "organisation_lead"}),
    "a draft report": ("get", TEAM),
    "a draft report's PDF": ("get", TEAM),
    "write the draft's commentary": ("get", TEAM),
    "work the draft's figures out again": ("get", TEAM),
    "make the draft final": ("get", TEAM),
}


def addresses(childrens_services, final_report, organisation_report, draft_report):
    return {
        "the partnership's golden thread": reverse("impact:thread"),
        "children's services' golden thread": reverse("impact:thread_organisation", args=[childrens_services.pk]),
        "board reports": reverse("impact:reports"),
        "start a board report": reverse("impact:report_start"),
        "a final report about the partnership": reverse("impact:report", args=[final_report.public_id]),
        "its PDF": reverse("impact:report_pdf", args=[final_report.public_id]),
        "its spreadsheet": reverse("impact:report_csv", args=[final_report.public_id]),
        "a final report about children's services": reverse("impact:report", args=[organisation_report.public_id]),
        "that report's PDF": reverse("impact:report_pdf", args=[organisation_report.public_id]),
        "a draft report": reverse("impact:report", args=[draft_report.public_id]),
        "a draft report's PDF": reverse("impact:report_pdf", args=[draft_report.public_id]),
        "write the draft's commentary": reverse("impact:report_commentary", args=[draft_report.public_id]),
        "work the draft's figures out again": reverse("impact:report_refresh", args=[draft_report.public_id]),
        "make the draft final": reverse("impact:report_finalise", args=[draft_report.public_id]),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_opens_exactly_the_pages_the_matrix_says(request, who, childrens_services, final_report, organisation_report, draft_report):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = signed_in(user)
    opened, refused_calmly = set(), []
    for name, address in addresses(childrens_services, final_report, organisation_report, draft_report).items():
        response = client.get(address)
        if response.status_code == 200:
            opened.add(name)
        else:
            assert response.status_code in (302, 403, 404), (name, response.status_code)
            refused_calmly.append(response.status_code)
    assert opened == {name for name, (_, people) in EXPECTED.items() if who in people}
    if who == "anonymous":
        assert set(refused_calmly) <= {302}


def test_the_matrix_covers_every_page(childrens_services, final_report, organisation_report, draft_report):
    assert set(addresses(childrens_services, final_report, organisation_report, draft_report)) == set(EXPECTED)


@pytest.mark.parametrize("who", ["organisation_lead", "other_agency_lead", "practitioner", "champion", "family_member", None])
def test_nobody_but_the_partnership_team_starts_changes_or_finalises_a_report(request, who, draft_report):
    user = request.getfixturevalue(who) if who else None
    client = signed_in(user)
    client.post(
        reverse("impact:report_start"),
        {
            "title": "Mine (fictional)",
            "starts_on_0": "1",
            "starts_on_1": "1",
            "starts_on_2": "2026",
            "ends_on_0": "31",
            "ends_on_1": "3",
            "ends_on_2": "2026",
            "about": "partnership",
        },
    )
    client.post(reverse("impact:report_commentary", args=[draft_report.public_id]), {"commentary": "Changed (fictional).", "version": draft_report.version})
    client.post(reverse("impact:report_refresh", args=[draft_report.public_id]))
    client.post(reverse("impact:report_finalise", args=[draft_report.public_id]))
    draft_report.refresh_from_db()
    assert (draft_report.state, draft_report.commentary, draft_report.version) == ("draft", "", 1)
    assert draft_report.__class__.objects.count() == 1


def test_a_lead_of_another_organisation_is_refused_calmly(client, other_agency_lead, childrens_services):
    response = signed_in(other_agency_lead).get(reverse("impact:thread_organisation", args=[childrens_services.pk]))
    assert response.status_code == 403
    assert "for the partnership team and that organisation" in response.content.decode()


def test_an_organisation_that_is_not_there_is_404(partnership_lead):
    assert signed_in(partnership_lead).get("/impact/thread/999999/").status_code == 404
    assert signed_in(partnership_lead).get("/impact/reports/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=2026-13-01", "Give dates as year-month-day, for example 2026-04-01."),
        ("from=March&to=2026-04-01", "Give dates as year-month-day, for example 2026-04-01."),
        ("from=2026-04-01&to=2026-01-01", "The period's first day must be on or before its last day."),
        ("from=2000-01-01&to=2026-01-01", "A period can be at most ten years long."),
        ("from=%00", "Give dates as year-month-day, for example 2026-04-01."),
    ],
)
def test_a_period_that_cannot_be_used_is_400_with_what_to_change(partnership_lead, childrens_services, query, message):
    client = signed_in(partnership_lead)
    for address in (reverse("impact:thread"), reverse("impact:thread_organisation", args=[childrens_services.pk])):
        response = client.get(f"{address}?{query}")
        assert response.status_code == 400
        assert message.replace("'", "&#x27;") in response.content.decode()


def test_the_thread_page_reads_the_thread_and_links_every_figure_to_its_page(partnership_lead):
    response = signed_in(partnership_lead).get(reverse("impact:thread"), {"from": "2026-01-01", "to": "2026-03-31"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The thread is strongest at what families say (at or above 4.0) and breaks at group supervision (below 60%)." in page
    assert "records meet the language standard 71% of the time, up from 58%" in page
    for link, words in [("/pledges/", "organisations have signed"), ("/training/reach/", "40 of 100 people (40%)"), ("/continuum/map/", "on average between")]:
        assert f'<a class="govuk-link" href="{link}">' in page and words in page
    assert page.count('class="gt-chart"') == 6 and page.count("<caption") >= 6
    assert "The thread breaks here" in page  # how a step holds is said in words, never by colour alone
    assert "The golden thread: Riverbend" not in page  # no organisations yet


def test_the_thread_for_one_organisation_reads_as_the_issue_says(organisation_lead, childrens_services):
    response = signed_in(organisation_lead).get(reverse("impact:thread_organisation", args=[childrens_services.pk]), {"from": "2026-01-01", "to": "2026-03-31"})
    assert (
        "Signed the pledge in 2025; self-assessed Sensitive; 40% of staff trained; records meet the language standard 71% of the time, up from 58%"
        in response.content.decode()
    )


def test_the_partnership_lead_starts_a_report_for_one_organisation_from_the_page(partnership_lead, childrens_services):
    from goldenthread.impact.reports.models import BoardReport

    dates = {"starts_on_0": "1", "starts_on_1": "1", "starts_on_2": "2026", "ends_on_0": "31", "ends_on_1": "3", "ends_on_2": "2026"}
    client = signed_in(partnership_lead)
    response = client.post(reverse("impact:report_start"), {"title": "Children's services, spring (fictional)", **dates, "about": str(childrens_services.pk)})
    report = BoardReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.organisation == childrens_services and report.period.words() == "1 January 2026 to 31 March 2026"
    wrong = client.post(reverse("impact:report_start"), {"title": "", **dates, "ends_on_0": "1", "about": "someone"})
    assert wrong.status_code == 400 and BoardReport.objects.count() == 1
