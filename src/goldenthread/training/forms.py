"""Forms for training: they parse and explain.

Who may do what lives in `permissions` and `services`; these forms only turn what a person
typed into clean values, and say plainly what to fix. Each field's limit and messages come
from `rules`, which the services check again.
"""

import datetime

from django import forms
from django.utils import timezone

from goldenthread.core.forms import GoldenThreadForm, LenientChoiceField, TimeField, radio_choice
from goldenthread.partnership.models import Role

from . import rules
from .models import AhaMoment, Booking, ConfidenceRating, Feedback, Programme, TrainingSession
from .queries import Reach

# --- programmes and courses -----------------------------------------------------------------


class ProgrammeForm(GoldenThreadForm):
    name = rules.PROGRAMME_NAME.form_field()
    kind = radio_choice("Kind of programme", Programme.Kind.choices, rules.PROGRAMME_KIND_MESSAGE)
    description = rules.PROGRAMME_DESCRIPTION.form_field()
    is_open = forms.BooleanField(label="Open for booking", required=False, help_text="A closed programme keeps its history but offers no new sessions.")

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_open"]

    def programme_values(self) -> dict:
        data = self.cleaned_data
        values = {"name": data["name"], "kind": data["kind"], "description": data.get("description", "")}
        if "is_open" in self.fields:
            values["is_open"] = data.get("is_open", False)
        return values


class CourseForm(GoldenThreadForm):
    title = rules.COURSE_TITLE.form_field()
    summary = rules.COURSE_SUMMARY.form_field()
    parts = rules.PARTS.form_field()
    skills = rules.SKILLS.form_field()
    audience = forms.MultipleChoiceField(
        label="Who is it for?",
        help_text="Choose the roles it is meant for, or none for everyone. Anyone can still book it.",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": rules.AUDIENCE_MESSAGE, "invalid_list": rules.AUDIENCE_MESSAGE},
    )
    is_open = forms.BooleanField(label="Open for booking", required=False)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_open"]

    def course_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "parts": data.get("parts", ""),
            "skills": data.get("skills", ""),
            "audience": data.get("audience", []),
        }
        if "is_open" in self.fields:
            values["is_open"] = data.get("is_open", False)
        return values


def course_initial(course) -> dict:
    return {
        "title": course.title,
        "summary": course.summary,
        "parts": "\n".join(course.parts or []),
        "skills": "\n".join(course.skills or []),
        "audience": list(course.audience or []),
        "is_open": course.is_open,
    }


# --- sessions -------------------------------------------------------------------------------


def _people_label(user) -> str:
    return f"{user.full_name or user.email}, {user.job_title}" if user.job_title else (user.full_name or user.email)


class SessionForm(GoldenThreadForm):
    """Put on or change a session: which part, the day and times, in person or online, places and trainers."""

    part = radio_choice("Which part of the course is it?", [], rules.PART_MESSAGE)
    date = rules.SESSION_DATE.form_field()
    starts = TimeField(label="Starts at", help_text="For example, 9:30 or 9:30am", required_message=rules.STARTS_MESSAGE)
    ends = TimeField(label="Ends at", help_text="For example, 16:00 or 4pm", required_message=rules.ENDS_MESSAGE)
    format = radio_choice("How is it held?", TrainingSession.Format.choices, rules.FORMAT_MESSAGE)
    venue = rules.VENUE.form_field()
    room = rules.ROOM.form_field()
    accessibility = rules.ACCESSIBILITY.form_field()
    joining_link = rules.JOINING_LINK.form_field()
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=rules.MAX_CAPACITY,
        help_text="How many people can come. When it is full, people can join a waiting list.",
        error_messages={key: rules.CAPACITY_MESSAGE for key in ("required", "invalid", "min_value", "max_value")},
    )
    trainers = forms.MultipleChoiceField(
        label="Trainers",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": rules.TRAINERS_MESSAGE, "invalid_list": rules.TRAINERS_MESSAGE},
    )

    def __init__(self, *args, course, trainers, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.people = {str(user.public_id): user for user in trainers}
        self.fields["trainers"].choices = [(key, _people_label(user)) for key, user in self.people.items()]
        self.fields["part"].choices = [(str(number), course.part_name(number)) for number in range(1, course.part_count + 1)]
        if course.part_count == 1:
            self.fields["part"].widget = forms.HiddenInput()
            self.fields["part"].initial = "1"
        if editing:
            # A session already under way may have its room or trainers changed; only a new start must be in the future (the service checks).
            self.fields["date"].validators = []

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("date"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts:
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, starts))
        if day and ends:
            cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, ends))
        return cleaned

    def session_values(self) -> dict:
        data = self.cleaned_data
        return {
            "part": int(data.get("part") or 1),
            "starts_at": data.get("starts_at"),
            "ends_at": data.get("ends_at"),
            "format": data["format"],
            "venue": data.get("venue", ""),
            "room": data.get("room", ""),
            "accessibility": data.get("accessibility", ""),
            "joining_link": data.get("joining_link", ""),
            "capacity": data["capacity"],
            "trainers": [self.people[key] for key in data.get("trainers", []) if key in self.people],
        }


def session_initial(session) -> dict:
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return {
        "part": str(session.part),
        "date": start.date(),
        "starts": start.strftime("%H:%M"),
        "ends": end.strftime("%H:%M"),
        "format": session.format,
        "venue": session.venue,
        "room": session.room,
        "accessibility": session.accessibility,
        "joining_link": session.joining_link,
        "capacity": session.capacity,
        "trainers": [str(user.public_id) for user in session.trainers.all()],
    }


