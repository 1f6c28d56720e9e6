"""Rate limits at the family's door: asking for sign-in codes (per address and per e-mail address) and trying them, with the same answer whether or not an account exists.

The limits themselves, their defaults and the calm page: core/tests/test_rate_limits.py, whose
fixtures (limits on, a clean cache) and helpers these tests share.
"""

from django.core import mail
from django.urls import reverse

from goldenthread.core.tests.test_rate_limits import COLLEAGUE_ELSEWHERE, HERE, clock, limits_on, rates, retry_after, without_the_form_key  # noqa: F401 (limits_on: autouse; clock: a fixture)

from .family_side import MARNIE_EMAIL, marnie, marnie_person  # noqa: F401 (fixtures)


def test_sign_in_codes_for_one_family_address_are_paused_after_five_an_hour_and_nothing_more_is_sent(client, marnie, clock):
    for _ in range(5):
        assert client.post(reverse("family_door:sign-in"), {"email": MARNIE_EMAIL.upper()}, REMOTE_ADDR=HERE).status_code == 302
    sent = len(mail.outbox)

    paused = client.post(reverse("family_door:sign-in"), {"email": MARNIE_EMAIL}, REMOTE_ADDR=COLLEAGUE_ELSEWHERE)

    # django-ratelimit's hour starts at a point of its own for each address, so the wait left is anything up to an hour
    assert paused.status_code == 429 and retry_after(paused) <= 60 * 60
    assert "The newest code already sent still works" in paused.content.decode()
    assert len(mail.outbox) == sent

    clock.later(60 * 60)
    assert client.post(reverse("family_door:sign-in"), {"email": MARNIE_EMAIL}, REMOTE_ADDR=COLLEAGUE_ELSEWHERE).status_code == 302


def test_a_paused_code_request_looks_the_same_whether_or_not_the_family_address_has_an_account(client, settings, marnie):
    rates(settings, family_code_per_address="1/h")
    pages = []
    for address in (MARNIE_EMAIL, "nobody.here@family.example"):
        client.post(reverse("family_door:sign-in"), {"email": address}, REMOTE_ADDR=HERE)
        pages.append(client.post(reverse("family_door:sign-in"), {"email": address}, REMOTE_ADDR=HERE))

    assert [page.status_code for page in pages] == [429, 429]
    assert without_the_form_key(pages[0]) == without_the_form_key(pages[1])


def test_tries_at_family_sign_in_codes_from_one_address_are_paused_and_no_code_is_tried(client, settings, marnie, monkeypatch):
    rates(settings, family_code_tries_per_client="2/m")
    client.post(reverse("family_door:sign-in"), {"email": MARNIE_EMAIL}, REMOTE_ADDR=HERE)
    tried = []
    monkeypatch.setattr("goldenthread.family_door.services.check_sign_in_code", lambda address, code: tried.append(code))
    for code in ("111111", "222222"):
        assert client.post(reverse("family_door:enter-code"), {"code": code}, REMOTE_ADDR=HERE).status_code == 400

    paused = client.post(reverse("family_door:enter-code"), {"code": "333333"}, REMOTE_ADDR=HERE)

    assert paused.status_code == 429
    assert tried == ["111111", "222222"]
