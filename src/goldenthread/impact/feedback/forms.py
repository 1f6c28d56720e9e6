"""The feedback forms: a family's answers, sending a survey, and making an open link. Words and limits come from `rules`."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm, radio_choice
from goldenthread.core.templatetags.gt import OWN_WORDS_ATTRIBUTE

from . import rules, surveys

ANONYMOUS, NAMED = "anonymous", "named"


def question_field(question) -> str:
    return f"q_{question.key}"


class AnswerForm(GoldenThreadForm):
    """A survey on one short page: each question as radios (any can be skipped), the choice to answer without a name, and the family's own words."""

    def __init__(self, *args, survey, ask_anonymous: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.ask_anonymous = ask_anonymous
        scale = surveys.scale()
        choices = [(str(number), words) for number, words in enumerate(scale, start=rules.LOWEST)]
        for question in survey.questions:
            self.fields[question_field(question)] = radio_choice(question.asks, choices, rules.NOT_A_SCORE, required=False)
        words = surveys.words()
        if ask_anonymous:
            self.fields["anonymous"] = radio_choice(
                words["anonymous_question"], [(ANONYMOUS, words["anonymous_yes"]), (NAMED, words["anonymous_no"])], rules.ANONYMOUS_NEEDED
            )
        self.fields["in_own_words"] = rules.IN_OWN_WORDS.form_field(
            label=words["anything_else"], help_text=words["anything_else_hint"], widget=forms.Textarea(attrs={"rows": 5, OWN_WORDS_ATTRIBUTE: "true"})
        )

    def question_fields(self):
        return [self[question_field(question)] for question in self.survey.questions]

    def clean(self):
        cleaned = super().clean()
        answered = any(cleaned.get(question_field(question)) for question in self.survey.questions)
        if not answered and not cleaned.get("in_own_words") and not self.errors:
            raise forms.ValidationError(rules.NOTHING_ANSWERED)
        return cleaned

    def scores(self) -> dict:
        return {
            question.key: self.cleaned_data[question_field(question)] for question in self.survey.questions if self.cleaned_data.get(question_field(question))
        }

    def anonymous(self) -> bool:
        return not self.ask_anonymous or self.cleaned_data.get("anonymous") != NAMED


WHOLE_FAMILY = ""


class SendForm(GoldenThreadForm):
    """Which survey to send, and who to ask (one person, or the family)."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(person.public_id): person for person in people}
        self.fields["survey"] = radio_choice(
            "Which survey do you want to send?", [(survey.key, f"{survey.name} ({survey.when_words})") for survey in surveys.for_sending()], rules.SURVEY_NEEDED
        )
        self.fields["person"] = radio_choice(
            "Who do you want to ask?",
            [(WHOLE_FAMILY, "The family (whoever answers)")] + [(key, str(person)) for key, person in self.people.items()],
            rules.NOT_IN_FAMILY,
            required=False,
            hint="Choosing a person uses their own e-mail address, if they have their own sign-in.",
        )

    def chosen_person(self):
        return self.people.get(self.cleaned_data.get("person") or "")


class OpenLinkForm(GoldenThreadForm):
    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.slug: organisation for organisation in organisations}
        self.fields["organisation"] = forms.ChoiceField(
            label="Organisation",
            choices=[("", "Choose an organisation")] + [(slug, organisation.name) for slug, organisation in self.organisations.items()],
            error_messages={"required": rules.ORGANISATION_NEEDED, "invalid_choice": rules.ORGANISATION_NEEDED},
        )
        self.fields["survey"] = radio_choice("Survey", [(survey.key, survey.name) for survey in surveys.all_surveys()], rules.SURVEY_NEEDED)

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]
