"""The pages everyone meets: the front page, home, error pages and the brand colours."""

import pytest
from django.urls import reverse

from goldenthread.core.identity import partnership_identity


def test_the_front_page_shows_the_partnerships_own_commitments(client, db):
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    commitments = partnership_identity().commitments
    assert commitments, "the partnership file lists its commitments"
    for commitment in commitments:
        assert commitment.title in page
    assert "Sign in" in page


def test_the_front_page_says_the_partnership_is_fictional(client, db):
    page = client.get("/").content.decode()

    assert "fictional" in page


@pytest.mark.parametrize(
    "person, card",
    [
        ("partnership_lead", "Organisations and people"),
        ("partnership_lead", "Audit log"),
        ("organisation_lead", "Your people at Riverbend Children&#x27;s Services"),
        ("champion", "You are a champion at Riverbend Children&#x27;s Services"),
        ("practitioner", "Your place in Riverbend Children&#x27;s Services"),
        ("trainer", "You are a trainer at Riverbend Children&#x27;s Services"),
        ("other_agency_practitioner", "Your place in Riverbend Community Health"),
    ],
)
def test_the_home_page_shows_each_person_what_their_role_lets_them_do(client, request, person, card):
    user = request.getfixturevalue(person)
    client.force_login(user)

    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Hello, {user.get_short_name()}" in page
    assert card in page
    assert "Your API tokens" in page


def test_only_the_partnership_lead_is_offered_the_audit_log_at_home(client, practitioner):
    client.force_login(practitioner)

    page = client.get("/").content.decode()

    assert "Read the audit log" not in page


def test_the_menu_follows_the_persons_role(client, partnership_lead, practitioner, childrens_services):
    client.force_login(practitioner)
    practitioner_page = client.get("/").content.decode()
    client.force_login(partnership_lead)
    lead_page = client.get("/").content.decode()

    assert reverse("partnership:organisation", args=[childrens_services.slug]) in practitioner_page
    assert reverse("core:audit-log") not in practitioner_page
    assert reverse("partnership:organisations") in lead_page
    assert reverse("core:audit-log") in lead_page


def test_an_unknown_address_gets_a_friendly_page_not_found(client, db):
    response = client.get("/no-such-page-here/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert "check it is right" in page
    assert 'href="/"' in page


def test_a_refusal_says_who_to_ask(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("core:audit-log"))

    assert response.status_code == 403
    assert "ask your organisation lead or your partnership" in response.content.decode()


def test_the_brand_colours_are_served_as_css(client, db):
    response = client.get(reverse("core:brand-css"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert f"--gt-brand: {partnership_identity().brand_colour};" in response.content.decode()
    assert "max-age=300" in response["Cache-Control"]


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("url", ["core:privacy", "core:accessibility", "core:sign-in", "core:password-reset", "core:signed-out"])
def test_public_pages_open_for_everyone(client, db, url):
    assert client.get(reverse(url)).status_code == 200
