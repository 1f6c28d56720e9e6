"""The partnership's own language rules: proposed, reviewed by a second person, published, and switched off with a reason.

Nothing here is ever changed or deleted once written: a rule's words live in its versions, and
what happened to each version (reviewed, published) and to each rule (switched off, back on)
is a record of its own, so the whole history is kept with who and why.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.append_only import AppendOnlyModel, AppendOnlyQuerySet

KEPT = "A rule's history is kept as it was: propose a new version, or switch the rule off, instead of changing it."


class PartnershipRule(models.Model):
    """A language rule the partnership looks after in the platform.

    Either the partnership's own rule (named `partnership.<short name>`) or the partnership's
    change to a rule shipped with the check (named as the shipped rule is, `care.respite`).
    Its words are in its versions; the version in force is the last one published.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rule_id = models.CharField("The rule's name", max_length=120, unique=True)
    changes_shipped_rule = models.BooleanField("A change to a rule shipped with the check", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="Who first proposed it")
    created_at = models.DateTimeField("When it was first proposed", default=timezone.now)

    class Meta:
        ordering = ["rule_id"]

    def __str__(self):
        return self.rule_id


class RuleVersion(AppendOnlyModel):
    """One version of a rule, as a language lead proposed it: the words to find, why they matter, what to say instead, and the examples it must find and must leave alone.

    A version waits for a second person to review it (never the person who proposed it), then
    for a language lead to publish it. A new version is proposed rather than an old one changed.
    """

    APPEND_ONLY_MESSAGE = KEPT

    class Severity(models.TextChoices):
        SUGGESTION = "suggestion", "A suggestion"
        WARNING = "warning", "A warning"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rule = models.ForeignKey(PartnershipRule, on_delete=models.PROTECT, related_name="versions", verbose_name="Rule")
    number = models.PositiveIntegerField("Version")
    words = models.JSONField("Words to find", default=list)
    message = models.TextField("Why it matters", max_length=1000)
    reframes = models.JSONField("What to say instead", default=list, blank=True)
    must_flag = models.JSONField("Examples it must find", default=list)
    must_pass = models.JSONField("Examples it must leave alone", default=list)
    category = models.CharField("Kind of language", max_length=60)
    severity = models.CharField("How strongly it is said", max_length=20, choices=Severity.choices, default=Severity.SUGGESTION)
    why = models.TextField("Why it was proposed", max_length=2000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Who proposed it")
    proposed_at = models.DateTimeField("When it was proposed", default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["rule__rule_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["rule", "number"], name="one_version_number_per_rule")]

    def __str__(self):
        return f"{self.rule.rule_id}, version {self.number}"


class RuleReview(AppendOnlyModel):
    """A second person's review of a proposed version: approved, or sent back with a reason."""

    APPEND_ONLY_MESSAGE = KEPT

    version = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="reviews", verbose_name="Version")
    approved = models.BooleanField("Approved")
    reason = models.TextField("What the reviewer said", max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Who reviewed it")
    reviewed_at = models.DateTimeField("When it was reviewed", default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-id"]


class RulePublication(AppendOnlyModel):
    """A language lead made a reviewed version live: from then on every check the site makes, and the exported rules file, use it."""

    APPEND_ONLY_MESSAGE = KEPT

    version = models.OneToOneField(RuleVersion, on_delete=models.PROTECT, related_name="publication", verbose_name="Version")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Who published it")
    published_at = models.DateTimeField("When it was published", default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]


class RuleSwitch(AppendOnlyModel):
    """A rule switched off for the partnership, or back on, with the reason: a shipped rule or one of the partnership's own. The last switch stands."""

    APPEND_ONLY_MESSAGE = KEPT

    rule_id = models.CharField("The rule's name", max_length=120, db_index=True)
    switched_on = models.BooleanField("Switched back on")
    reason = models.TextField("Why", max_length=2000)
    switched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Who switched it")
    switched_at = models.DateTimeField("When", default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-switched_at", "-id"]
