"""The follow-up form: one set of radios for each question in the data file, and a box for a few words."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm

from . import rules
from .questions import follow_up_questions


class FollowUpForm(GoldenThreadForm):
    in_own_words = rules.IN_OWN_WORDS.form_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = {}
        for question in follow_up_questions().questions:
            message = rules.ANSWER_MESSAGE.format(question=question.question)
            questions[question.code] = forms.ChoiceField(
                label=question.question,
                help_text=question.hint,
                choices=[(answer.code, answer.label) for answer in question.answers],
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        # The questions first, in the file's order; the box for their own words last.
        self.fields = {**questions, "in_own_words": self.fields["in_own_words"]}

    def question_fields(self):
        return [self[question.code] for question in follow_up_questions().questions]

    def follow_up_values(self) -> dict:
        data = self.cleaned_data
        return {
            "answers": {question.code: data[question.code] for question in follow_up_questions().questions},
            "in_own_words": data.get("in_own_words", ""),
        }


def initial_from(follow_up) -> dict:
    return {**(follow_up.answers or {}), "in_own_words": follow_up.in_own_words}
