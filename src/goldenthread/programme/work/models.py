"""Programmes and their workstreams: the partnership's organised effort, such as a recovery response or a year's roadmap.

A programme is made of workstreams. Each workstream has a lead and members from across the
partnership, meets to a rhythm, writes notes of its meetings and keeps a list of actions
(the product's one action plan, `core.action_plan`). Every change to an action is kept, so
anyone can see how it moved on. People in the workforce can ask to join a workstream; its
lead answers.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.models import PlannedStep


class Programme(models.Model):
    """A programme the partnership runs, such as a recovery response or a year's roadmap, made of workstreams."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("Name", max_length=150)
    purpose = models.TextField("What it is for", max_length=2000, blank=True)
    starts_on = models.DateField("Starts on")
    ends_on = models.DateField("Ends on", null=True, blank=True)
    is_open = models.BooleanField(default=True, help_text="A closed programme keeps its history.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name


class Rhythm(models.TextChoices):
    """How often a workstream meets."""

    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"


class Weekday(models.IntegerChoices):
    """The working day a workstream meets on."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"


class Workstream(models.Model):
    """One strand of a programme's work, such as the trauma recovery model or communication.

    People from across the partnership, with a lead, who meet to a rhythm, keep notes of their
    meetings and a list of actions, and serve one or more of the five principles.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workstreams")
    name = models.CharField("Name", max_length=150)
    purpose = models.TextField("What it is for", max_length=2000)
    principles = models.JSONField("The principles it serves", default=list, blank=True, help_text="Keys from programme/data/principles.toml.")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="workstreams_led")
    rhythm = models.CharField("How often it meets", max_length=20, choices=Rhythm.choices, default=Rhythm.WEEKLY)
    meeting_weekday = models.PositiveSmallIntegerField("The day it meets", choices=Weekday.choices, default=Weekday.TUESDAY)
    is_open = models.BooleanField(default=True, help_text="A finished workstream keeps its history.")
    next_digest_on = models.DateField(null=True, blank=True, help_text="The Monday the next weekly digest is for; empty when none is planned.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def is_running(self) -> bool:
        """Open, in an open programme: it meets, and its actions can change."""
        return self.is_open and self.programme.is_open

    @property
    def rhythm_words(self) -> str:
        """ "Every week, on Tuesdays"."""
        return f"{self.get_rhythm_display()}, on {self.get_meeting_weekday_display()}s"

    @property
    def meets(self) -> str:
        """ "every week, on Tuesdays", to follow "It meets"."""
        words = self.rhythm_words
        return words[:1].lower() + words[1:]


class WorkstreamMember(models.Model):
    """A person on a workstream, the organisation they bring to it, and since when. Someone who stepped back keeps their place in the history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workstream_memberships")
    organisation = models.ForeignKey("partnership.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["workstream", "person"], name="programme_one_place_per_workstream")]

    def __str__(self):
        return f"{self.person} on {self.workstream}"

    @property
    def is_current(self) -> bool:
        return self.left_at is None

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else "The partnership team"


class Meeting(models.Model):
    """A meeting of a workstream: the day it was held, notes of what was talked about and agreed, and who came."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("Date of the meeting")
    notes = models.TextField("Notes", max_length=5000)
    attended = models.ManyToManyField(WorkstreamMember, blank=True, related_name="meetings_attended", verbose_name="Who came")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.workstream} on {self.held_on:%d %B %Y}"


class WorkstreamAction(PlannedStep):
    """An action a workstream agreed, perhaps at one of its meetings: what, who owns it, by when, and how far it has got.

    An action can be done, moved to a new date or cancelled; every change is kept (`ActionChange`).
    A cancelled action stays in the list, marked as cancelled, with the reason in its history.
    """

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions", verbose_name="Where it came from")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(PlannedStep.Meta):
        pass

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_open(self) -> bool:
        """Still to do: neither done nor cancelled."""
        return not self.is_cancelled and self.status != self.Status.DONE

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def state_words(self) -> str:
        """How far it has got, in words: "Cancelled", or its status."""
        return "Cancelled" if self.is_cancelled else self.get_status_display()


class ActionChange(models.Model):
    """One change to a workstream's action, kept so everyone can see how it moved on: what changed, from what, to what, who changed it and when.

    Only ever added to: a change is never altered or taken away.
    """

    class What(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        MOVED = "moved", "Moved to a new date"
        DONE = "done", "Marked as done"
        CANCELLED = "cancelled", "Cancelled"

    action = models.ForeignKey(WorkstreamAction, on_delete=models.CASCADE, related_name="changes")
    what = models.CharField(max_length=20, choices=What.choices)
    field = models.CharField("What changed", max_length=40, blank=True)
    from_value = models.CharField("From", max_length=600, blank=True)
    to_value = models.CharField("To", max_length=600, blank=True)
    note = models.TextField("Why", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_what_display()}: {self.action}"


class JoinRequest(models.Model):
    """Someone offering to join a workstream ("How you can get involved"), in a few words of their own, and the answer from its lead."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not this time"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workstream_join_requests")
    organisation = models.ForeignKey("partnership.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField("What they would like to bring", max_length=1000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    asked_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField("A note to them", max_length=1000, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["workstream", "person"], condition=models.Q(status="waiting"), name="programme_one_waiting_request_per_person"),
        ]

    def __str__(self):
        return f"{self.person} asking to join {self.workstream}"

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else "The partnership team"
