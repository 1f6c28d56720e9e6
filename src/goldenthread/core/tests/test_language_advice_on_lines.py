"""Shared-language advice wherever people write about people: single lines as well as boxes."""

from django import forms
from django.template import Context, Template
from django.urls import reverse

from goldenthread.core.forms import WritingInput
from goldenthread.core.rules import TextRule
from goldenthread.families import rules as family_rules
from goldenthread.supervision import rules as supervision_rules

URL = reverse("core:language-feedback")


def rendered(form, name):
    return Template("{% load gt %}{% gt_field field %}").render(Context({"field": form[name]}))


class MeetingForm(forms.Form):
    who_was_there = TextRule("Who was there", 500, advice=True).form_field()
    full_name = TextRule("Full name", 150).form_field()


def test_a_line_where_people_write_about_people_asks_for_the_same_advice_as_a_box():
    html = rendered(MeetingForm(), "who_was_there")

    assert f'hx-post="{URL}"' in html
    assert 'aria-describedby="id_who_was_there-language"' in html
    assert '<div class="gt-language-feedback" id="id_who_was_there-language" aria-live="polite"></div>' in html


def test_a_line_for_a_name_gets_no_advice():
    html = rendered(MeetingForm(), "full_name")

    assert "hx-post" not in html
    assert "gt-language-feedback" not in html


def test_what_will_be_done_and_who_was_there_are_lines_that_get_advice():
    for rule in (supervision_rules.ACTION_DESCRIPTION, family_rules.WHO_WAS_THERE, family_rules.HOW_AGREED):
        assert not rule.rows
        assert isinstance(rule.form_field().widget, WritingInput), rule.label


def test_names_and_initials_stay_plain_lines():
    for rule in (family_rules.FIRST_NAME, family_rules.FAMILY_NAME, supervision_rules.SITUATION_REFERENCE, supervision_rules.LOCATION):
        assert not isinstance(rule.form_field().widget, WritingInput), rule.label


def test_a_line_gets_its_advice_from_the_same_place_as_a_box(client, practitioner):
    client.force_login(practitioner)

    page = client.post(URL, {"field": "who_was_there", "who_was_there": "Mum, who is an addict, and Wrenna"}).content.decode()

    assert "You could write" in page


def test_scare_quotes_are_named_once_in_the_advice(client, practitioner):
    client.force_login(practitioner)

    page = client.post(URL, {"field": "note", "note": "He has 'seizures' at school."}).content.decode()

    assert "<strong>&#x27;seizures&#x27;</strong>" in page or "<strong>'seizures'</strong>" in page
    assert "‘&#x27;seizures&#x27;’" not in page
