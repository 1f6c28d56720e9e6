"""Programmes and their workstreams: the partnership's organised effort, such as a recovery response or a year's roadmap."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


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
