"""No staff page is reachable by a family member's own account: every address of the site is tried.

The whole URL conf is walked, each pattern's arguments filled with the real ids of the fictional
Brightwater family (or made-up ones). Marnie, signed in at her own door, opens only the family's
own pages and the few of core's every visitor has (signing out, the privacy and accessibility
statements): any other page is refused (403, with a link to her own home page, /my-record/)
before its view or form runs, the site's home page sends her to hers, and the API answers 403. A new page is covered the day it is added. The other
way round, a member of staff opening the family's pages is sent to the family's sign-in, and the
staff sign-in turns away a family member's address whatever the password.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from goldenthread.core.middleware import FAMILY_ACCOUNT_CORE_PAGES, FAMILY_ACCOUNT_REFUSED
from goldenthread.core.registry import family_namespaces
from goldenthread.families.models import ConsentAgreement, Part
from goldenthread.families.tests.test_access_support import agree
from goldenthread.family_door import services
from goldenthread.family_door.models import Suggestion
from tests.family_fixtures import family_data_in

HOME = "/my-record/"
# The family's own pages that anyone may open: signing in, typing the code, an invitation's link.
OPEN_DOOR = {"family_door:sign-in", "family_door:enter-code", "family_door:join"}
NEVER_FETCHED = {"core:sign-out"}  # ends the session being tested


def every_route(patterns=None, prefix="", namespace=""):
    """(name, route) for every address the site answers, converters still in place."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from every_route(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern)


ROUTES = sorted({(name, route) for name, route in every_route() if name not in NEVER_FETCHED})


def for_family_accounts(name: str) -> bool:
    namespace, _, url_name = name.rpartition(":")
    return namespace in family_namespaces() or (namespace == "core" and url_name in FAMILY_ACCOUNT_CORE_PAGES)


STAFF_ROUTES = [(name, route) for name, route in ROUTES if not for_family_accounts(name)]
FAMILY_ROUTES = [(name, route) for name, route in ROUTES if name.startswith("family_door:")]


def filled(route: str, ids: dict) -> str:
    """The route with each <converter:name> (or regex group) replaced by a real id of the family's world, or a made-up one."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(ids.get(m.group(2), uuid.uuid4() if m.group(1) == "uuid" else "1")), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(ids.get(m.group(1), "1")), route)
    route = route.replace("\\", "").replace("{", "").replace("}", "")
    return "/" + route


def resolves(address: str) -> bool:
    try:
        resolve(address)
    except Resolver404:
        return False
    return True


@pytest.fixture
def world(recorded_family, family_member, practitioner, community_health, childrens_services):
    """The Brightwater family with an agreement, a suggestion, a question and a request to share from Marnie."""
    marnie = recorded_family.people.get(first_name="Marnie")
    agreement = ConsentAgreement.objects.filter(family=recorded_family).first() or agree(recorded_family, community_health, [Part.STORY], by=practitioner)
    suggestion = services.suggest_change(marnie, by=family_member, target=Suggestion.Target.NEW_STORY, text="We got a dog called Pepper.")
    question = services.ask_question(marnie, by=family_member, text="When is the next meeting?")
    share = services.ask_to_share(marnie, by=family_member, organisation=community_health, parts=[Part.CHRONOLOGY])
    ids = {
        "family_id": recorded_family.public_id,
        "public_id": recorded_family.public_id,
        "person_id": marnie.public_id,
        "person": marnie.public_id,
        "entry_id": recorded_family.story_entries.first().public_id,
        "consent_id": agreement.public_id,
        "suggestion_id": suggestion.public_id,
        "question_id": question.public_id,
        "request_id": share.public_id,
        "slug": childrens_services.slug,
        "field": "liked_and_admired",
    }
    return {"family": recorded_family, "ids": ids}


@pytest.mark.parametrize(("name", "route"), STAFF_ROUTES, ids=[name or route for name, route in STAFF_ROUTES])
def test_a_family_account_never_reaches_a_staff_page(world, family_member, family_client, name, route):
    address = filled(route, world["ids"])
    client = family_client(family_member)

    opened = client.get(address)
    posted = client.post(address, {"anything": "at all"})

    for response in (opened, posted):
        assert response.status_code != 200, f"{address} answered a family account"
        assert not family_data_in(response.content.decode("utf-8", "replace")), address
    if not resolves(address):
        assert opened.status_code == 404  # no such page, for anyone
        return
    if address.startswith("/api/"):
        for response in (opened, posted):
            assert response.status_code == 403 and response.json() == {"detail": FAMILY_ACCOUNT_REFUSED}, address
        return
    if not name.rpartition(":")[2]:
        return  # a file the browser asks for (the icon): not a page, and no staff content either way
    if address == "/":
        assert opened.status_code == 302 and opened["Location"] == HOME, "the site's home page did not send her to hers"
    else:
        assert opened.status_code == 403 and refused_with_a_way_home(opened), f"{address} was not refused"
    assert posted.status_code == 403 and refused_with_a_way_home(posted), f"{address} took her form"


def refused_with_a_way_home(response) -> bool:
    page = response.content.decode()
    return FAMILY_ACCOUNT_REFUSED in page and f'href="{HOME}"' in page


def test_the_api_answers_a_family_account_with_403_before_reading_anything(world, family_member, family_client):
    client = family_client(family_member)

    for path in ("/api/v1/", "/api/v1/families", f"/api/v1/families/{world['family'].public_id}"):
        response = client.get(path)
        assert response.status_code == 403
        assert response.json() == {"detail": FAMILY_ACCOUNT_REFUSED}


def test_every_page_of_the_familys_own_door_opens_for_her(world, family_member, family_client):
    client = family_client(family_member)

    for name, route in FAMILY_ROUTES:
        if name in OPEN_DOOR:
            continue
        response = client.get(filled(route, world["ids"]))
        assert response.status_code == 200, f"{name} gave {response.status_code}"


def test_the_few_core_pages_she_may_open_are_no_staff_pages(family_member, family_client):
    client = family_client(family_member)

    for url_name in ("privacy", "accessibility", "signed-out"):
        response = client.get(reverse(f"core:{url_name}"))
        assert response.status_code == 200, url_name
        assert "API tokens" not in response.content.decode()


def test_a_member_of_staff_opening_the_familys_pages_is_sent_to_the_family_sign_in(world, practitioner, verified_client):
    riley = verified_client(practitioner)

    for name, route in FAMILY_ROUTES:
        address = filled(route, world["ids"])
        response = riley.get(address)
        if name == "family_door:sign-in":
            assert response.status_code == 200
        elif name == "family_door:join":
            assert response.status_code == 404  # not a link anyone sent Riley
        else:
            assert response.status_code == 302 and response["Location"] == reverse("family_door:sign-in"), f"{name} let Riley in"
        assert not family_data_in(response.content.decode()), name


@pytest.mark.parametrize("password", ["a-long-test-password", "", "riverbend-demo-2026", "x" * 200])
def test_the_staff_sign_in_turns_away_a_family_members_address_whatever_the_password(family_member, password):
    client = Client()

    response = client.post(reverse("core:sign-in"), {"username": family_member.email, "password": password})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
