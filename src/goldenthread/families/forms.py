"""The family record's forms: they parse and explain; who may do what lives in access and services."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from goldenthread.core.forms import DateField, TidyTextMixin, show_service_errors
from goldenthread.core.govuk import render_component
from goldenthread.core.templatetags.gt import gt_error_summary

from .models import (
    ConsentAgreement,
    EmergencyAccess,
    LawfulBasis,
    Part,
    Person,
    RetentionRule,
)

PERSON_ROWS = 6
EMERGENCY_REASON_MIN = 20

LAWFUL_BASIS_HINTS = {
    LawfulBasis.PUBLIC_TASK: "Your organisation holds the record to do its public work, such as Early Help.",
    LawfulBasis.SAFEGUARDING: "To keep a child safe. This can apply even when the family has not agreed.",
    LawfulBasis.LEGAL_OBLIGATION: "A law says your organisation must keep this record.",
    LawfulBasis.VITAL_INTERESTS: "To protect someone's life, when they cannot agree.",
    LawfulBasis.CONSENT: "The family has agreed to the record being kept, and can change their mind.",
}


class FamilyForm(TidyTextMixin, forms.Form):
    """Every family form: text tidied, and required text that tidies away to nothing refused."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if field.required and isinstance(field, forms.CharField) and name in cleaned and not cleaned[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def apply_service_errors(self, error: ValidationError):
        show_service_errors(self, error)


def _messages(label, required_message, max_length=None):
    messages = {
        "required": required_message,
        "null_characters_not_allowed": f"{label} contains a character we cannot store. Remove it and try again",
    }
    if max_length:
        messages["max_length"] = f"{label} must be {max_length:,} characters or fewer"
    return messages


def text_box(label, max_length, required_message="", *, rows=5, hint="", required=True):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_messages(label, required_message, max_length),
    )


def line(label, max_length, required_message="", *, hint="", required=True):
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=hint, error_messages=_messages(label, required_message, max_length)
    )


def date(label, required_message, *, hint="", required=True):
    field = DateField(label=label, required=required, help_text=hint)
    field.error_messages["required"] = required_message
    return field


def _version():
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_147_483_647, error_messages={
        "required": "Something went wrong with this form. Go back to the record and try again",
        "invalid": "Something went wrong with this form. Go back to the record and try again",
    })


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


class SearchForm(FamilyForm):
    family_name = line("Family name", 150, hint="The surname, or the name the family uses", required=False)
    child_first_name = line("The child or young person's first name", 100, required=False)
    child_date_of_birth = date("Their date of birth", "", hint="For example, 27 3 2015", required=False)

    def clean(self):
        cleaned = super().clean()
        first_name, born = cleaned.get("child_first_name"), cleaned.get("child_date_of_birth")
        if first_name and not born and "child_date_of_birth" not in self.errors:
            self.add_error("child_date_of_birth", "Enter the child's date of birth as well as their first name")
        if born and not first_name:
            self.add_error("child_first_name", "Enter the child's first name as well as their date of birth")
        if not self.errors and not (cleaned.get("family_name") or first_name):
            self.add_error("family_name", "Enter the family name, or the child's first name and date of birth")
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


class JoinRequestForm(FamilyForm):
    organisation = forms.ChoiceField(label="Which organisation you are joining for", error_messages={
        "required": "Choose the organisation you work in for this family",
        "invalid_choice": "Choose one of your organisations from the list",
    })
    reason = text_box(
        "Why you need to join the team", 500, "Say why you need to join the team around this family", rows=3,
        hint="For example: I am the family's health visitor and we have a visit planned next week.",
    )

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


