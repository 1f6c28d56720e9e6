"""The partnership's theory of change, in versions: what we do, what we hope changes because of it, and what we take for granted.

A version is written as a draft by the partnership team, then published with a note saying
what changed. The latest published version is the one in force; earlier ones are kept and
can still be read. A published version never changes: the next change starts a new draft,
copied from the version in force. An outcome keeps its `key` from version to version, so
the indicators of an outcome follow it through every change of its words.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

PUBLISHED_NEVER_CHANGES = "A published theory of change is kept as it is. Start a new draft to change it."


class TheoryVersion(models.Model):
    """One version of the theory of change: a draft being written, or a published version (the latest published is in force)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField("Version", unique=True)
    state = models.CharField("Where it stands", max_length=20, choices=State.choices, default=State.DRAFT)
    note = models.TextField("What changed", max_length=2000, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField("Started", default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("Published", null=True, blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Theory of change, version {self.number}"

    def get_absolute_url(self):
        if self.is_draft:
            return reverse("impact:theory_draft")
        return reverse("impact:theory_version", args=[self.number])

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, state=self.State.PUBLISHED).exists():
            raise PermissionError(PUBLISHED_NEVER_CHANGES)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, state=self.State.PUBLISHED).exists():
            raise PermissionError(PUBLISHED_NEVER_CHANGES)
        return super().delete(*args, **kwargs)


class DraftOnly(models.Model):
    """A part of a version: written, changed and removed only while its version is a draft."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    theory = models.ForeignKey(TheoryVersion, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField("Order", default=0)
    version = models.PositiveIntegerField(default=1, help_text="Goes up with each change, so two people editing at once never overwrite each other.")

    class Meta:
        abstract = True

    def _refuse_if_published(self):
        if TheoryVersion.objects.filter(pk=self.theory_id, state=TheoryVersion.State.PUBLISHED).exists():
            raise PermissionError(PUBLISHED_NEVER_CHANGES)

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)


class Horizon(models.TextChoices):
    SHORT = "short", "Short term"
    MEDIUM = "medium", "Medium term"
    LONG = "long", "Long term"


class ForWhom(models.TextChoices):
    CHILDREN = "children", "Children and young people"
    FAMILIES = "families", "Families"
    WORKFORCE = "workforce", "The workforce"
    SYSTEM = "system", "The system"


class Outcome(DraftOnly):
    """A change we hope to see, for whom and how soon: for children, families, the workforce or the system, in the short, medium or long term."""

    theory = models.ForeignKey(TheoryVersion, on_delete=models.CASCADE, related_name="outcomes")
    key = models.SlugField("Key", max_length=80, help_text="Stays the same from version to version; the indicators follow it.")
    title = models.CharField("Outcome", max_length=200)
    horizon = models.CharField("How soon", max_length=10, choices=Horizon.choices)
    for_whom = models.CharField("For whom", max_length=20, choices=ForWhom.choices)
    description = models.TextField("What it means", max_length=2000, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["theory", "key"], name="impact_theory_outcome_key_once")]

    def __str__(self):
        return self.title


class Activity(DraftOnly):
    """Something the partnership does, and the outcomes it leads to."""

    theory = models.ForeignKey(TheoryVersion, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField("Activity", max_length=200)
    description = models.TextField("What it involves", max_length=2000, blank=True)
    leads_to = models.ManyToManyField(Outcome, blank=True, related_name="led_to_by", verbose_name="Outcomes it leads to")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "activities"

    def __str__(self):
        return self.title


class Assumption(DraftOnly):
    """Something we take to be true for the activities to lead to the outcomes; if it stops being true, the theory needs another look."""

    theory = models.ForeignKey(TheoryVersion, on_delete=models.CASCADE, related_name="assumptions")
    text = models.TextField("Assumption", max_length=1000)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]
