"""The filters of the writing figures: which organisation, which kind of record, which months."""

from django import forms

from goldenthread.core.forms import GoldenThreadForm

from . import queries

ORGANISATION_PROBLEM = "Choose an organisation from the list"
RECORD_TYPE_PROBLEM = "Choose a kind of record from the list"
MONTH_PROBLEM = "Choose a month from the list"
MONTHS_THE_WRONG_WAY_ROUND = "The first month must be the same as, or before, the last month"


class FiguresFilterForm(GoldenThreadForm):
    """What the figures cover. An organisation is offered only to those who may see more than one."""

    organisation = forms.ChoiceField(label="Organisation", required=False, error_messages={"invalid_choice": ORGANISATION_PROBLEM})
    record_type = forms.ChoiceField(label="Kind of record", required=False, error_messages={"invalid_choice": RECORD_TYPE_PROBLEM})
    start = forms.ChoiceField(label="From", required=False, error_messages={"invalid_choice": MONTH_PROBLEM})
    end = forms.ChoiceField(label="To", required=False, error_messages={"invalid_choice": MONTH_PROBLEM})

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = [("", "All you can see"), *((o.slug, o.name) for o in organisations)]
        self.fields["record_type"].choices = [("", "Every kind"), *queries.record_types()]
        months = [(queries.month_key(month), queries.month_words(month)) for month in reversed(queries.months_offered())]
        self.fields["start"].choices = months
        self.fields["end"].choices = months
        start, end = queries.default_months()
        self.fields["start"].initial = queries.month_key(start)
        self.fields["end"].initial = queries.month_key(end)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("start", MONTHS_THE_WRONG_WAY_ROUND)
        return cleaned
