"""Whatever people type, the site answers calmly: never a server error.

Property-based tests (hypothesis) send arbitrary text to every page that reads query
parameters and to the main forms: any Unicode a browser can send (NUL included), huge
strings, HTML, template and SQL-looking text. A page may say "nothing found", a form may
say what to fix, the API may answer 422; none of them may fail with a 500. The Django
test client re-raises any exception a view lets escape, so a crash fails the test loudly.
"""

import pytest
from axes.utils import reset as reset_lockouts
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.partnership.models import Sector
from goldenthread.pledges.models import Pledge, PledgeText, Strand
from goldenthread.pledges.services import commitment_field

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FORM_STATUSES = {200, 302, 400}

# Text a browser can send: any code point but the lone surrogates, which UTF-8 cannot carry.
any_characters = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
tricky_text = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "<script>alert('hi')</script>",
        '"><img src=x onerror=alert(1)>',
        "' OR '1'='1' --",
        "1; DROP TABLE partnership_organisation;",
        "%",
        "_",
        "\\",
        "{{ request }}{% debug %}",
        "%s%s%n",
        "../../../etc/passwd",
        "\u202eesrever",
        "Zoë’s café – naïve façade",
        "👩🏽‍⚕️" * 50,
        "9" * 400,
        "-1",
        "1e309",
        "NaN",
    ]
)
huge_text = st.builds(lambda piece, times: (piece * times)[:20_000], st.sampled_from(["x", "é", "<b>", "' OR 1=1 ", "\x00", "😀"]), st.integers(1_000, 20_000))
arbitrary_text = st.one_of(any_characters, tricky_text, huge_text)
sector_or_nonsense = st.one_of(st.sampled_from(Sector.values), arbitrary_text)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def assert_no_server_error(response):
    assert response.status_code < 500, f"{response.status_code} for {response.request['PATH_INFO']}"


@pytest.fixture
def partnership_with_pledge(signed_pledge, childrens_services):
    """Two organisations, one of them with a published pledge, so the filters have something to sift."""
    return signed_pledge


@FUZZ
@given(q=arbitrary_text, sector=sector_or_nonsense, page=arbitrary_text)
def test_pledge_wall_filters_never_fail(partnership_with_pledge, q, sector, page):
    response = Client().get(reverse("pledges:wall"), {"q": q, "sector": sector, "page": page})
    assert response.status_code == 200


@FUZZ
@given(q=arbitrary_text, sector=sector_or_nonsense)
def test_pledge_wall_live_search_never_fails(partnership_with_pledge, q, sector):
    response = Client().get(reverse("pledges:wall"), {"q": q, "sector": sector}, headers={"HX-Request": "true"})
    assert response.status_code == 200


@FUZZ
@given(slug=arbitrary_text)
def test_organisation_pledge_pages_with_odd_addresses_never_fail(partnership_with_pledge, slug):
    response = Client().get("/pledges/" + slug.replace("\x00", "%00") + "/")
    assert_no_server_error(response)


@FUZZ
@given(q=arbitrary_text, sector=sector_or_nonsense, page=arbitrary_text)
def test_organisations_list_filters_never_fail(partnership_lead, partnership_with_pledge, q, sector, page):
    response = signed_in(partnership_lead).get(reverse("partnership:organisations"), {"q": q, "sector": sector, "page": page})
    assert response.status_code == 200


@FUZZ
@given(state=arbitrary_text)
def test_every_pledge_list_filter_never_fails(partnership_lead, partnership_with_pledge, state):
    response = signed_in(partnership_lead).get(reverse("pledges:all"), {"state": state})
    assert response.status_code == 200


@FUZZ
@given(action=arbitrary_text, page=arbitrary_text)
def test_audit_log_filter_never_fails(partnership_lead, partnership_with_pledge, action, page):
    response = signed_in(partnership_lead).get(reverse("core:audit-log"), {"action": action, "page": page})
    assert response.status_code == 200


