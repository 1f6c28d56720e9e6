"""The family's own door: a family member's own account, and what they ask of their team.

A child or young person (from the age the partnership sets), a parent or a carer is invited by
a practitioner to their own sign-in. They sign in with a one-time code sent to them, read their
record and shape it: they suggest changes in their own words (the team decides with them), ask
their lead practitioner a question, and ask to share with a new organisation. Nothing they
suggest changes the record until a practitioner has decided.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


def digest(secret: str) -> str:
    """How a link's token or a sign-in code is kept: only its SHA-256, never the secret itself."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class Invitation(models.Model):
    """A practitioner's invitation to a family member to have their own sign-in to their record."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("families.Person", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("Their e-mail address"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    token_digest = models.CharField(max_length=64, unique=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at"]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and timezone.now() < self.expires_at


class SignInCode(models.Model):
    """A one-time code sent to a family member so they can sign in: short-lived, a few tries, used once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_digest = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]


class TermsAgreed(models.Model):
    """A family member agreed to the family's own short terms (the version they read)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="family_terms_agreed_once")]


class Waiting(models.TextChoices):
    """Where something a family member asked for stands."""

    WAITING = "waiting", _("Waiting for the team")
    ACCEPTED = "accepted", _("Accepted")
    CHANGED_TOGETHER = "changed-together", _("Changed with you")
    REPLIED = "replied", _("Answered")
    WITHDRAWN = "withdrawn", _("Taken back")


class Suggestion(models.Model):
    """A family member's suggested change to their story or their one-page profile, in their own words.

    It waits beside the current text until a practitioner accepts it, changes it with them, or
    replies; the record is never changed by the suggestion itself.
    """

    class Target(models.TextChoices):
        STORY_ENTRY = "story-entry", _("A part of the story")
        NEW_STORY = "new-story", _("Something new for the story")
        PROFILE = "profile", _("Their one-page profile")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("families.Person", on_delete=models.CASCADE, related_name="suggestions")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="suggestions")
    target = models.CharField(max_length=20, choices=Target.choices)
    story_entry = models.ForeignKey("families.StoryEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    profile_field = models.CharField(max_length=40, blank=True)
    text_then = models.TextField(blank=True, help_text="The text as it stood when the suggestion was made, to show beside it.")
    suggested_text = models.TextField(_("Your words"), max_length=rules.SUGGESTED_TEXT.max_length)
    why = models.CharField(_("Anything you want to say about it"), max_length=rules.WHY.max_length, blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Waiting.choices, default=Waiting.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    final_text = models.TextField(blank=True, help_text="The words that went into the record, where they did.")
    reply = models.TextField(_("Reply"), max_length=rules.REPLY.max_length, blank=True)
    seen_reply_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at"]


class Question(models.Model):
    """A question a family member asks their lead practitioner, and the answer."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("families.Person", on_delete=models.CASCADE, related_name="questions")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("Your question"), max_length=rules.QUESTION.max_length)
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Waiting.choices, default=Waiting.WAITING)
    answer = models.TextField(_("Answer"), max_length=rules.REPLY.max_length, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    seen_answer_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]


class ShareRequest(models.Model):
    """A family member asking to share parts of their record with a new organisation, confirmed with a practitioner."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("families.Person", on_delete=models.CASCADE, related_name="share_requests")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="share_requests")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    parts = models.JSONField(help_text="Which parts of the record: a list of families.Part values.")
    until = models.DateField(_("Until when"), null=True, blank=True)
    why = models.CharField(_("Anything you want to say about it"), max_length=rules.WHY.max_length, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Waiting.choices, default=Waiting.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(_("Reply"), max_length=rules.REPLY.max_length, blank=True)
    agreement = models.ForeignKey("families.ConsentAgreement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seen_reply_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]
