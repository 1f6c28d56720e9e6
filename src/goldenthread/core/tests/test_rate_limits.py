"""Rate limits: each trips at its rate and starts again after its period, answers 429 calmly with
Retry-After, never tells anyone which accounts exist, and never pauses a colleague elsewhere.

The test settings turn rate limits off for the rest of the suite; here they are on, with a
cleared cache for each test and small rates, so each test reads in a few requests.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from goldenthread.core import ratelimits
from goldenthread.core.language import findings_for
from goldenthread.core.models import User
from goldenthread.family_door.tests.family_side import MARNIE_EMAIL, marnie, marnie_person  # noqa: F401 (fixtures)
from goldenthread.language.readers import read_bytes

from .tokens import bearer
from .two_step import authenticator_of, fresh_code_for

PASSWORD = "a-long-test-password"
HERE = "192.0.2.10"
COLLEAGUE_ELSEWHERE = "198.51.100.20"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    settings.GOLDENTHREAD_RATE_LIMITS = {}
    cache = caches[settings.RATELIMIT_USE_CACHE]
    cache.clear()
    yield settings
    cache.clear()


def rates(settings, **limits):
    settings.GOLDENTHREAD_RATE_LIMITS = limits


class Clock:
    """django-ratelimit's clock, moved on by hand: counts are kept per window, so a later window starts at zero."""

    def __init__(self):
        import time

        self.now = time.time()

    def time(self):
        return self.now

    def later(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("django_ratelimit.core.time", clock)
    return clock


def sign_in(client, username, password=PASSWORD, address=HERE):
    return client.post(reverse("core:sign-in"), {"username": username, "password": password}, REMOTE_ADDR=address)


def ask_for_a_reset(client, email, address=HERE):
    return client.post(reverse("core:password-reset"), {"email": email}, REMOTE_ADDR=address)


def retry_after(response) -> int:
    seconds = int(response["Retry-After"])
    assert seconds >= 1
    return seconds


def without_the_form_key(response) -> str:
    """The page as a person reads it: what changes with every page (the form key, the script nonce) and the seconds left taken out."""
    page = re.sub(r'"X-CSRFToken": "[^"]*"|nonce="[^"]*"', "", response.content.decode())
    return re.sub(r"\d+ seconds?|a minute|\d+ minutes|an hour", "<wait>", page)


# The limits themselves -------------------------------------------------------------------------


def test_the_limits_have_sensible_defaults_and_each_can_be_changed_by_setting(settings):
    assert {limit.name: limit.rate for limit in ratelimits.LIMITS} == {
        "sign_in_per_client": "120/m",
        "sign_in_per_account": "10/m",
        "two_step_per_account": "10/m",
        "password_reset_per_client": "5/m",
        "password_reset_per_address": "3/h",
        "language_feedback_per_person": "120/m",
        "api_per_person": "300/m",
        "api_per_client": "60/m",
        "family_code_per_client": "20/m",
        "family_code_per_address": "5/h",
        "family_code_tries_per_client": "30/m",
    }

    rates(settings, sign_in_per_client="40/m")

    assert ratelimits.SIGN_IN_PER_CLIENT.rate == "40/m"
    assert ratelimits.SIGN_IN_PER_ACCOUNT.rate == "10/m"


def test_a_rate_that_names_no_limit_or_cannot_be_read_is_a_configuration_error(settings):
    rates(settings, sign_in_per_client="lots", sign_in_per_person="20/m")

    errors = {error.id for error in ratelimits.rate_limits_are_well_formed(None)}

    assert errors == {"core.E101", "core.E102"}


def test_the_waiting_time_is_said_as_a_person_says_it():
    assert ratelimits.wait_in_words(1) == "1 second"
    assert ratelimits.wait_in_words(42) == "42 seconds"
    assert ratelimits.wait_in_words(60) == "a minute"
    assert ratelimits.wait_in_words(61) == "2 minutes"
    assert ratelimits.wait_in_words(3600) == "an hour"


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw_never_one_the_client_wrote(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")

    assert ratelimits.client_ip(request) == "10.0.0.1"
    settings.GOLDENTHREAD_TRUSTED_PROXIES = 1
    assert ratelimits.client_ip(request) == "203.0.113.5"
    settings.GOLDENTHREAD_TRUSTED_PROXIES = 2
    assert ratelimits.client_ip(request) == "6.6.6.6"
    nonsense = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert ratelimits.client_ip(nonsense) == "10.0.0.1"


# Signing in --------------------------------------------------------------------------------------


def test_sign_in_from_one_address_is_paused_after_its_rate_and_starts_again_a_minute_later(client, settings, clock, practitioner):
    rates(settings, sign_in_per_client="3/m")
    for number in range(3):
        assert sign_in(client, f"someone-{number}@childrens.example", "not-the-password").status_code == 400

    paused = sign_in(client, practitioner.email)

    assert paused.status_code == 429
    assert retry_after(paused) <= 60
    assert not client.get(reverse("core:home")).context["user"].is_authenticated

    clock.later(61)

    assert sign_in(client, practitioner.email).status_code == 302


def test_a_paused_sign_in_shows_the_calm_page_with_how_long_to_wait(client, settings, practitioner):
    rates(settings, sign_in_per_client="1/m")
    sign_in(client, practitioner.email, "not-the-password")

    paused = sign_in(client, practitioner.email)
    page = paused.content.decode()

    assert paused.status_code == 429
    assert "Wait a moment, then try again" in page
    assert ratelimits.SIGN_IN_PER_CLIENT.message in page
    assert "You can try again in " in page
    assert "If it keeps happening, tell your partnership's admin" in page
    assert 'class="govuk-heading-xl"' in page  # the site's own layout, not a bare error
    assert "no-store" in paused["Cache-Control"]


def test_a_paused_sign_in_checks_no_password_and_does_not_count_towards_the_lockout(client, settings, practitioner):
    rates(settings, sign_in_per_account="2/m")
    sign_in(client, practitioner.email, "not-the-password")
    sign_in(client, practitioner.email, "not-the-password", address=COLLEAGUE_ELSEWHERE)
    failures = sum(AccessAttempt.objects.values_list("failures_since_start", flat=True))

    for _ in range(5):
        assert sign_in(client, practitioner.email, "not-the-password").status_code == 429
    even_with_the_right_password = sign_in(client, practitioner.email)

    assert failures == 2
    assert sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == failures
    assert even_with_the_right_password.status_code == 429
    assert "Sign-in is paused for this account" not in even_with_the_right_password.content.decode()
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_sign_in_per_account_counts_the_address_however_it_is_typed(client, settings, practitioner):
    rates(settings, sign_in_per_account="2/m")
    sign_in(client, "Riley.Shah@childrens.example", "not-the-password", address="192.0.2.1")
    sign_in(client, "  riley.shah@CHILDRENS.example ", "not-the-password", address="192.0.2.2")

    assert sign_in(client, "riley.shah@childrens.example", address="192.0.2.3").status_code == 429


def test_a_paused_sign_in_looks_the_same_whether_or_not_there_is_an_account(client, settings, practitioner):
    rates(settings, sign_in_per_account="2/m")
    answers = {}
    for email in (practitioner.email, "nobody@childrens.example"):
        statuses = [sign_in(client, email, "not-the-password").status_code for _ in range(2)]
        paused = sign_in(client, email, "not-the-password")
        answers[email] = (statuses, paused.status_code, without_the_form_key(paused))

    assert answers[practitioner.email] == answers["nobody@childrens.example"]
    assert answers[practitioner.email][1] == 429


def test_a_colleague_at_another_address_can_still_sign_in(client, settings, practitioner, champion):
    rates(settings, sign_in_per_client="2/m")
    for _ in range(3):
        sign_in(client, practitioner.email, "not-the-password")

    assert sign_in(client, champion.email, address=HERE).status_code == 429
    assert sign_in(client, champion.email, address=COLLEAGUE_ELSEWHERE).status_code == 302


def test_opening_the_sign_in_page_is_never_counted(client, settings):
    rates(settings, sign_in_per_client="1/m")

    for _ in range(5):
        assert client.get(reverse("core:sign-in"), REMOTE_ADDR=HERE).status_code == 200


# The two-step code ---------------------------------------------------------------------------------


def test_two_step_codes_are_paused_after_their_rate_and_start_again_later(client, settings, clock, practitioner):
    rates(settings, two_step_per_account="3/m")
    device = authenticator_of(practitioner)
    client.force_login(practitioner, backend=MODEL_BACKEND)
    verify = reverse("core:two-step-verify")
    for _ in range(3):
        assert client.post(verify, {"code": "000000"}).status_code == 400

    paused = client.post(verify, {"code": fresh_code_for(device)})

    assert paused.status_code == 429
    assert ratelimits.TWO_STEP_PER_ACCOUNT.message in paused.content.decode()
    assert retry_after(paused) <= 60

    clock.later(61)

    assert client.post(verify, {"code": fresh_code_for(device)}).status_code == 302


def test_one_persons_paused_two_step_does_not_pause_a_colleague_at_the_same_address(client, settings, practitioner, champion):
    rates(settings, two_step_per_account="1/m")
    client.force_login(practitioner, backend=MODEL_BACKEND)
    for _ in range(2):
        client.post(reverse("core:two-step-verify"), {"code": "000000"})
    colleague = type(client)()
    colleague.force_login(champion, backend=MODEL_BACKEND)

    answer = colleague.post(reverse("core:two-step-verify"), {"code": fresh_code_for(authenticator_of(champion))})

    assert answer.status_code == 302


# Choosing a new password ---------------------------------------------------------------------------


def test_reset_requests_from_one_address_are_paused_after_five_a_minute(client, db):
    for number in range(5):
        assert ask_for_a_reset(client, f"someone-{number}@childrens.example").status_code == 302

    paused = ask_for_a_reset(client, "someone-else@childrens.example")

    assert paused.status_code == 429
    assert ratelimits.RESET_PER_CLIENT.message in paused.content.decode()
    assert ask_for_a_reset(client, "someone-else@childrens.example", address=COLLEAGUE_ELSEWHERE).status_code == 302


def test_reset_requests_for_one_address_are_paused_after_three_an_hour_and_send_nothing_more(client, clock, practitioner):
    for number in range(3):
        assert ask_for_a_reset(client, practitioner.email, address=f"192.0.2.{number + 1}").status_code == 302
    sent = len(mail.outbox)

    paused = ask_for_a_reset(client, practitioner.email.upper(), address="192.0.2.9")

    assert sent == 3
    assert paused.status_code == 429
    assert retry_after(paused) <= 3600
    assert len(mail.outbox) == sent

    clock.later(3601)

    assert ask_for_a_reset(client, practitioner.email, address="192.0.2.9").status_code == 302
    assert len(mail.outbox) == sent + 1


def test_a_paused_reset_request_does_not_say_whether_there_is_an_account(client, practitioner):
    answers = {}
    for number, email in enumerate((practitioner.email, "nobody@childrens.example")):
        statuses = [ask_for_a_reset(client, email, address=f"192.0.{number}.{attempt}").status_code for attempt in range(3)]
        paused = ask_for_a_reset(client, email, address=f"192.0.{number}.9")
        answers[email] = (statuses, paused.status_code, without_the_form_key(paused))

    assert answers[practitioner.email] == answers["nobody@childrens.example"]
    assert answers[practitioner.email][:2] == ([302, 302, 302], 429)


# The live language advice --------------------------------------------------------------------------


def ask_for_advice(client, text="The family did not engage.", address=HERE):
    return client.post(reverse("core:language-feedback"), {"field": "note", "note": text}, REMOTE_ADDR=address)


def test_live_language_advice_pauses_with_a_short_note_and_starts_again_by_itself(client, settings, clock, practitioner, champion):
    rates(settings, language_feedback_per_person="3/m")
    client.force_login(practitioner, backend=MODEL_BACKEND)
    for _ in range(3):
        assert ask_for_advice(client).status_code == 200

    paused = ask_for_advice(client)

    assert paused.status_code == 429
    assert retry_after(paused) <= 60
    assert ratelimits.LANGUAGE_FEEDBACK_PER_PERSON.message in paused.content.decode()
    assert "<html" not in paused.content.decode()  # a fragment, swapped in where the advice goes
    colleague = type(client)()
    colleague.force_login(champion, backend=MODEL_BACKEND)
    assert ask_for_advice(colleague).status_code == 200

    clock.later(61)

    assert ask_for_advice(client).status_code == 200


def test_the_pages_let_htmx_show_the_paused_note(client, practitioner):
    client.force_login(practitioner, backend=MODEL_BACKEND)

    page = client.get(reverse("core:home")).content.decode()

    assert '{"code": "429", "swap": true}' in page


# The API ---------------------------------------------------------------------------------------------


def test_the_api_pauses_a_person_after_their_rate_with_json_and_retry_after(client, settings, clock, practitioner, champion):
    rates(settings, api_per_person="3/m")
    token = bearer(practitioner)
    for _ in range(2):
        assert client.get("/api/v1/me", **token).status_code == 200
    another_token_of_the_same_person = bearer(practitioner, name="Second programme")
    assert client.get("/api/v1/me", **another_token_of_the_same_person).status_code == 200

    paused = client.get("/api/v1/me", **token)

    assert paused.status_code == 429
    assert paused["Content-Type"].startswith("application/json")
    assert set(paused.json()) == {"detail"}
    assert paused.json()["detail"].startswith(ratelimits.API_PER_PERSON.message)
    assert "Retry-After" in paused.json()["detail"]
    assert retry_after(paused) <= 60
    assert client.get("/api/v1/me", **bearer(champion)).status_code == 200

    clock.later(61)

    assert client.get("/api/v1/me", **token).status_code == 200


def test_the_api_without_a_token_is_limited_per_address(client, settings, db):
    rates(settings, api_per_client="2/m")
    for _ in range(2):
        assert client.get("/api/v1/pledges", REMOTE_ADDR=HERE).status_code == 200

    paused = client.get("/api/v1/pledges", REMOTE_ADDR=HERE)

    assert paused.status_code == 429
    assert paused.json()["detail"].startswith(ratelimits.API_PER_CLIENT.message)
    retry_after(paused)
    assert client.get("/api/v1/pledges", REMOTE_ADDR=COLLEAGUE_ELSEWHERE).status_code == 200


def test_guessing_tokens_counts_against_the_address_and_is_paused_too(client, settings, db):
    rates(settings, api_per_client="2/m")
    made_up = {"HTTP_AUTHORIZATION": "Bearer not-a-real-token", "REMOTE_ADDR": HERE}
    assert client.get("/api/v1/me", **made_up).status_code == 401
    assert client.get("/api/v1/me", REMOTE_ADDR=HERE).status_code == 401

    paused = client.get("/api/v1/me", **made_up)

    assert paused.status_code == 429
    assert set(paused.json()) == {"detail"}
    retry_after(paused)


def test_the_schema_documents_429_with_retry_after_on_every_operation(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answer = operation["responses"].get("429")
            assert answer, f"{method.upper()} {path}"
            assert answer["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
            assert "Retry-After" in answer["headers"]


# The words ------------------------------------------------------------------------------------------


def test_every_rate_limit_message_and_the_calm_pages_pass_the_shared_language_check(client, settings, practitioner):
    rates(settings, sign_in_per_client="1/m", language_feedback_per_person="1/m")
    sign_in(client, "someone@childrens.example", "not-the-password")
    page = read_bytes(sign_in(client, "someone@childrens.example").content, ".html")
    client.force_login(practitioner, backend=MODEL_BACKEND)
    ask_for_advice(client)
    note = read_bytes(ask_for_advice(client).content, ".html")
    limited = ratelimits.Limited(ratelimits.API_PER_PERSON, 42)
    texts = [limit.message for limit in ratelimits.LIMITS] + [page, note, ratelimits.api_detail(limited)]

    problems = [(text, finding.text) for text in texts for finding in findings_for(text)]

    assert not problems


def test_rate_limits_never_answer_with_a_server_error_when_the_address_is_missing(client, settings, db):
    rates(settings, sign_in_per_client="1/m")

    for _ in range(2):
        assert sign_in(client, "someone@childrens.example", "not-the-password", address="").status_code in (400, 429)


def test_with_rate_limits_off_nothing_is_counted(client, settings, db):
    settings.RATELIMIT_ENABLE = False
    rates(settings, sign_in_per_client="1/m")

    for _ in range(3):
        assert sign_in(client, "someone@childrens.example", "not-the-password").status_code == 400
    assert User.objects.count() == 0


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001 (no Redis here: the test is skipped)
        return False


REDIS = "redis://127.0.0.1:6379/15"


@pytest.mark.skipif(not _redis_answers(REDIS), reason="No Redis server answers at 127.0.0.1:6379 (CI has one).")
def test_with_a_shared_redis_cache_the_sign_in_limit_is_counted_in_redis_for_every_app_server(settings, practitioner):
    """The count lives in Redis, not in one process's memory, so every app server and worker that names it adds to one count."""
    from django.core.cache.backends.redis import RedisCache
    from django.test import Client

    settings.CACHES = {**settings.CACHES, "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    settings.RATELIMIT_USE_CACHE = "shared"
    caches["shared"].clear()
    rates(settings, sign_in_per_client="2/m")
    first_server, second_server = Client(), Client()
    try:
        assert isinstance(caches["shared"], RedisCache)
        assert not any(key for key in caches["shared"]._cache.get_client().keys("*"))
        assert sign_in(first_server, "someone@childrens.example", "not-the-password").status_code == 400
        assert sign_in(second_server, "someone-else@childrens.example", "not-the-password").status_code == 400

        assert sign_in(first_server, practitioner.email).status_code == 429
        assert sign_in(second_server, practitioner.email).status_code == 429
        assert caches["shared"]._cache.get_client().keys("*"), "the count is kept in Redis"
    finally:
        caches["shared"].clear()
