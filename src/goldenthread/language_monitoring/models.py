"""What the language monitoring keeps: one check per record, counts only."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class WritingCheck(models.Model):
    """How one record's writing measured up against the shared language when it was last checked.

    One row for each record with words in it (a family story, a chronology entry, a pledge
    statement...): which kind of record, whose organisation's and whose writing it is, the month it
    was written, the rules it was checked under, how long it is, and what the check found, as rule
    ids and how often each was found. Never the words: `digest` is a keyed hash of them, kept only
    to tell whether they changed. A record "meets the standard" when the check found nothing to
    change in it.
    """

    model_label = models.CharField("Kind of record (app and model)", max_length=100)
    object_id = models.PositiveBigIntegerField("The record's number")
    record_type = models.CharField("Kind of record, in words", max_length=100)
    holds_family_data = models.BooleanField("Part of a family's record", default=False)
    organisation = models.ForeignKey("partnership.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    month = models.DateField("Month written (its first day)", db_index=True)
    rules_version = models.CharField("The rules it was checked under", max_length=32, db_index=True)
    digest = models.CharField("A keyed hash of the words, to tell when they change", max_length=64)
    characters = models.PositiveIntegerField(default=0)
    words = models.PositiveIntegerField(default=0)
    findings = models.PositiveIntegerField("Things the check would change", default=0)
    rules = models.JSONField("Rule ids found, with how often", default=dict, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model_label", "object_id"], name="one_writing_check_per_record")]
        indexes = [models.Index(fields=["organisation", "month"]), models.Index(fields=["author", "month"])]

    def __str__(self):
        return f"Writing check {self.pk}"

    @property
    def meets_standard(self) -> bool:
        return self.findings == 0
