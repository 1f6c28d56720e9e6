"""Forms for group supervision and learning conversations: they parse and explain.

Who may do what lives in `permissions` and `services`; these forms only turn what a person
typed into clean values, and say plainly what to fix. Each field's limit and messages come
from `rules`, which the services check again.
"""

import datetime

from django import forms
from django.utils import timezone

from goldenthread.core.forms import DateField, GoldenThreadForm, TimeField, version_field
from goldenthread.core.govuk import render_component

from . import rules
from .models import Attendee, Session

ANONYMISED = "anonymised"
RECORD_FIELDS_GROUP = ("meaning_for_child", "impact", "informs_risk", "reflected_in_planning", "going_well", "risks_and_needs", "safety_plan")
RECORD_FIELDS_LEARNING = ("helping", "getting_in_the_way", "themes", "own_themes")
RECORD_FIELDS = RECORD_FIELDS_GROUP + RECORD_FIELDS_LEARNING

KIND_HINTS = {
    Session.Kind.GROUP_SUPERVISION: (
        "Practitioners from the agencies involved share and discuss concerns for a child, think about need "
        "and risk together and agree a clear plan to keep the child safe."
    ),
    Session.Kind.LEARNING_CONVERSATION: (
        "Practitioners reflect together on how the agencies are working with each other, and with the family, "
        "and what would make more of a difference for them."
    ),
}
FORMAT_HINTS = {
    Session.Format.ONLINE: "Put the meeting link in 'Where, or the meeting link'.",
    Session.Format.IN_PERSON: "Put the address or the room in 'Where, or the meeting link'.",
}


def _date(label, required_message, *, hint=""):
    """A date the form alone checks (the service is given a date and time together)."""
    return DateField(label=label, help_text=hint, error_messages={"required": required_message})


def radios_with_hints(field, *, hints, legend_class="govuk-fieldset__legend--m"):
    """Radios with a plain hint under each choice (gt_field has no hint per choice)."""
    value = str(field.value() or "")
    items = [
        {"value": str(v), "text": str(label), "checked": str(v) == value, **({"hint": {"text": hints[v]}} if v in hints else {})}
        for v, label in field.field.choices
        if v not in ("", None)
    ]
    return render_component(
        "radios",
        {
            "idPrefix": field.auto_id,
            "name": field.html_name,
            "fieldset": {"legend": {"text": str(field.label), "classes": legend_class}},
            "hint": {"text": str(field.help_text)} if field.help_text else None,
            "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
            "items": items,
        },
    )


def person_label(user, organisation_name=""):
    title = f", {user.job_title}" if getattr(user, "job_title", "") else ""
    where = f" ({organisation_name})" if organisation_name else ""
    return f"{user.full_name or user.email}{title}{where}"


class StartMixin:
    """A date and a time typed apart (`proposed_date`, `proposed_time`), given to the service together as `proposed_start`."""

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("proposed_date"), cleaned.get("proposed_time")
        if day and time:
            cleaned["proposed_start"] = timezone.make_aware(datetime.datetime.combine(day, time))
        return cleaned


class ChoosingPeopleMixin:
    """`invite_from` lists the organisations to find people in; `invitees` the people found, ticked or not."""

    def offer(self, organisations, people):
        """organisations: to find people in; people: {public id key: (user, label)}."""
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["invite_from"].choices = [("", "Choose an organisation")] + [(key, o.name) for key, o in self.organisations.items()]
        self.people = people
        self.fields["invitees"].choices = [(key, label) for key, (_, label) in people.items()]

    def chosen_invitees(self):
        return [self.people[key][0] for key in self.cleaned_data.get("invitees", []) if key in self.people]


def family_choice_label(family) -> str:
    """A family the person is in the team of, as they know it: its name, then its reference."""
    return f"{family.family_name}, reference {family.reference}" if family.family_name else f"Family {family.reference}"


