"""The family record's forms: they parse and explain; who may do what lives in access and services."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, version_field
from goldenthread.core.govuk import render_component
from goldenthread.core.templatetags.gt import gt_error_summary

from . import rules
from .models import (
    ConsentAgreement,
    EmergencyAccess,
    LawfulBasis,
    Part,
    Person,
    RetentionRule,
)

PERSON_ROWS = 6

LAWFUL_BASIS_HINTS = {
    LawfulBasis.PUBLIC_TASK: "Your organisation holds the record to do its public work, such as Early Help.",
    LawfulBasis.SAFEGUARDING: "To keep a child safe. This can apply even when the family has not agreed.",
    LawfulBasis.LEGAL_OBLIGATION: "A law says your organisation must keep this record.",
    LawfulBasis.VITAL_INTERESTS: "To protect someone's life, when they cannot agree.",
    LawfulBasis.CONSENT: "The family has agreed to the record being kept, and can change their mind.",
}


def _radios(field, *, legend, hints=None, legend_class="govuk-fieldset__legend--m"):
    """A radios component with a plain hint under each choice (gt_field has no per-choice hints)."""
    hints = hints or {}
    value = field.value()
    items = [
        {"value": str(v), "text": str(label), "checked": str(v) == str(value), **({"hint": {"text": hints[v]}} if v in hints else {})}
        for v, label in field.field.choices
        if v not in ("", None)
    ]
    return render_component(
        "radios",
        {
            "idPrefix": field.auto_id,
            "name": field.html_name,
            "fieldset": {"legend": {"text": legend, "classes": legend_class}},
            "hint": {"text": str(field.help_text)} if field.help_text else None,
            "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
            "items": items,
        },
    )


# Search before create -------------------------------------------------------------------


class SearchForm(GoldenThreadForm):
    family_name = rules.SEARCH_FAMILY_NAME.form_field()
    child_first_name = rules.CHILD_FIRST_NAME.form_field()
    child_date_of_birth = rules.CHILD_DATE_OF_BIRTH.form_field()

    def clean(self):
        cleaned = super().clean()
        first_name, born = cleaned.get("child_first_name"), cleaned.get("child_date_of_birth")
        if first_name and not born and "child_date_of_birth" not in self.errors:
            self.add_error("child_date_of_birth", rules.DATE_OF_BIRTH_WITH_THE_NAME)
        if born and not first_name:
            self.add_error("child_first_name", rules.NAME_WITH_THE_DATE_OF_BIRTH)
        if not self.errors and not (cleaned.get("family_name") or first_name):
            self.add_error("family_name", rules.ENTER_SOMETHING_TO_SEARCH_FOR)
        return cleaned

    def terms_for_search(self) -> dict:
        return {name: self.cleaned_data.get(name) or None for name in ("family_name", "child_first_name", "child_date_of_birth")}

    def terms(self) -> dict:
        """The search terms in a form the session can carry to 'add a new family'."""
        born = self.cleaned_data.get("child_date_of_birth")
        return {
            "family_name": self.cleaned_data.get("family_name", ""),
            "child_first_name": self.cleaned_data.get("child_first_name", ""),
            "child_date_of_birth": born.isoformat() if born else "",
        }


def first_person_from(terms: dict) -> dict:
    """The search terms, ready to start the first person's row when adding a new family."""
    first_person = {"first_name": terms.get("child_first_name", ""), "last_name": terms.get("family_name", "")}
    try:
        if terms.get("child_date_of_birth"):
            first_person["date_of_birth"] = datetime.date.fromisoformat(terms["child_date_of_birth"])
    except (TypeError, ValueError):
        pass
    return first_person


class JoinRequestForm(GoldenThreadForm):
    organisation = forms.ChoiceField(
        label="Which organisation you are joining for",
        error_messages={
            "required": "Choose the organisation you work in for this family",
            "invalid_choice": "Choose one of your organisations from the list",
        },
    )
    reason = rules.JOIN_REASON.form_field()

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_choice(self, organisations)

    @property
    def single_organisation(self):
        return next(iter(self.organisations.values())) if len(self.organisations) == 1 else None

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


def _organisation_choice(form, organisations):
    """The person's organisations to choose from; with only one, it is chosen for them."""
    form.organisations = {str(o.public_id): o for o in organisations}
    field = form.fields["organisation"]
    field.choices = [(key, o.name) for key, o in form.organisations.items()]
    if len(form.organisations) == 1:
        field.initial = next(iter(form.organisations))
        field.widget = forms.HiddenInput()


