"""Forms for organisations and their people. Each error message says what to do next."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm, clean_text

from . import rules
from .models import Role, Sector, Size


def _text(rule, **overrides) -> forms.CharField:
    """The field for a rule, whose hidden characters are explained the way every partnership form explains them."""
    field = rule.form_field(**overrides)
    field.error_messages["null_characters_not_allowed"] = rules.HIDDEN_CHARACTERS
    return field


class OrganisationForm(GoldenThreadForm):
    """The details of a member organisation, as the partnership admin keeps them."""

    name = _text(rules.ORGANISATION_NAME)
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Choose a sector")] + Sector.choices,
        error_messages={"required": "Choose the organisation's sector", "invalid_choice": rules.CHOOSE_A_SECTOR},
    )
    area = _text(rules.AREA)
    size = forms.ChoiceField(
        label="Size",
        required=False,
        choices=[("", "Not known")] + Size.choices,
        error_messages={"invalid_choice": rules.CHOOSE_A_SIZE},
    )
    description = _text(rules.DESCRIPTION)


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


class MemberForm(GoldenThreadForm):
    """A person to add to an organisation."""

    full_name = _text(rules.FULL_NAME)
    email = forms.EmailField(
        label="E-mail address",
        max_length=rules.EMAIL_LENGTH,
        help_text="Someone new gets an e-mail inviting them to choose a password.",
        error_messages={
            "required": rules.ENTER_AN_EMAIL,
            "invalid": rules.EMAIL_LIKE_THIS,
            "max_length": rules.EMAIL_TOO_LONG,
            "null_characters_not_allowed": rules.HIDDEN_CHARACTERS,
        },
    )
    job_title = _text(rules.JOB_TITLE, label="Job title (optional)")
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


class RoleForm(GoldenThreadForm):
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role", "invalid_choice": "Choose one of the roles listed"},
    )
