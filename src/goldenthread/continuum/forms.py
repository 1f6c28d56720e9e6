"""The self-assessment's forms: they parse and explain. Each field is built from its rule in
`rules.py`, which the services check again; the action plan's form is the shared one of
`core.action_plan`.
"""

from django import forms

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField
from goldenthread.core.govuk import render_component
from goldenthread.partnership.models import Sector

from . import frameworks, queries, rules, services
from .models import Framework

DONT_KNOW = "dont-know"


class StartAssessmentForm(GoldenThreadForm):
    framework = forms.ChoiceField(
        label="Which framework will you use?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the framework for this round", "invalid_choice": rules.CHOOSE_A_FRAMEWORK},
    )
    title = rules.ROUND_TITLE.form_field(label=rules.ROUND_TITLE_LABEL)

    def __init__(self, *args, frameworks, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.frameworks = {str(framework.pk): framework for framework in frameworks}
        self.fields["framework"].choices = [
            (pk, f"{framework.title}{' (suggested for your organisation)' if framework == suggested else ''}") for pk, framework in self.frameworks.items()
        ]
        if suggested is not None and not self.is_bound:
            self.initial["framework"] = str(suggested.pk)
        kinds = {framework.kind for framework in frameworks}
        if Framework.Kind.SCHOOLS in kinds:
            self.fields[
                "framework"
            ].help_text = (
                "The schools framework has areas of its own, such as behaviour, safe spaces and transitions. Any organisation can use the general framework."
            )

    def chosen_framework(self) -> Framework:
        return self.frameworks[self.cleaned_data["framework"]]


class InviteForm(GoldenThreadForm):
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


class AnswerDomainForm(GoldenThreadForm):
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
                error_messages={"invalid_choice": rules.CHOOSE_AN_ANSWER},
            )
            self.fields[evidence_name] = rules.EVIDENCE.form_field(label=f"Evidence or an example for statement {number} (optional)")
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


class SubmitResponseForm(GoldenThreadForm):
    role_description = rules.ROLE_DESCRIPTION.form_field(label=rules.ROLE_DESCRIPTION_LABEL)


class MapFilterForm(GoldenThreadForm):
    """The partnership map's filters; a value not in the list (an old link) filters nothing."""

    sector = LenientChoiceField(label="Sector", required=False, choices=[("", "Every sector"), *Sector.choices])
    framework = LenientChoiceField(label="Self-assessment framework", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [("", "Every framework"), *queries.framework_choices()]

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {"sector": "", "framework": ""}
        return {name: queries.tidy_filter(self.cleaned_data.get(name)) for name in ("sector", "framework")}


class FrameworkUploadForm(GoldenThreadForm):
    file = forms.FileField(
        label="Upload a framework file",
        help_text=f"A .toml file you downloaded from this site and edited, smaller than {frameworks.MAX_FILE_BYTES // 1024} KB.",
        error_messages={
            "required": "Select a framework file to upload",
            "empty": "The selected file is empty. Choose a framework file that has content.",
            "invalid": "Select a framework file to upload",
            "missing": "Select a framework file to upload",
        },
    )

    problem_count = 0

    def add_problems(self, error: frameworks.FrameworkFileError) -> None:
        """Every problem found in the file, shown in the error summary; the count by the field."""
        self.problem_count = len(error.problems)
        for problem in error.shown_problems:
            self.add_error("file", problem)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > frameworks.MAX_FILE_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {frameworks.MAX_FILE_BYTES // 1024} KB.")
        return upload

    def file_upload_component(self):
        """The GOV.UK file upload component for the file field, with its error if there is one."""
        field = self["file"]
        errors = field.errors
        count = max(self.problem_count, len(errors))
        error = None
        if count == 1:
            error = {"text": errors[0]}
        elif errors:
            error = {"text": f"The file has {count} problems, listed at the top of the page. Fix them and upload the file again."}
        return render_component(
            "file-upload",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": {"text": str(field.label), "classes": "govuk-label--m"},
                "hint": {"text": str(field.help_text)},
                "errorMessage": error,
                "attributes": {"accept": ".toml,text/plain"},
            },
        )
