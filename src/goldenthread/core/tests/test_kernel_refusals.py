"""One way to refuse, shown alike on a page and in the API; and an edit that lost to someone else's save."""

import json
from functools import partial
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from ninja import NinjaAPI
from ninja.testing import TestClient

from goldenthread.core.refusals import (
    DEFAULT_REFUSAL,
    EditConflict,
    Refused,
    api_refusal_handler,
    check_version,
    render_refusal,
)

ASK_THE_LEAD = "Only the family's lead practitioner can close the record. Ask Riley Shah if it needs closing."


def page_request(user):
    request = RequestFactory().get("/families/")
    request.user = user
    return request


def test_a_refusal_is_a_permission_denied_so_every_existing_handler_still_catches_it():
    refused = Refused(ASK_THE_LEAD)

    assert isinstance(refused, PermissionDenied)
    assert refused.message == ASK_THE_LEAD
    assert str(refused) == ASK_THE_LEAD


def test_a_refusal_without_a_message_says_who_to_ask():
    assert Refused().message == DEFAULT_REFUSAL
    assert "ask your organisation lead or your partnership's admin" in DEFAULT_REFUSAL


def test_a_refused_page_answers_403_and_says_why_and_who_to_ask(practitioner):
    response = render_refusal(page_request(practitioner), Refused(ASK_THE_LEAD))

    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do this" in page
    assert "Ask Riley Shah if it needs closing." in page
    assert "Go to the home page" in page


def test_a_plain_permission_denied_shown_as_a_refusal_gets_the_calm_default(practitioner):
    response = render_refusal(page_request(practitioner), PermissionDenied())

    assert response.status_code == 403
    assert "ask your organisation lead or your partnership" in response.content.decode()


def test_the_api_answers_a_refusal_with_403_and_the_same_message(practitioner):
    api = SimpleNamespace(create_response=lambda request, data, status: SimpleNamespace(status_code=status, data=data))

    response = api_refusal_handler(page_request(practitioner), Refused(ASK_THE_LEAD), api=api)

    assert response.status_code == 403
    assert response.data == {"detail": ASK_THE_LEAD}


def test_an_api_with_the_handler_registered_answers_a_refusal_as_json(db):
    api = NinjaAPI(urls_namespace="kernel-refusal-test")
    api.add_exception_handler(Refused, partial(api_refusal_handler, api=api))

    @api.get("/record")
    def record(request):
        raise Refused(ASK_THE_LEAD)

    response = TestClient(api).get("/record")

    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": ASK_THE_LEAD}


def saved_story(version):
    return SimpleNamespace(version=version, story="We moved in spring.", who_was_there="Mum")


def test_an_edit_of_the_version_the_person_read_goes_ahead():
    assert check_version(saved_story(3), 3, fields=("story",)) is None


@pytest.mark.parametrize("read", [2, None])
def test_an_edit_of_an_older_version_carries_what_is_saved_now_and_what_was_typed(read):
    with pytest.raises(EditConflict) as conflict:
        check_version(saved_story(3), read, fields=("story", "who_was_there"), typed={"story": "We moved in summer."})

    assert conflict.value.current_version == 3
    assert conflict.value.saved == {"story": "We moved in spring.", "who_was_there": "Mum"}
    assert conflict.value.current == conflict.value.saved
    assert conflict.value.typed == {"story": "We moved in summer."}
    assert str(conflict.value) == "Someone else changed this while you were editing it."


def test_an_edit_conflict_can_be_raised_as_the_apps_raise_it_today():
    conflict = EditConflict(saved_story(4), ["story"])

    assert conflict.obj.version == 4
    assert conflict.current == {"story": "We moved in spring."}
    assert conflict.typed == {}
