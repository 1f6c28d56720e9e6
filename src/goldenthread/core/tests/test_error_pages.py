"""Every error a person can meet is a calm page in the product's voice that says what to do next.

400, 403, 404, 405, 500, a form that timed out (CSRF) and a paused sign-in: each is a page in
the site's layout (or, for 500, a page that needs no database), never a developer's screen
and never an empty body. Under /api/ the same errors answer JSON.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path, reverse

from goldenthread.core.views import server_error


def boom(request):
    raise RuntimeError("a fault in the code, never shown to anyone")


def refuse(request):
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("refuse/", refuse), path("", include("goldenthread.urls"))]
handler403 = "goldenthread.core.views.permission_denied"
handler500 = "goldenthread.core.views.server_error"
HERE = __name__


def text(response):
    return response.content.decode()


def assert_calm_page(response, status, heading):
    page = text(response)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en"' in page
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page
    assert 'href="/"' in page, "every error page offers a way home"
    for technical in ("Traceback", "URLconf", "urlpatterns", "DEBUG = True", "CSRF verification failed", "Forbidden (403)"):
        assert technical not in page
    return page


def test_a_mistyped_address_is_a_page_not_found_that_says_what_to_check(db, client):
    page = assert_calm_page(client.get("/no-such-page/"), 404, "Page not found")

    assert "If you typed the web address, check it is right." in page
    assert 'class="govuk-footer' in page, "the page is in the site's own layout"


def test_a_request_for_a_host_we_do_not_serve_is_a_calm_400(db):
    page = assert_calm_page(Client(HTTP_HOST="attacker.example").get("/"), 400, "Something in the request was not right")

    assert "Go back and try again." in page


def test_a_page_outside_a_persons_role_says_who_to_ask(client, practitioner):
    client.force_login(practitioner)

    page = assert_calm_page(client.get(reverse("core:audit-log")), 403, "You cannot see this page")

    assert "If you think it should, ask your organisation lead" in page


@override_settings(ROOT_URLCONF=HERE)
def test_a_refusal_anywhere_uses_the_same_page(db, client):
    page = assert_calm_page(client.get("/refuse/"), 403, "You cannot see this page")

    assert "ask your organisation lead" in page


def test_a_wrong_kind_of_request_is_a_page_not_an_empty_405(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("core:sign-out"))

    page = assert_calm_page(response, 405, "This page cannot be used in that way")
    assert "Nothing has been changed" in page
    assert response["Allow"] == "POST"
    assert client.get(reverse("core:home")).wsgi_request.user == practitioner, "still signed in"


def test_a_wrong_kind_of_request_to_the_api_answers_json(db, client):
    response = client.delete("/api/v1/organisations")

    assert response.status_code == 405
    assert "GET" in response.json()["detail"]


@override_settings(ROOT_URLCONF=HERE, DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_a_fault_in_the_code_is_a_calm_500_that_says_nothing_saved_was_lost(db):
    response = Client(raise_request_exception=False).get("/boom/")

    page = assert_calm_page(response, 500, "Sorry, there is a problem with the service")
    assert "Nothing you had already saved has been lost" in page
    assert "Try again in a few minutes" in page
    assert "a fault in the code" not in page


def test_the_500_page_needs_no_database_and_falls_back_to_plain_words(rf, monkeypatch):
    assert "Nothing you had already saved has been lost" in text(server_error(rf.get("/")))

    def broken(*args, **kwargs):
        raise RuntimeError("the template could not be read")

    monkeypatch.setattr("goldenthread.core.views.loader.render_to_string", broken)
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Try again in a few minutes" in text(response)


def test_a_form_that_timed_out_says_how_to_send_it_again(db):
    response = Client(enforce_csrf_checks=True).post(reverse("core:sign-in"), {"username": "a@b.example", "password": "x"})

    page = assert_calm_page(response, 403, "Your form timed out")
    assert "reload the page, and send the form again" in page


def test_a_paused_sign_in_says_when_to_try_again_and_how_to_choose_a_new_password(client, practitioner):
    for _ in range(5):
        client.post(reverse("core:sign-in"), {"username": practitioner.email, "password": "not-the-password"})

    response = client.post(reverse("core:sign-in"), {"username": practitioner.email, "password": "not-the-password"})

    page = text(response)
    assert response.status_code == 429
    assert '<html lang="en"' in page
    assert "Sign-in is paused for this account" in page
    assert "15 minutes" in page
    assert reverse("core:password-reset") in page


@pytest.mark.parametrize("address", ["/no-such-page/", "/continuum/no-such-page/", "/families/not-a-uuid/"])
def test_no_mistyped_address_lists_the_sites_addresses(db, client, address):
    page = text(client.get(address))

    assert "Page not found" in page
    assert "django-admin" not in page
