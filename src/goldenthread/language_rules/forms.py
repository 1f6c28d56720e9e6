"""The language rules' forms: propose a rule or a change, review it, publish it, switch a rule off or on. Each field comes from `rules.py`."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, radio_choice

from . import queries, rules
from .models import RuleVersion

APPROVE, SEND_BACK = "approve", "send-back"
LIST_FIELDS = ("words", "reframes", "must_flag", "must_pass")


class RuleForm(GoldenThreadForm):
    """A proposal: a new rule (with its short name) or a new version of a rule (`naming=False`)."""

    name = rules.NAME.form_field()
    words = rules.WORDS.form_field()
    message = rules.MESSAGE.form_field()
    reframes = rules.REFRAMES.form_field()
    must_flag = rules.MUST_FLAG.form_field()
    must_pass = rules.MUST_PASS.form_field()
    category = forms.ChoiceField(label="Kind of language", error_messages={"required": rules.CATEGORY_NEEDED, "invalid_choice": rules.CATEGORY_NEEDED})
    severity = radio_choice("How strongly should the check say it?", RuleVersion.Severity.choices, rules.SEVERITY_NEEDED)
    why = rules.WHY.form_field()

    def __init__(self, *args, naming: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not naming:
            del self.fields["name"]
        self.fields["category"].choices = [("", "Choose a kind of language"), *((c, c[:1].upper() + c[1:]) for c in queries.categories())]

    def rule_values(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name, "") for name in ("words", "message", "reframes", "must_flag", "must_pass", "category", "severity", "why")}

    @staticmethod
    def initial_for(version) -> dict:
        """A version (or a shipped rule) as the form's starting words, one item a line."""
        return {
            "words": "\n".join(version.words),
            "message": version.message,
            "reframes": "\n".join(version.reframes),
            "must_flag": "\n".join(version.must_flag),
            "must_pass": "\n".join(version.must_pass),
            "category": version.category,
            "severity": version.severity if version.severity in RuleVersion.Severity.values else RuleVersion.Severity.SUGGESTION,
        }


class ReviewForm(GoldenThreadForm):
    decision = radio_choice(
        "What would you like to do?",
        [(APPROVE, "Approve it: it is ready to be published"), (SEND_BACK, "Send it back with a note")],
        rules.DECISION_NEEDED,
    )
    reason = rules.REVIEW_NOTE.form_field(required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == SEND_BACK and not cleaned.get("reason") and "reason" not in self.errors:
            self.add_error("reason", rules.NOTE_NEEDED)
        return cleaned


class PublishForm(GoldenThreadForm):
    """Nothing to fill in: the button says it."""


class SwitchForm(GoldenThreadForm):
    reason = rules.SWITCH_REASON.form_field()
