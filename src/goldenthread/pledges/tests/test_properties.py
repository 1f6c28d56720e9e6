"""Whatever text a person searches with, the wall and the API answer without a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

odd_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=odd_text, sector=odd_text)
def test_any_search_on_the_wall_is_answered(client, q, sector):
    assert client.get("/pledges/", {"q": q, "sector": sector}).status_code == 200
    assert client.get("/pledges/", {"q": q}, headers={"HX-Request": "true"}).status_code == 200


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=odd_text, sector=odd_text)
def test_any_search_on_the_api_is_answered(client, q, sector):
    response = client.get("/api/v1/pledges", {"q": q, "sector": sector})
    assert response.status_code == 200
    assert response.json()["count"] == 0
