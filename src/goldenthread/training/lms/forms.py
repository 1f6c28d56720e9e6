"""The upload form: what the file holds, and the file. The rows themselves are checked by `formats`, not here."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm
from goldenthread.core.govuk import render_component

from ..models import LmsImport
from .files import MAX_FILE_BYTES

CHOOSE_KIND = "Choose whether the file holds people, courses or completed courses"
CHOOSE_FILE = "Choose a CSV file to upload"
FILE_EMPTY = "The file you chose is empty. Choose the CSV file you saved from your learning system or spreadsheet"
FILE_TOO_BIG = f"The file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB. Split it into smaller files, for example one for each year"

KIND_HINTS = {
    LmsImport.Kind.PEOPLE: "Each new person is invited to Golden Thread as a practitioner. Partnership leads only.",
    LmsImport.Kind.COURSES: "Courses new to a programme are added; courses already here are left as they are.",
    LmsImport.Kind.COMPLETIONS: "Courses people completed in your own learning system, matched to people by e-mail address.",
}


class LmsUploadForm(GoldenThreadForm):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=LmsImport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_KIND, "invalid_choice": CHOOSE_KIND},
    )
    file = forms.FileField(
        label="The CSV file",
        help_text=f"Saved as CSV UTF-8, smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB. The first line names the columns.",
        error_messages={"required": CHOOSE_FILE, "empty": FILE_EMPTY, "invalid": CHOOSE_FILE, "missing": CHOOSE_FILE},
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(value, label) for value, label in LmsImport.Kind.choices if value in kinds]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(FILE_TOO_BIG)
        return upload

    def file_upload_component(self):
        """The GOV.UK file upload component, with its error if there is one."""
        field = self["file"]
        return render_component(
            "file-upload",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": {"text": str(field.label), "classes": "govuk-label--m"},
                "hint": {"text": str(field.help_text)},
                "errorMessage": {"text": field.errors[0]} if field.errors else None,
                "attributes": {"accept": ".csv,text/csv"},
            },
        )
