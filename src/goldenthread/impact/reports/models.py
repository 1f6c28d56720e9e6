"""Board reports: what the partnership takes to the Safeguarding Children Partnership and the Adults Board."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from goldenthread.impact.periods import Period


class BoardReport(models.Model):
    """A report for the partnership's boards, for one period, about the whole partnership or one organisation.

    It keeps every figure as it was when the figures were worked out (`snapshot`: the golden
    thread and every indicator against its target, with a `digest` of them), and the
    commentary the partnership lead writes. While it is a draft its figures can be worked out
    again; once it is final nothing changes, so the same report can be produced again later,
    as a page, a PDF or a spreadsheet, with the same figures.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("Title", max_length=150)
    starts_on = models.DateField("The period's first day")
    ends_on = models.DateField("The period's last day")
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="board_reports", help_text="Empty for the whole partnership."
    )
    commentary = models.TextField("Commentary", max_length=10_000, blank=True)
    version = models.PositiveIntegerField(default=1)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    snapshot = models.JSONField(default=dict, help_text="Every figure as it was worked out: the golden thread and the indicators.")
    digest = models.CharField(max_length=64, blank=True, help_text="A fingerprint of the figures in the snapshot.")
    figures_at = models.DateTimeField(default=timezone.now, help_text="When the figures were worked out.")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-ends_on", "-made_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def period(self) -> Period:
        return Period(self.starts_on, self.ends_on)

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL

    @property
    def about(self) -> str:
        """Who the report is about, in words."""
        return self.organisation.name if self.organisation_id else "The whole partnership"

    def get_absolute_url(self) -> str:
        return reverse("impact:report", args=[self.public_id])