class RequestForm(StartMixin, ChoosingPeopleMixin, GoldenThreadForm):
    """Ask for a group supervision or a learning conversation, and say who to invite."""

    kind = forms.ChoiceField(
        label="What would you like to hold?",
        choices=Session.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": rules.KIND_MESSAGE, "invalid_choice": rules.KIND_MESSAGE},
    )
    family = forms.ChoiceField(
        label="Which family is it about?",
        help_text="You can link the session to a family whose team you are in. Otherwise, choose an anonymised situation.",
        error_messages={
            "required": "Choose a family, or an anonymised situation",
            "invalid_choice": "Choose a family from the list, or an anonymised situation",
        },
    )
    situation_reference = rules.SITUATION_REFERENCE.form_field()
    purpose = rules.PURPOSE.form_field()
    proposed_date = _date("Proposed date", "Enter the date you would like to meet", hint="For example, 27 3 2026")
    proposed_time = TimeField(label="Proposed time", help_text="For example, 14:30 or 2:30pm")
    format = forms.ChoiceField(
        label="How will you meet?",
        choices=Session.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": rules.FORMAT_MESSAGE, "invalid_choice": rules.FORMAT_MESSAGE},
    )
    location = rules.LOCATION.form_field()
    invite_from = forms.ChoiceField(
        label="Find people to invite in another organisation",
        required=False,
        help_text="Choose an organisation, then 'Show its people'.",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    invitees = forms.MultipleChoiceField(
        label="Who would you like to invite?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Practitioners from the other agencies involved. They will be asked to take part.",
        error_messages={"invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, families, organisations, people, **kwargs):
        """families: Family objects the person may link; organisations: to find people in; people: {public id key: (user, label)}."""
        super().__init__(*args, **kwargs)
        self.families = {str(f.public_id): f for f in families}
        self.fields["family"].choices = [("", "Choose"), (ANONYMISED, "An anonymised situation (no family record)")] + [
            (key, family_choice_label(f)) for key, f in self.families.items()
        ]
        self.offer(organisations, people)

    def kind_radios(self):
        return radios_with_hints(self["kind"], hints=KIND_HINTS)

    def format_radios(self):
        return radios_with_hints(self["format"], hints=FORMAT_HINTS, legend_class="govuk-fieldset__legend--s")

    def chosen_family(self):
        return self.families.get(self.cleaned_data.get("family"))

    def request_values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "family": self.chosen_family(),
            "situation_reference": data["situation_reference"],
            "purpose": data["purpose"],
            "proposed_start": data["proposed_start"],
            "format": data["format"],
            "location": data["location"],
            "invitees": self.chosen_invitees(),
        }


class InviteForm(ChoosingPeopleMixin, GoldenThreadForm):
    """Invite more people: choose an organisation to see its people, then tick them."""

    invite_from = forms.ChoiceField(
        label="Find people in an organisation",
        required=False,
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    invitees = forms.MultipleChoiceField(
        label="Who would you like to invite?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": rules.INVITEES_MESSAGE, "invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(organisations, people)


class RespondForm(GoldenThreadForm):
    response = forms.ChoiceField(
        label="Your answer",
        choices=[(Attendee.Response.ACCEPTED, "Yes, I will take part"), (Attendee.Response.DECLINED, "No, I cannot take part")],
        widget=forms.RadioSelect,
        error_messages={"required": rules.RESPONSE_MESSAGE, "invalid_choice": rules.RESPONSE_MESSAGE},
    )


class ScheduleForm(StartMixin, GoldenThreadForm):
    facilitator = forms.ChoiceField(
        label="Who will facilitate?", error_messages={"required": rules.FACILITATOR_MESSAGE, "invalid_choice": "Choose a facilitator from the list"}
    )
    accountable_manager = forms.ChoiceField(
        label="Accountable manager",
        help_text="They confirm any action that changes the child's plan before it is final.",
        error_messages={"required": rules.MANAGER_MESSAGE, "invalid_choice": "Choose an accountable manager from the list"},
    )
    proposed_date = _date("Date", "Enter the date of the session")
    proposed_time = TimeField(label="Time", help_text="For example, 14:30 or 2:30pm")

    def __init__(self, *args, people, **kwargs):
        """people: {key: (user, label)} of those who may take these roles."""
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", "Choose")] + [(key, label) for key, (_, label) in people.items()]
        self.fields["facilitator"].choices = choices
        self.fields["accountable_manager"].choices = choices

    def schedule_values(self):
        data = self.cleaned_data
        return {
            "facilitator": self.people[data["facilitator"]][0],
            "accountable_manager": self.people[data["accountable_manager"]][0],
            "proposed_start": data["proposed_start"],
        }


class AcknowledgeForm(GoldenThreadForm):
    acknowledge = forms.BooleanField(
        label="I will keep what is shared in this session confidential",
        error_messages={"required": "Tick the box to say you will keep what is shared confidential"},
    )


class RecordForm(GoldenThreadForm):
    """The record of the discussion: the four questions one by one, then the rest, saved with the version."""

    version = version_field("Something went wrong with this form. Go back to the session and try again")
    held_on = rules.HELD_ON.form_field()
    meaning_for_child = rules.RECORD_TEXT["meaning_for_child"].form_field()
    impact = rules.RECORD_TEXT["impact"].form_field()
    informs_risk = rules.RECORD_TEXT["informs_risk"].form_field()
    reflected_in_planning = rules.RECORD_TEXT["reflected_in_planning"].form_field()
    going_well = rules.RECORD_TEXT["going_well"].form_field()
    risks_and_needs = rules.RECORD_TEXT["risks_and_needs"].form_field()
    safety_plan = rules.RECORD_TEXT["safety_plan"].form_field()
    helping = rules.RECORD_TEXT["helping"].form_field()
    getting_in_the_way = rules.RECORD_TEXT["getting_in_the_way"].form_field()
    themes = forms.MultipleChoiceField(
        label="Themes",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that came up. The partnership keeps this list.",
        error_messages={"invalid_choice": rules.THEMES_MESSAGE},
    )
    own_themes = rules.RECORD_TEXT["own_themes"].form_field()

    def __init__(self, *args, themes, learning, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(themes)
        if not learning:
            for name in RECORD_FIELDS_LEARNING:
                del self.fields[name]

    def record_values(self) -> dict:
        """What the service is given: every field on the page, and the version the facilitator read."""
        return {name: self.cleaned_data[name] for name in self.fields}


class AttendanceForm(GoldenThreadForm):
    attended = forms.MultipleChoiceField(
        label="Who took part?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["attended"].choices = [(key, label) for key, (_, label) in people.items()]

    def chosen(self):
        return [self.people[key][0] for key in self.cleaned_data.get("attended", []) if key in self.people]


class AgencyCommitmentForm(GoldenThreadForm):
    organisation = forms.ChoiceField(label="Which agency", error_messages={"required": "Choose the agency", "invalid_choice": "Choose an agency from the list"})
    commitment = rules.COMMITMENT.form_field()

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["organisation"].choices = [("", "Choose an agency")] + [(key, o.name) for key, o in self.organisations.items()]

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class WellbeingForm(GoldenThreadForm):
    note = rules.WELLBEING_NOTE.form_field()


class ActionForm(GoldenThreadForm):
    description = rules.ACTION_DESCRIPTION.form_field()
    owner = forms.ChoiceField(label="Who will do it", error_messages={"required": rules.OWNER_MESSAGE, "invalid_choice": "Choose someone from the list"})
    due_on = rules.DUE_ON.form_field()
    changes_childs_plan = forms.BooleanField(
        label="This changes the child's plan",
        required=False,
        help_text="The accountable manager confirms these actions before they are final.",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["owner"].choices = [("", "Choose")] + [(key, label) for key, (_, label) in people.items()]

    def action_values(self):
        data = self.cleaned_data
        return {
            "description": data["description"],
            "owner": self.people[data["owner"]][0],
            "due_on": data["due_on"],
            "changes_childs_plan": data["changes_childs_plan"],
        }


class ActionNoteForm(GoldenThreadForm):
    """Done (with a note), cancelled (with a reason) or confirmed (with a note): one box, its rule given."""

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"] = rule.form_field()


class MoveActionForm(GoldenThreadForm):
    new_due_on = rules.NEW_DUE_ON.form_field()
    reason = rules.MOVE_REASON.form_field()


class ChronologySummaryForm(GoldenThreadForm):
    summary = rules.CHRONOLOGY_SUMMARY.form_field()


class CancelSessionForm(GoldenThreadForm):
    reason = rules.CANCELLATION_REASON.form_field()


class FiguresForm(GoldenThreadForm):
    """Which months the figures cover; anything odd falls back to the last twelve months."""

    months = forms.TypedChoiceField(
        label="Show the last",
        coerce=int,
        required=False,
        empty_value=12,
        initial=12,
        choices=[(6, "6 months"), (12, "12 months"), (24, "24 months")],
    )