# A new family ---------------------------------------------------------------------------


def _lawful_basis_field(help_text="This is separate from the family's agreement to share, which you record afterwards."):
    return forms.ChoiceField(
        label="Lawful basis for holding and sharing the record",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": "Choose the lawful basis for holding the record", "invalid_choice": "Choose one of the lawful bases listed"},
    )


class LawfulBasisRadiosMixin:
    """The lawful basis as radios, with a plain hint under each choice."""

    def lawful_basis_radios(self):
        return _radios(self["lawful_basis"], legend=str(self.fields["lawful_basis"].label), hints=LAWFUL_BASIS_HINTS)


class NewFamilyDetailsForm(LawfulBasisRadiosMixin, GoldenThreadForm):
    organisation = forms.ChoiceField(
        label="Which organisation is recording this family",
        error_messages={
            "required": "Choose the organisation you are recording this family for",
            "invalid_choice": "Choose one of your organisations from the list",
        },
    )
    family_name = rules.FAMILY_NAME.form_field()
    lawful_basis = _lawful_basis_field()
    lawful_basis_note = rules.LAWFUL_BASIS_NOTE_WHEN_RECORDING.form_field()
    contact_details = rules.CONTACT_DETAILS.form_field()

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_choice(self, organisations)

    @property
    def single_organisation(self):
        return next(iter(self.organisations.values())) if len(self.organisations) == 1 else None

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class PersonForm(GoldenThreadForm):
    first_name = rules.FIRST_NAME.form_field()
    last_name = rules.LAST_NAME.form_field()
    preferred_name = rules.PREFERRED_NAME.form_field()
    pronouns = rules.PRONOUNS.form_field()
    date_of_birth = rules.DATE_OF_BIRTH.form_field()
    role_in_family = forms.ChoiceField(
        label="Who they are in the family",
        choices=[("", "Choose who they are"), *Person.RoleInFamily.choices],
        error_messages={"required": rules.CHOOSE_WHO_THEY_ARE, "invalid_choice": f"{rules.CHOOSE_WHO_THEY_ARE} from the list"},
    )

    def person(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "role_in_family")}


class HouseholdRowForm(PersonForm):
    """One optional row of 'the people in the household'; an empty row is skipped."""

    ROW_FIELDS = ("first_name", "last_name", "preferred_name", "pronouns", "role_in_family")

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, prefix=f"person-{row}", **kwargs)
        self.row = row
        self.is_focus_row = row == 1
        if not self.is_focus_row:
            for field in self.fields.values():
                field.required = False
        else:
            self.fields["role_in_family"].initial = Person.RoleInFamily.CHILD

    def is_empty(self) -> bool:
        if not self.is_bound:
            return True
        typed = [str(self.data.get(self.add_prefix(name), "")).strip() for name in self.ROW_FIELDS]
        typed += [str(self.data.get(f"{self.add_prefix('date_of_birth')}_{i}", "")).strip() for i in range(3)]
        return not any(typed)

    def clean(self):
        cleaned = super().clean()
        if not self.is_focus_row and not self.is_empty():
            if not cleaned.get("first_name") and "first_name" not in self.errors:
                self.add_error("first_name", f"Enter a first name for person {self.row}, or clear their row")
            if not cleaned.get("role_in_family") and "role_in_family" not in self.errors:
                self.add_error("role_in_family", f"Choose who person {self.row} is in the family")
        return cleaned


class NewFamilyForms:
    """The family's details and the household rows, checked and shown together as one form."""

    def __init__(self, data=None, *, organisations, initial=None, first_person=None):
        self.details = NewFamilyDetailsForm(data, organisations=organisations, initial=initial)
        self.rows = [HouseholdRowForm(data, row=row, initial=first_person if row == 1 else None) for row in range(1, PERSON_ROWS + 1)]
        self.is_bound = data is not None

    def __getitem__(self, name):
        return self.details[name]

    @property
    def focus_row(self):
        return self.rows[0]

    @property
    def other_rows(self):
        return self.rows[1:]

    @property
    def errors(self):
        errors = {}
        for form in [self.details, *self.rows]:
            for name, messages in form.errors.items():
                errors[form.add_prefix(name) if name != "__all__" else "__all__"] = messages
        return errors

    def is_valid(self) -> bool:
        return all([self.details.is_valid(), *[row.is_valid() for row in self.rows]])

    def error_summary(self):
        return gt_error_summary(self.details, *self.rows)

    @property
    def cleaned_data(self) -> dict:
        """The family's details and, under "people", the household rows filled in."""
        return {**self.details.cleaned_data, "people": self.people()}

    def people(self) -> list[dict]:
        people = []
        for row in self.rows:
            if row.is_focus_row or not row.is_empty():
                people.append({**row.person(), "is_focus": row.is_focus_row})
        return people

    def apply_service_errors(self, error: ValidationError):
        self.details.apply_service_errors(error)


