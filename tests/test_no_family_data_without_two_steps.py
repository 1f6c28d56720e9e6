"""A password alone, or a token not made in a verified session, never shows a family's record.

Every address in the URL conf is fetched by each person who could see the Brightwater family
(lead practitioner, a partner agency in the team, the accountable manager of a supervision
session about the family, the data protection lead, the partnership lead), each signed in with
only their password; the family member has no password (her own account signs in only at the
family's door, with a one-time code), so she is fetched with a session that never came through
that door. Every API route is called with tokens that
must not work, and with random ones. Nothing of the family's record may appear, and no
request may fail with a server error. A new page is covered the day it is added.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.api import api
from goldenthread.core import services as core_services
from goldenthread.core.models import ApiToken
from goldenthread.core.tests.tokens import smuggled_token, working_token
from goldenthread.core.tests.two_step import authenticator_of
from goldenthread.families.tests.test_access_support import start_emergency
from goldenthread.supervision.tests.test_services_support import session  # noqa: F401

PASSWORD = "a-long-test-password"
# What the Brightwater family's record holds (see families/tests/test_access_support.py).
FAMILY_RECORD = [
    "Wrenna loves drawing",
    "Kind and funny",
    "My cat, Biscuit",
    "Tell me what will happen next",
    "Wrenna changed school",
    "1 Example Row",
    "The Brightwater family",
    "Early help assessment",
]
NEVER_FETCHED = {"core:sign-out"}  # a POST form that ends the session being tested


def family_record_in(content: bytes) -> list[str]:
    text = content.decode("utf-8", "replace")
    return [piece for piece in FAMILY_RECORD if piece in text]


def every_route(patterns=None, prefix="", namespace=""):
    """(name, route) for every address the site answers, with its converters still in place."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from every_route(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern)


ROUTES = sorted({route for name, route in every_route() if name not in NEVER_FETCHED and not route.startswith("api/v1/")})


def filled(route: str, ids: dict) -> str:
    """The route with each <converter:name> replaced by a real id of the family's world (or a made-up one)."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(ids.get(m.group(2), uuid.uuid4() if m.group(1) == "uuid" else "1")), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(ids.get(m.group(1), "1")), route)
    return "/" + route.replace("\\", "")


@pytest.fixture
def world(
    family, family_member, session, practitioner, other_agency_practitioner, organisation_lead, data_protection_lead, partnership_lead, childrens_services
):  # noqa: F811
    """The family, a supervision session about it, an emergency access, and everyone with two-step set up."""
    emergency = start_emergency(organisation_lead, family)
    people = [practitioner, other_agency_practitioner, organisation_lead, family_member, data_protection_lead, partnership_lead]
    for person in people:
        authenticator_of(person)
        core_services.accept_terms(person, by=person)
    story = family.story_entries.first()
    ids = {
        "family_id": family.public_id,
        "public_id": family.public_id,
        "person_id": family.people.first().public_id,
        "person": family.people.first().public_id,
        "entry_id": story.public_id if story else uuid.uuid4(),
        "access_id": emergency.public_id,
        "session_id": session.public_id,
        "slug": childrens_services.slug,
    }
    return {"people": people, "ids": ids}


@pytest.mark.parametrize("route", ROUTES)
def test_no_address_shows_the_family_to_a_password_alone(world, route):
    address = filled(route, world["ids"])
    for person in world["people"]:
        client = signed_in_with_a_password_alone(person)

        response = client.get(address)

        assert response.status_code < 500, f"{address} as {person}"
        assert not family_record_in(response.content), f"{address} showed {family_record_in(response.content)} to {person} with only a password"


def signed_in_with_a_password_alone(person) -> Client:
    """A staff account signed in with its password alone; a family account, which has none, signed in without its door's code."""
    client = Client()
    signed_in = client.post(reverse("core:sign-in"), {"username": person.email, "password": PASSWORD})
    if not person.is_family_account:
        assert signed_in.status_code == 302
        return client
    assert signed_in.status_code == 400, "a family account has no password"
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


API_ROUTES = sorted(api.get_openapi_schema()["paths"])


def api_address(route: str, ids: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), "1")), route)


def tokens_that_must_not_read_families(person):
    """A token from before tokens were tied to two-step, one whose authenticator was removed, and a partnership-only one."""
    legacy_key = ApiToken.new_key()
    ApiToken.objects.create(user=person, name="From last year", prefix=legacy_key[3:11], key_hash=ApiToken.hash_key(legacy_key))
    make = smuggled_token if person.is_family_account else working_token  # the tokens page makes none for a family account
    _, orphaned_key = make(person, "Phone since replaced")
    TOTPDevice.objects.filter(user=person).delete()
    _, partnership_key = make(person, "Partnership only", scope=ApiToken.Scope.PARTNERSHIP)
    return {"legacy": legacy_key, "orphaned": orphaned_key, "partnership only": partnership_key}


@pytest.mark.parametrize("route", API_ROUTES)
def test_no_api_route_shows_the_family_to_a_token_not_made_for_it(world, route):
    address = api_address(route, world["ids"])
    for person in world["people"]:
        for kind, key in tokens_that_must_not_read_families(person).items():
            response = Client().get(address, HTTP_AUTHORIZATION=f"Bearer {key}")

            assert response.status_code < 500, f"{address} with a {kind} token of {person}"
            assert not family_record_in(response.content), f"{address} showed the family to a {kind} token of {person}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(route=st.sampled_from(API_ROUTES), key=st.text(max_size=80), scheme=st.sampled_from(["Bearer", "bearer", "Token", ""]))
def test_no_made_up_token_reads_anything_of_the_family(world, route, key, scheme):
    header = f"{scheme} {key}".strip().replace("\x00", "")

    response = Client().get(api_address(route, world["ids"]), HTTP_AUTHORIZATION=header)

    assert response.status_code < 500
    assert not family_record_in(response.content)


def test_the_same_walk_finds_the_record_once_the_second_step_is_done(world, practitioner, family):  # noqa: F811
    """The check above can fail: with a code typed, the lead practitioner's pages and token do show the record."""
    from goldenthread.core.tests.tokens import bearer
    from goldenthread.core.tests.two_step import signed_in_with_two_steps

    page = signed_in_with_two_steps(practitioner).get(filled("families/<uuid:family_id>/", world["ids"]))
    api_record = Client().get(f"/api/v1/families/{family.public_id}", **bearer(practitioner))

    assert family_record_in(page.content)
    assert family_record_in(api_record.content)
