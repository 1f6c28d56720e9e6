"""Whatever people type into wellbeing's forms and API, the answer is calm: never a server error, and nothing already saved is lost."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.core.tests.tokens import bearer
from goldenthread.wellbeing.models import CheckIn

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
anything = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(["\x00", "a\x00b", "<script>alert(1)</script>", "x" * 20_000, "{{ request }}", "'; DROP TABLE wellbeing_checkin; --", "9", "-1", "1e9"]),
)

pytestmark = pytest.mark.django_db


@FUZZ
@given(answer=anything, own_words=anything)
def test_the_check_in_form_never_fails_whatever_is_sent(client, practitioner, answer, own_words):
    client.force_login(practitioner)
    before = CheckIn.objects.count()
    response = client.post(reverse("wellbeing:check-in"), {"weight": answer, "sleep": "3", "in_own_words": own_words})
    assert response.status_code in (302, 400)
    assert CheckIn.objects.count() in (before, before + 1)


@FUZZ
@given(title=anything, capacity=anything, day=anything, time=anything, link=anything)
def test_the_space_form_never_fails_whatever_is_sent(client, partnership_lead, title, capacity, day, time, link):
    client.force_login(partnership_lead)
    response = client.post(
        reverse("wellbeing:space-add"),
        {
            "organisation": "everyone",
            "title": title,
            "about": title,
            "format": "online",
            "joining_link": link,
            "day-day": day,
            "day-month": day,
            "day-year": "2030",
            "starts": time,
            "ends": time,
            "capacity": capacity,
            "host_email": title,
        },
    )
    assert response.status_code in (302, 400)


@FUZZ
@given(key=anything, value=st.one_of(st.integers(), anything), own_words=anything)
def test_the_api_answers_400_or_422_to_odd_check_ins(client, practitioner, key, value, own_words):
    headers = bearer(practitioner)
    response = client.post("/api/v1/wellbeing/my/check-ins", {"answers": {key: value}, "in_own_words": own_words}, content_type="application/json", **headers)
    assert response.status_code in (201, 400, 422)
