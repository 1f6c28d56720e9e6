"""The indicators' forms: built from the same rules the services check (`rules`)."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm, radio_choice, version_field

from . import queries, rules
from .models import Direction, Frequency, Source, Unit
from .rules import number_or_none


def _number_field(label, *, required=False, hint="", message=rules.NUMBER):
    return forms.CharField(label=label, required=required, max_length=20, help_text=hint, error_messages={"required": message, "max_length": rules.NUMBER})


class IndicatorForm(GoldenThreadForm):
    name = rules.NAME.form_field()
    definition = rules.DEFINITION.form_field()
    outcome_key = rules.OUTCOME.form_field(help_text="The outcome's key in the theory of change, for example children-feel-heard.")
    source = radio_choice("Where does its figure come from?", Source.choices, rules.SOURCE_NEEDED)
    computation_key = forms.ChoiceField(
        label="The computation (for a computed indicator)", required=False, error_messages={"invalid_choice": rules.COMPUTATION_UNKNOWN}
    )
    unit = radio_choice("What does it count? (for one entered by hand)", Unit.choices, rules.UNIT_NEEDED, required=False)
    baseline = _number_field("Baseline", hint="Where it started, as a number.")
    baseline_on = rules.BASELINE_ON.form_field()
    target = _number_field("Target", hint="Where the partnership hopes it gets to, as a number.")
    direction = radio_choice("Which way is better?", Direction.choices, rules.DIRECTION_NEEDED)
    amber_margin = _number_field("How close to the target counts as close", hint="For example 5: within 5 of the target is 'close to target'.")
    frequency = radio_choice("How often is it looked at?", Frequency.choices, rules.FREQUENCY_NEEDED)
    responsible = rules.RESPONSIBLE.form_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["computation_key"].choices = [("", "Choose a computation")] + queries.computation_choices()

    def clean(self):
        cleaned = super().clean()
        for name in ("baseline", "target", "amber_margin"):
            errors: dict = {}
            number_or_none(cleaned.get(name), field=name, errors=errors)
            if errors and name not in self.errors:
                self.add_error(name, errors[name])
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "version"}


class ChangeIndicatorForm(IndicatorForm):
    version = version_field()


class RetireForm(GoldenThreadForm):
    version = version_field()


class ValueForm(GoldenThreadForm):
    period_start = rules.PERIOD_START.form_field()
    period_end = rules.PERIOD_END.form_field()
    value = _number_field("Figure", required=True, message=rules.VALUE_NEEDED)
    evidence = rules.EVIDENCE.form_field()

    def clean_value(self):
        errors: dict = {}
        number_or_none(self.cleaned_data.get("value"), field="value", errors=errors)
        if errors:
            raise forms.ValidationError(errors["value"])
        return self.cleaned_data.get("value")


def initial_of(indicator) -> dict:
    """What the change form starts with: the indicator as saved."""

    def plain(number):
        return "" if number is None else f"{number:g}"

    return {
        "name": indicator.name,
        "definition": indicator.definition,
        "outcome_key": indicator.outcome_key,
        "source": indicator.source,
        "computation_key": indicator.computation_key,
        "unit": indicator.unit,
        "baseline": plain(indicator.baseline),
        "baseline_on": indicator.baseline_on,
        "target": plain(indicator.target),
        "direction": indicator.direction,
        "amber_margin": plain(indicator.amber_margin),
        "frequency": indicator.frequency,
        "responsible": indicator.responsible,
        "version": indicator.version,
    }
