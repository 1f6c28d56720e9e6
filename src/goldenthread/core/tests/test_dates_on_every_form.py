"""A month may be typed as "3", "March" or "mar" on every form with a date, and every date
error says what to type and marks only the box that needs changing.

The forms people met this on: the pledge's and the continuum's action plans, the family's
chronology, and signing a pledge. Each goes through `core.forms.DateField`.
"""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from goldenthread.continuum import services as continuum_services
from goldenthread.continuum.frameworks import current_framework
from goldenthread.continuum.models import ContinuumAction
from goldenthread.families.models import ChronologyEntry
from goldenthread.families.tests.test_pages_support import signed_in as signed_in_with_two_steps
from goldenthread.pledges import services as pledge_services
from goldenthread.pledges.models import Pledge, PledgeAction, PledgeText, Strand

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
MONTHS = ["3", "March", "mar"]
TODAY = timezone.localdate()
# The latest 27 March on or before today (a date that may be in the past), and one next year.
PAST_MARCH = datetime.date(TODAY.year if datetime.date(TODAY.year, 3, 27) <= TODAY else TODAY.year - 1, 3, 27)
NEXT_MARCH = datetime.date(TODAY.year + 1, 3, 27)
SAYS_WHAT_TO_TYPE = re.compile(r"for example|a number|a word|has \d+ days|from 1900 to 2200|today or in the past")


