"""The wellbeing forms. Their fields come from `rules` and the questions' data file; the services check the same rules again."""

from __future__ import annotations

from django import forms

from goldenthread.core.forms import GoldenThreadForm, TimeField, radio_choice
from goldenthread.core.models import User
from goldenthread.core.signin import normalised_email
from goldenthread.partnership.models import Membership

from . import questions, rules
from .models import ReflectiveSpace, SupportKind

MOST_PEOPLE_IN_A_TEAM = 200


class CheckInForm(GoldenThreadForm):
    """One radio question for each question in the current set, each optional, and a box for the person's own words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions.current().questions:
            choices = [(str(number), words) for number, words in zip(questions.SCALE, question.answers, strict=True)]
            self.fields[question.key] = radio_choice(question.asks, choices, rules.NOT_AN_ANSWER, required=False)
        self.fields["in_own_words"] = rules.OWN_WORDS.form_field()

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(question.key) for question in questions.current().questions):
            raise forms.ValidationError(rules.NOTHING_ANSWERED)
        return cleaned

    def answers(self) -> dict[str, int]:
        return {question.key: int(self.cleaned_data[question.key]) for question in questions.current().questions if self.cleaned_data.get(question.key)}

    def apply_service_errors(self, error):
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)


class ReminderForm(GoldenThreadForm):
    every_weeks = radio_choice(
        "How often would you like a reminder?", [(str(weeks), words) for weeks, words in rules.REMINDER_CHOICES.items()], rules.NOT_A_REMINDER
    )


class DeleteAllForm(GoldenThreadForm):
    confirm = forms.BooleanField(
        label="Yes, delete every check-in I have made",
        error_messages={"required": "Tick the box to say you want every check-in deleted, or go back to keep them"},
    )


class SupportForm(GoldenThreadForm):
    name = rules.SUPPORT_NAME.form_field()
    kind = radio_choice("Kind of support", SupportKind.choices, rules.NOT_A_KIND)
    description = rules.SUPPORT_DESCRIPTION.form_field()
    how_to_reach = rules.SUPPORT_HOW.form_field()
    link = forms.CharField(
        label="Web address (optional)", required=False, max_length=300, help_text="Starting https://", error_messages={"max_length": rules.LINK_PROBLEM}
    )
    is_listed = forms.BooleanField(label="Show it in the list of support", required=False, initial=True)


def _person_by_email(text: str):
    email = normalised_email(text or "")
    return User.objects.filter(email=email, is_active=True).first() if email else None


class SpaceForm(GoldenThreadForm):
    title = rules.SPACE_TITLE.form_field()
    about = rules.SPACE_ABOUT.form_field()
    format = radio_choice("How it is held", ReflectiveSpace.Format.choices, "Choose whether the space is held in person or online")
    venue = rules.SPACE_VENUE.form_field()
    joining_link = forms.CharField(
        label="Joining link",
        required=False,
        max_length=500,
        help_text="For an online space. Only people with a place see it.",
        error_messages={"max_length": rules.LINK_NEEDED},
    )
    day = rules.SPACE_DAY.form_field()
    starts = TimeField(label="Starts at", help_text="For example, 14:00 or 2pm", required_message="Enter the start time, for example 14:30 or 2:30pm")
    ends = TimeField(label="Ends at", help_text="For example, 15:30 or 3:30pm", required_message="Enter the end time, for example 16:00 or 4pm")
    capacity = forms.IntegerField(
        label="Places",
        min_value=2,
        max_value=rules.MOST_PLACES,
        error_messages={k: rules.PLACES_PROBLEM for k in ("required", "invalid", "min_value", "max_value")},
    )
    host_email = forms.CharField(
        label="Host's e-mail address",
        max_length=254,
        help_text="The person who will hold the space. They must be on Golden Thread.",
        error_messages={"required": rules.HOST_NEEDED},
    )

    EVERYONE = "everyone"

    def __init__(self, *args, audiences=None, **kwargs):
        """`audiences`: who the space may be for, as [(key, words, organisation or None)]; a choice is asked only when there are two or more."""
        super().__init__(*args, **kwargs)
        self.fields["capacity"].widget.attrs.update({"inputmode": "numeric"})
        self.audiences = {key: organisation for key, _, organisation in (audiences or [])}
        if len(self.audiences) > 1:
            self.fields["organisation"] = radio_choice("Who it is for", [(key, words) for key, words, _ in audiences], "Choose who the space is for")
            self.order_fields(["organisation"])

    def chosen_organisation(self):
        """The organisation the space is for (None: everyone)."""
        if len(self.audiences) == 1:
            return next(iter(self.audiences.values()))
        return self.audiences.get(self.cleaned_data.get("organisation"))

    def clean_host_email(self):
        host = _person_by_email(self.cleaned_data.get("host_email"))
        if host is None:
            raise forms.ValidationError("Enter the e-mail address of someone on Golden Thread, for example name@organisation.example")
        self.host = host
        return self.cleaned_data["host_email"]

    def space_values(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "about": data["about"],
            "format": data["format"],
            "venue": data.get("venue", ""),
            "joining_link": data.get("joining_link", ""),
            "day": data["day"],
            "starts": data["starts"],
            "ends": data["ends"],
            "capacity": data["capacity"],
            "host": self.host,
        }


class TeamOfferForm(SpaceForm):
    people = forms.CharField(
        label="The people in the team",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Their e-mail addresses, one on each line. Each will be told by e-mail and on their home page.",
        error_messages={"required": rules.TEAM_NEEDED},
        max_length=MOST_PEOPLE_IN_A_TEAM * 256,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["organisation", "people"])

    def clean_people(self):
        lines = [line.strip() for line in self.cleaned_data["people"].replace(",", "\n").splitlines() if line.strip()]
        if len(lines) > MOST_PEOPLE_IN_A_TEAM:
            raise forms.ValidationError(f"Offer the space to {MOST_PEOPLE_IN_A_TEAM} people or fewer at a time")
        organisation = self.chosen_organisation()
        people, unknown = [], []
        for line in lines:
            person = _person_by_email(line)
            if person is None or organisation is None or not Membership.objects.filter(user=person, organisation=organisation).exists():
                unknown.append(line[:80])
            elif person not in people:
                people.append(person)
        if unknown:
            raise forms.ValidationError(
                f"These are not people in the organisation on Golden Thread: {', '.join(unknown[:5])}. Check the addresses, or take them out"
            )
        self.people = people
        return self.cleaned_data["people"]


class CancelSpaceForm(GoldenThreadForm):
    reason = rules.CANCEL_REASON.form_field()


class PlaceForm(GoldenThreadForm):
    host_may_see_name = forms.BooleanField(
        label="Let the host know my name",
        required=False,
        help_text="Only the host sees it, to welcome you. Nobody else, your manager included, sees who has a place.",
    )
