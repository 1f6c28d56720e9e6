"""Signing in at the family's door: a one-time code by e-mail, the invitation link, and the short terms.

Nobody learns from these pages whether an address has a sign-in; a code works once, for a few
tries; an invitation link works once.
"""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from goldenthread.family_door import rules, services
from goldenthread.family_door.models import SignInCode, TermsAgreed
from goldenthread.family_door.views._common import SIGNED_IN_AT_THE_DOOR

from .family_side import MARNIE_EMAIL, ask_for_code, marnie, marnie_person, signed_in_at_the_door, text_of  # noqa: F401

SAME_ANSWER = "If this address has a sign-in, we have sent a code to it."


def is_signed_in(browser) -> bool:
    return browser.get(reverse("family_door:home")).status_code == 200


def test_marnie_signs_in_with_the_code_sent_to_her(marnie):
    browser = signed_in_at_the_door(marnie)
    assert browser.session[SIGNED_IN_AT_THE_DOOR] is True
    assert "Hello Marnie" in text_of(browser.get(reverse("family_door:home")))


def test_the_address_is_kept_in_the_session_never_in_the_address_bar(marnie):
    browser = Client()
    response = ask_for_code(browser, MARNIE_EMAIL)
    assert response.status_code == 302 and response["Location"] == reverse("family_door:enter-code")
    assert "marnie" not in response["Location"]


def test_an_unknown_address_gets_the_same_answer_as_a_known_one(marnie):
    known, unknown = Client(), Client()
    for browser, address in ((known, MARNIE_EMAIL), (unknown, "nobody@family.example")):
        response = ask_for_code(browser, address)
        assert response.status_code == 302 and response["Location"] == reverse("family_door:enter-code")
    known_page, unknown_page = (text_of(browser.get(reverse("family_door:enter-code"))) for browser in (known, unknown))
    assert SAME_ANSWER in known_page and SAME_ANSWER in unknown_page
    strip = lambda page: page.replace("csrfmiddlewaretoken", "")  # noqa: E731
    assert len(strip(known_page).split()) == len(strip(unknown_page).split())
    wrong = [browser.post(reverse("family_door:enter-code"), {"code": "000000"}) for browser in (known, unknown)]
    assert [response.status_code for response in wrong] == [400, 400]
    assert "That code did not work" in text_of(wrong[0]) and "That code did not work" in text_of(wrong[1])


def test_a_staff_account_gets_no_code_at_the_familys_door(practitioner):
    ask_for_code(Client(), practitioner.email)
    assert not SignInCode.objects.exists()


def test_a_wrong_code_does_not_sign_in_and_says_so_calmly(marnie):
    browser = Client()
    ask_for_code(browser, MARNIE_EMAIL)
    response = browser.post(reverse("family_door:enter-code"), {"code": "12345x"})
    assert response.status_code == 400 and "The code is 6 numbers" in text_of(response)
    code = SignInCode.objects.get()
    wrong = "111111" if services.digest("111111") != code.code_digest else "222222"
    response = browser.post(reverse("family_door:enter-code"), {"code": wrong})
    assert response.status_code == 400
    assert "That code did not work. Check it and try again." in text_of(response)
    assert not is_signed_in(browser)


def test_a_used_code_does_not_sign_in_again(marnie):
    first = Client()
    ask_for_code(first, MARNIE_EMAIL)
    code = services.send_sign_in_code(MARNIE_EMAIL)
    assert first.post(reverse("family_door:enter-code"), {"code": code}).status_code == 302
    second = Client()
    ask_for_code(second, MARNIE_EMAIL)  # a new code is sent, and the used one still does not work
    response = second.post(reverse("family_door:enter-code"), {"code": code})
    assert response.status_code == 400
    assert not is_signed_in(second)


def test_codes_run_out_after_the_tries(marnie):
    browser = Client()
    ask_for_code(browser, MARNIE_EMAIL)
    code = services.send_sign_in_code(MARNIE_EMAIL)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(rules.door().code_tries):
        response = browser.post(reverse("family_door:enter-code"), {"code": wrong})
        assert response.status_code == 400
    assert "you have used all your tries. Ask for a new code" in text_of(response)
    response = browser.post(reverse("family_door:enter-code"), {"code": code})
    assert response.status_code == 400
    assert not is_signed_in(browser)
    assert services.check_sign_in_code(MARNIE_EMAIL, code) is None  # the code itself is spent, not only this session's tries


