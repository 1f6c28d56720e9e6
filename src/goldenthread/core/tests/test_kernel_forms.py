"""The base forms every app subclasses: text tidied, blank required text refused, a service's refusal shown."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from goldenthread.core.forms import GoldenThreadForm, GoldenThreadModelForm, LenientChoiceField, version_field
from goldenthread.core.models import ApiToken


class NoteForm(GoldenThreadForm):
    note = forms.CharField(label="Note", max_length=50, error_messages={"required": "Write a note"})
    signed = forms.CharField(label="Signed", max_length=50, required=False)


class TokenNameForm(GoldenThreadModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        error_messages = {"name": {"required": "Enter a name for the token"}}


class FilterForm(forms.Form):
    sector = LenientChoiceField(label="Sector", required=False, choices=[("", "Every sector"), ("health", "Health")])


class EditForm(GoldenThreadForm):
    version = version_field()


def test_text_is_tidied_before_anyone_reads_it():
    form = NoteForm({"note": "  Ring\x07 the school\u200b  ", "signed": "\x1bRiley "})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"note": "Ring the school", "signed": "Riley"}


def test_required_text_that_tidies_away_to_nothing_is_refused_with_the_fields_own_message():
    form = NoteForm({"note": "\u200b\u200e\x07"})

    assert not form.is_valid()
    assert form.errors["note"] == ["Write a note"]


def test_text_that_may_be_left_empty_can_tidy_away_to_nothing():
    form = NoteForm({"note": "Hello", "signed": "\u200b"})

    assert form.is_valid()
    assert form.cleaned_data["signed"] == ""


def test_a_services_refusal_appears_beside_the_field_it_names_or_at_the_top():
    form = NoteForm({"note": "Hello"})
    form.is_valid()

    form.apply_service_errors(ValidationError({"note": "Keep the note kind", NON_FIELD_ERRORS: "Someone closed this session", "unknown": "Not a field"}))

    assert form.errors["note"] == ["Keep the note kind"]
    assert form.non_field_errors() == ["Someone closed this session", "Not a field"]


def test_a_refusal_without_a_field_appears_at_the_top():
    form = NoteForm({"note": "Hello"})
    form.is_valid()

    form.apply_service_errors(ValidationError("This session is closed"))

    assert form.non_field_errors() == ["This session is closed"]


def test_a_model_form_tidies_and_refuses_blank_text_the_same_way():
    tidied = TokenNameForm({"name": " Monthly\x07 report "})
    blank = TokenNameForm({"name": "\u200b"})

    assert tidied.is_valid(), tidied.errors
    assert tidied.cleaned_data["name"] == "Monthly report"
    assert tidied.instance.name == "Monthly report"
    assert not blank.is_valid()
    assert blank.errors["name"] == ["Enter a name for the token"]


def test_a_model_form_shows_a_services_refusal_too():
    form = TokenNameForm({"name": "Report"})
    form.is_valid()

    form.apply_service_errors(ValidationError({"name": "You already have a token with this name"}))

    assert form.errors["name"] == ["You already have a token with this name"]


def test_a_filter_with_an_unknown_choice_is_no_error_and_reaches_the_query_as_typed():
    form = FilterForm({"sector": "space-agency"})

    assert form.is_valid()
    assert form.cleaned_data["sector"] == "space-agency"


def test_a_filter_with_a_known_choice_or_none_is_read_as_it_is():
    assert FilterForm({"sector": "health"}).is_valid()
    empty = FilterForm({"sector": ""})
    assert empty.is_valid()
    assert empty.cleaned_data["sector"] == ""


def test_a_missing_or_odd_version_asks_the_person_to_go_back_and_try_again():
    for typed in ({}, {"version": "abc"}, {"version": "-1"}, {"version": "99999999999"}):
        form = EditForm(typed)
        assert not form.is_valid()
        assert form.errors["version"] == ["Something went wrong with this form. Go back to the page and try again"]
    assert EditForm({"version": "3"}).is_valid()
