# ruff: noqa: F811 (pytest fixtures are imported by name and used as parameters)
"""The supervision forms: times typed the way people write them, and odd input that never breaks a page."""

import datetime

import pytest
from django.urls import reverse

from goldenthread.core.forms import TimeField
from goldenthread.supervision.models import AgreedAction, Session

from .pages_support import everyone_acknowledged, page, signed_in, situation  # noqa: F401

ODD_VALUES = ["", " ", "x" * 100_000, "<script>alert(1)</script>", "'; DROP TABLE supervision_session; --", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✨ مرحبا", "\x00\x01", "-1", "9" * 40]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("14:30", datetime.time(14, 30)),
        ("2:30pm", datetime.time(14, 30)),
        ("9am", datetime.time(9, 0)),
        ("12am", datetime.time(0, 0)),
        ("9.15", datetime.time(9, 15)),
    ],
)
def test_a_time_is_understood_the_way_people_write_it(typed, expected):
    assert TimeField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "13pm", "noon", "9:7", "x" * 50])
def test_a_time_that_is_not_real_is_refused_with_an_example(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="for example 14:30"):
        TimeField().clean(typed)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_input_to_the_request_form_never_breaks_the_page(practitioner, value):
    data = {
        name: value
        for name in (
            "kind",
            "family",
            "situation_reference",
            "purpose",
            "proposed_time",
            "format",
            "location",
            "invite_from",
            "invitees",
            "proposed_date_0",
            "proposed_date_1",
            "proposed_date_2",
        )
    }
    response = signed_in(practitioner).post(reverse("supervision:request"), data)
    assert response.status_code == 400
    assert not Session.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_input_to_the_record_and_action_forms_never_breaks_the_page(everyone_acknowledged, champion, other_agency_practitioner, value):
    client = signed_in(champion)
    record = {name: value for name in ("version", "meaning_for_child", "impact", "held_on_0", "held_on_1", "held_on_2", "themes")}
    assert client.post(page("session", everyone_acknowledged), record).status_code in (400, 409)
    action = {name: value for name in ("description", "owner", "due_on_0", "due_on_1", "due_on_2", "changes_childs_plan")}
    assert client.post(page("add-action", everyone_acknowledged), action).status_code == 400
    assert not AgreedAction.objects.exists()


@pytest.mark.django_db
def test_the_page_and_the_service_refuse_a_too_long_reason_in_the_same_words(situation, practitioner):
    from html import unescape

    from django.core.exceptions import ValidationError

    from goldenthread.supervision import services

    reason = "r" * 501
    with pytest.raises(ValidationError) as refused:
        services.cancel_session(situation, by=practitioner, reason=reason)
    (message,) = refused.value.message_dict["reason"]
    response = signed_in(practitioner).post(page("cancel", situation), {"reason": reason})
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    situation.refresh_from_db()
    assert situation.status == Session.Status.SCHEDULED
