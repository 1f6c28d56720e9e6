"""The work part's forms. Their fields come from `rules`; the services check the same rules again.

The action forms are the shared action plan's (`core.action_plan.StepForm`); here are the
programme, workstream, member, meeting, move, cancel and join forms.
"""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, radio_choice
from goldenthread.core.models import User
from goldenthread.core.signin import normalised_email
from goldenthread.programme import principles as programme_principles

from . import queries, rules
from .models import Rhythm, Weekday


def person_by_email(text: str):
    email = normalised_email(text or "")
    return User.objects.filter(email=email, is_active=True).first() if email else None


class ProgrammeForm(GoldenThreadForm):
    name = rules.PROGRAMME_NAME.form_field()
    purpose = rules.PROGRAMME_PURPOSE.form_field()
    starts_on = rules.PROGRAMME_STARTS.form_field()
    ends_on = rules.PROGRAMME_ENDS.form_field()

    def __init__(self, *args, changing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if changing:
            self.fields["is_open"] = forms.BooleanField(
                label="The programme is still running", required=False, help_text="A closed programme keeps its history."
            )

    def programme_values(self) -> dict:
        data = self.cleaned_data
        values = {"name": data["name"], "purpose": data["purpose"], "starts_on": data["starts_on"], "ends_on": data.get("ends_on")}
        if "is_open" in self.fields:
            values["is_open"] = data.get("is_open", False)
        return values


class WorkstreamForm(GoldenThreadForm):
    name = rules.WORKSTREAM_NAME.form_field()
    purpose = rules.WORKSTREAM_PURPOSE.form_field()
    principles = forms.MultipleChoiceField(
        label="The principles it serves",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": rules.PRINCIPLES_NEEDED, "invalid_choice": rules.PRINCIPLE_UNKNOWN, "invalid_list": rules.PRINCIPLE_UNKNOWN},
    )
    lead_email = forms.CharField(
        label=rules.LEAD_EMAIL_LABEL,
        max_length=254,
        help_text=rules.LEAD_EMAIL_HINT,
        error_messages={"required": rules.LEAD_NEEDED, "max_length": rules.LEAD_NOT_WORKFORCE},
    )
    rhythm = radio_choice("How often it meets", Rhythm.choices, rules.RHYTHM_NEEDED)
    meeting_weekday = radio_choice("The day it meets", [(str(value), label) for value, label in Weekday.choices], rules.WEEKDAY_NEEDED)

    def __init__(self, *args, changing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = programme_principles.principle_choices()
        self.lead = None
        if changing:
            self.fields["is_open"] = forms.BooleanField(
                label="The workstream is still running",
                required=False,
                help_text="A finished workstream keeps its notes and actions, and stops its weekly e-mail.",
            )

    def clean_lead_email(self):
        self.lead = person_by_email(self.cleaned_data.get("lead_email"))
        if self.lead is None:
            raise forms.ValidationError(rules.LEAD_NOT_WORKFORCE)
        return self.cleaned_data["lead_email"]

    def workstream_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "name": data["name"],
            "purpose": data["purpose"],
            "principles": list(data["principles"]),
            "lead": self.lead,
            "rhythm": data["rhythm"],
            "meeting_weekday": int(data["meeting_weekday"]),
        }
        if "is_open" in self.fields:
            values["is_open"] = data.get("is_open", False)
        return values

    def apply_service_errors(self, error):
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class MemberForm(GoldenThreadForm):
    email = forms.CharField(
        label=rules.MEMBER_EMAIL_LABEL,
        max_length=254,
        help_text="They must work in one of the partnership's organisations. They will be told by e-mail.",
        error_messages={"required": rules.MEMBER_NEEDED, "max_length": rules.MEMBER_NOT_WORKFORCE},
    )

    def clean_email(self):
        self.person = person_by_email(self.cleaned_data.get("email"))
        if self.person is None:
            raise forms.ValidationError(rules.MEMBER_NOT_WORKFORCE)
        return self.cleaned_data["email"]


class MeetingForm(GoldenThreadForm):
    held_on = rules.MEETING_DAY.form_field()
    notes = rules.MEETING_NOTES.form_field()
    attended = forms.MultipleChoiceField(
        label=rules.WHO_CAME_LABEL,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.NOT_A_MEMBER, "invalid_list": rules.NOT_A_MEMBER},
    )

    def __init__(self, *args, members=(), **kwargs):
        """`members`: the people who may be ticked as having come (the current members, and anyone already recorded)."""
        super().__init__(*args, **kwargs)
        self.members = {str(member.public_id): member for member in members}
        self.fields["attended"].choices = [(key, f"{member.person.full_name}, {member.organisation_name}") for key, member in self.members.items()]

    def meeting_values(self) -> dict:
        data = self.cleaned_data
        return {"held_on": data["held_on"], "notes": data["notes"], "attended": [self.members[key] for key in data.get("attended", [])]}


class MoveActionForm(GoldenThreadForm):
    due_on = rules.NEW_DUE_ON.form_field()
    reason = rules.WHY_MOVED.form_field()


class CancelActionForm(GoldenThreadForm):
    reason = rules.WHY_CANCELLED.form_field()


class ShowActionsForm(GoldenThreadForm):
    """The actions list's filter. An unknown value shows the open actions."""

    show = LenientChoiceField(label="Show", required=False, choices=queries.SHOW_CHOICES)

    def chosen(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("show", "") if self.is_bound else ""


class JoinForm(GoldenThreadForm):
    message = rules.JOIN_MESSAGE.form_field()


ACCEPT, DECLINE = "accept", "decline"


class DecideForm(GoldenThreadForm):
    decision = radio_choice(
        "Your answer",
        [(ACCEPT, "Welcome them onto the workstream"), (DECLINE, "Not this time")],
        rules.DECISION_NEEDED,
    )
    reply = rules.JOIN_REPLY.form_field()

    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == ACCEPT
