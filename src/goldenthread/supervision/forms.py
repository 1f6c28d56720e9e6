"""Forms for group supervision and learning conversations: they parse and explain.

Who may do what lives in `permissions` and `services`; these forms only turn what a person
typed into clean values, and say plainly what to fix.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.core.forms import DateField, TidyTextMixin, show_service_errors
from goldenthread.core.govuk import render_component

from .models import Action, Attendee, Session

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


class SupervisionForm(TidyTextMixin, forms.Form):
    """Every form here: text tidied, required text that tidies away to nothing refused, service errors shown."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if field.required and isinstance(field, forms.CharField) and name in cleaned and not cleaned[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned

    def apply_service_errors(self, error: ValidationError):
        show_service_errors(self, error)


def _messages(label, required_message="", max_length=None):
    messages = {"null_characters_not_allowed": f"{label} contains a character we cannot store. Remove it and try again"}
    if required_message:
        messages["required"] = required_message
    if max_length:
        messages["max_length"] = f"{label} must be {max_length:,} characters or fewer"
    return messages


def text_box(label, max_length, required_message="", *, rows=5, hint="", required=True):
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}), error_messages=_messages(label, required_message, max_length),
    )


def line(label, max_length, required_message="", *, hint="", required=True):
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=hint, error_messages=_messages(label, required_message, max_length))


def date(label, required_message, *, hint="", required=True):
    field = DateField(label=label, required=required, help_text=hint)
    field.error_messages["required"] = required_message
    return field


TIME_PATTERN = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


