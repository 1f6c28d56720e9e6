"""Stories of practice: what a team did, what changed and what families said, shared once a champion or lead approves."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Story(models.Model):
    """A story of practice: what we did, what changed, and what families said about it.

    It is shared with the consent of everyone it touches, recorded with it (who agreed, how,
    and when; never a family's name). A champion or the lead of the story's organisation (not
    the person who wrote it), or the partnership team, approves it before anyone else sees it:
    partnership-wide for the workforce, or public on the stories page anyone can read. The
    person who shared it can withdraw it at any time, and it leaves every page at once.
    """

    class Reach(models.TextChoices):
        PARTNERSHIP = "partnership", "Everyone who works in the partnership"
        PUBLIC = "public", "Anyone, on the partnership's public stories page"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        WAITING = "waiting", "Waiting for approval"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent-back", "Sent back"
        WITHDRAWN = "withdrawn", "Withdrawn"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("Title", max_length=150)
    what_we_did = models.TextField("What we did", max_length=5000)
    what_changed = models.TextField("What changed", max_length=5000)
    what_families_said = models.TextField("What families said", max_length=3000, blank=True)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="programme_stories")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="programme_stories")
    domains = models.JSONField("Areas of the continuum", default=list, blank=True, help_text="Continuum domain codes.")
    principles = models.JSONField("Principles", default=list, blank=True, help_text="Principle keys, from programme/data/principles.toml.")
    consent_given_by = models.CharField("Who agreed to it being shared", max_length=200)
    consent_how = models.CharField("How they agreed", max_length=300)
    consent_on = models.DateField("When they agreed", null=True)
    consent_confirmed = models.BooleanField("Everyone whose story this touches has agreed to it being shared this way", default=False)
    reach = models.CharField("Who it is shared with", max_length=20, choices=Reach.choices, default=Reach.PARTNERSHIP)
    status = models.CharField("Where it is", max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_for_approval_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_back_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_back_at = models.DateTimeField(null=True, blank=True)
    sent_back_reason = models.TextField("Why it was sent back", max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-approved_at", "-created_at"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["status", "reach"])]

    def __str__(self):
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED and self.reach == self.Reach.PUBLIC