class CancelSessionForm(GoldenThreadForm):
    reason = rules.SESSION_CANCELLATION_REASON.form_field()


# --- places ---------------------------------------------------------------------------------


class ConfirmForm(GoldenThreadForm):
    """A page that asks 'are you sure?' and has nothing to fill in."""


class OfferForm(GoldenThreadForm):
    answer = radio_choice(
        "Would you like the place?",
        [("yes", "Yes, I would like the place"), ("no", "No, offer it to the next person")],
        rules.OFFER_ANSWER_MESSAGE,
    )


class RegisterForm(GoldenThreadForm):
    """One question for each person booked: did they come to the whole session, part of it, or were they not able to come?"""

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = {str(booking.public_id): booking for booking in bookings}
        for key, booking in self.bookings.items():
            self.fields[f"attendance-{key}"] = radio_choice(
                f"{booking.person.full_name or booking.person.email} ({booking.organisation.name})",
                Booking.Attendance.choices,
                rules.ATTENDANCE_MESSAGE,
                required=False,
            )
            if booking.attendance:
                self.fields[f"attendance-{key}"].initial = booking.attendance

    def attendance_values(self) -> dict:
        return {key: self.cleaned_data.get(f"attendance-{key}", "") for key in self.bookings}


# --- feedback and aha moments ---------------------------------------------------------------


class FeedbackForm(GoldenThreadForm):
    usefulness = radio_choice("How useful was the session for you?", [(str(v), label) for v, label in Feedback.Usefulness.choices], rules.USEFULNESS_MESSAGE)
    most_helpful = rules.MOST_HELPFUL.form_field()
    will_do_differently = rules.WILL_DO_DIFFERENTLY.form_field()
    could_be_better = rules.COULD_BE_BETTER.form_field()

    def __init__(self, *args, skills=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = list(skills)
        levels = [(str(v), label) for v, label in ConfidenceRating.Level.choices]
        for index, skill in enumerate(self.skills):
            for when, words in (("before", "before the session"), ("after", "now, after the session")):
                self.fields[f"{when}_{index}"] = radio_choice(
                    f"{skill}: how confident did you feel {words}?" if when == "before" else f"{skill}: how confident do you feel {words}?",
                    levels,
                    rules.CONFIDENCE_MESSAGE.format(when=f"{when} the session", skill=skill),
                    required=False,
                )

    def skill_fields(self):
        """(skill, before field, after field) for the template."""
        return [(skill, self[f"before_{index}"], self[f"after_{index}"]) for index, skill in enumerate(self.skills)]

    def feedback_values(self) -> dict:
        data = self.cleaned_data
        return {
            "usefulness": data["usefulness"],
            "most_helpful": data.get("most_helpful", ""),
            "will_do_differently": data.get("will_do_differently", ""),
            "could_be_better": data.get("could_be_better", ""),
            "confidence": {skill: (data.get(f"before_{index}") or None, data.get(f"after_{index}") or None) for index, skill in enumerate(self.skills)},
        }


def feedback_initial(feedback, skills) -> dict:
    if feedback is None:
        return {}
    initial = {
        "usefulness": str(feedback.usefulness),
        "most_helpful": feedback.most_helpful,
        "will_do_differently": feedback.will_do_differently,
        "could_be_better": feedback.could_be_better,
    }
    ratings = {rating.skill: rating for rating in feedback.confidence.all()}
    for index, skill in enumerate(skills):
        if skill in ratings:
            initial[f"before_{index}"] = str(ratings[skill].before)
            initial[f"after_{index}"] = str(ratings[skill].after)
    return initial


class AhaMomentForm(GoldenThreadForm):
    text = rules.AHA_TEXT.form_field()
    theme = radio_choice("Which theme is it closest to?", AhaMoment.Theme.choices, rules.THEME_MESSAGE)
    sharing = radio_choice(
        "Who may read it?",
        AhaMoment.Sharing.choices,
        rules.SHARING_MESSAGE,
        hint="Shared moments are read by people across the partnership, who learn from them. Without your name, nobody reading it can see who wrote it.",
    )


# --- filters --------------------------------------------------------------------------------

SHOW_CHOICES = [("mine", "Courses for my role"), ("all", "All courses")]


class CourseFilterForm(forms.Form):
    show = LenientChoiceField(label="Show", choices=SHOW_CHOICES, required=False, widget=forms.RadioSelect)
    kind = LenientChoiceField(label="Programme", choices=[("", "Any programme"), *Programme.Kind.choices], required=False)
    format = LenientChoiceField(label="How it is held", choices=[("", "In person or online"), *TrainingSession.Format.choices], required=False)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"for_my_role": data.get("show") != "all", "kind": data.get("kind") or "", "format": data.get("format") or ""}


class AhaFilterForm(forms.Form):
    theme = LenientChoiceField(label="Theme", choices=[("", "Every theme"), *AhaMoment.Theme.choices], required=False)

    def theme_value(self) -> str:
        return (self.cleaned_data.get("theme") or "") if self.is_valid() else ""


class ReachFilterForm(forms.Form):
    """The filters above an organisation's people: where they are with the training, and their role."""

    reach = LenientChoiceField(label="Where they are", choices=[("", "Everyone"), *Reach.choices], required=False)
    role = LenientChoiceField(label="Role", choices=[("", "Every role"), *Role.choices], required=False)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"reach": data.get("reach") or "", "role": data.get("role") or ""}
