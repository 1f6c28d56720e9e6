"""The data protection lead's emergency-review pages show a family's reference and the practitioner's
reason, so each look is written to that family's access log, on the data protection basis; someone
else asking for a review page is refused, and that is logged too. The shared family is in
test_pages_support.
"""

from html import unescape

import pytest
from django.urls import reverse

from goldenthread.families import services
from goldenthread.families.models import AccessLogEntry, EmergencyAccess
from tests.family_fixtures import record_family

from .test_pages_support import REASON, signed_in, url

Basis = AccessLogEntry.Basis


def lines_written_during(action):
    last = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = action()
    return response, list(AccessLogEntry.objects.filter(id__gt=last).order_by("id"))


def test_the_data_protection_leads_list_of_emergency_access_is_written_to_each_familys_access_log(
    data_protection_lead, champion, practitioner, family, childrens_services
):
    second = record_family(practitioner, childrens_services)
    waiting = services.start_emergency_access(family, by=champion, reason=REASON)
    reviewed = services.start_emergency_access(second, by=champion, reason=REASON)
    services.review_emergency_access(
        reviewed,
        by=data_protection_lead,
        outcome=EmergencyAccess.Review.JUSTIFIED,
    )
    browser = signed_in(data_protection_lead)

    response, written = lines_written_during(lambda: browser.get(url("reviews")))

    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert family.reference in page and second.reference in page
    by_reference = {line.family_reference: line for line in written}
    assert set(by_reference) == {family.reference, second.reference}
    for reference, emergency in (
        (family.reference, waiting),
        (second.reference, reviewed),
    ):
        line = by_reference[reference]
        assert (line.user_id, line.action, line.basis) == (
            data_protection_lead.pk,
            "view",
            Basis.DATA_PROTECTION,
        )
        assert line.emergency_id == emergency.pk
        assert line.organisation_label == "Data protection lead"


def test_opening_one_emergency_access_to_review_it_is_written_to_the_familys_access_log(data_protection_lead, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(data_protection_lead)

    response, written = lines_written_during(lambda: browser.get(url("review", emergency.public_id)))

    assert response.status_code == 200
    assert REASON in unescape(response.content.decode())
    assert [(line.family_reference, line.user_id, line.basis, line.emergency_id) for line in written] == [
        (family.reference, data_protection_lead.pk, Basis.DATA_PROTECTION, emergency.pk)
    ]


def test_a_review_sent_back_with_an_error_shows_the_reason_again_and_is_logged_again(data_protection_lead, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(data_protection_lead)

    response, written = lines_written_during(
        lambda: browser.post(
            url("review", emergency.public_id),
            {"outcome": "not-justified", "review_note": ""},
        )
    )

    assert response.status_code == 400
    assert REASON in unescape(response.content.decode())
    assert [(line.family_reference, line.action, line.basis) for line in written] == [(family.reference, "view", Basis.DATA_PROTECTION)]


def test_a_saved_review_is_logged_once_as_the_review(data_protection_lead, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    browser = signed_in(data_protection_lead)

    response, written = lines_written_during(
        lambda: browser.post(
            url("review", emergency.public_id),
            {"outcome": "justified", "review_note": ""},
        )
    )

    assert response.status_code == 302
    assert [(line.family_reference, line.action, line.basis) for line in written] == [(family.reference, "review", Basis.DATA_PROTECTION)]


def test_an_empty_review_list_writes_nothing(data_protection_lead, family):
    response, written = lines_written_during(lambda: signed_in(data_protection_lead).get(url("reviews")))

    assert response.status_code == 200
    assert written == []


@pytest.mark.parametrize("person", ["practitioner", "other_agency_lead", "partnership_lead"])
def test_someone_else_asking_for_a_review_page_is_refused_and_the_refusal_is_in_the_familys_log(request, person, champion, family):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    user = request.getfixturevalue(person)

    response, written = lines_written_during(lambda: signed_in(user).get(url("review", emergency.public_id)))

    assert response.status_code == 403
    assert REASON not in unescape(response.content.decode())
    assert [(line.family_reference, line.user_id, line.basis) for line in written] == [(family.reference, user.pk, Basis.REFUSED)]


def test_the_family_sees_the_data_protection_leads_look_on_their_own_who_looked_page(data_protection_lead, champion, family, family_member, family_client):
    emergency = services.start_emergency_access(family, by=champion, reason=REASON)
    signed_in(data_protection_lead).get(url("review", emergency.public_id))

    account = unescape(family_client(family_member).get(reverse("family_door:who-looked")).content.decode())

    assert "Noor Haddad" in account
    assert "to check that your record is being looked after properly" in account
