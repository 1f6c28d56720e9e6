"""Form pieces every app shares: the base forms, the GOV.UK date field, text cleaning and sign-in forms.

- `GoldenThreadForm` / `GoldenThreadModelForm`: subclass these; text is tidied, blank
  required text refused, and `apply_service_errors` shows what a service refused.
- `DateField`: three boxes; the month as a number or a word; messages say what to type.
- `LenientChoiceField`: a filter's choice that never errors on an unknown value.
- `version_field()`: the hidden version of a version-checked edit.
- Each field's rule (label, length, required message) lives in `core.rules`, shared with services.
"""

import calendar
import datetime
import re
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from .models import ApiToken
from .services import token_lifetimes
from .signin import normalised_email


class WritingInput(forms.TextInput):
    """A single line where a person writes about people ("What will be done", "Who was there").

    `{% gt_field %}` gives it the same shared-language advice as a text box, as the person
    types. Names, e-mail addresses, dates and numbers stay plain `TextInput`s: there is
    nothing there to advise on. `core.rules.TextRule(..., advice=True)` chooses it.
    """


class DateWidget(forms.MultiWidget):
    """Day, month and year in three boxes: the GOV.UK date pattern, no date picker."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
DATE_EXAMPLE = "for example 27 3 2026"
DAY_AS_NUMBER = "Enter the day as a number, for example 27"
MONTH_AS_NUMBER_OR_WORD = "Enter the month as a number or a word, for example 3 or March"
YEAR_AS_NUMBER = "Enter the year as 4 numbers, for example 2026"


def month_number(text: str) -> int | None:
    """The month someone typed, as a number: "3", "03", "March", "mar", "MARCH." and "Sept" are all 3 or 9.

    A word counts when it is the start of a month's English name, at least three letters long
    (no two months share their first three letters). None when it is not a month at all; a
    number is returned as typed, so 13 comes back as 13 for the caller to explain.
    """
    text = (text or "").strip().rstrip(".").strip()
    if text.isdecimal():
        return int(text)
    word = text.casefold()
    if len(word) >= 3:
        for number, name in enumerate(MONTH_NAMES, start=1):
            if name.casefold().startswith(word):
                return number
    return None


DATE_PARTS = ("day", "month", "year")


def date_problem(message: str, *parts: str, code: str = "invalid") -> forms.ValidationError:
    """A date error that names the boxes at fault, so only those are marked (all three when it names none)."""
    return forms.ValidationError(message, code=code, params={"date_parts": parts})


def date_parts_at_fault(errors) -> set[int]:
    """Which of the three boxes (0 day, 1 month, 2 year) an error list is about: all three unless an error names its boxes."""
    part_of_message = {DAY_AS_NUMBER: "day", MONTH_AS_NUMBER_OR_WORD: "month", YEAR_AS_NUMBER: "year"}  # a box's own check
    at_fault = set()
    for error in errors.as_data() if hasattr(errors, "as_data") else []:
        parts = error.params.get("date_parts") if isinstance(error.params, dict) else None
        if not parts and error.message in part_of_message:
            parts = (part_of_message[error.message],)
        at_fault |= {DATE_PARTS.index(part) for part in parts} if parts else {0, 1, 2}
    return at_fault


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that say what to type.

    The month may be a number or a word ("3", "03", "March", "mar"). Every message says what
    to type, for example "Enter the month as a number or a word, for example 3 or March", and
    an impossible date says why ("February 2026 has 28 days"). Apps change the "required"
    message to name their date.
    """

    widget = DateWidget

    def __init__(self, **kwargs):
        error_messages = {
            "required": f"Enter the date, {DATE_EXAMPLE}",
            "incomplete": f"Enter a day, a month and a year, {DATE_EXAMPLE}",
            "invalid": f"Enter a real date, {DATE_EXAMPLE}",
            **kwargs.pop("error_messages", {}),
        }
        parts = (
            self._part(4, DAY_AS_NUMBER),
            self._part(12, MONTH_AS_NUMBER_OR_WORD),  # long enough for "September."
            self._part(6, YEAR_AS_NUMBER),
        )
        super().__init__(parts, error_messages=error_messages, require_all_fields=False, **kwargs)

    @staticmethod
    def _part(max_length, message):
        # Each box is optional on its own: compress() says which part is missing.
        return forms.CharField(max_length=max_length, required=False, error_messages={"max_length": message, "null_characters_not_allowed": message})

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise date_problem(f"Enter the {' and the '.join(missing)} as well, {DATE_EXAMPLE}", *missing, code="incomplete")
        if not day.isdecimal():
            raise date_problem(DAY_AS_NUMBER, "day")
        number_month = month_number(month)
        if number_month is None:
            raise date_problem(MONTH_AS_NUMBER_OR_WORD, "month")
        if not year.isdecimal():
            raise date_problem(YEAR_AS_NUMBER, "year")
        number_day, number_year = int(day), int(year)
        if not 1 <= number_month <= 12:
            raise date_problem("Enter a real date: the month is a number from 1 to 12, or a word such as March", "month")
        if not EARLIEST_YEAR <= number_year <= LATEST_YEAR:
            if len(year) != 4:
                raise date_problem(YEAR_AS_NUMBER, "year")
            raise date_problem(f"Enter a real date: the year is from {EARLIEST_YEAR} to {LATEST_YEAR}", "year")
        days_in_month = calendar.monthrange(number_year, number_month)[1]
        if not 1 <= number_day <= days_in_month:
            month_name = MONTH_NAMES[number_month - 1]
            raise date_problem(f"Enter a real date: {month_name} {number_year} has {days_in_month} days", "day")
        return datetime.date(number_year, number_month, number_day)


