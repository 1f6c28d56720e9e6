"""Training and development: the programmes that make the way of working real for leaders and the whole workforce.

A programme (the leaders' programme, the core programme, motivational interviewing, refreshers)
is made of courses. A course has one or more parts ("Day 1", "Day 2", "Half-day follow-up")
and names the skills people rate their confidence in. Each part is run as training sessions,
in person or online, as often as needed: a person completes a course once they have come to
the whole of a session of every part. People book a place; when a session is full they join
its waiting list, and a place that comes free is offered to the next person, for a time.

Attendance is written in our own words: came to the whole session, came to part of it, or
not able to come. Nobody is marked as having "failed" anything.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.partnership.models import Role


class Programme(models.Model):
    """A programme of training the partnership offers, made of courses: for leaders, for everyone, or a refresher."""

    class Kind(models.TextChoices):
        LEADERS = "leaders", "Leaders' programme"
        CORE = "core", "Core programme"
        MOTIVATIONAL_INTERVIEWING = "motivational-interviewing", "Motivational interviewing"
        REFRESHER = "refresher", "Refresher"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("Name of the programme", max_length=200)
    kind = models.CharField("Kind of programme", max_length=30, choices=Kind.choices)
    description = models.TextField("What the programme is for", max_length=2000, blank=True)
    is_open = models.BooleanField("Open for booking", default=True, help_text="A closed programme keeps its history but offers no new sessions.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Course(models.Model):
    """A course in a programme: what it covers, its parts, the skills people rate their confidence in, and who it is for.

    `parts` names each part a person comes to, in order ("Day 1", "Day 2", "Half-day
    follow-up"); a course of one session has one part. `skills` are the skills the course
    names, for confidence before and after. `audience` holds the roles it is meant for (the
    partnership's roles: organisation lead, champion, practitioner, trainer); empty means
    everyone. It helps people find what suits them and never stops anyone from booking.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField("Title of the course", max_length=200)
    summary = models.TextField("What the course covers", max_length=3000, blank=True)
    parts = models.JSONField("Its parts, in order", default=list)
    skills = models.JSONField("The skills people rate their confidence in", default=list, blank=True)
    audience = models.JSONField("Who it is for", default=list, blank=True, help_text="Roles; empty means everyone.")
    is_open = models.BooleanField("Open for booking", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme__name", "title"]

    def __str__(self):
        return self.title

    @property
    def part_count(self) -> int:
        return max(len(self.parts or []), 1)

    def part_name(self, number: int) -> str:
        """The name of part `number` (1 for the first), or 'Part n' when it has none."""
        names = self.parts or []
        return names[number - 1] if 1 <= number <= len(names) else f"Part {number}"

    def is_for(self, roles) -> bool:
        """Meant for someone with any of these roles (a course for everyone is for anyone)."""
        return not self.audience or bool(set(self.audience) & set(roles))

    def audience_words(self) -> str:
        """'Everyone', or the roles it is for, in words: 'Organisation leads and champions'."""
        if not self.audience:
            return "Everyone"
        names = [f"{label.lower()}s" for value, label in Role.choices if value in self.audience]
        if not names:
            return "Everyone"
        words = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return words[:1].upper() + words[1:]


class TrainingSession(models.Model):
    """One session of a course: a part of it, on a day, in person or online, with a number of places and its trainers.

    In person: the venue, the room and notes on access (step-free, a hearing loop, parking).
    Online: a joining link, shown only to the people booked on it and its trainers.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        ONLINE = "online", "Online"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Going ahead"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    part = models.PositiveSmallIntegerField("Which part of the course", default=1)
    starts_at = models.DateTimeField("Starts")
    ends_at = models.DateTimeField("Ends")
    format = models.CharField("How it is held", max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField("Venue and address", max_length=300, blank=True)
    room = models.CharField("Room", max_length=100, blank=True)
    accessibility = models.TextField("Access and accessibility", max_length=1000, blank=True)
    joining_link = models.URLField("Joining link", max_length=500, blank=True)
    capacity = models.PositiveIntegerField("Places")
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="training_sessions_led")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancellation_reason = models.CharField("Why the session is cancelled", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["course", "part"])]

    def __str__(self):
        return f"{self.course.title}, {self.part_name}"

    @property
    def part_name(self) -> str:
        return self.course.part_name(self.part)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.ONLINE


class Booking(models.Model):
    """A person's place on a session, or their place in its waiting list, and afterwards whether they came.

    Booked: the place is theirs. Waiting: on the waiting list, in the order they joined.
    Offered: a place came free and is theirs to accept until `offer_expires_at`; after that it
    passes to the next person waiting. Cancelled: no longer coming (`ended_because` says why).
    One row per person and session: booking again after cancelling uses the same row.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        OFFERED = "offered", "Offered a place"
        CANCELLED = "cancelled", "Cancelled"

    class EndedBecause(models.TextChoices):
        CANCELLED_BY_PERSON = "cancelled", "They cancelled their place"
        OFFER_DECLINED = "offer-declined", "They said no to the place offered"
        OFFER_LAPSED = "offer-lapsed", "The time to accept the place offered passed"
        SESSION_CANCELLED = "session-cancelled", "The session was cancelled"
        CANCELLED_BY_TRAINER = "cancelled-by-trainer", "A trainer cancelled the place"

    class Attendance(models.TextChoices):
        ATTENDED = "attended", "Came to the whole session"
        PART = "part", "Came to part of the session"
        NOT_ABLE = "not-able-to-come", "Not able to come"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_bookings")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+", help_text="The organisation they come for.")
    status = models.CharField(max_length=20, choices=Status.choices)
    queued_at = models.DateTimeField(default=timezone.now, help_text="When they booked or joined the waiting list: the order of the list.")
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    ended_because = models.CharField(max_length=30, choices=EndedBecause.choices, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    attendance_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_booking_per_person_and_session")]
        indexes = [models.Index(fields=["session", "status", "queued_at"]), models.Index(fields=["person", "status"])]

    def __str__(self):
        return f"{self.person}'s place on {self.session}"

    @property
    def holds_place(self) -> bool:
        """Booked, or offered a place not yet accepted: either way, the place is kept for them."""
        return self.status in (self.Status.BOOKED, self.Status.OFFERED)

    @property
    def offer_has_lapsed(self) -> bool:
        return self.status == self.Status.OFFERED and self.offer_expires_at is not None and self.offer_expires_at <= timezone.now()


class Completion(models.Model):
    """A course a person has completed: they came to the whole of a session of each of its parts. Its certificate is a PDF."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_completions")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+", help_text="The organisation they came for.")
    completed_on = models.DateField("Completed on", help_text="The day of the last session they came to.")
    recorded_at = models.DateTimeField(default=timezone.now)
    imported_in = models.ForeignKey(
        "LmsImport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="completions",
        help_text="Completed in the council's own learning system and imported from it; empty when the register here recorded it.",
    )

    class Meta:
        ordering = ["-completed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="one_completion_per_person_and_course")]

    def __str__(self):
        return f"{self.person} completed {self.course}"


class Feedback(models.Model):
    """What someone said after a session: how useful it was, what helped, what they will do differently, what could be better."""

    class Usefulness(models.IntegerChoices):
        VERY = 5, "Very useful"
        USEFUL = 4, "Useful"
        SOMEWHAT = 3, "Somewhat useful"
        A_LITTLE = 2, "A little useful"
        NOT_FOR_ME = 1, "Not useful for me"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_feedback")
    usefulness = models.PositiveSmallIntegerField("How useful the session was", choices=Usefulness.choices)
    most_helpful = models.TextField("What helped most", max_length=2000, blank=True)
    will_do_differently = models.TextField("What they will do differently in their work", max_length=2000, blank=True)
    could_be_better = models.TextField("What could make the session better", max_length=2000, blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_feedback_per_person_and_session")]


class ConfidenceRating(models.Model):
    """How confident someone felt in one of the course's skills before the session, and how they feel after it (1 to 5)."""

    class Level(models.IntegerChoices):
        VERY = 5, "Very confident"
        CONFIDENT = 4, "Confident"
        FAIRLY = 3, "Fairly confident"
        A_LITTLE = 2, "A little confident"
        NOT_YET = 1, "Not yet confident"

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="confidence")
    skill = models.CharField("Skill", max_length=120)
    before = models.PositiveSmallIntegerField("Before the session", choices=Level.choices)
    after = models.PositiveSmallIntegerField("After the session", choices=Level.choices)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["feedback", "skill"], name="one_rating_per_skill")]


