"""A field's rule is written once: the form and the service check the same limit and say the same thing."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.core.forms import MONTH_NAMES, DateField, GoldenThreadForm
from goldenthread.core.rules import DateRule, TextRule, raise_if

STORY = TextRule("The story, in the family's words", 20_000, "Write the family's story, in their words", rows=12, hint="Use their words.")
WHO_WAS_THERE = TextRule("Who was there", 500)
TOLD_ON = DateRule("When it was told", "Enter the date the story was told", not_future=True)
DUE_ON = DateRule("Due date", not_past=True, past_message="The due date must be today or later")


class StoryForm(GoldenThreadForm):
    story = STORY.form_field()
    who_was_there = WHO_WAS_THERE.form_field()
    told_on = TOLD_ON.form_field()
    due_on = DUE_ON.form_field()


def story_data(**changes):
    today = timezone.localdate()
    data = {"story": "We moved in spring.", "who_was_there": "Mum", "told_on_0": today.day, "told_on_1": today.month, "told_on_2": today.year}
    data.update(changes)
    return data


def service_errors(**values):
    """What a service gathers from the same rules."""
    errors = {}
    STORY.clean(values.get("story"), field="story", errors=errors)
    WHO_WAS_THERE.clean(values.get("who_was_there"), field="who_was_there", errors=errors)
    TOLD_ON.clean(values.get("told_on"), field="told_on", errors=errors)
    return errors


def test_a_text_rule_makes_the_forms_field_with_its_label_limit_hint_and_box():
    field = STORY.form_field()

    assert isinstance(field, forms.CharField)
    assert field.label == "The story, in the family's words"
    assert field.max_length == 20_000
    assert field.help_text == "Use their words."
    assert field.required
    assert isinstance(field.widget, forms.Textarea)
    assert field.widget.attrs["rows"] == 12


def test_a_text_rule_without_rows_is_a_single_line_and_without_a_message_may_be_left_empty():
    field = WHO_WAS_THERE.form_field()

    assert isinstance(field.widget, forms.TextInput)
    assert not field.required


def test_a_form_field_can_be_adjusted_where_one_form_needs_it():
    assert STORY.form_field(label="The story").label == "The story"


def test_the_form_and_the_service_refuse_a_story_that_is_too_long_with_the_same_message():
    too_long = "x" * 20_001
    form = StoryForm(story_data(story=too_long))

    assert not form.is_valid()
    assert form.errors["story"] == ["The story, in the family's words must be 20,000 characters or fewer"]
    assert service_errors(story=too_long, told_on=timezone.localdate())["story"] == form.errors["story"][0]


def test_the_form_and_the_service_refuse_a_missing_story_with_the_same_message():
    form = StoryForm(story_data(story="   "))

    assert form.errors["story"] == ["Write the family's story, in their words"]
    assert service_errors(story=" \u200b ", told_on=timezone.localdate())["story"] == "Write the family's story, in their words"


def test_the_service_tidies_text_as_the_form_does():
    errors = {}

    assert STORY.clean("  We moved\x07 in spring.  ", field="story", errors=errors) == "We moved in spring."
    assert WHO_WAS_THERE.clean(None, field="who_was_there", errors=errors) == ""
    assert WHO_WAS_THERE.clean(42, field="who_was_there", errors=errors) == "42"
    assert errors == {}


def test_text_that_is_long_only_because_of_spaces_around_it_is_accepted_by_the_service():
    errors = {}

    assert WHO_WAS_THERE.clean(" " * 10 + "x" * 500 + " " * 10, field="who_was_there", errors=errors) == "x" * 500
    assert errors == {}


def test_a_character_we_cannot_store_is_explained_in_the_fields_own_words():
    form = StoryForm(story_data(who_was_there="Mum\x00"))

    assert form.errors["who_was_there"] == ["Who was there contains a character we cannot store. Remove it and try again"]


def test_a_date_rule_makes_the_three_box_date_field_with_its_own_required_message():
    field = TOLD_ON.form_field()
    form = StoryForm(story_data(told_on_0="", told_on_1="", told_on_2=""))

    assert isinstance(field, DateField)
    assert field.label == "When it was told"
    assert form.errors["told_on"] == ["Enter the date the story was told"]


def test_the_form_and_the_service_refuse_a_story_told_tomorrow_with_the_same_message():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = StoryForm(story_data(told_on_0=tomorrow.day, told_on_1=tomorrow.month, told_on_2=tomorrow.year))

    assert form.errors["told_on"] == ["The date must be today or in the past"]
    assert service_errors(story="x", told_on=tomorrow) == {"told_on": "The date must be today or in the past"}


def test_a_date_rule_can_say_the_date_in_its_own_words():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    form = StoryForm(story_data(due_on_0=yesterday.day, due_on_1=MONTH_NAMES[yesterday.month - 1], due_on_2=yesterday.year))
    errors = {}

    DUE_ON.clean(yesterday, field="due_on", errors=errors)

    assert form.errors["due_on"] == ["The due date must be today or later"]
    assert errors == {"due_on": "The due date must be today or later"}


def test_today_is_neither_in_the_future_nor_in_the_past():
    today = timezone.localdate()
    errors = {}

    assert TOLD_ON.clean(today, field="told_on", errors=errors) == today
    assert DUE_ON.clean(today, field="due_on", errors=errors) == today
    assert errors == {}


@pytest.mark.parametrize("odd", ["2026-03-27", 27, datetime.datetime(2026, 3, 27, 9, 0)])
def test_the_service_asks_for_a_real_date_when_given_something_else(odd):
    errors = {}

    assert TOLD_ON.clean(odd, field="told_on", errors=errors) is None
    assert errors == {"told_on": "Enter a real date, for example 27 3 2026"}


def test_an_optional_date_may_be_left_empty_in_the_service():
    errors = {}

    assert DUE_ON.clean("", field="due_on", errors=errors) is None
    assert errors == {}


def test_the_service_refuses_with_every_message_at_once():
    errors = service_errors(story="", who_was_there="x" * 501, told_on=None)

    with pytest.raises(ValidationError) as refused:
        raise_if(errors)

    assert refused.value.message_dict == {
        "story": ["Write the family's story, in their words"],
        "who_was_there": ["Who was there must be 500 characters or fewer"],
        "told_on": ["Enter the date the story was told"],
    }


def test_nothing_is_refused_when_there_is_nothing_to_say():
    assert raise_if({}) is None
