"""A refusal says who to ask, and who that is depends on who is asking.

An organisation lead is never told to ask their organisation lead: they are pointed to the
partnership team. A practitioner is pointed to their own organisation lead, by name; a family
member to their lead practitioner; the partnership lead to the rest of the partnership team.
"""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from goldenthread.core.refusals import DEFAULT_REFUSAL, Refused, api_refusal_handler, render_refusal, who_to_ask


def refused_page_for(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_refusal(request, Refused()).content.decode().replace("&#x27;", "'")


def test_an_organisation_lead_is_told_to_ask_the_partnership_team_not_their_organisation_lead(organisation_lead, partnership_lead):
    page = refused_page_for(organisation_lead)

    assert "If you think it should, ask the partnership team (Alex Morgan)." in page
    assert "ask your organisation lead" not in page


def test_a_practitioner_is_told_to_ask_their_own_organisation_lead_by_name(practitioner, organisation_lead):
    assert who_to_ask(practitioner) == "ask your organisation lead (Sam Okafor) or the partnership team"


def test_a_practitioner_whose_organisation_has_no_lead_yet_is_told_the_general_way(practitioner):
    assert who_to_ask(practitioner) == "ask your organisation lead or your partnership's admin"


def test_a_family_member_is_told_to_ask_their_lead_practitioner(family_member):
    assert who_to_ask(family_member) == "ask your lead practitioner, Riley Shah"


def test_the_partnership_lead_is_told_to_talk_with_the_rest_of_the_partnership_team(partnership_lead):
    assert who_to_ask(partnership_lead) == "talk with the others in the partnership team"


def test_someone_not_signed_in_gets_the_general_way(db):
    assert who_to_ask(AnonymousUser()) == "ask your organisation lead or your partnership's admin"


def test_a_refusal_with_its_own_words_keeps_them_whoever_is_refused(organisation_lead):
    request = RequestFactory().get("/")
    request.user = organisation_lead

    page = render_refusal(request, Refused("Only the family's lead practitioner can close the record.")).content.decode()

    assert "Only the family&#x27;s lead practitioner can close the record." in page
    assert "partnership team" not in page


def test_the_forbidden_page_tells_an_organisation_lead_to_ask_the_partnership_team(client, organisation_lead, partnership_lead):
    client.force_login(organisation_lead)

    response = client.get(reverse("core:audit-log"))

    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 403
    assert "ask the partnership team (Alex Morgan)" in page
    assert "ask your organisation lead" not in page


def test_the_api_says_who_to_ask_for_the_owner_of_the_token(organisation_lead):
    api = SimpleNamespace(create_response=lambda request, data, status: SimpleNamespace(status_code=status, data=data))
    request = SimpleNamespace(user=AnonymousUser(), auth=organisation_lead)

    response = api_refusal_handler(request, Refused(), api=api)

    assert response.status_code == 403
    assert response.data["detail"] != DEFAULT_REFUSAL
    assert "ask the partnership team" in response.data["detail"]
