"""The signed-in home page asks the database a bounded number of times, so it stays quick as the apps grow.

Every journey starts at the home page: what waits for the person and their cards, from every
app, and the menu. Each app reads what it needs; the facts about the person asked again and
again (their memberships, whether they lead an organisation) are read once per request. A new
card or notice that adds a query per row, or asks the same thing twice, shows up here.

Riley Shah (a practitioner) is measured leading the Brightwater family's team, with a colleague
and an organisation lead beside them; Alex Morgan as the partnership lead, who sees the
partnership-wide cards.
"""

from django.urls import reverse

PRACTITIONER_HOME_QUERY_BOUND = 38
PARTNERSHIP_LEAD_HOME_QUERY_BOUND = 40


def queries_on_the_home_page(client, django_assert_max_num_queries, bound) -> int:
    client.get(reverse("core:home"))  # the first look may set up the session; measure the next one
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return len(captured)


def test_a_practitioners_home_page_makes_a_bounded_number_of_queries(
    family, practitioner, champion, organisation_lead, verified_client, django_assert_max_num_queries
):
    queries_on_the_home_page(verified_client(practitioner), django_assert_max_num_queries, PRACTITIONER_HOME_QUERY_BOUND)


def test_the_partnership_leads_home_page_makes_a_bounded_number_of_queries(
    family, partnership_lead, organisation_lead, verified_client, django_assert_max_num_queries
):
    queries_on_the_home_page(verified_client(partnership_lead), django_assert_max_num_queries, PARTNERSHIP_LEAD_HOME_QUERY_BOUND)
