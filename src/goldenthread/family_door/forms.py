"""The forms on a family member's own pages: signing in, suggesting, asking and sharing.

Each text field comes from a rule in `rules.py` (the service checks the same rule again); every
word a family member reads is marked for translation. The team's forms are in `staff_forms.py`.
"""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from goldenthread.core.forms import DateField, GoldenThreadForm
from goldenthread.core.templatetags.gt import OWN_WORDS_ATTRIBUTE
from goldenthread.families import rules as family_rules
from goldenthread.families.models import Part

from . import rules

ENTER_YOUR_EMAIL = _("Enter your e-mail address")
EMAIL_FORMAT = _("Enter an e-mail address in the right format, like name@example.com")
ENTER_THE_CODE = _("Enter the 6-number code from your e-mail")
CODE_IS_6_NUMBERS = _("The code is 6 numbers, like 123456")

# The parts of the record, as a family member reads them when choosing what to share.
PART_CHOICES = (
    (Part.STORY.value, _("Your family's story")),
    (Part.PROFILES.value, _("One-page profiles")),
    (Part.CHRONOLOGY.value, _("The list of important events")),
    (Part.CONTACT.value, _("Your contact details")),
)


def own_words(field):
    """A family member writes about themselves in their own words: no advice on how to say it (see `core.templatetags.gt`)."""
    field.widget.attrs[OWN_WORDS_ATTRIBUTE] = "true"
    return field


# The three parts of a one-page profile, in the person's own voice.
PROFILE_PART_LABELS = {
    "liked_and_admired": _("What people like and admire about me"),
    "important_to_me": _("What is important to me"),
    "how_to_support_me": _("How best to support me"),
}


class SignInForm(GoldenThreadForm):
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address your invitation was sent to."),
        error_messages={"required": ENTER_YOUR_EMAIL, "max_length": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        address = (self.cleaned_data.get("email") or "").strip()
        try:
            validate_email(address)
        except forms.ValidationError:
            raise forms.ValidationError(EMAIL_FORMAT) from None
        return address


class CodeForm(GoldenThreadForm):
    code = forms.CharField(
        label=_("Your sign-in code"),
        max_length=20,
        help_text=_("6 numbers, from the e-mail we sent you."),
        error_messages={"required": ENTER_THE_CODE, "max_length": CODE_IS_6_NUMBERS},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self):
        typed = "".join((self.cleaned_data.get("code") or "").split()).replace("-", "")
        if len(typed) != 6 or not typed.isdigit():
            raise forms.ValidationError(CODE_IS_6_NUMBERS)
        return typed


class AgreeForm(GoldenThreadForm):
    """Agreeing to the short terms: a button, nothing to fill in."""


class ConfirmForm(GoldenThreadForm):
    """A confirming button (stop sharing, take back): nothing to fill in."""


class SuggestionForm(GoldenThreadForm):
    suggested_text = own_words(rules.SUGGESTED_TEXT.form_field())
    why = own_words(rules.WHY.form_field())


class OwnWordsForm(GoldenThreadForm):
    in_my_own_words = own_words(
        family_rules.IN_MY_OWN_WORDS.form_field(
            label=_("What I want people to know about me"),
            help_text=_("In your own words. The people in your team will see it, marked as yours."),
        )
    )


class QuestionForm(GoldenThreadForm):
    text = own_words(rules.QUESTION.form_field())


class AskToShareForm(GoldenThreadForm):
    organisation = forms.ChoiceField(
        label=_("Which organisation would you like to share with?"),
        error_messages={"required": rules.CHOOSE_ORGANISATION, "invalid_choice": rules.CHOOSE_ORGANISATION},
    )
    parts = forms.MultipleChoiceField(
        label=_("What would you like them to see?"),
        choices=PART_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that you want to share."),
        error_messages={"required": rules.CHOOSE_PARTS, "invalid_choice": rules.CHOOSE_PARTS},
    )
    until = DateField(
        label=_("Until when? (you do not have to say)"),
        required=False,
        help_text=_("Leave this empty to share until you stop it. For example, 27 3 2027."),
    )
    why = own_words(rules.SHARE_WHY.form_field())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["organisation"].choices = [("", _("Choose an organisation")), *[(key, o.name) for key, o in self.organisations.items()]]

    def request_values(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation": self.organisations.get(data["organisation"]),
            "parts": list(data["parts"]),
            "until": data.get("until"),
            "why": data.get("why", ""),
        }
