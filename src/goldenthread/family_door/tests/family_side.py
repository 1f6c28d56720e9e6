"""What the tests of a family member's own pages share: Marnie with her own family account, and signing in as she would.

The shared `family_member` fixture is Marnie's family account too (and `family_client` signs it in);
here she is made as an invitation makes her (no password, `is_family_account`), linked to her person in
the Brightwater family, with the family's short terms agreed.
"""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from goldenthread.core.models import User
from goldenthread.families import services as family_services
from goldenthread.family_door import rules, services
from goldenthread.language import check
from goldenthread.language.readers import read_bytes

MARNIE_EMAIL = "marnie.brightwater@family.example"


def make_family_account(person, *, by, email, agree=True):
    account = User.objects.create_user(email, None, full_name=f"{person.first_name} {person.last_name}".strip(), is_family_account=True)
    family_services.give_own_sign_in(person, by=by, account=account)
    if agree:
        services.agree_to_terms(account, by=account, version=rules.terms().version)
    return account


@pytest.fixture
def marnie_person(family):
    return family.people.get(first_name="Marnie")


@pytest.fixture
def marnie(marnie_person, practitioner):
    """Marnie Brightwater's own family account (fictional), as her invitation makes it, terms agreed."""
    return make_family_account(marnie_person, by=practitioner, email=MARNIE_EMAIL)


def ask_for_code(client, email):
    return client.post(reverse("family_door:sign-in"), {"email": email})


def signed_in_at_the_door(user, client=None):
    """A client signed in through the real code flow: ask for a code, read it from the service, type it."""
    client = client or Client()
    ask_for_code(client, user.email)
    code = services.send_sign_in_code(user.email)  # the newest code is the one that works
    assert code, "no code was sent"
    response = client.post(reverse("family_door:enter-code"), {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("family_door:home"), response
    return client


def text_of(response) -> str:
    return unescape(response.content.decode())


def own_words_faults(response) -> list:
    text = read_bytes(response.content, ".html")
    return [(f.text, f.rule) for f in check(text) if f.is_fault]
