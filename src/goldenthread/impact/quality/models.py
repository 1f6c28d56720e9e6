"""Quality assurance of records: auditors, the samples the platform draws for them, and their grades.

The partnership team appoints auditors; a round of audit is a sample of families' records the
platform draws at random (with a stored seed, so the same draw can be made again) from the
records the auditor may see under the families access rule; the auditor reads each record with
the language check's findings alongside, and grades it against the partnership's audit
questions (`impact/data/quality_audit_questions.toml`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.append_only import AppendOnlyModel, AppendOnlyQuerySet

from . import rules


class Auditor(models.Model):
    """A person the partnership team has asked to audit records. An appointment ends; it is never deleted."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quality_appointments")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["person__full_name", "appointed_at"]
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(ended_at__isnull=True), name="quality_one_live_appointment")]

    @property
    def is_live(self) -> bool:
        return self.ended_at is None


class AuditRound(models.Model):
    """One sample of records drawn for one auditor: the period and organisation it covers, how many were asked for, and the seed of the draw.

    `available` is how many records the auditor could see in the period when it was drawn; the
    sample is `min(size_asked, available)`. Drawing again with the same seed, from the same
    records, gives the same sample.
    """

    class State(models.TextChoices):
        GRADING = "grading", "Being graded"
        FINISHED = "finished", "Finished"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quality_rounds")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    period_start = models.DateField("First day of the records' period")
    period_end = models.DateField("Last day of the records' period")
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Blank: every organisation."
    )
    size_asked = models.PositiveSmallIntegerField()
    available = models.PositiveIntegerField(default=0)
    seed = models.BigIntegerField()
    drawn_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.GRADING)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]

    @property
    def period_words(self) -> str:
        return f"{self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"

    @property
    def organisation_words(self) -> str:
        return self.organisation.name if self.organisation_id else "All organisations"


class AuditItem(models.Model):
    """One family's record in a round: which family (by reference, kept if the record is later erased), its recording
    organisation, and which parts the auditor could see when it was drawn."""

    class State(models.TextChoices):
        WAITING = "waiting", "Still to grade"
        GRADED = "graded", "Graded"
        SKIPPED = "skipped", "Left out"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(AuditRound, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(help_text="The order it was drawn in, from 1.")
    family = models.ForeignKey("families.Family", null=True, on_delete=models.SET_NULL, related_name="+")
    family_reference = models.CharField(max_length=12)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    parts = models.JSONField(help_text="The parts of the record drawn: story, profiles, chronology.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    finished_at = models.DateTimeField(null=True, blank=True)
    skipped_reason = models.CharField(max_length=rules.SKIP_REASON.max_length, blank=True)

    class Meta:
        ordering = ["round", "position"]
        constraints = [models.UniqueConstraint(fields=["round", "position"], name="quality_one_item_per_position")]


class AuditGrade(AppendOnlyModel):
    """The auditor's grade for one question about one record, with an optional note.

    Grades are the auditor's own and are written once: a record is graded in one go, every
    question at once, and that finishes it. Once finished, its grades never change: this model
    refuses every change and delete, and the service refuses grading a finished record again
    (a correction belongs in the next round's notes), so a past figure never moves.
    """

    APPEND_ONLY_MESSAGE = "Audit grades are kept as they were given."

    item = models.ForeignKey(AuditItem, on_delete=models.PROTECT, related_name="grades")
    question = models.CharField(max_length=40)
    grade = models.CharField(max_length=20)
    note = models.TextField(max_length=rules.NOTE.max_length, blank=True)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    graded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "question"], name="quality_one_grade_per_question")]
