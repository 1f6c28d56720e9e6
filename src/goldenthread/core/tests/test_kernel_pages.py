"""The form page written once: show the form, ask the service, then say it is done, or show what to fix."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from goldenthread.core.decorators import no_store
from goldenthread.core.forms import GoldenThreadForm, version_field
from goldenthread.core.pages import form_page, render_form_page
from goldenthread.core.refusals import EditConflict, Refused
from goldenthread.core.rules import TextRule

NOTE = TextRule("Note", 200, "Write a note", rows=3)
PAGE = (
    "{% for field in form %}{{ field.name }}=[{{ field.value|default_if_none:'' }}]"
    "{% for error in field.errors %} error:{{ error }}{% endfor %};{% endfor %}"
    "{% for error in form.non_field_errors %} top:{{ error }}{% endfor %}"
    "{% if conflict %} conflict:{{ conflict.saved.note }} saved-version:{{ conflict.current_version }}{% endif %}"
    " about:{{ about }}{% if saved_by %} saved-by:{{ saved_by }}{% endif %}"
)


class NoteForm(GoldenThreadForm):
    note = NOTE.form_field()
    version = version_field()


@pytest.fixture(autouse=True)
def form_template(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"kernel/note.html": PAGE})]},
        }
    ]


def browser(method="get", data=None, user=None):
    request = getattr(RequestFactory(), method)("/notes/", data or {})
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user
    return request


def note_page(request, action, **options):
    form = NoteForm(request.POST if request.method == "POST" else None, initial={"version": 1})
    options = {"success_message": "The note is saved.", "success_url": "/notes/saved/", **options}
    return form_page(request, form, template="kernel/note.html", context={"about": "the session"}, action=action, **options)


def shown(response):
    return response.content.decode()


def never_called(data):
    raise AssertionError("the service is not asked")


def test_the_page_first_shows_the_empty_form_with_its_context():
    response = note_page(browser(), never_called)

    assert response.status_code == 200
    assert "note=[];" in shown(response)
    assert "about:the session" in shown(response)


def test_a_valid_form_asks_the_service_then_says_it_is_done_and_moves_on():
    asked = []
    request = browser("post", {"note": "  Ring the school  ", "version": "1"})

    response = note_page(request, asked.append)

    assert response.status_code == 302
    assert response["Location"] == "/notes/saved/"
    assert asked == [{"note": "Ring the school", "version": 1}]
    assert [str(message) for message in get_messages(request)] == ["The note is saved."]


def test_the_message_and_the_next_page_can_depend_on_what_the_service_did():
    request = browser("post", {"note": "Ring the school", "version": "1"})

    response = note_page(request, lambda data: "note-7", success_message=lambda note: f"Note {note} is saved.", success_url=lambda note: f"/notes/{note}/")

    assert response["Location"] == "/notes/note-7/"
    assert [str(message) for message in get_messages(request)] == ["Note note-7 is saved."]


def test_a_form_with_mistakes_comes_back_400_with_everything_typed_and_the_service_is_not_asked():
    response = note_page(browser("post", {"note": "   ", "version": "1"}), never_called)

    assert response.status_code == 400
    assert "note=[   ] error:Write a note;" in shown(response)


def test_a_services_refusal_comes_back_400_beside_the_field_with_everything_typed():
    def refuse(data):
        raise ValidationError({"note": "Keep the note about the session", "__all__": "The session is closed"})

    response = note_page(browser("post", {"note": "Ring the school", "version": "1"}), refuse)

    assert response.status_code == 400
    assert "note=[Ring the school] error:Keep the note about the session;" in shown(response)
    assert "top:The session is closed" in shown(response)


def test_someone_elses_save_comes_back_409_with_both_texts_and_the_saved_version_to_save_over():
    saved = type("Saved", (), {"version": 2, "note": "Ring the GP"})()

    def lose(data):
        raise EditConflict(saved, ["note"], typed=data)

    response = note_page(browser("post", {"note": "Ring the school", "version": "1"}), lose)

    assert response.status_code == 409
    assert "note=[Ring the school];" in shown(response)
    assert "version=[2];" in shown(response)
    assert "conflict:Ring the GP saved-version:2" in shown(response)
    assert "about:the session" in shown(response)


def test_a_conflict_page_can_add_what_it_needs_to_show():
    saved = type("Saved", (), {"version": 2, "note": "Ring the GP"})()

    def lose(data):
        raise EditConflict(saved, ["note"])

    response = note_page(browser("post", {"note": "Ring the school", "version": "1"}), lose, conflict_context=lambda conflict: {"saved_by": "Casey Evans"})

    assert response.status_code == 409
    assert "saved-by:Casey Evans" in shown(response)


def test_a_refusal_is_left_for_the_403_page():
    def refuse(data):
        raise Refused("Only the facilitator can write the record.")

    with pytest.raises(Refused):
        note_page(browser("post", {"note": "Ring the school", "version": "1"}), refuse)


def test_the_older_helper_still_renders_a_form_with_errors_as_400():
    form = NoteForm({"note": "", "version": "1"})

    assert render_form_page(browser(), "kernel/note.html", {}, form).status_code == 400
    assert render_form_page(browser(), "kernel/note.html", {}, NoteForm()).status_code == 200


def test_a_no_store_page_is_never_kept_in_the_browsers_cache():
    @no_store
    def family_page(request):
        """The family's overview."""
        return HttpResponse("The Hollowmere family")

    response = family_page(browser())

    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"
    assert family_page.__doc__ == "The family's overview."


def test_a_form_field_that_is_not_a_charfield_is_left_alone_by_the_blank_text_check():
    class CountForm(GoldenThreadForm):
        count = forms.IntegerField(label="How many")

    assert CountForm({"count": "3"}).is_valid()
