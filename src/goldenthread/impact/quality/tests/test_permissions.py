"""Who may open each quality page and do each thing: every named person and a family member, as a matrix."""

import pytest
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.impact.quality import permissions, services
from goldenthread.impact.quality.models import Auditor
from tests.family_fixtures import STORY, family_data_in

pytestmark = pytest.mark.django_db

PEOPLE = (
    "partnership_lead",
    "organisation_lead",
    "practitioner",
    "champion",
    "trainer",
    "other_agency_practitioner",
    "other_agency_lead",
    "data_protection_lead",
    "family_member",
)

# Riley (practitioner) is the appointed auditor with the round; Alex (partnership lead) may audit too.
OPENS = {
    "quality": {"partnership_lead", "organisation_lead", "practitioner", "other_agency_lead"},
    "quality_questions": {"partnership_lead", "organisation_lead", "practitioner", "champion", "trainer", "other_agency_practitioner", "other_agency_lead"},
    "quality_auditors": {"partnership_lead"},
    "quality_draw": {"partnership_lead", "practitioner"},
    "quality_results": {"partnership_lead", "organisation_lead", "other_agency_lead"},
    "quality_round": {"practitioner"},
    "quality_item": {"practitioner"},
    "quality_item_skip": {"practitioner"},
}


def address(name, audit_round, item):
    if name == "quality_round":
        return reverse("impact:" + name, args=[audit_round.public_id])
    if name in ("quality_item", "quality_item_skip"):
        return reverse("impact:" + name, args=[item.public_id])
    return reverse("impact:" + name)


def client_for(request, person, verified_client, family_client):
    user = request.getfixturevalue(person)
    if person == "family_member":
        return family_client(user)
    return verified_client(user)


@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_opens_only_the_pages_for_them(request, person, audit_round, item, verified_client, family_client, family_member):
    client = client_for(request, person, verified_client, family_client)
    for name, allowed in OPENS.items():
        response = client.get(address(name, audit_round, item))
        content = response.content.decode()
        if person in allowed:
            assert response.status_code == 200, (person, name)
        else:
            assert response.status_code in (302, 403), (person, name, response.status_code)
            assert family_data_in(content) == [], (person, name)


@pytest.mark.parametrize("person", PEOPLE)
def test_only_the_partnership_team_appoints_auditors(request, person, verified_client, family_client, family_member, champion):
    client = client_for(request, person, verified_client, family_client)
    response = client.post(reverse("impact:quality_auditors"), {"person": champion.pk})
    if person == "partnership_lead":
        assert response.status_code == 302
        assert Auditor.objects.filter(person=champion, ended_at__isnull=True).exists()
    else:
        assert response.status_code in (302, 403) and not Auditor.objects.filter(person=champion).exists()
        if response.status_code == 302:
            assert "/accounts/" in response["Location"] or "sign-in" in response["Location"] or "my-record" in response["Location"]


def test_only_the_partnership_team_ends_an_appointment_and_the_rounds_are_kept(auditor, audit_round, partnership_lead, organisation_lead, verified_client):
    appointment = Auditor.objects.get(person=auditor)
    refused = verified_client(organisation_lead).post(reverse("impact:quality_auditor_end", args=[appointment.public_id]))
    assert refused.status_code == 403
    ended = verified_client(partnership_lead).post(reverse("impact:quality_auditor_end", args=[appointment.public_id]))
    assert ended.status_code == 302
    appointment.refresh_from_db()
    assert appointment.ended_at is not None and not permissions.is_auditor(auditor)
    assert audit_round.items.count() == 1
    assert verified_client(auditor).get(reverse("impact:quality_item", args=[audit_round.items.get().public_id])).status_code == 403


def test_a_family_members_own_account_cannot_be_appointed(family_member, partnership_lead):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.appoint_auditor(family_member, by=partnership_lead)


def test_nobody_but_the_team_appoints_through_the_service(organisation_lead, champion):
    with pytest.raises(Refused):
        services.appoint_auditor(champion, by=organisation_lead)


def test_the_partnership_lead_with_no_family_is_told_what_to_do_on_their_audits_page(partnership_lead, family, verified_client):
    content = verified_client(partnership_lead).get(reverse("impact:quality")).content.decode()
    assert "you may not see any family" in content
    assert STORY not in content


def test_drawing_on_the_page_says_when_fewer_were_drawn(auditor, family, verified_client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    start = today - timedelta(days=30)
    response = verified_client(auditor).post(
        reverse("impact:quality_draw"),
        {
            "start_0": start.day,
            "start_1": start.month,
            "start_2": start.year,
            "end_0": today.day,
            "end_1": today.month,
            "end_2": today.year,
            "organisation": "all",
            "size": "4",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "1 record was drawn, not the 4 asked for" in response.content.decode()


def test_a_bad_period_on_the_results_page_says_what_to_do(partnership_lead):
    from .conftest import signed_in

    response = signed_in(partnership_lead).get(reverse("impact:quality_results") + "?from=yesterday")
    assert response.status_code == 400
    assert "year-month-day" in response.content.decode()
    assert signed_in(partnership_lead).get(reverse("impact:quality_results") + "?organisation=nope").status_code == 404
