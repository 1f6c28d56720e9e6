"""The impact framework's indicators: how the partnership will know an outcome of its theory of change is coming about.

An indicator belongs to one outcome (`outcome_key`, the outcome's stable key across versions
of the theory of change). Its figure is either computed live from the platform's own records
(`computation_key`, one of `computed.computations()`), or entered by hand, with evidence, for
each period (`IndicatorValue`). Each indicator has a baseline, a target, a direction (is
higher better, or lower?) and an amber margin: how close to the target counts as close.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.append_only import AppendOnlyModel, AppendOnlyQuerySet

from .computed import COUNT, PERCENT, SCORE


class Direction(models.TextChoices):
    """Which way is better for an indicator."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    """How often an indicator's figure is looked at (and, for one entered by hand, entered)."""

    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every three months"
    YEARLY = "yearly", "Every year"


class Unit(models.TextChoices):
    """What an indicator's figure counts."""

    PERCENT = PERCENT, "A share, in per cent"
    COUNT = COUNT, "A number"
    SCORE = SCORE, "A score"


class Source(models.TextChoices):
    """Where an indicator's figure comes from."""

    COMPUTED = "computed", "Computed live from the platform"
    BY_HAND = "by-hand", "Entered by hand, with evidence"


class Indicator(models.Model):
    """One indicator of an outcome: what it measures, where its figure comes from, where it started and where the partnership hopes it gets to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("Name", max_length=150)
    definition = models.TextField("What it measures", max_length=2000)
    outcome_key = models.SlugField("The outcome it shows", max_length=80, help_text="The outcome's key in the theory of change.")
    source = models.CharField("Where its figure comes from", max_length=20, choices=Source.choices, default=Source.COMPUTED)
    computation_key = models.CharField("The computation", max_length=80, blank=True, help_text="For a computed indicator: the computation's key.")
    unit = models.CharField("What it counts", max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    baseline = models.FloatField("Baseline", null=True, blank=True)
    baseline_on = models.DateField("Baseline date", null=True, blank=True)
    target = models.FloatField("Target", null=True, blank=True)
    direction = models.CharField("Which way is better", max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    amber_margin = models.FloatField("How close counts as close to the target", default=5)
    frequency = models.CharField("How often", max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY)
    responsible = models.CharField("Who is responsible", max_length=150, blank=True)
    responsible_person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_active = models.BooleanField("In use", default=True, help_text="A retired indicator keeps its history.")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["outcome_key", "name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("impact:indicator", args=[self.public_id])

    @property
    def is_computed(self) -> bool:
        return self.source == Source.COMPUTED

    @property
    def is_percent(self) -> bool:
        return self.unit == Unit.PERCENT

    def amount(self, value) -> str:
        """A value of this indicator in words: "45%", "12" or "3.5"."""
        if value is None:
            return "None"
        shown = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
        return f"{shown}%" if self.is_percent else shown

    @property
    def baseline_words(self) -> str:
        if self.baseline is None:
            return "Not set"
        return self.amount(self.baseline) + (f", on {self.baseline_on:%-d %B %Y}" if self.baseline_on else "")

    @property
    def margin_words(self) -> str:
        return self.amount(self.amber_margin or 0)

    @property
    def responsible_words(self) -> str:
        if self.responsible_person_id:
            return self.responsible_person.full_name
        return self.responsible or "Not named yet"


class IndicatorValue(AppendOnlyModel):
    """A figure entered by hand for one period of an indicator, with its evidence and who entered it.

    Never changed: a correction is a new row for the same period, and the latest entered for
    a period is the one that counts. The history shows them all.
    """

    APPEND_ONLY_MESSAGE = "An indicator's figures are never changed. Enter a new figure for the period to correct one."

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    period_start = models.DateField("First day of the period")
    period_end = models.DateField("Last day of the period")
    value = models.FloatField("Figure")
    evidence = models.TextField("Evidence", max_length=2000)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["period_start", "entered_at", "id"]
        indexes = [models.Index(fields=["indicator", "period_start"])]

    def __str__(self):
        return f"{self.indicator}: {self.period_start} to {self.period_end}"