class TimeField(forms.Field):
    """A time typed the way people write it: 14:30, 2.30pm or 9am."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages.update({
            "required": "Enter the time, for example 14:30 or 2:30pm",
            "invalid": "Enter a real time, for example 14:30 or 2:30pm",
        })

    def to_python(self, value):
        text = str(value or "").strip().lower().replace(" ", "")
        if not text:
            return None
        match = TIME_PATTERN.match(text) if len(text) <= 10 else None
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)


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


class RequestForm(SupervisionForm):
    """Ask for a group supervision or a learning conversation, and say who to invite."""

    kind = forms.ChoiceField(
        label="What would you like to hold?", choices=Session.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose group supervision or a learning conversation", "invalid_choice": "Choose group supervision or a learning conversation"},
    )
    family = forms.ChoiceField(
        label="Which family is it about?",
        help_text="You can link the session to a family whose team you are in. Otherwise, choose an anonymised situation.",
        error_messages={"required": "Choose a family, or an anonymised situation", "invalid_choice": "Choose a family from the list, or an anonymised situation"},
    )
    situation_reference = line(
        "Initials or a reference for the child or family", 40, "Enter initials or a reference, for example J.T., aged 9",
        hint="Used instead of names, for example 'J.T., aged 9' or the family reference.",
    )
    purpose = text_box(
        "What you would like to think about together", 3000, "Say what you would like to think about together", rows=5,
        hint="A few lines are enough. Leave out names and anything the others do not need to know.",
    )
    proposed_date = date("Proposed date", "Enter the date you would like to meet", hint="For example, 27 3 2026")
    proposed_time = TimeField(label="Proposed time", help_text="For example, 14:30 or 2:30pm")
    format = forms.ChoiceField(
        label="How will you meet?", choices=Session.Format.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose online or in person", "invalid_choice": "Choose online or in person"},
    )
    location = line("Where, or the meeting link", 300, required=False, hint="A room and address, or a link to the online meeting")
    invite_from = forms.ChoiceField(
        label="Find people to invite in another organisation", required=False,
        help_text="Choose an organisation, then 'Show its people'.",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    invitees = forms.MultipleChoiceField(
        label="Who would you like to invite?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Practitioners from the other agencies involved. They will be asked to take part.",
        error_messages={"invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, families, organisations, people, **kwargs):
        """families: Family objects the person may link; organisations: to find people in; people: {public id key: (user, label)}."""
        super().__init__(*args, **kwargs)
        self.families = {str(f.public_id): f for f in families}
        self.fields["family"].choices = [("", "Choose"), (ANONYMISED, "An anonymised situation (no family record)")] + [
            (key, f"Family {f.reference}") for key, f in self.families.items()
        ]
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["invite_from"].choices = [("", "Choose an organisation")] + [(key, o.name) for key, o in self.organisations.items()]
        self.people = people
        self.fields["invitees"].choices = [(key, label) for key, (_, label) in people.items()]

    def kind_radios(self):
        return radios_with_hints(self["kind"], hints=KIND_HINTS)

    def format_radios(self):
        return radios_with_hints(self["format"], hints=FORMAT_HINTS, legend_class="govuk-fieldset__legend--s")

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("proposed_date"), cleaned.get("proposed_time")
        if day and time:
            cleaned["proposed_start"] = timezone.make_aware(datetime.datetime.combine(day, time))
        return cleaned

    def chosen_family(self):
        return self.families.get(self.cleaned_data.get("family"))

    def chosen_invitees(self):
        return [self.people[key][0] for key in self.cleaned_data.get("invitees", []) if key in self.people]

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


class InviteForm(SupervisionForm):
    """Invite more people: choose an organisation to see its people, then tick them."""

    invite_from = forms.ChoiceField(
        label="Find people in an organisation", required=False,
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    invitees = forms.MultipleChoiceField(
        label="Who would you like to invite?", widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one person to invite", "invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["invite_from"].choices = [("", "Choose an organisation")] + [(key, o.name) for key, o in self.organisations.items()]
        self.people = people
        self.fields["invitees"].choices = [(key, label) for key, (_, label) in people.items()]

    def chosen_invitees(self):
        return [self.people[key][0] for key in self.cleaned_data.get("invitees", []) if key in self.people]


class RespondForm(SupervisionForm):
    response = forms.ChoiceField(
        label="Your answer",
        choices=[(Attendee.Response.ACCEPTED, "Yes, I will take part"), (Attendee.Response.DECLINED, "No, I cannot take part")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you can take part", "invalid_choice": "Choose whether you can take part"},
    )


class ScheduleForm(SupervisionForm):
    facilitator = forms.ChoiceField(label="Who will facilitate?", error_messages={
        "required": "Choose who will facilitate the session", "invalid_choice": "Choose a facilitator from the list"})
    accountable_manager = forms.ChoiceField(
        label="Accountable manager", help_text="They confirm any action that changes the child's plan before it is final.",
        error_messages={"required": "Choose the accountable manager", "invalid_choice": "Choose an accountable manager from the list"},
    )
    proposed_date = date("Date", "Enter the date of the session")
    proposed_time = TimeField(label="Time", help_text="For example, 14:30 or 2:30pm")

    def __init__(self, *args, people, **kwargs):
        """people: {key: (user, label)} of those who may take these roles."""
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", "Choose")] + [(key, label) for key, (_, label) in people.items()]
        self.fields["facilitator"].choices = choices
        self.fields["accountable_manager"].choices = choices

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("proposed_date"), cleaned.get("proposed_time")
        if day and time:
            cleaned["proposed_start"] = timezone.make_aware(datetime.datetime.combine(day, time))
        return cleaned

    def schedule_values(self):
        data = self.cleaned_data
        return {
            "facilitator": self.people[data["facilitator"]][0],
            "accountable_manager": self.people[data["accountable_manager"]][0],
            "proposed_start": data["proposed_start"],
        }


class AcknowledgeForm(SupervisionForm):
    acknowledge = forms.BooleanField(
        label="I will keep what is shared in this session confidential",
        error_messages={"required": "Tick the box to say you will keep what is shared confidential"},
    )


def _version_field():
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2_147_483_647, error_messages={
        "required": "Something went wrong with this form. Go back to the session and try again",
        "invalid": "Something went wrong with this form. Go back to the session and try again",
    })


class RecordForm(SupervisionForm):
    """The record of the discussion: the four questions one by one, then the rest, saved with the version."""

    version = _version_field()
    held_on = date("When the session was held", "Enter the date the session was held", required=False)
    meaning_for_child = text_box("What does this mean for the child or family?", 6000, required=False, rows=4)
    impact = text_box("What is the impact?", 6000, required=False, rows=4)
    informs_risk = text_box("How does this inform risk?", 6000, required=False, rows=4)
    reflected_in_planning = text_box("How is this reflected in our planning?", 6000, required=False, rows=4)
    going_well = text_box("What is going well", 6000, required=False, rows=4)
    risks_and_needs = text_box("Risks and needs", 6000, required=False, rows=4)
    safety_plan = text_box("The plan to keep the child safe", 6000, required=False, rows=4)
    helping = text_box("What is helping agencies work together", 6000, required=False, rows=4)
    getting_in_the_way = text_box("What is getting in the way", 6000, required=False, rows=4)
    themes = forms.MultipleChoiceField(
        label="Themes", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Choose any that came up. The partnership keeps this list.",
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    own_themes = line("Other themes, in your words", 500, required=False)

    def __init__(self, *args, themes, learning, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = list(themes)
        if not learning:
            for name in RECORD_FIELDS_LEARNING:
                del self.fields[name]

    def clean_held_on(self):
        held_on = self.cleaned_data.get("held_on")
        if held_on and held_on > timezone.localdate():
            raise ValidationError("The date the session was held must be today or in the past")
        return held_on

    def record_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name not in ("version",)}


class AttendanceForm(SupervisionForm):
    attended = forms.MultipleChoiceField(
        label="Who took part?", required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the list"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["attended"].choices = [(key, label) for key, (_, label) in people.items()]

    def chosen(self):
        return [self.people[key][0] for key in self.cleaned_data.get("attended", []) if key in self.people]


class AgencyCommitmentForm(SupervisionForm):
    organisation = forms.ChoiceField(label="Which agency", error_messages={
        "required": "Choose the agency", "invalid_choice": "Choose an agency from the list"})
    commitment = text_box("What we will do differently", 2000, "Say what the agency will do differently", rows=3)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.public_id): o for o in organisations}
        self.fields["organisation"].choices = [("", "Choose an agency")] + [(key, o.name) for key, o in self.organisations.items()]

    def chosen_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]


class WellbeingForm(SupervisionForm):
    note = text_box(
        "The impact of this work on us, and what would help", 4000, required=False, rows=6,
        hint="Only the people who took part in this session can read this. It is never counted in figures.",
    )


class ActionForm(SupervisionForm):
    description = line("What will be done", 500, "Say what will be done")
    owner = forms.ChoiceField(label="Who will do it", error_messages={
        "required": "Choose who will do it", "invalid_choice": "Choose someone from the list"})
    due_on = date("By when", "Enter the date it will be done by", hint="For example, 27 3 2026")
    changes_childs_plan = forms.BooleanField(
        label="This changes the child's plan", required=False,
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


class ActionNoteForm(SupervisionForm):
    """Done (with a note), cancelled (with a reason) or confirmed (with a note)."""

    note = text_box("Note", 1000, "Write a note", rows=3)

    def __init__(self, *args, label, required_message, hint="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["note"]
        field.label = label
        field.help_text = hint
        field.error_messages.update(_messages(label, required_message, 1000))


class MoveActionForm(SupervisionForm):
    new_due_on = date("New date", "Enter the new date it will be done by", hint="For example, 27 3 2026")
    reason = text_box("Why it is moving", 1000, "Say why the date is moving", rows=3)


class ChronologySummaryForm(SupervisionForm):
    summary = text_box(
        "Brief summary for the family's chronology", 1500, "Write a brief summary for the chronology", rows=4,
        hint="A few lines: that the session happened, and what was agreed for the child. Not the whole discussion.",
    )


class CancelSessionForm(SupervisionForm):
    reason = text_box("Why the session is cancelled", 1000, "Say why the session is cancelled", rows=3)


class FiguresForm(forms.Form):
    """Which months the figures cover; anything odd falls back to the last twelve months."""

    months = forms.TypedChoiceField(
        label="Show the last", coerce=int, required=False, empty_value=12, initial=12,
        choices=[(6, "6 months"), (12, "12 months"), (24, "24 months")],
    )


def action_status_text(action: Action) -> str:
    return action.get_status_display()