# The family's details, and closing the record ---------------------------------------------


class ContactDetailsForm(GoldenThreadForm):
    """The contact details alone: for someone who may change them but not the rest of the family's details."""

    FIELDS = ("contact_details",)

    contact_details = rules.CONTACT_DETAILS.form_field()
    version = version_field(rules.VERSION_PROBLEM)

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class FamilyDetailsForm(LawfulBasisRadiosMixin, ContactDetailsForm):
    """Everything the organisation holding the record keeps up to date: the family's name, the lawful basis and the contact details."""

    FIELDS = ("family_name", "lawful_basis", "lawful_basis_note", "contact_details")

    family_name = rules.FAMILY_NAME.form_field()
    lawful_basis = _lawful_basis_field(help_text="This is separate from the family's agreements to share their record.")
    lawful_basis_note = rules.LAWFUL_BASIS_NOTE.form_field()

    field_order = FIELDS


class CloseFamilyForm(GoldenThreadForm):
    closed_on = rules.CLOSED_ON.form_field()


class ReopenFamilyForm(GoldenThreadForm):
    """A question with one button: the service says if the record cannot be opened again."""


# The record's parts ---------------------------------------------------------------------


class StoryEntryForm(GoldenThreadForm):
    story = rules.STORY.form_field()
    who_was_there = rules.WHO_WAS_THERE.form_field()
    told_on = rules.TOLD_ON.form_field()
    how_agreed = rules.HOW_AGREED.form_field()

    def entry(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("story", "who_was_there", "told_on", "how_agreed")}


class StoryEditForm(StoryEntryForm):
    version = version_field(rules.VERSION_PROBLEM)


class ProfileForm(GoldenThreadForm):
    liked_and_admired = rules.LIKED_AND_ADMIRED.form_field()
    important_to_me = rules.IMPORTANT_TO_ME.form_field()
    how_to_support_me = rules.HOW_TO_SUPPORT_ME.form_field()
    written_with = rules.WRITTEN_WITH.form_field()
    version = version_field(rules.VERSION_PROBLEM)

    FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me", "written_with")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in self.FIELDS[:3]):
            self.add_error("liked_and_admired", rules.WRITE_ONE_PART_OF_THE_PROFILE)
        return cleaned

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


WHOLE_HOUSEHOLD = "whole-household"


class ChronologyEntryForm(GoldenThreadForm):
    occurred_on = rules.OCCURRED_ON.form_field()
    what_happened = rules.WHAT_HAPPENED.form_field()
    meaning_for_child = rules.MEANING_FOR_CHILD.form_field()
    about = LenientChoiceField(
        label="Who it is about",
        required=False,
        widget=forms.RadioSelect,
        help_text="A family member with their own sign-in sees what is about them or the whole household.",
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.public_id): person for person in people}
        self.fields["about"].choices = [(WHOLE_HOUSEHOLD, "The whole household"), *[(key, _person_label(p)) for key, p in self.people.items()]]
        self.fields["about"].initial = WHOLE_HOUSEHOLD

    def entry(self) -> dict:
        values = {name: self.cleaned_data[name] for name in ("occurred_on", "what_happened", "meaning_for_child")}
        return {**values, "about": self.people.get(self.cleaned_data.get("about") or WHOLE_HOUSEHOLD)}


# The team around the family -------------------------------------------------------------


class JoinDecisionForm(GoldenThreadForm):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")],
        error_messages={
            "required": "Choose to accept or decline the request",
            "invalid_choice": "Choose to accept or decline the request",
        },
    )


class MakeLeadForm(GoldenThreadForm):
    member = forms.ChoiceField(
        label="Who should be the lead practitioner",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who should be the lead practitioner",
            "invalid_choice": "Choose someone from the team",
        },
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = {str(member.user.public_id): member for member in team}
        self.fields["member"].choices = [(key, f"{m.user.full_name}, {m.organisation.name}") for key, m in self.team.items()]

    def chosen_member(self):
        return self.team[self.cleaned_data["member"]]


