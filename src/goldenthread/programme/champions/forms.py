"""The champions forms: the directory's filter, a champion's profile, a post, an offer to be a champion and the lead's answer."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, radio_choice
from goldenthread.partnership.models import Organisation, Sector

from . import rules
from .models import Offer

ACCEPT, DECLINE = "accept", "decline"
LONGEST_SEARCH = 80


class DirectoryFilterForm(GoldenThreadForm):
    """The directory's filters, from the address: an unknown choice matches no one; a search that is too long is said so, and kept."""

    organisation = LenientChoiceField(label="Organisation", required=False)
    sector = LenientChoiceField(label="Sector", required=False, choices=[("", "Every sector"), *Sector.choices])
    offer = LenientChoiceField(label="What they offer", required=False, choices=[("", "Anything"), *Offer.choices])
    interest = forms.CharField(
        label="Interest",
        required=False,
        max_length=LONGEST_SEARCH,
        help_text="A word or two, for example ‘schools’",
        error_messages={"max_length": f"Enter an interest of {LONGEST_SEARCH} characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(is_active=True, memberships__role="champion").distinct().order_by("name")
        self.fields["organisation"].choices = [("", "Every organisation"), *organisations.values_list("slug", "name")]

    def values(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {name: data.get(name) or "" for name in ("organisation", "sector", "offer", "interest")}


class ProfileForm(GoldenThreadForm):
    interests = rules.INTERESTS.form_field()
    offers = forms.MultipleChoiceField(
        label="What you offer colleagues (optional)",
        required=False,
        choices=Offer.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.NOT_AN_OFFER},
    )
    about = rules.ABOUT.form_field()


class PostForm(GoldenThreadForm):
    text = rules.POST.form_field()


class VolunteerForm(GoldenThreadForm):
    organisation = forms.ChoiceField(
        label="Which organisation would you like to be a champion in?",
        widget=forms.RadioSelect,
        error_messages={"required": rules.ORGANISATION_NEEDED, "invalid_choice": rules.ORGANISATION_NEEDED},
    )
    why = rules.WHY.form_field()

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(organisation.public_id): organisation for organisation in organisations}
        if len(self.organisations) > 1:
            self.fields["organisation"].choices = [(key, organisation.name) for key, organisation in self.organisations.items()]
        else:
            del self.fields["organisation"]

    def chosen_organisation(self):
        if len(self.organisations) == 1:
            return next(iter(self.organisations.values()))
        return self.organisations.get(self.cleaned_data.get("organisation") or "")


class AnswerForm(GoldenThreadForm):
    decision = radio_choice(
        "What is your answer?",
        [(ACCEPT, "Accept: make them a champion"), (DECLINE, "Not this time")],
        rules.DECISION_NEEDED,
    )
    reply = rules.REPLY.form_field()
