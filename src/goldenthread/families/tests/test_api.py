"""The families API with personal tokens: the same rule as the pages, every part logged, and no token
works until its person has set up two-step verification and accepted the terms."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.tests.tokens import smuggled_bearer, working_token
from goldenthread.families import access
from goldenthread.families.api import SAFEGUARDS_MESSAGE
from goldenthread.families.models import AccessLogEntry, Part

from .test_access_support import CONTENT, agree, log_lines, safeguarded, start_emergency

API = "/api/v1/families"
Basis = AccessLogEntry.Basis


def bearer(user):
    _, key = working_token(user, "Case management bridge (test)")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_is_needed(client, family):
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/{family.public_id}").status_code == 401
    assert client.get(f"{API}/{family.public_id}/access-log").status_code == 401


@pytest.mark.parametrize("header", ["Bearer gt_not-a-real-token", "Bearer " + "x" * 10_000, "Basic YWxleDpwYXNzd29yZA==", "Bearer"])
def test_a_made_up_token_is_refused(client, family, header):
    response = client.get(f"{API}/{family.public_id}", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_a_token_of_someone_who_has_not_accepted_the_terms_is_refused(client, family, practitioner):
    headers = bearer(practitioner)

    for path in (API, f"{API}/{family.public_id}", f"{API}/{family.public_id}/access-log"):
        response = client.get(path, **headers)
        assert response.status_code == 403
        assert response.json() == {"detail": SAFEGUARDS_MESSAGE}
    assert not log_lines(family, practitioner, action="view").exists()


def test_a_token_stops_working_once_its_person_no_longer_has_two_step(client, family, practitioner):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    headers = bearer(safeguarded(practitioner))
    TOTPDevice.objects.filter(user=practitioner).delete()

    for path in (API, f"{API}/{family.public_id}", f"{API}/{family.public_id}/access-log"):
        assert client.get(path, **headers).status_code == 401
    assert not log_lines(family, practitioner, action="view").exists()


def test_the_list_holds_the_families_you_are_in_the_team_around(client, family, practitioner, champion):
    response = client.get(API, **bearer(safeguarded(practitioner)))

    assert response.status_code == 200
    assert response.json() == [{"reference": family.reference, "public_id": str(family.public_id), "family_name": "The Brightwater family (fictional)"}]
    assert log_lines(family, practitioner, action="view").get().basis == Basis.RECORDING_ORGANISATION
    assert client.get(API, **bearer(safeguarded(champion))).json() == []


def test_the_recording_team_gets_every_part_each_logged(client, family, practitioner):
    data = client.get(f"{API}/{family.public_id}", **bearer(safeguarded(practitioner))).json()

    assert set(data["parts_shown"]) == set(access.ALL_PARTS)
    assert data["profiles"][0]["important_to_me"] == "My cat, Biscuit"
    logged = {line.part: line.basis for line in log_lines(family, practitioner, action="view")}
    assert logged == {part: Basis.RECORDING_ORGANISATION for part in access.ALL_PARTS}


def test_another_agency_gets_only_the_agreed_parts(client, family, practitioner, other_agency_practitioner, community_health):
    agree(family, community_health, [Part.STORY], by=practitioner)

    response = client.get(f"{API}/{family.public_id}", **bearer(safeguarded(other_agency_practitioner)))

    data = response.json()
    assert "story" in data and "profiles" not in data and "chronology" not in data and "contact_details" not in data
    assert "Biscuit" not in response.content.decode()
    assert log_lines(family, other_agency_practitioner, action="view", part=Part.STORY).get().basis == Basis.CONSENT


def test_after_withdrawal_the_api_shows_the_story_no_more(client, family, practitioner, other_agency_practitioner, community_health):
    from goldenthread.families import services

    consent = agree(family, community_health, CONTENT, by=practitioner)
    headers = bearer(safeguarded(other_agency_practitioner))
    assert "story" in client.get(f"{API}/{family.public_id}", **headers).json()

    services.withdraw_consent(consent, by=practitioner)

    assert "story" not in client.get(f"{API}/{family.public_id}", **headers).json()


@pytest.mark.parametrize("person", ["champion", "organisation_lead", "partnership_lead", "trainer", "other_agency_lead"])
def test_someone_outside_the_team_is_refused_and_logged(client, request, person, family):
    user = request.getfixturevalue(person)

    response = client.get(f"{API}/{family.public_id}", **bearer(safeguarded(user)))

    assert response.status_code == 403
    assert "Brightwater" not in response.content.decode()
    assert log_lines(family, user).get().basis == Basis.REFUSED


def test_emergency_access_works_through_the_api_and_is_marked(client, family, other_agency_lead):
    emergency = start_emergency(other_agency_lead, family)

    data = client.get(f"{API}/{family.public_id}", **bearer(safeguarded(other_agency_lead))).json()

    assert "chronology" in data
    assert {line.emergency_id for line in log_lines(family, other_agency_lead, action="view")} == {emergency.pk}


def test_a_family_members_own_account_never_reads_the_api_even_with_a_token(client, family, family_member, family_client):
    # The tokens page makes no token for a family account; even one written straight into the table is refused: the API answers as if there were none, and logs no look.
    response = client.get(f"{API}/{family.public_id}", **smuggled_bearer(family_member))

    assert response.status_code == 401
    assert "story" not in response.json()
    assert not log_lines(family, family_member, action="view").exists()


def test_a_family_member_signed_in_at_their_own_door_is_refused_by_the_api_before_it_reads_anything(family, family_member, family_client):
    signed_in = family_client(family_member)

    for path in (API, f"{API}/{family.public_id}", f"{API}/{family.public_id}/access-log"):
        response = signed_in.get(path)
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json")
        assert "partnership" in response.json()["detail"]
    assert not log_lines(family, family_member).exists()


@pytest.mark.parametrize("person", ["practitioner", "data_protection_lead"])
def test_the_access_log_is_for_the_recording_team_and_the_data_protection_lead(client, request, person, family):
    user = request.getfixturevalue(person)

    response = client.get(f"{API}/{family.public_id}/access-log", **bearer(safeguarded(user)))

    assert response.status_code == 200
    rows = response.json()
    assert rows and {"when", "who", "organisation", "what", "why", "basis", "part", "emergency"} == set(rows[0])
    assert log_lines(family, user, part=access.ACCESS_LOG).get().basis != Basis.REFUSED


@pytest.mark.parametrize("person", ["other_agency_practitioner", "champion", "partnership_lead"])
def test_nobody_else_sees_the_access_log(client, request, person, family):
    user = request.getfixturevalue(person)

    response = client.get(f"{API}/{family.public_id}/access-log", **bearer(safeguarded(user)))

    assert response.status_code == 403
    assert log_lines(family, user, part=access.ACCESS_LOG).get().basis == Basis.REFUSED


@pytest.mark.parametrize("public_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "' OR 1=1 --", "x" * 5000])
def test_unknown_or_odd_addresses_are_not_found(client, family, practitioner, public_id):
    headers = bearer(safeguarded(practitioner))

    for path in (f"{API}/{public_id}", f"{API}/{public_id}/access-log"):
        response = client.get(path, **headers)
        assert response.status_code == 404
        assert "detail" in response.json()


@pytest.fixture
def practitioner_headers(practitioner):
    return bearer(safeguarded(practitioner))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.text(max_size=30), offset=st.text(max_size=30))
def test_no_paging_value_causes_a_server_error(client, family, practitioner_headers, limit, offset):
    response = client.get(API, {"limit": limit, "offset": offset}, **practitioner_headers)

    assert response.status_code in (200, 422)