# Consent --------------------------------------------------------------------------------

SOMEONE_ELSE = "someone-else"


class ConsentForm(GoldenThreadForm):
    organisation = forms.ChoiceField(
        label="Which organisation may see the record",
        error_messages={
            "required": rules.CHOOSE_THE_ORGANISATION,
            "invalid_choice": "Choose an organisation from the list",
        },
    )
    parts = forms.MultipleChoiceField(
        label="Which parts of the record",
        choices=Part.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one part of the record", "invalid_choice": rules.CHOOSE_PARTS_FROM_THE_LIST},
    )
    valid_from = rules.VALID_FROM.form_field()
    valid_until = rules.VALID_UNTIL.form_field()
    given_by = forms.ChoiceField(
        label="Who gave the agreement",
        widget=forms.RadioSelect,
        help_text="A young person can agree for themselves where they are able to.",
        error_messages={"required": "Choose who gave the agreement", "invalid_choice": "Choose who gave the agreement from the list"},
    )
    # Needed only when "Someone else" gave the agreement (see clean); the service asks for a name always.
    given_by_name = rules.GIVEN_BY_NAME.form_field(required=False)
    method = forms.ChoiceField(
        label="How it was given",
        choices=ConsentAgreement.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": rules.CHOOSE_HOW_IT_WAS_GIVEN, "invalid_choice": f"{rules.CHOOSE_HOW_IT_WAS_GIVEN} from the list"},
    )

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.people = {str(p.public_id): p for p in people}
        self.fields["organisation"].choices = [("", "Choose an organisation"), *[(k, o.name) for k, o in self.organisations.items()]]
        self.fields["given_by"].choices = [*[(k, _person_label(p)) for k, p in self.people.items()], (SOMEONE_ELSE, "Someone else")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("given_by") == SOMEONE_ELSE and not cleaned.get("given_by_name") and "given_by_name" not in self.errors:
            self.add_error("given_by_name", rules.GIVEN_BY_NAME.required_message)
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", rules.ENDS_BEFORE_IT_STARTS)
        return cleaned

    def agreement(self) -> dict:
        data = self.cleaned_data
        person = self.people.get(data["given_by"])
        return {
            "organisation": self.organisations[data["organisation"]],
            "parts": list(data["parts"]),
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
            "given_by": person,
            "given_by_name": _person_label(person) if person else data["given_by_name"],
            "method": data["method"],
        }


def _person_label(person):
    name = " ".join(part for part in (person.preferred_name or person.first_name, person.last_name) if part)
    return f"{name} ({person.get_role_in_family_display().lower()})"


class WithdrawConsentForm(GoldenThreadForm):
    withdrawal_note = rules.WITHDRAWAL_NOTE.form_field()


# Emergency, review and retention ----------------------------------------------------------


class EmergencyAccessForm(GoldenThreadForm):
    reason = rules.EMERGENCY_REASON.form_field()

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        problem = rules.emergency_reason_problem(reason)
        if problem:
            raise forms.ValidationError(problem)
        return reason


class ReviewForm(GoldenThreadForm):
    outcome = forms.ChoiceField(
        label="Was this emergency access justified?",
        choices=[(EmergencyAccess.Review.JUSTIFIED, "Justified"), (EmergencyAccess.Review.NOT_JUSTIFIED, "Not justified")],
        widget=forms.RadioSelect,
        error_messages={"required": rules.CHOOSE_JUSTIFIED_OR_NOT, "invalid_choice": rules.CHOOSE_JUSTIFIED_OR_NOT},
    )
    review_note = rules.REVIEW_NOTE.form_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == EmergencyAccess.Review.NOT_JUSTIFIED and not cleaned.get("review_note") and "review_note" not in self.errors:
            self.add_error("review_note", rules.SAY_WHY_NOT_JUSTIFIED)
        return cleaned


class RetentionForm(GoldenThreadForm):
    years_after_closure = forms.IntegerField(
        label="Years to keep a record after it is closed",
        min_value=rules.FEWEST_YEARS,
        max_value=rules.MOST_YEARS,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many years to keep a closed record",
            "invalid": "Enter the number of years as a whole number, like 6",
            "min_value": rules.AT_LEAST_FEWEST_YEARS,
            "max_value": rules.AT_MOST_MOST_YEARS,
        },
    )
    outcome = forms.ChoiceField(
        label="What happens after that",
        choices=RetentionRule.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to a record after that time", "invalid_choice": "Choose one of the options"},
    )
