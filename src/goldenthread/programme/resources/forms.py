"""The resources forms: add a resource, add a version, change the details and tags, withdraw, and the library's filters.

Each field is built from its rule in `rules.py`. The file is checked here only as far as can be
done without reading it (there is one, not empty, not too big, a type the library takes);
the service reads it and says what is wrong with what is inside. A page that comes back with a
problem keeps everything typed; a browser cannot keep a chosen file, so the file field says so.
"""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, radio_choice
from goldenthread.core.govuk import render_component
from goldenthread.partnership.models import Role

from .. import principles as shared
from . import permissions, rules, uploads
from .models import ResourceKind

PARTNERSHIP_AS_A_WHOLE = "The partnership as a whole"


def _tag_field(label, choices, hint=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=hint,
        error_messages={"invalid_choice": rules.NOT_A_TAG, "invalid_list": rules.NOT_A_TAG},
    )


class TagsMixin(forms.Form):
    """The four kinds of tag, as checkboxes."""

    def add_tag_fields(self):
        self.fields["principles"] = _tag_field("Principles it serves", shared.principle_choices(), "Choose any that apply.")
        self.fields["sectors"] = _tag_field("Sectors it is for", shared.sector_choices(), "Leave them all empty if it is for every sector.")
        self.fields["domains"] = _tag_field(
            "Continuum areas it helps with", shared.domain_choices(), "The areas of the trauma-informed continuum self-assessment."
        )
        self.fields["roles"] = _tag_field("Roles it helps", list(Role.choices), "Leave them all empty if it helps everyone.")

    def tag_values(self) -> dict:
        return {name: self.cleaned_data.get(name) or [] for name in ("principles", "sectors", "domains", "roles")}


class FileOrLinkMixin(forms.Form):
    """A file, or a link: one or the other."""

    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text=f"{rules.FILE_TYPE_WORDS}. {rules.MAX_FILE_MB} MB or smaller.",
        error_messages={"empty": rules.FILE_EMPTY, "invalid": uploads.refuse(rules.WRONG_TYPE).messages[0], "missing": rules.FILE_OR_LINK},
    )
    link = rules.LINK.form_field()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                uploads.quick_check(upload)
            except forms.ValidationError as problem:
                raise forms.ValidationError(problem.message_dict["file"][0]) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, link = cleaned.get("file"), cleaned.get("link")
        if "file" not in self.errors and "link" not in self.errors:
            if upload and link:
                self.add_error("file", rules.NOT_BOTH)
            elif not upload and not link:
                self.add_error("file", rules.FILE_OR_LINK)
        return cleaned

    def chosen_file_name(self) -> str:
        """The name of a file the person chose, when the page comes back with a problem and they must choose it again."""
        upload = self.files.get(self.add_prefix("file")) if self.is_bound else None
        return uploads.shown_name(getattr(upload, "name", "")) if upload else ""

    def file_upload_component(self):
        """The GOV.UK file upload component: its error, or a reminder to choose the file again when the page came back with another problem."""
        field = self["file"]
        hint = str(field.help_text)
        chosen = self.chosen_file_name()
        if self.is_bound and self.errors and not field.errors and chosen:
            hint = f"You chose ‘{chosen}’. {rules.CHOOSE_AGAIN}. {hint}"
        return render_component(
            "file-upload",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": {"text": str(field.label), "classes": "govuk-label--s"},
                "hint": {"text": hint},
                "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
                "attributes": {"accept": rules.ACCEPT},
            },
        )

    def file_or_link_values(self) -> dict:
        return {"upload": self.cleaned_data.get("file") or None, "link": self.cleaned_data.get("link", "")}


class ResourceForm(TagsMixin, FileOrLinkMixin, GoldenThreadForm):
    """Add a resource: what it is, its tags, where it comes from, and its first version (a file or a link)."""

    title = rules.TITLE.form_field()
    summary = rules.SUMMARY.form_field()
    kind = radio_choice("What kind of resource is it?", ResourceKind.choices, rules.CHOOSE_KIND)
    organisation = forms.ChoiceField(
        label="Where it comes from",
        required=False,
        help_text="The organisation that made it, or the partnership as a whole.",
        error_messages={"invalid_choice": rules.NOT_YOUR_ORGANISATION},
    )
    note = rules.FIRST_NOTE.form_field()

    field_order = ["title", "summary", "kind", "file", "link", "note", "principles", "sectors", "domains", "roles", "organisation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_tag_fields()
        self._organisations = {organisation.slug: organisation for organisation in permissions.organisations_for(user).order_by("name")}
        self.fields["organisation"].choices = [("", PARTNERSHIP_AS_A_WHOLE), *((slug, o.name) for slug, o in self._organisations.items())]
        self.order_fields(self.field_order)

    def resource_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "kind": data["kind"],
            "organisation": self._organisations.get(data.get("organisation") or ""),
            "note": data.get("note", ""),
            **self.tag_values(),
            **self.file_or_link_values(),
        }


class VersionForm(FileOrLinkMixin, GoldenThreadForm):
    """A new version: the file or link, and what changed."""

    note = rules.NOTE.form_field()

    field_order = ["file", "link", "note"]


class ChangeForm(TagsMixin, GoldenThreadForm):
    """Change what a resource is called, what it says about itself, its kind and its tags."""

    title = rules.TITLE.form_field()
    summary = rules.SUMMARY.form_field()
    kind = radio_choice("What kind of resource is it?", ResourceKind.choices, rules.CHOOSE_KIND)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_tag_fields()

    def resource_values(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "summary": data["summary"], "kind": data["kind"], **self.tag_values()}


class WithdrawForm(GoldenThreadForm):
    reason = rules.WITHDRAW_REASON.form_field()


class LibraryFilterForm(GoldenThreadForm):
    """The library's search and filters. A value not in the list (an old link) is no error: it matches nothing."""

    q = forms.CharField(label="Search the library", required=False, max_length=rules.MAX_SEARCH_LENGTH, strip=True)
    kind = LenientChoiceField(label="Kind", required=False)
    principle = LenientChoiceField(label="Principle", required=False)
    sector = LenientChoiceField(label="Sector", required=False)
    domain = LenientChoiceField(label="Continuum area", required=False)
    role = LenientChoiceField(label="Role", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = f"Search with {rules.MAX_SEARCH_LENGTH} characters or fewer"
        self.fields["kind"].choices = [("", "Every kind"), *ResourceKind.choices]
        self.fields["principle"].choices = [("", "Every principle"), *shared.principle_choices()]
        self.fields["sector"].choices = [("", "Every sector"), *shared.sector_choices()]
        self.fields["domain"].choices = [("", "Every area"), *shared.domain_choices()]
        self.fields["role"].choices = [("", "Every role"), *Role.choices]

    FILTERS = ("q", "kind", "principle", "sector", "domain", "role")

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return dict.fromkeys(self.FILTERS, "")
        return {name: str(self.cleaned_data.get(name) or "") for name in self.FILTERS}
