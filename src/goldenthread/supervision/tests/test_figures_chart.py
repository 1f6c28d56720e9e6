"""The figures page shows the trend of sessions held as the site's one chart, with the same figures in its table."""

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone

from goldenthread.supervision.models import Session

from .pages_support import signed_in
from .test_figures import run

TODAY = timezone.localdate()
THIS_MONTH = TODAY.replace(day=1)
LAST_MONTH = THIS_MONTH - timedelta(days=1)


def figures_page(partnership_lead, **query):
    response = signed_in(partnership_lead).get(reverse("supervision:figures"), query)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_sessions_held_each_month_are_a_chart_and_a_table_with_the_same_figures(partnership_lead, practitioner, organisation_lead):
    run(practitioner, practitioner, organisation_lead, held_on=THIS_MONTH)
    run(practitioner, practitioner, organisation_lead, held_on=THIS_MONTH, kind=Session.Kind.LEARNING_CONVERSATION)
    run(practitioner, practitioner, organisation_lead, held_on=LAST_MONTH)

    page = figures_page(partnership_lead, months=6)

    svg = page.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and '<title id="sessions-chart-title">Sessions held each month</title>' in svg
    assert svg.count("<rect") == 6, "a bar for each of the six months"
    assert f"{THIS_MONTH:%b %Y}: 2 sessions" in svg
    assert f"{LAST_MONTH:%b %Y}: 1 session<" in svg
    assert svg.count("no sessions") == 4
    assert "style=" not in svg
    table = page.split('id="sessions-chart-table"')[1].split("</table>")[0]
    assert "Sessions held each month, by kind" in table
    assert "Group supervision" in table and "Learning conversation" in table and "All sessions" in table
    this_month = table.split(f">{THIS_MONTH:%b %Y}</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in this_month.split("</td>")[:-1]] == ["1", "1", "2"]
    total = table.split(">Total</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in total.split("</td>")[:-1]] == ["2", "1", "3"]


def test_a_period_with_no_sessions_still_draws_a_chart_that_says_so(partnership_lead):
    page = figures_page(partnership_lead, months=6)

    svg = page.split("<svg")[1].split("</svg>")[0]
    assert svg.count("no sessions") == 6
    assert "0 sessions held in this period." in page