# New lines and tabs are layout; the zero-width joiners build emoji and join letters in
# scripts such as Persian and Hindi.
KEPT_CONTROL_CHARACTERS = {"\n", "\t", "\u200c", "\u200d"}


def clean_text(value: str) -> str:
    """Tidy text people type: normalised Unicode, no control characters, no stray spaces."""
    value = unicodedata.normalize("NFC", value or "")
    value = "".join(ch for ch in value if ch in KEPT_CONTROL_CHARACTERS or unicodedata.category(ch)[0] != "C")
    return value.strip()


class TidyTextMixin:
    """Clean every text field of a form the same way, so odd input never reaches the database."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        return cleaned


class GoldenThreadFormMixin(TidyTextMixin):
    """What every form shares: text tidied, blank required text refused, a service's refusal shown.

    Text that tidies away to nothing (only spaces, or characters we do not keep) is refused
    with the field's own "required" message, as if nothing had been typed.
    """

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if field.required and isinstance(field, forms.CharField) and name in cleaned and not cleaned[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def apply_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError next to the field it names, or at the top of the form."""
        show_service_errors(self, error)


class GoldenThreadForm(GoldenThreadFormMixin, forms.Form):
    """The base of every form: subclass it instead of forms.Form."""


class GoldenThreadModelForm(GoldenThreadFormMixin, forms.ModelForm):
    """The base of every model form: subclass it instead of forms.ModelForm."""


class LenientChoiceField(forms.ChoiceField):
    """A filter's choice: a value not in the list is no error, and reaches the query as typed.

    A filter from an old link or a hand-typed address should never show an error page; the
    query decides what an unknown value means (no match, or no filter).
    """

    def validate(self, value):
        forms.Field.validate(self, value)


VERSION_PROBLEM = "Something went wrong with this form. Go back to the page and try again"


def version_field(message: str = VERSION_PROBLEM) -> forms.IntegerField:
    """The hidden version a version-checked edit sends back (see `core.refusals.check_version`)."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        max_value=2_147_483_647,
        error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
    )


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "The e-mail address or password is not right. Check them and try again.",
        "inactive": "This account is closed. Ask your partnership's admin if you need it again.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "E-mail address"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["username"].error_messages["required"] = "Enter your e-mail address"
        # Checked before authenticating, so a huge value never reaches the lockout tables.
        self.fields["username"].validators.append(MaxLengthValidator(254))
        self.fields["username"].error_messages["max_length"] = "Enter an e-mail address of 254 characters or fewer"
        self.fields["password"].error_messages["required"] = "Enter your password"


class ResetPasswordForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter the e-mail address you sign in with"
        self.fields["email"].error_messages["invalid"] = "Enter an e-mail address like name@example.org"

    def get_users(self, email):
        """Active people with this address, including those invited who have not chosen a password yet.

        Never a family member's own account: it has no password, and signs in with a one-time code."""
        return get_user_model()._default_manager.filter(email=normalised_email(email), is_active=True, is_family_account=False)


class ApiTokenForm(TidyTextMixin, forms.ModelForm):
    days = forms.TypedChoiceField(
        label="How long should it work?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the token should work", "invalid_choice": "Choose one of the lengths of time shown"},
    )

    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter a name for the token, for example 'Monthly report'"},
            "scope": {"required": "Choose what the token may read", "invalid_choice": "Choose one of the options shown"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        longest = settings.GOLDENTHREAD_API_TOKEN_MAX_DAYS
        self.fields["days"].choices = [(days, f"{days} days") for days in token_lifetimes()]
        self.fields["days"].initial = longest
        self.fields["days"].help_text = f"A token stops working after this time. The longest is {longest} days."
        self.fields["scope"].choices = ApiToken.Scope.choices
        self.fields["scope"].initial = ApiToken.Scope.PARTNERSHIP


def show_service_errors(form, error):
    """Put a service's refusal (a ValidationError) next to the field it is about, or at the top."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class TwoStepCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=32,
        help_text="6 numbers. You can also enter one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app", "max_length": "Enter the 6-number code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class SetUpCodeForm(TwoStepCodeForm):
    """The code from the new authenticator; when one is being replaced, a code from the current one too."""

    current_code = forms.CharField(
        label="Code from the authenticator app you use now",
        max_length=32,
        required=False,
        help_text="Or one of your recovery codes. This shows it is you making the change.",
        error_messages={"max_length": "Enter the 6-number code, or a recovery code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, replacing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code from the new authenticator app" if replacing else "Code from your authenticator app"
        self.fields["code"].help_text = "The 6 numbers your app shows for this account"
        if not replacing:
            del self.fields["current_code"]


class AcceptTermsForm(forms.Form):
    accept = forms.BooleanField(
        label="I have read these terms and I will keep to them",
        error_messages={"required": "Tick the box to say you will keep to the terms, or go back if you do not need family records"},
    )


TIME_PATTERN = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


class TimeField(forms.Field):
    """A time typed the way people write it: 14:30, 2.30pm or 9am."""

    def __init__(self, *, required_message: str = "Enter the time, for example 14:30 or 2:30pm", **kwargs):
        super().__init__(**kwargs)
        self.error_messages.update({"required": required_message, "invalid": "Enter a real time, for example 14:30 or 2:30pm"})

    def to_python(self, value):
        text = str(value or "").strip().lower().replace(" ", "")
        if not text:
            return None
        match = TIME_PATTERN.match(text) if len(text) <= 10 else None
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)


def radio_choice(label, choices, message, *, required=True, hint="") -> forms.ChoiceField:
    """One answer from a short list, as radios; `message` is said when none, or something not listed, is chosen."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=hint,
        error_messages={"required": message, "invalid_choice": message},
    )
