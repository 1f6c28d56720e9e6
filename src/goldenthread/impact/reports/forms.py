"""The board reports' forms. Their fields come from `rules`; the services check the same rules again."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, version_field
from goldenthread.partnership.models import Organisation

from . import rules

WHOLE_PARTNERSHIP = "partnership"


class StartReportForm(GoldenThreadForm):
    title = rules.TITLE.form_field()
    starts_on = rules.STARTS.form_field()
    ends_on = rules.ENDS.form_field()
    about = forms.ChoiceField(
        label=rules.WHO_LABEL,
        error_messages={"required": rules.WHO_UNKNOWN, "invalid_choice": rules.WHO_UNKNOWN},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["about"].choices = [(WHOLE_PARTNERSHIP, "The whole partnership")] + [(str(each.pk), each.name) for each in organisations]

    def organisation(self):
        chosen = self.cleaned_data.get("about")
        if not chosen or chosen == WHOLE_PARTNERSHIP:
            return None
        return Organisation.objects.filter(pk=int(chosen), is_active=True).first()


class CommentaryForm(GoldenThreadForm):
    commentary = rules.COMMENTARY.form_field()
    version = version_field()
