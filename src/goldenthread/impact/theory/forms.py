"""The theory of change's forms. Their fields come from `rules`; the services check the same rules again."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, radio_choice, version_field

from . import rules
from .models import ForWhom, Horizon


class OutcomeForm(GoldenThreadForm):
    """Add or change an outcome. Its key is asked only when it is added: it stays the same afterwards."""

    title = rules.OUTCOME_TITLE.form_field()
    horizon = radio_choice("How soon we hope to see it", Horizon.choices, rules.NOT_A_HORIZON)
    for_whom = radio_choice("Who it is for", ForWhom.choices, rules.NOT_FOR_WHOM)
    description = rules.OUTCOME_DESCRIPTION.form_field()
    key = rules.KEY.form_field()
    version = version_field()

    def __init__(self, *args, adding: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            del self.fields["version"]
        else:
            del self.fields["key"]


class ActivityForm(GoldenThreadForm):
    """Add or change an activity, with the outcomes of the draft it leads to."""

    title = rules.ACTIVITY_TITLE.form_field()
    description = rules.ACTIVITY_DESCRIPTION.form_field()
    version = version_field()

    def __init__(self, *args, outcomes=(), adding: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {str(outcome.public_id): outcome for outcome in outcomes}
        if adding:
            del self.fields["version"]
        if self.outcomes:
            self.fields["leads_to"] = forms.MultipleChoiceField(
                label="Outcomes it leads to (optional)",
                choices=[
                    (key, f"{outcome.title} ({outcome.get_horizon_display().lower()}, {outcome.get_for_whom_display().lower()})")
                    for key, outcome in self.outcomes.items()
                ],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": rules.NOT_AN_OUTCOME, "invalid_list": rules.NOT_AN_OUTCOME},
            )

    def chosen_outcomes(self) -> list:
        return [self.outcomes[key] for key in self.cleaned_data.get("leads_to") or [] if key in self.outcomes]


class AssumptionForm(GoldenThreadForm):
    text = rules.ASSUMPTION.form_field()
    version = version_field()

    def __init__(self, *args, adding: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            del self.fields["version"]


class PublishForm(GoldenThreadForm):
    note = rules.NOTE.form_field()


class ConfirmForm(GoldenThreadForm):
    """A button that says yes (starting, removing, discarding): nothing to fill in."""
