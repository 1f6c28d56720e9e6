"""Each field's rule, written once and used by both the form and the service.

A rule says what a field is called, how long it may be and what to say when it is missing.
The form builds its field from the rule (`rule.form_field()`), so a person sees the message
at once; the service checks the same rule again (`rule.clean(...)`), because the API and
other callers do not pass through the form. The limit lives in one place.

    STORY = TextRule("The story, in the family's words", 20_000, "Write the family's story, in their words", rows=12)
    TOLD_ON = DateRule("When it was told", "Enter the date the story was told", not_future=True)

    class StoryForm(GoldenThreadForm):          # forms.py
        story = STORY.form_field()
        told_on = TOLD_ON.form_field()

    def add_story(family, *, by, story, told_on):   # services.py
        errors = {}
        story = STORY.clean(story, field="story", errors=errors)
        told_on = TOLD_ON.clean(told_on, field="told_on", errors=errors)
        raise_if(errors)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .forms import DATE_EXAMPLE, DateField, WritingInput, clean_text


def raise_if(errors: dict) -> None:
    """Refuse with every message gathered (field name -> message), if there are any."""
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class TextRule:
    """A line or a box of text: its label, its longest length, and the message when it is required but empty.

    `required_message` None means the text may be left empty. `rows` makes it a box
    (a textarea with that many rows) rather than a single line. A box always gets
    shared-language advice as the person types; `advice=True` gives a single line the same,
    for a line where people write about people ("What will be done", "Who was there"), never
    for a name, an e-mail address, a date or a number.
    """

    label: str
    max_length: int
    required_message: str | None = None
    rows: int | None = None
    hint: str = ""
    advice: bool = False

    @property
    def required(self) -> bool:
        return bool(self.required_message)

    @property
    def too_long_message(self) -> str:
        return f"{self.label} must be {self.max_length:,} characters or fewer"

    @property
    def not_storable_message(self) -> str:
        return f"{self.label} contains a character we cannot store. Remove it and try again"

    def form_field(self, **overrides) -> forms.CharField:
        """The form's field for this rule: a line, or a box when the rule has rows."""
        error_messages = {"max_length": self.too_long_message, "null_characters_not_allowed": self.not_storable_message}
        if self.required_message:
            error_messages["required"] = self.required_message
        options = {
            "label": self.label,
            "max_length": self.max_length,
            "required": self.required,
            "help_text": self.hint,
            "error_messages": error_messages,
        }
        if self.rows:
            options["widget"] = forms.Textarea(attrs={"rows": self.rows})
        elif self.advice:
            options["widget"] = WritingInput()
        return forms.CharField(**{**options, **overrides})

    def clean(self, value, *, field: str, errors: dict) -> str:
        """The text tidied (`clean_text`); a missing or too long text puts its message in `errors[field]`."""
        text = clean_text(value if isinstance(value, str) else ("" if value is None else str(value)))
        if self.required and not text:
            errors[field] = self.required_message
        elif len(text) > self.max_length:
            errors[field] = self.too_long_message
        return text


@dataclass(frozen=True)
class DateRule:
    """A date: its label, the message when it is required but empty, and whether it may be in the future or the past.

    The form's field refuses a date on the wrong side of today with the same message the
    service uses, so a person hears it before the service is asked.
    """

    label: str
    required_message: str | None = None
    not_future: bool = False
    not_past: bool = False
    hint: str = ""
    future_message: str = "The date must be today or in the past"
    past_message: str = "The date must be today or in the future"

    @property
    def required(self) -> bool:
        return bool(self.required_message)

    def problem(self, day: datetime.date) -> str | None:
        """What is wrong with a real date under this rule, or None."""
        today = timezone.localdate()
        if self.not_future and day > today:
            return self.future_message
        if self.not_past and day < today:
            return self.past_message
        return None

    def _validate(self, day) -> None:
        message = self.problem(day)
        if message:
            raise ValidationError(message, code="out_of_range")

    def form_field(self, **overrides) -> DateField:
        """The three-box GOV.UK date field for this rule."""
        options = {"label": self.label, "required": self.required, "help_text": self.hint, "validators": [self._validate]}
        if self.required_message:
            options["error_messages"] = {"required": self.required_message}
        return DateField(**{**options, **overrides})

    def clean(self, value, *, field: str, errors: dict) -> datetime.date | None:
        """The date, or None; a missing, unreal or out-of-range date puts its message in `errors[field]`."""
        if value in (None, ""):
            if self.required:
                errors[field] = self.required_message
            return None
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            errors[field] = f"Enter a real date, {DATE_EXAMPLE}"
            return None
        message = self.problem(value)
        if message:
            errors[field] = message
        return value
