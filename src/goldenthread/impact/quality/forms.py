"""The quality part's forms: appointing an auditor, drawing a round, grading a record, leaving one out."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import DateField, GoldenThreadForm
from goldenthread.core.models import User
from goldenthread.partnership.models import Organisation

from . import questions, rules

ALL = "all"


class AppointForm(GoldenThreadForm):
    person = forms.ModelChoiceField(
        label="Who would you like to appoint?",
        queryset=User.objects.none(),
        error_messages={"required": rules.CHOOSE_PERSON, "invalid_choice": rules.CHOOSE_PERSON},
        help_text="Anyone who works in the partnership. They read only the records the families access rule lets them see.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(is_active=True, is_family_account=False).order_by("full_name")
        self.fields["person"].empty_label = "Choose a person"


class DrawForm(GoldenThreadForm):
    auditor = forms.ModelChoiceField(
        label="Who is the audit for?",
        queryset=User.objects.none(),
        error_messages={"required": rules.CHOOSE_AUDITOR, "invalid_choice": rules.CHOOSE_AUDITOR},
    )
    start = DateField(label="The records' period starts on", error_messages={"required": "Enter the first day of the period, for example 1 4 2026"})
    end = DateField(label="and ends on", error_messages={"required": "Enter the last day of the period, for example 30 6 2026"})
    organisation = forms.ChoiceField(label="Which organisation's records?", choices=())
    size = forms.IntegerField(
        label="How many records?",
        min_value=rules.SMALLEST_SAMPLE,
        max_value=rules.LARGEST_SAMPLE,
        initial=10,
        error_messages={"required": rules.SIZE_WORDS, "invalid": rules.SIZE_WORDS, "min_value": rules.SIZE_WORDS, "max_value": rules.SIZE_WORDS},
        help_text="The platform draws them at random from the records the auditor may see.",
    )

    def __init__(self, *args, auditors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if auditors is None:
            del self.fields["auditor"]
        else:
            self.fields["auditor"].queryset = auditors
            self.fields["auditor"].empty_label = "Choose an auditor"
        choices = [(ALL, "All organisations")] + [(str(o.public_id), o.name) for o in Organisation.objects.filter(is_active=True).order_by("name")]
        self.fields["organisation"].choices = choices
        self.fields["organisation"].error_messages["invalid_choice"] = "Choose an organisation from the list, or all organisations"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", rules.START_AFTER_END)
        return cleaned

    def chosen_organisation(self):
        value = self.cleaned_data.get("organisation")
        if not value or value == ALL:
            return None
        return Organisation.objects.filter(public_id=value).first()


class GradeForm(GoldenThreadForm):
    """One grade (radios) and an optional note for each audit question."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions.questions():
            self.fields[f"grade_{question.key}"] = forms.ChoiceField(
                label=question.title,
                choices=questions.grade_choices(),
                widget=forms.RadioSelect,
                help_text=question.guidance,
                error_messages={"required": rules.GRADE_EVERY_QUESTION, "invalid_choice": rules.GRADE_EVERY_QUESTION},
            )
            self.fields[f"note_{question.key}"] = rules.NOTE.form_field(label="A note on this question (optional)")

    def pairs(self):
        """(grade field, note field) for each question, for the template."""
        return [(self[f"grade_{q.key}"], self[f"note_{q.key}"]) for q in questions.questions()]

    def grades(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(f"grade_{q.key}", "") for q in questions.questions()}

    def notes(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(f"note_{q.key}", "") for q in questions.questions()}


class SkipForm(GoldenThreadForm):
    reason = rules.SKIP_REASON.form_field()