class NewFamilyDetailsForm(FamilyForm):
    organisation = forms.ChoiceField(label="Which organisation is recording this family", error_messages={
        "required": "Choose the organisation you are recording this family for",
        "invalid_choice": "Choose one of your organisations from the list",
    })
    family_name = line("How the family would like to be known", 150, "Enter how the family would like to be known", hint="For example, the Rivers family")
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for holding and sharing the record",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        help_text="This is separate from the family's agreement to share, which you record afterwards.",
        error_messages={"required": "Choose the lawful basis for holding the record", "invalid_choice": "Choose one of the lawful bases listed"},
    )
    lawful_basis_note = line("Why this basis applies", 500, "Say why this lawful basis applies")
    contact_details = text_box("Contact details", 2000, rows=3, hint="Address, phone numbers, and how the family prefers to be contacted", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _organisation_choice(self, organisations)

    @property
    def single_organisation(self):
        return next(iter(self.organisations.values())) if len(self.organisations) == 1 else None

    def lawful_basis_radios(self):
        return _radios(self["lawful_basis"], legend=str(self.fields["lawful_basis"].label), hints=LAWFUL_BASIS_HINTS)

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class PersonForm(FamilyForm):
    first_name = line("First name", 100, "Enter their first name")
    last_name = line("Last name", 100, required=False)
    preferred_name = line("What they like to be called", 100, required=False)
    pronouns = line("Pronouns", 40, required=False, hint="For example, she/her, he/him, they/them")
    date_of_birth = date("Date of birth", "", required=False, hint="For example, 27 3 2015. Leave it empty if you do not know it")
    role_in_family = forms.ChoiceField(
        label="Who they are in the family",
        choices=[("", "Choose who they are"), *Person.RoleInFamily.choices],
        error_messages={"required": "Choose who they are in the family", "invalid_choice": "Choose who they are in the family from the list"},
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

    def people(self) -> list[dict]:
        people = []
        for row in self.rows:
            if row.is_focus_row or not row.is_empty():
                people.append({**row.person(), "is_focus": row.is_focus_row})
        return people

    def apply_service_errors(self, error: ValidationError):
        self.details.apply_service_errors(error)


# The record's parts ---------------------------------------------------------------------


class StoryEntryForm(FamilyForm):
    story = text_box("The story, in the family's words", 20000, "Write the family's story, in their words", rows=12,
                     hint="Use the family's own words where you can. You can add more later.")
    who_was_there = line("Who was there", 500, "Say who was there when the story was told", hint="For example: Mum, Jamie (aged 9), and me")
    told_on = date("When it was told", "Enter the date the story was told")
    how_agreed = line("How the family agreed to it being recorded", 500, "Say how the family agreed to the story being recorded",
                      hint="For example: Mum read it back with me and agreed it at the visit")

    def entry(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("story", "who_was_there", "told_on", "how_agreed")}


class StoryEditForm(StoryEntryForm):
    version = _version()


class ProfileForm(FamilyForm):
    liked_and_admired = text_box("What people like and admire about me", 4000, required=False, rows=6)
    important_to_me = text_box("What is important to me", 4000, required=False, rows=6)
    how_to_support_me = text_box("How best to support me", 4000, required=False, rows=6)
    written_with = line("Who wrote it with me", 300, required=False, hint="For example: Jamie, with Riley from Children's Services")
    version = _version()

    FIELDS = ("liked_and_admired", "important_to_me", "how_to_support_me", "written_with")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in self.FIELDS[:3]):
            self.add_error("liked_and_admired", "Write at least one part of the profile")
        return cleaned

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ChronologyEntryForm(FamilyForm):
    occurred_on = date("When it happened", "Enter the date it happened")
    what_happened = text_box("What happened", 2000, "Say what happened", rows=4)
    meaning_for_child = text_box("What it meant for the child or young person", 2000, "Say what it meant for the child or young person", rows=4)

    def entry(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("occurred_on", "what_happened", "meaning_for_child")}


# The team around the family -------------------------------------------------------------


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")], error_messages={
        "required": "Choose to accept or decline the request", "invalid_choice": "Choose to accept or decline the request",
    })


class MakeLeadForm(FamilyForm):
    member = forms.ChoiceField(label="Who should be the lead practitioner", widget=forms.RadioSelect, error_messages={
        "required": "Choose who should be the lead practitioner", "invalid_choice": "Choose someone from the team",
    })

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = {str(member.user.public_id): member for member in team}
        self.fields["member"].choices = [(key, f"{m.user.full_name}, {m.organisation.name}") for key, m in self.team.items()]

    def chosen_member(self):
        return self.team[self.cleaned_data["member"]]


# Consent --------------------------------------------------------------------------------

SOMEONE_ELSE = "someone-else"


