"""The shared roadmap: milestones over time, for the whole system, for one sector or for one organisation.

A milestone is something the partnership means to have in place by a date. It is planned,
then reached, moved to a new date, or dropped with a reason; moving a date is part of
planning, never a failure. Every step is kept in its history (`MilestoneChange`), so the
roadmap shows how the plan grew as well as where it stands.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from goldenthread.partnership.models import Sector


class Milestone(models.Model):
    """A point on the shared roadmap: what we mean to have in place, by when, and for whom (the whole system, a sector or one organisation)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        REACHED = "reached", "Reached"
        MOVED = "moved", "Moved to a new date"
        DROPPED = "dropped", "Dropped"

    OPEN = (Status.PLANNED, Status.MOVED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey("programme.Programme", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("Milestone", max_length=150)
    description = models.TextField("What it means", max_length=2000, blank=True)
    due_on = models.DateField("Date")
    sector = models.CharField(
        "Sector", max_length=40, choices=Sector.choices, blank=True, help_text="Empty for the whole system; an organisation's milestone takes its sector."
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="milestones",
        help_text="Set for an organisation's own milestone.",
    )
    domains = models.JSONField("Continuum areas", default=list, blank=True, help_text="The continuum's areas it moves forward, by code.")
    principles = models.JSONField("Principles", default=list, blank=True, help_text="The principles it serves, by key.")
    status = models.CharField("Where it stands", max_length=20, choices=Status.choices, default=Status.PLANNED)
    reached_on = models.DateField("Reached on", null=True, blank=True)
    dropped_reason = models.TextField("Why it was dropped", max_length=1000, blank=True)
    actions = models.ManyToManyField(
        "programme.WorkstreamAction", blank=True, related_name="milestones", verbose_name="Linked actions", help_text="Workstream actions that move it forward."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "title"]
        indexes = [models.Index(fields=["programme", "due_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:roadmap-milestone", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_whole_system(self) -> bool:
        return self.organisation_id is None and not self.sector

    @property
    def date_has_passed(self) -> bool:
        """Open, and its date has gone by: time to mark it reached, or move it."""
        return self.is_open and self.due_on < timezone.localdate()


class MilestoneChange(models.Model):
    """One step in a milestone's history: added, changed, moved (from one date to another), reached or dropped, by whom and why. Never changed once written."""

    class Kind(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        MOVED = "moved", "Moved to a new date"
        REACHED = "reached", "Reached"
        DROPPED = "dropped", "Dropped"

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("What happened", max_length=20, choices=Kind.choices)
    from_date = models.DateField("Date before", null=True, blank=True)
    to_date = models.DateField("Date after", null=True, blank=True)
    note = models.TextField("Why, or what it looked like", max_length=1000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.milestone}: {self.get_kind_display().lower()}"
