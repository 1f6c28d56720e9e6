"""The self-assessment's forms: they parse and explain; the rules themselves live in services."""

from django import forms
from django.core.exceptions import ValidationError

from goldenthread.core.forms import DateField, TidyTextMixin, show_service_errors

from . import services
from .models import Action, Framework

DONT_KNOW = "dont-know"
NOT_STORABLE = "{label} contains a character we cannot store. Remove it and try again"


class ContinuumForm(TidyTextMixin, forms.Form):
    """Shared by every form here: text tidied, and required text that tidied away to nothing refused."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if field.required and isinstance(field, forms.CharField) and name in cleaned and not cleaned[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def apply_service_errors(self, error: ValidationError):
        show_service_errors(self, error)


def _line(label, max_length, required_message="", *, hint="", required=True):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=hint,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
            "null_characters_not_allowed": NOT_STORABLE.format(label=label),
        },
    )


class StartAssessmentForm(ContinuumForm):
    framework = forms.ChoiceField(
        label="Which framework will you use?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the framework for this round", "invalid_choice": "Choose one of the frameworks listed"},
    )
    title = _line(
        "Name this round", services.TITLE_MAX_LENGTH, "Enter a name for this round, for example ‘Spring 2026’",
        hint="Something your colleagues will recognise, for example ‘Spring 2026’.",
    )

    def __init__(self, *args, frameworks, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.frameworks = {str(framework.pk): framework for framework in frameworks}
        self.fields["framework"].choices = [
            (pk, f"{framework.title}{' (suggested for your organisation)' if framework == suggested else ''}")
            for pk, framework in self.frameworks.items()
        ]
        if suggested is not None and not self.is_bound:
            self.initial["framework"] = str(suggested.pk)
        kinds = {framework.kind for framework in frameworks}
        if Framework.Kind.SCHOOLS in kinds:
            self.fields["framework"].help_text = "The schools framework has areas of its own, such as behaviour, safe spaces and transitions. Any organisation can use the general framework."

    def chosen_framework(self) -> Framework:
        return self.frameworks[self.cleaned_data["framework"]]


class InviteForm(ContinuumForm):
    people = forms.MultipleChoiceField(
        label="Who would you like to invite?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone's view counts, from the front desk to the board. Each person answers on their own, and no one else sees their answers.",
        error_messages={
            "required": "Choose at least one person to invite, or invite everyone",
            "invalid_choice": "Choose people from the list of your organisation's members",
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(m.user_id): m.user for m in memberships}
        self.fields["people"].choices = [
            (str(m.user_id), ", ".join(part for part in (m.user.full_name, m.user.job_title, m.get_role_display()) if part)) for m in memberships
        ]

    def chosen_people(self):
        return [self.people[pk] for pk in self.cleaned_data.get("people", [])]


class AnswerDomainForm(ContinuumForm):
    """One area's statements: an answer on the framework's scale (or ‘I don't know’) and a note of evidence each."""

    def __init__(self, *args, items, scale, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        choices = [(str(point["value"]), point.get("label", str(point["value"]))) for point in scale]
        choices.append((DONT_KNOW, "I don't know"))
        for number, item in enumerate(self.items, start=1):
            answer_name, evidence_name = services.answer_field(item), services.evidence_field(item)
            self.fields[answer_name] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the answers listed, or ‘I don't know’"},
            )
            self.fields[evidence_name] = forms.CharField(
                label=f"Evidence or an example for statement {number} (optional)",
                required=False,
                max_length=services.EVIDENCE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": f"The evidence must be {services.EVIDENCE_MAX_LENGTH:,} characters or fewer",
                    "null_characters_not_allowed": NOT_STORABLE.format(label="The evidence"),
                },
            )
            existing = (answers or {}).get(item.pk)
            if existing is not None and not self.is_bound:
                self.initial[answer_name] = DONT_KNOW if existing.value is None else str(existing.value)
                self.initial[evidence_name] = existing.evidence

    def pairs(self):
        """Each statement's answer field and evidence field, in order, for the template."""
        return [(item, self[services.answer_field(item)], self[services.evidence_field(item)]) for item in self.items]

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            answer, evidence = cleaned.get(services.answer_field(item)), cleaned.get(services.evidence_field(item))
            if evidence and not answer and services.answer_field(item) not in self.errors:
                self.add_error(services.answer_field(item), "You wrote a note about this statement: choose an answer too, or ‘I don't know’")
        return cleaned

    def answers(self) -> dict:
        """{item id: (value or None for ‘I don't know’, evidence)} for every statement answered on this page."""
        chosen = {}
        for item in self.items:
            answer = self.cleaned_data.get(services.answer_field(item))
            if not answer:
                continue
            value = None if answer == DONT_KNOW else int(answer)
            chosen[item.pk] = (value, self.cleaned_data.get(services.evidence_field(item), ""))
        return chosen


class SubmitResponseForm(ContinuumForm):
    role_description = _line(
        "Your role (optional)", services.ROLE_MAX_LENGTH, required=False,
        hint="For example: receptionist, social worker, team manager, director. It helps the lead see whose views are in; your name is never shown beside your answers.",
    )


class ActionForm(ContinuumForm):
    domain = forms.ChoiceField(
        label="Area", error_messages={"required": "Choose the area this action is for", "invalid_choice": "Choose one of the areas listed"}
    )
    description = forms.CharField(
        label="What we will do",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Describe what you will do",
            "max_length": "What we will do must be 500 characters or fewer",
            "null_characters_not_allowed": NOT_STORABLE.format(label="What we will do"),
        },
    )
    owner = _line("Who owns it", 150, "Enter who owns this action: a name or a team", hint="A name or a team.")
    due_on = DateField(label="Due date", help_text="For example, 27 3 2026")
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        initial=Action.Status.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where this action has got to", "invalid_choice": "Choose one of the statuses listed"},
    )

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = {str(domain.pk): domain for domain in domains}
        self.fields["domain"].choices = [("", "Choose an area"), *[(pk, domain.title) for pk, domain in self.domains.items()]]
        self.fields["due_on"].error_messages["required"] = "Enter the date it is due, for example 27 3 2026"

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["domain"] = self.domains[data["domain"]]
        return data


class LenientChoiceField(forms.ChoiceField):
    """A filter choice: an unknown value is ignored rather than shown as an error."""

    def validate(self, value):
        forms.Field.validate(self, value)


class ActionFilterForm(forms.Form):
    status = LenientChoiceField(label="Show", required=False, choices=[("", "Every action"), ("overdue", "Overdue"), *Action.Status.choices])
