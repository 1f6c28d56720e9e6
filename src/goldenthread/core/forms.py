"""Form pieces every app shares: the GOV.UK date field, text cleaning and sign-in forms."""

import datetime
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator

from .models import ApiToken
from .services import token_lifetimes
from .signin import normalised_email


class DateWidget(forms.MultiWidget):
    """Day, month and year in three boxes: the GOV.UK date pattern, no date picker."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that say what to fix."""

    widget = DateWidget

    def __init__(self, **kwargs):
        error_messages = {
            "required": "Enter the date, for example 27 3 2026",
            "incomplete": "Enter a day, a month and a year",
            "invalid": "Enter a real date, for example 27 3 2026",
        }
        parts = (forms.CharField(max_length=4), forms.CharField(max_length=4), forms.CharField(max_length=6))
        super().__init__(parts, error_messages=error_messages, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day and month and year):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            number_day, number_month, number_year = int(day), int(month), int(year)
            if not 1900 <= number_year <= 2200:
                raise ValueError
            return datetime.date(number_year, number_month, number_day)
        except (ValueError, OverflowError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


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
        """Active people with this address, including those invited who have not chosen a password yet."""
        return get_user_model()._default_manager.filter(email=normalised_email(email), is_active=True)


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
