"""The team's forms for what a family asks on their own pages: deciding, answering, confirming, inviting."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm, radio_choice

from . import rules
from .services import Outcome

CHOOSE_OUTCOME = "Choose what you decided with them"
CHOOSE_AGREE = "Choose whether to record the agreement"


def written_to_child(field, to_child: bool):
    """A reply box to a child or young person shows its reading age as the practitioner types."""
    if to_child:
        field.widget.attrs["data-written-to"] = "child"


class SuggestionDecisionForm(GoldenThreadForm):
    outcome = radio_choice(
        "What did you decide with them?",
        [
            (Outcome.ACCEPT, "Put their words in the record as they wrote them"),
            (Outcome.CHANGE_TOGETHER, "Put in words we agreed together"),
            (Outcome.REPLY, "Leave the record as it is, and reply to say why"),
        ],
        CHOOSE_OUTCOME,
    )
    final_text = rules.FINAL_TEXT.form_field(required=False)
    reply = rules.REPLY.form_field()

    def __init__(self, *args, to_child=False, **kwargs):
        super().__init__(*args, **kwargs)
        written_to_child(self.fields["reply"], to_child)
        written_to_child(self.fields["final_text"], to_child)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.CHANGE_TOGETHER and not cleaned.get("final_text") and "final_text" not in self.errors:
            self.add_error("final_text", rules.FINAL_TEXT.required_message)
        if cleaned.get("outcome") == Outcome.REPLY and not cleaned.get("reply") and "reply" not in self.errors:
            self.add_error("reply", rules.REPLY_NEEDED)
        return cleaned


class AnswerForm(GoldenThreadForm):
    answer = rules.ANSWER.form_field()

    def __init__(self, *args, to_child=False, **kwargs):
        super().__init__(*args, **kwargs)
        written_to_child(self.fields["answer"], to_child)


class ShareDecisionForm(GoldenThreadForm):
    agree = radio_choice(
        "Did you confirm it with them?",
        [("yes", "Yes: record their agreement now"), ("no", "No: reply to say why not, or what happens next")],
        CHOOSE_AGREE,
    )
    reply = rules.REPLY.form_field()

    def __init__(self, *args, to_child=False, **kwargs):
        super().__init__(*args, **kwargs)
        written_to_child(self.fields["reply"], to_child)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agree") == "no" and not cleaned.get("reply") and "reply" not in self.errors:
            self.add_error("reply", rules.REPLY_NEEDED)
        return cleaned


class InviteForm(GoldenThreadForm):
    email = rules.EMAIL.form_field(widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))


class ConfirmForm(GoldenThreadForm):
    """A confirming button: nothing to fill in."""
