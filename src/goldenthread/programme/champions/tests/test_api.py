"""The champions directory in the API, for the workforce."""

import pytest

from goldenthread.core.tests.tokens import bearer, smuggled_bearer

pytestmark = pytest.mark.django_db

API = "/api/v1/programme/champions"


def test_the_workforce_reads_the_directory(client, profile, other_agency_practitioner):
    response = client.get(API, **bearer(other_agency_practitioner))
    assert response.status_code == 200
    [found] = response.json()
    assert found["name"] == "Jo Park"
    assert found["offers"] == ["peer-support", "bright-spot"]
    assert found["organisations"] == [{"name": "Riverbend Children's Services", "slug": "riverbend-childrens-services", "sector": "childrens-social-care"}]


def test_the_directory_filters_as_the_page_does(client, profile, other_agency_practitioner):
    headers = bearer(other_agency_practitioner)
    assert len(client.get(f"{API}?offer=bright-spot", **headers).json()) == 1
    assert client.get(f"{API}?offer=training", **headers).json() == []
    assert client.get(f"{API}?sector=health", **headers).json() == []
    assert client.get(f"{API}?interest=%00", **headers).status_code == 200


def test_a_family_member_is_refused(client, family_member, family_client):
    # The tokens page makes no token for a family account; even one written straight into the table is refused, and signed in at their own door the API refuses them before it reads.
    with_a_token = client.get(API, **smuggled_bearer(family_member))
    at_their_door = family_client(family_member).get(API)

    assert with_a_token.status_code == 401
    assert at_their_door.status_code == 403
    assert "people who work in the partnership" in at_their_door.json()["detail"]


def test_the_api_needs_a_token(client):
    assert client.get(API).status_code == 401