class ConsentForm(FamilyForm):
    organisation = forms.ChoiceField(label="Which organisation may see the record", error_messages={
        "required": "Choose the organisation the family agrees may see their record",
        "invalid_choice": "Choose an organisation from the list",
    })
    parts = forms.MultipleChoiceField(
        label="Which parts of the record", choices=Part.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one part of the record", "invalid_choice": "Choose parts of the record from the list"},
    )
    valid_from = date("From", "Enter the date the agreement starts")
    valid_until = date("Until", "", required=False, hint="Leave it empty if the family has not set an end date. For example, 27 3 2027")
    given_by = forms.ChoiceField(label="Who gave the agreement", widget=forms.RadioSelect,
                                 help_text="A young person can agree for themselves where they are able to.",
                                 error_messages={"required": "Choose who gave the agreement", "invalid_choice": "Choose who gave the agreement from the list"})
    given_by_name = line("Their name", 150, required=False, hint="If it was someone not listed")
    method = forms.ChoiceField(label="How it was given", choices=ConsentAgreement.Method.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose how the agreement was given", "invalid_choice": "Choose how the agreement was given from the list"})

    def __init__(self, *args, organisations, people, family_member=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.people = {str(p.public_id): p for p in people}
        self.family_member = family_member
        self.fields["organisation"].choices = [("", "Choose an organisation"), *[(k, o.name) for k, o in self.organisations.items()]]
        self.fields["given_by"].choices = [*[(k, _person_label(p)) for k, p in self.people.items()], (SOMEONE_ELSE, "Someone else")]
        if family_member:
            # A family member gives the agreement themselves, signed in: who and how are known.
            for name in ("given_by", "given_by_name", "method"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("given_by") == SOMEONE_ELSE and not cleaned.get("given_by_name") and "given_by_name" not in self.errors:
            self.add_error("given_by_name", "Enter the name of the person who gave the agreement")
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", "The end date must be the same as or after the start date")
        return cleaned

    def agreement(self) -> dict:
        data = self.cleaned_data
        if self.family_member:
            common = {"given_by": None, "given_by_name": "", "method": ConsentAgreement.Method.ONLINE}
            return {"organisation": self.organisations[data["organisation"]], "parts": list(data["parts"]),
                    "valid_from": data["valid_from"], "valid_until": data["valid_until"], **common}
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


class WithdrawConsentForm(FamilyForm):
    withdrawal_note = line("Anything to note about the withdrawal", 500, required=False, hint="Optional. For example: Mum asked by phone")


# Emergency, review and retention ----------------------------------------------------------


class EmergencyAccessForm(FamilyForm):
    reason = text_box("Why you need to open this record now", 2000, "Say why you need to open this record now", rows=5,
                      hint=f"At least {EMERGENCY_REASON_MIN} characters. The data protection lead will read this.")

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if reason and len(reason) < EMERGENCY_REASON_MIN:
            raise ValidationError(f"Say more about why you need to open this record now: at least {EMERGENCY_REASON_MIN} characters")
        return reason


class ReviewForm(FamilyForm):
    outcome = forms.ChoiceField(
        label="Was this emergency access justified?",
        choices=[(EmergencyAccess.Review.JUSTIFIED, "Justified"), (EmergencyAccess.Review.NOT_JUSTIFIED, "Not justified")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose justified or not justified", "invalid_choice": "Choose justified or not justified"},
    )
    review_note = text_box("Your note", 1000, required=False, rows=3, hint="Optional when justified. Say what should happen next if it was not.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == EmergencyAccess.Review.NOT_JUSTIFIED and not cleaned.get("review_note") and "review_note" not in self.errors:
            self.add_error("review_note", "Say why it was not justified and what should happen next")
        return cleaned


class RetentionForm(FamilyForm):
    years_after_closure = forms.IntegerField(
        label="Years to keep a record after it is closed", min_value=1, max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many years to keep a closed record",
            "invalid": "Enter the number of years as a whole number, like 6",
            "min_value": "Enter at least 1 year",
            "max_value": "Enter 100 years or fewer",
        },
    )
    outcome = forms.ChoiceField(
        label="What happens after that", choices=RetentionRule.Outcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to a record after that time", "invalid_choice": "Choose one of the options"},
    )
