"""Forms for organisations and their people. Each error message says what to do next."""

from django import forms

from goldenthread.core.forms import TidyTextMixin, clean_text

from .models import Role, Sector, Size

HIDDEN_CHARACTERS = "Remove the hidden characters (they often come from copying and pasting) and try again"


def _text(label, *, max_length, required=True, required_message="", textarea=False, help_text=""):
    messages = {
        "max_length": f"{label.replace(' (optional)', '')} must be {max_length:,} characters or fewer",
        "null_characters_not_allowed": HIDDEN_CHARACTERS,
    }
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages=messages,
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput(),
    )


class OrganisationForm(TidyTextMixin, forms.Form):
    """The details of a member organisation, as the partnership admin keeps them."""

    name = _text("Name", max_length=200, required_message="Enter the organisation's name")
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Choose a sector")] + Sector.choices,
        error_messages={
            "required": "Choose the organisation's sector",
            "invalid_choice": "Choose one of the sectors listed",
        },
    )
    area = _text(
        "Area",
        max_length=120,
        required=False,
        help_text="The part of the borough it serves, or 'Borough-wide'.",
    )
    size = forms.ChoiceField(
        label="Size",
        required=False,
        choices=[("", "Not known")] + Size.choices,
        error_messages={"invalid_choice": "Choose one of the sizes listed"},
    )
    description = _text(
        "Description",
        max_length=2000,
        required=False,
        textarea=True,
        help_text="What the organisation does, in a few plain sentences.",
    )

    def clean_name(self):
        name = clean_text(self.cleaned_data.get("name", ""))
        if not name:
            raise forms.ValidationError("Enter the organisation's name")
        return name


class ChangeOrganisationForm(OrganisationForm):
    is_active = forms.BooleanField(
        label="Still a member of the partnership",
        required=False,
        help_text="Untick this if the organisation has left. Its history is kept.",
    )


class OrganisationFilterForm(forms.Form):
    """The filters above the list of organisations: by sector, and by part of the name."""

    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors")] + Sector.choices)
    q = forms.CharField(label="Name contains", required=False, max_length=200)

    def filters(self):
        """The sector and search text to filter by; values that make no sense are ignored."""
        sector = self.data.get("sector", "")
        text = clean_text(str(self.data.get("q", "")))[:200]
        return (sector if sector in Sector.values else ""), text


class MemberForm(TidyTextMixin, forms.Form):
    """A person to add to an organisation."""

    full_name = _text("Full name", max_length=150, required_message="Enter the person's full name")
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="Someone new gets an e-mail inviting them to choose a password.",
        error_messages={
            "required": "Enter the person's work e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
            "max_length": "The e-mail address must be 254 characters or fewer",
            "null_characters_not_allowed": HIDDEN_CHARACTERS,
        },
    )
    job_title = _text("Job title (optional)", max_length=150, required=False)
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        initial=Role.PRACTITIONER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person's role", "invalid_choice": "Choose one of the roles listed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off"})

    def clean_full_name(self):
        name = clean_text(self.cleaned_data.get("full_name", ""))
        if not name:
            raise forms.ValidationError("Enter the person's full name")
        return name


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose one of the roles listed"},
    )