def test_a_new_code_works_after_the_tries_ran_out(marnie):
    browser = Client()
    ask_for_code(browser, MARNIE_EMAIL)
    for _ in range(rules.door().code_tries):
        browser.post(reverse("family_door:enter-code"), {"code": "000000"})
    signed_in_at_the_door(marnie, browser)
    assert is_signed_in(browser)


def test_the_code_page_without_an_address_sends_people_to_sign_in(client, db):
    response = client.get(reverse("family_door:enter-code"))
    assert response.status_code == 302 and response["Location"] == reverse("family_door:sign-in")


def test_a_bad_address_comes_back_with_a_message(client, db):
    response = client.post(reverse("family_door:sign-in"), {"email": "not an address"})
    assert response.status_code == 400 and "Enter an e-mail address in the right format" in text_of(response)
    response = client.post(reverse("family_door:sign-in"), {"email": ""})
    assert response.status_code == 400 and "Enter your e-mail address" in text_of(response)


def test_the_code_is_shown_on_screen_only_in_the_demo(marnie):
    browser = Client()
    ask_for_code(browser, MARNIE_EMAIL)
    page = text_of(browser.get(reverse("family_door:enter-code")))
    assert "your code is shown here" not in page
    with override_settings(GOLDENTHREAD_SHOW_SIGN_IN_CODES=True):
        demo = Client()
        ask_for_code(demo, MARNIE_EMAIL)
        assert "your code is shown here" in text_of(demo.get(reverse("family_door:enter-code")))


def test_signing_in_at_the_door_asks_for_the_new_terms_when_they_change(marnie):
    TermsAgreed.objects.filter(user=marnie).delete()
    browser = signed_in_at_the_door(marnie)
    response = browser.get(reverse("family_door:story"))
    assert response["Location"] == reverse("family_door:terms")
    page = text_of(browser.get(reverse("family_door:terms")))
    assert rules.terms().terms[0] in page and "I agree, take me to my pages" in page
    assert browser.post(reverse("family_door:terms"))["Location"] == reverse("family_door:home")
    assert TermsAgreed.objects.filter(user=marnie, version=rules.terms().version).exists()
    assert browser.get(reverse("family_door:story")).status_code == 200


def test_a_signed_in_family_member_opening_sign_in_goes_home(marnie):
    response = signed_in_at_the_door(marnie).get(reverse("family_door:sign-in"))
    assert response["Location"] == reverse("family_door:home")


# The invitation link -------------------------------------------------------------------------


@pytest.fixture
def invitation_token(marnie_person, practitioner):
    return services.invite(marnie_person, by=practitioner, email=MARNIE_EMAIL)[1]


def test_the_invitation_link_shows_the_short_terms_and_signs_marnie_in(invitation_token, marnie_person):
    browser = Client()
    page = text_of(browser.get(reverse("family_door:join", args=[invitation_token])))
    assert "Hello Marnie" in page and "I agree, take me to my pages" in page
    for line in rules.terms().terms:
        assert line in page
    response = browser.post(reverse("family_door:join", args=[invitation_token]))
    assert response["Location"] == reverse("family_door:home")
    marnie_person.refresh_from_db()
    assert marnie_person.account is not None and marnie_person.account.is_family_account
    assert not marnie_person.account.has_usable_password()
    assert is_signed_in(browser)


def test_the_invitation_link_works_once(invitation_token):
    Client().post(reverse("family_door:join", args=[invitation_token]))
    again = Client()
    for response in (again.get(reverse("family_door:join", args=[invitation_token])), again.post(reverse("family_door:join", args=[invitation_token]))):
        assert response.status_code == 404
        assert "This link does not work" in text_of(response) and "Ask your lead practitioner" in text_of(response)
    assert not is_signed_in(again)


def test_a_made_up_invitation_link_says_so_kindly(client, db):
    response = client.get(reverse("family_door:join", args=["made-up"]))
    assert response.status_code == 404
    assert "Ask your lead practitioner to send you a new invitation" in text_of(response)


def test_signing_out_ends_the_familys_session(marnie):
    browser = signed_in_at_the_door(marnie)
    browser.post(reverse("core:sign-out"))
    assert not is_signed_in(browser)
