"""Who may open each feedback page: every named person, a family member, and someone not signed in."""

import pytest
from django.test import Client
from django.urls import reverse

from goldenthread.impact.feedback import services
from goldenthread.impact.feedback.models import OpenSurveyLink

from .conftest import signed_in

pytestmark = pytest.mark.django_db

PEOPLE = (
    "partnership_lead",
    "organisation_lead",
    "practitioner",
    "other_agency_practitioner",
    "other_agency_lead",
    "champion",
    "trainer",
    "data_protection_lead",
    "family_member",
)

RESULTS = {"partnership_lead": 200, "organisation_lead": 200, "other_agency_lead": 200}
OPEN_LINKS = RESULTS
# Pages about one family need the second step; each person signs in with it (the family member at their own door).
SEND_LIST = {
    "practitioner": 200,
    "other_agency_practitioner": 200,
    "partnership_lead": 200,
    "organisation_lead": 200,
    "other_agency_lead": 200,
    "champion": 200,
    "trainer": 200,
    "data_protection_lead": 200,
}
SEND = {"practitioner": 200}


def client_for(name, request, verified_client, family_client):
    person = request.getfixturevalue(name)
    if name == "family_member":
        return family_client(person)
    return verified_client(person)


@pytest.mark.parametrize("name", PEOPLE)
@pytest.mark.parametrize(("url_name", "allowed"), [("feedback_results", RESULTS), ("feedback_results_csv", RESULTS), ("feedback_open_links", OPEN_LINKS)])
def test_results_and_open_links_are_for_the_partnership_team_and_organisation_leads(name, url_name, allowed, request, verified_client, family_client, family):
    response = client_for(name, request, verified_client, family_client).get(reverse(f"impact:{url_name}"))
    assert response.status_code == allowed.get(name, 403), name


@pytest.mark.parametrize("name", PEOPLE)
def test_only_the_team_with_the_contact_details_can_open_the_page_to_send(name, request, verified_client, family_client, family):
    client = client_for(name, request, verified_client, family_client)
    assert client.get(reverse("impact:feedback_send", args=[family.public_id])).status_code == SEND.get(name, 403), name
    assert client.get(reverse("impact:feedback_send_list")).status_code == SEND_LIST.get(name, 403), name


@pytest.mark.parametrize("url_name", ["feedback_results", "feedback_results_csv", "feedback_open_links", "feedback_send_list"])
def test_someone_not_signed_in_is_sent_to_sign_in(db, url_name):
    response = Client().get(reverse(f"impact:{url_name}"))
    assert response.status_code == 302


def test_another_agency_cannot_see_an_organisations_results(other_agency_lead, childrens_services, community_health):
    client = signed_in(other_agency_lead)
    assert client.get(reverse("impact:feedback_results"), {"organisation": childrens_services.slug}).status_code == 403
    assert client.get(reverse("impact:feedback_results_csv"), {"organisation": childrens_services.slug}).status_code == 403
    page = client.get(reverse("impact:feedback_results")).content.decode()
    assert "Riverbend Community Health" in page and "Riverbend Children&#x27;s Services" not in page and "Across the partnership" not in page


def test_the_partnership_lead_sees_every_organisation_and_the_partnership(partnership_lead, childrens_services, community_health):
    page = signed_in(partnership_lead).get(reverse("impact:feedback_results")).content.decode()
    assert "Across the partnership" in page and "Riverbend Community Health" in page and "Riverbend Children&#x27;s Services" in page


def test_a_refused_look_at_the_page_to_send_is_in_the_familys_access_log(family, other_agency_practitioner, verified_client):
    from goldenthread.families.models import AccessLogEntry

    verified_client(other_agency_practitioner).get(reverse("impact:feedback_send", args=[family.public_id]))
    assert AccessLogEntry.objects.filter(family=family, user=other_agency_practitioner, basis=AccessLogEntry.Basis.REFUSED).exists()


def test_the_page_to_send_needs_the_second_step(family, practitioner):
    response = signed_in(practitioner).get(reverse("impact:feedback_send", args=[family.public_id]))
    assert response.status_code == 302


def test_only_the_partnership_team_and_the_organisations_own_lead_stop_an_open_link(childrens_services, organisation_lead, other_agency_lead, partnership_lead):
    link = services.make_open_link(childrens_services, by=organisation_lead, survey="open")
    stop = reverse("impact:feedback_stop_open_link", args=[link.public_id])
    assert signed_in(other_agency_lead).post(stop).status_code == 403
    assert OpenSurveyLink.objects.get().is_open
    assert signed_in(partnership_lead).post(stop).status_code == 302
    assert not OpenSurveyLink.objects.get().is_open


def test_an_organisation_lead_cannot_make_a_link_for_another_organisation(community_health, organisation_lead):
    from goldenthread.core.refusals import Refused

    with pytest.raises(Refused):
        services.make_open_link(community_health, by=organisation_lead, survey="open")
    response = signed_in(organisation_lead).post(reverse("impact:feedback_open_links"), {"organisation": community_health.slug, "survey": "open"})
    assert response.status_code == 400 and not OpenSurveyLink.objects.exists()


def test_an_organisation_lead_makes_an_open_link_for_their_own(childrens_services, organisation_lead):
    response = signed_in(organisation_lead).post(reverse("impact:feedback_open_links"), {"organisation": childrens_services.slug, "survey": "open"})
    assert response.status_code == 302
    assert OpenSurveyLink.objects.get().organisation == childrens_services