def typed(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": month, f"{name}_2": str(year)}


def page_text(response):
    return unescape(response.content.decode())


def boxes_marked(page, name):
    """Which of the three boxes of a date the page marks as wrong."""
    return [
        part
        for index, part in enumerate(("day", "month", "year"))
        if re.search(rf'class="[^"]*govuk-input--error[^"]*"[^>]*id="id_{name}_{index}"|id="id_{name}_{index}"[^>]*class="[^"]*govuk-input--error', page)
    ]


@pytest.fixture
def lead(client, organisation_lead):
    client.force_login(organisation_lead, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def signed_pledge(childrens_services, organisation_lead):
    text = PledgeText.current()
    return pledge_services.sign_pledge(
        childrens_services,
        by=organisation_lead,
        commitments=[text.commitments.filter(strand=value).first() for value in Strand.values],
        vision="Families feel safe and heard.",
        how_we_will_do_it="Training and kinder letters.",
        priorities="Train every team.",
        signatory_name="Morgan Ellis",
        signatory_role="Chief executive",
        signed_on=TODAY,
    )


@pytest.fixture
def safety(childrens_services, organisation_lead):
    spring = continuum_services.start_assessment(childrens_services, by=organisation_lead, framework=current_framework("general"), title="Spring round")
    return spring.framework.domains.order_by("order").first()


def pledge_step(**date):
    return {"strand": Strand.RESPOND, "description": "Kinder letters", "owner": "Letters group", "status": "not-started", **date}


def continuum_step(safety, **date):
    return {"domain": str(safety.pk), "description": "Quiet room in every office", "owner": "Estates", "status": "not-started", **date}


def chronology(**date):
    return {"what_happened": "A hospital visit", "meaning_for_child": "Wrenna was brave and asked good questions.", **date}


# The month as a number, a word, or the start of a word ------------------------------------


@pytest.mark.parametrize("month", MONTHS)
def test_the_pledge_action_plan_takes_the_month_as_a_number_or_a_word(lead, signed_pledge, childrens_services, month):
    response = lead.post(reverse("pledges:add-action", args=[childrens_services.slug]), pledge_step(**typed("due_on", 27, month, NEXT_MARCH.year)))

    assert response.status_code == 302, page_text(response)[:2000]
    assert PledgeAction.objects.get().due_on == NEXT_MARCH


@pytest.mark.parametrize("month", MONTHS)
def test_the_continuum_action_plan_takes_the_month_as_a_number_or_a_word(lead, safety, childrens_services, month):
    response = lead.post(reverse("continuum:add-action", args=[childrens_services.slug]), continuum_step(safety, **typed("due_on", 27, month, NEXT_MARCH.year)))

    assert response.status_code == 302, page_text(response)[:2000]
    assert ContinuumAction.objects.get().due_on == NEXT_MARCH


@pytest.mark.parametrize("month", MONTHS)
def test_the_family_chronology_takes_the_month_as_a_number_or_a_word(family, practitioner, month):
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("families:add-chronology", args=[family.public_id]), chronology(**typed("occurred_on", 27, month, PAST_MARCH.year)))

    assert response.status_code == 302, page_text(response)[:2000]
    assert ChronologyEntry.objects.filter(family=family, what_happened="A hospital visit").get().occurred_on == PAST_MARCH


@pytest.mark.parametrize("month", MONTHS)
def test_signing_a_pledge_takes_the_month_as_a_number_or_a_word(lead, childrens_services, month):
    from goldenthread.pledges.tests.test_forms import good_signing

    response = lead.post(
        reverse("pledges:sign", args=[childrens_services.slug]), good_signing(childrens_services, **typed("signed_on", 27, month, PAST_MARCH.year))
    )

    assert response.status_code == 302, page_text(response)[:2000]
    assert Pledge.objects.get(organisation=childrens_services).signed_on == PAST_MARCH


# Every date error says what to type, and marks only the box to change ------------------------


MISTAKES = [
    # (day, month, year), the words shown, the boxes marked
    (("27", "Marchh", "{year}"), "Enter the month as a number or a word, for example 3 or March", ["month"]),
    (("27", "13", "{year}"), "Enter a real date: the month is a number from 1 to 12, or a word such as March", ["month"]),
    (("31", "feb", "{year}"), "Enter a real date: February", ["day"]),
    (("first", "mar", "{year}"), "Enter the day as a number, for example 27", ["day"]),
    (("27", "mar", "26"), "Enter the year as 4 numbers, for example 2026", ["year"]),
    (("27", "", "{year}"), "Enter the month as well, for example 27 3 2026", ["month"]),
]


def _fill(parts, year):
    day, month, typed_year = (part.format(year=year) for part in parts)
    return day, month, typed_year


@pytest.mark.parametrize("parts, words, marked", MISTAKES)
def test_a_mistake_in_a_pledge_actions_date_says_what_to_type_and_marks_only_that_box(lead, signed_pledge, childrens_services, parts, words, marked):
    day, month, year = _fill(parts, NEXT_MARCH.year + 1)  # a year whose February has 28 days or not, both fine
    response = lead.post(reverse("pledges:add-action", args=[childrens_services.slug]), pledge_step(**typed("due_on", day, month, year)))

    page = page_text(response)
    assert response.status_code == 400
    assert words in page
    assert boxes_marked(page, "due_on") == marked
    assert f'href="#id_due_on_{("day", "month", "year").index(marked[0])}"' in page, "the error summary leads to the box to change"
    assert "Ensure this value has at most" not in page


@pytest.mark.parametrize("parts, words, marked", MISTAKES)
def test_a_mistake_in_a_continuum_actions_date_says_what_to_type_and_marks_only_that_box(lead, safety, childrens_services, parts, words, marked):
    day, month, year = _fill(parts, 2027)
    response = lead.post(reverse("continuum:add-action", args=[childrens_services.slug]), continuum_step(safety, **typed("due_on", day, month, year)))

    page = page_text(response)
    assert response.status_code == 400
    assert words in page
    assert boxes_marked(page, "due_on") == marked


@pytest.mark.parametrize("parts, words, marked", MISTAKES)
def test_a_mistake_in_a_chronology_date_says_what_to_type_and_marks_only_that_box(family, practitioner, parts, words, marked):
    day, month, year = _fill(parts, 2023)
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("families:add-chronology", args=[family.public_id]), chronology(**typed("occurred_on", day, month, year)))

    page = page_text(response)
    assert response.status_code == 400
    assert words in page
    assert boxes_marked(page, "occurred_on") == marked
    assert "A hospital visit" in page, "what was typed is kept"


def test_a_date_in_the_future_on_the_chronology_marks_all_three_boxes_and_says_why(family, practitioner):
    client = signed_in_with_two_steps(practitioner)

    response = client.post(reverse("families:add-chronology", args=[family.public_id]), chronology(**typed("occurred_on", 27, "mar", TODAY.year + 2)))

    page = page_text(response)
    assert "The date must be today or in the past" in page
    assert boxes_marked(page, "occurred_on") == ["day", "month", "year"]


@pytest.mark.parametrize("parts, words, marked", MISTAKES)
def test_every_date_message_says_what_to_type(parts, words, marked):
    from django import forms

    from goldenthread.core.forms import DateField

    class When(forms.Form):
        on = DateField(label="When")

    form = When(typed("on", *_fill(parts, 2027)))

    assert not form.is_valid()
    assert all(SAYS_WHAT_TO_TYPE.search(message) for message in form.errors["on"]), form.errors["on"]