@FUZZ
@given(
    endpoint=st.sampled_from(["/api/v1/organisations", "/api/v1/pledges"]),
    sector=sector_or_nonsense,
    q=arbitrary_text,
    limit=st.one_of(st.integers(-(10**30), 10**30).map(str), arbitrary_text),
    offset=st.one_of(st.integers(-(10**30), 10**30).map(str), arbitrary_text),
)
def test_api_lists_never_fail(partnership_with_pledge, endpoint, sector, q, limit, offset):
    response = Client().get(endpoint, {"sector": sector, "q": q, "limit": limit, "offset": offset})
    assert response.status_code in {200, 422}, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


@FUZZ
@given(slug=arbitrary_text)
def test_api_single_records_with_odd_slugs_never_fail(partnership_with_pledge, slug):
    for prefix in ("/api/v1/organisations/", "/api/v1/pledges/"):
        response = Client().get(prefix + slug.replace("\x00", "%00").replace("/", "%2F").replace("?", "%3F").replace("#", "%23"))
        assert_no_server_error(response)


@FUZZ
@given(username=arbitrary_text, password=arbitrary_text)
def test_sign_in_form_never_fails(practitioner, username, password):
    reset_lockouts()
    response = Client().post(reverse("core:sign-in"), {"username": username, "password": password})
    assert response.status_code in FORM_STATUSES


@FUZZ
@given(password=arbitrary_text)
def test_repeated_wrong_passwords_for_a_real_account_never_fail(practitioner, password):
    response = Client().post(reverse("core:sign-in"), {"username": practitioner.email, "password": password + "!"})
    assert response.status_code in FORM_STATUSES | {403, 429}


@FUZZ
@given(name=arbitrary_text)
def test_token_name_form_never_fails(practitioner, name):
    response = signed_in(practitioner).post(reverse("core:tokens"), {"name": name})
    assert response.status_code in FORM_STATUSES


# Codes from version 1 of the pledge, in the wrong strands as often as the right ones.
KNOWN_COMMITMENT_CODES = ["recognise-training", "respond-supervision", "avoid-tell-once", "resilience-learning"]

pledge_form_values = st.fixed_dictionaries(
    {
        "vision": arbitrary_text,
        "how_we_will_do_it": arbitrary_text,
        "priorities": arbitrary_text,
        "signatory_name": arbitrary_text,
        "signatory_role": arbitrary_text,
        "signed_on_0": st.one_of(st.integers(-40, 40).map(str), arbitrary_text),
        "signed_on_1": st.one_of(st.integers(-14, 14).map(str), arbitrary_text),
        "signed_on_2": st.one_of(st.integers(-3000, 300_000).map(str), arbitrary_text),
        "confirm": st.sampled_from(["on", "", "off", "\x00"]),
    }
)


@FUZZ
@given(
    values=pledge_form_values,
    commitment_choices=st.lists(st.one_of(st.sampled_from(KNOWN_COMMITMENT_CODES), arbitrary_text), max_size=6),
    use_real_commitments=st.booleans(),
)
def test_pledge_sign_form_never_fails(organisation_lead, childrens_services, values, commitment_choices, use_real_commitments):
    data = dict(values)
    pledge_text = PledgeText.current()
    for strand in Strand.values:
        codes = list(pledge_text.commitments.filter(strand=strand).values_list("code", flat=True)[:1]) if use_real_commitments else []
        data[commitment_field(strand)] = codes + commitment_choices
    response = signed_in(organisation_lead).post(reverse("pledges:sign", args=[childrens_services.slug]), data)
    assert response.status_code in FORM_STATUSES
    # Start each example unsigned, so every example reaches the form rather than the "already signed" page.
    Pledge.objects.filter(organisation=childrens_services).delete()


@FUZZ
@given(
    name=arbitrary_text,
    sector=sector_or_nonsense,
    area=arbitrary_text,
    size=st.one_of(st.sampled_from(["", "small", "very-large"]), arbitrary_text),
    description=arbitrary_text,
)
def test_organisation_add_form_never_fails(partnership_lead, name, sector, area, size, description):
    response = signed_in(partnership_lead).post(
        reverse("partnership:organisation-add"), {"name": name, "sector": sector, "area": area, "size": size, "description": description}
    )
    assert response.status_code in FORM_STATUSES
