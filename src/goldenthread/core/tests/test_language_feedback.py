"""Shared-language feedback as people type: advice on the words, never a block, nothing kept."""

from django import forms
from django.template import Context, Template
from django.urls import reverse

from goldenthread.core.models import AuditEvent

URL = reverse("core:language-feedback")


def ask(client, text, field="vision"):
    return client.post(URL, {"field": field, field: text})


def test_a_practitioner_typing_a_label_gets_the_reason_and_a_reframe(client, practitioner):
    client.force_login(practitioner)

    response = ask(client, "He is an attention-seeking boy who kicks off in class.")

    page = response.content.decode()
    assert response.status_code == 200
    assert "attention-seeking" in page
    assert "You could write" in page
    assert "you can still save what you have written" in page


def test_words_that_are_fine_get_a_quiet_all_clear(client, practitioner):
    client.force_login(practitioner)

    page = ask(client, "We will listen to families and plan with them.").content.decode()

    assert "nothing to suggest" in page


def test_a_childs_own_words_in_quotes_are_kept_not_faulted(client, practitioner):
    client.force_login(practitioner)

    page = ask(client, 'Wrenna said: "I was naughty and kicked off at school."').content.decode()

    assert "kept as the person said them" in page


def test_the_text_is_not_stored_or_logged(client, practitioner):
    client.force_login(practitioner)
    before = AuditEvent.objects.count()

    ask(client, "The mother is an addict.")

    assert AuditEvent.objects.count() == before


def test_people_who_are_not_signed_in_are_sent_to_sign_in(client, db):
    response = ask(client, "The mother is an addict.")

    assert response.status_code == 302
    assert reverse("core:sign-in") in response["Location"]


def test_odd_requests_get_an_answer_not_an_error(client, practitioner):
    client.force_login(practitioner)

    assert client.post(URL, {}).status_code == 200
    assert client.post(URL, {"field": "csrfmiddlewaretoken"}).status_code == 200
    assert "too long to check" in ask(client, "word " * 10_000).content.decode()
    assert client.get(URL).status_code == 405


def test_every_text_box_asks_for_feedback_after_a_pause():
    class NoteForm(forms.Form):
        note = forms.CharField(widget=forms.Textarea, max_length=500)

    html = Template("{% load gt %}{% gt_field form.note %}").render(Context({"form": NoteForm()}))

    assert f'hx-post="{URL}"' in html
    assert 'id="id_note-language"' in html
    assert 'aria-live="polite"' in html
    assert "id_note-language" in html.split("<textarea", 1)[1].split(">", 1)[0]