class AhaMoment(models.Model):
    """A short reflection on something noticed in one's own practice after a session.

    The person chooses whether to share it with their name, share it without a name, or
    keep it to themselves. The partnership browses shared moments by theme.
    """

    class Theme(models.TextChoices):
        LANGUAGE = "language", "The words we use"
        RELATIONSHIPS = "relationships", "Relationships and trust"
        CURIOSITY = "curiosity", "Being curious about what has happened"
        SAFETY = "safety", "Feeling safe"
        OWN_WELLBEING = "own-wellbeing", "Looking after ourselves"
        WORKING_TOGETHER = "working-together", "Working together across agencies"
        FAMILY_VOICE = "family-voice", "Hearing the family's voice"
        OTHER = "other", "Something else"

    class Sharing(models.TextChoices):
        NAMED = "named", "Share it with my name"
        ANONYMOUS = "anonymous", "Share it without my name"
        PRIVATE = "private", "Keep it to myself"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="aha_moments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aha_moments")
    text = models.TextField("What you noticed", max_length=1000)
    theme = models.CharField("Theme", max_length=30, choices=Theme.choices)
    sharing = models.CharField("Who may read it", max_length=20, choices=Sharing.choices, default=Sharing.ANONYMOUS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sharing", "theme", "created_at"])]

    @property
    def is_shared(self) -> bool:
        return self.sharing != self.Sharing.PRIVATE


# --- bring your own learning system, and the three-month follow-up ---------------------------


class LmsImport(models.Model):
    """A file from a council's learning system (people, courses or completed courses), checked row by row, then imported whole.

    The file's text is kept only between the check and the person confirming the import (or
    deciding not to); after that only the counts remain. An import adds what is new and never
    changes or removes what is already on Golden Thread.
    """

    class Kind(models.TextChoices):
        PEOPLE = "people", "People"
        COURSES = "courses", "Courses"
        COMPLETIONS = "completions", "Completed courses"

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked, waiting to be confirmed"
        IMPORTED = "imported", "Imported"
        SET_ASIDE = "set-aside", "Not imported"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("What the file holds", max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKED)
    file_name = models.CharField("File name", max_length=200, blank=True)
    text = models.TextField("The file's text, until it is imported or set aside", blank=True)
    rows = models.PositiveIntegerField("Rows read", default=0)
    added = models.PositiveIntegerField("Rows added", default=0)
    unchanged = models.PositiveIntegerField("Rows already on Golden Thread", default=0)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.file_name or 'a file'}"


class PracticeFollowUp(models.Model):
    """Three months after someone completes a course: a few questions on what has changed in their practice, and their answers.

    The questions are in `data/practice-follow-up.toml`. Answers are read only as counts across
    many people, never one person's.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    completion = models.OneToOneField(Completion, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_up")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_follow_ups")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="follow_ups")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField("Answers, by question", default=dict, blank=True)
    in_own_words = models.TextField("What has changed, in their own words", max_length=2000, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.person}'s follow-up on {self.course}"
