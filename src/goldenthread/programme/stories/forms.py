"""The stories forms: share or change a story, approve or send it back, and the list's filter. Each field comes from `rules.py`."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, radio_choice

from .. import principles as tags
from . import rules
from .models import Story

SEND, DRAFT = "send", "draft"
APPROVE, SEND_BACK = "approve", "send-back"
MOST_RADIOS = 8
TEXT_FIELDS = ("title", "what_we_did", "what_changed", "what_families_said")


class StoryForm(GoldenThreadForm):
    """Share a story, or change one. `organisations` are the ones the person may share from: a choice only when there are several."""

    organisation = forms.ChoiceField(
        label="Which organisation is the story from?",
        widget=forms.RadioSelect,
        error_messages={"required": rules.ORGANISATION_NEEDED, "invalid_choice": rules.ORGANISATION_NEEDED},
    )
    title = rules.TITLE.form_field()
    what_we_did = rules.WHAT_WE_DID.form_field()
    what_changed = rules.WHAT_CHANGED.form_field()
    what_families_said = rules.WHAT_FAMILIES_SAID.form_field()
    domains = forms.MultipleChoiceField(
        label="Which areas of the continuum is it about? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="So it is found beside the bright spots in the same area.",
        error_messages={"invalid_choice": rules.NOT_AN_AREA},
    )
    principles = forms.MultipleChoiceField(
        label="Which principles does it show? (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.NOT_A_PRINCIPLE},
    )
    reach = radio_choice(
        "Who would you like it shared with?", Story.Reach.choices, rules.REACH_NEEDED, required=False, hint="A champion or your lead approves it first."
    )
    consent_given_by = rules.CONSENT_BY.form_field(required=False)
    consent_how = rules.CONSENT_HOW.form_field(required=False)
    consent_on = rules.CONSENT_ON.form_field(required=False)
    consent_confirmed = forms.BooleanField(label=rules.CONSENT_CONFIRMED, required=False)
    next_step = forms.ChoiceField(choices=[(SEND, "Send it for approval"), (DRAFT, "Save it as a draft")], required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(organisation.public_id): organisation for organisation in organisations}
        if len(self.organisations) > 1:
            self.fields["organisation"].choices = [(key, organisation.name) for key, organisation in self.organisations.items()]
            if len(self.organisations) > MOST_RADIOS:  # the partnership team chooses from every member organisation
                self.fields["organisation"].choices.insert(0, ("", "Choose an organisation"))
                self.fields["organisation"].widget = forms.Select(choices=self.fields["organisation"].choices)
        else:
            del self.fields["organisation"]
        self.fields["domains"].choices = tags.domain_choices()
        self.fields["principles"].choices = tags.principle_choices()

    @property
    def sending(self) -> bool:
        return (self.data.get(self.add_prefix("next_step")) or SEND) != DRAFT

    def clean(self):
        cleaned = super().clean()
        if self.sending:
            needed = {
                "reach": rules.REACH_NEEDED,
                "consent_given_by": rules.CONSENT_BY.required_message,
                "consent_how": rules.CONSENT_HOW.required_message,
                "consent_on": rules.CONSENT_ON.required_message,
                "consent_confirmed": rules.CONSENT_NEEDED,
            }
            for name, message in needed.items():
                if name not in self.errors and not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned

    def chosen_organisation(self):
        if len(self.organisations) == 1:
            return next(iter(self.organisations.values()))
        return self.organisations.get(self.cleaned_data.get("organisation") or "")

    def story_values(self) -> dict:
        data = self.cleaned_data
        return {
            "send": self.sending,
            "title": data["title"],
            "what_we_did": data["what_we_did"],
            "what_changed": data["what_changed"],
            "what_families_said": data.get("what_families_said", ""),
            "domains": data.get("domains") or [],
            "principles": data.get("principles") or [],
            "reach": data.get("reach") or "",
            "consent_given_by": data.get("consent_given_by", ""),
            "consent_how": data.get("consent_how", ""),
            "consent_on": data.get("consent_on"),
            "consent_confirmed": data.get("consent_confirmed", False),
        }

    @staticmethod
    def initial_for(story: Story) -> dict:
        return {
            "title": story.title,
            "what_we_did": story.what_we_did,
            "what_changed": story.what_changed,
            "what_families_said": story.what_families_said,
            "domains": story.domains,
            "principles": story.principles,
            "reach": story.reach,
            "consent_given_by": story.consent_given_by,
            "consent_how": story.consent_how,
            "consent_on": story.consent_on,
            "consent_confirmed": story.consent_confirmed,
        }


def words_shared(form_data: dict) -> tuple[str, ...]:
    """The words checked before a story is sent for approval (and then shared); a draft is kept as it is."""
    return TEXT_FIELDS if form_data.get("next_step") != DRAFT else ()


class DecisionForm(GoldenThreadForm):
    decision = radio_choice(
        "What would you like to do?",
        [(APPROVE, "Approve it: it is ready to be shared"), (SEND_BACK, "Send it back with a note")],
        rules.DECISION_NEEDED,
    )
    reason = rules.SEND_BACK_REASON.form_field(required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == SEND_BACK and not cleaned.get("reason") and "reason" not in self.errors:
            self.add_error("reason", rules.REASON_NEEDED)
        return cleaned


class StoryFilterForm(forms.Form):
    domain = LenientChoiceField(label="Area of the continuum", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "Every area"), *tags.domain_choices()]

    def domain_value(self) -> str:
        """The chosen area's code, or "" for every area (an unknown code, from an old link, shows every area)."""
        value = (self.cleaned_data.get("domain") or "") if self.is_valid() else ""
        return value if value in dict(tags.domain_choices()) else ""
