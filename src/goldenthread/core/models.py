"""People, the audit log and programme tokens: what every module of Golden Thread relies on."""

import hashlib
import secrets
import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from .append_only import AppendOnlyModel, AppendOnlyQuerySet
from .signin import normalised_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("Every person needs an e-mail address to sign in.")
        user = self.model(email=normalised_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_partnership_admin", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        """The one account with this address, however it was typed: the same spelling the lockout counts."""
        return self.get(email=normalised_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: practitioner, champion, organisation lead, trainer or partnership lead,
    or a family member with their own account (`is_family_account`), who sees only the family's own pages.

    What a person may do in an organisation comes from their `Membership` there; the
    partnership-wide role (running the partnership) is `is_partnership_admin`.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("E-mail address", unique=True)
    full_name = models.CharField("Full name", max_length=150)
    job_title = models.CharField("Job title", max_length=150, blank=True)
    is_partnership_admin = models.BooleanField(
        "Partnership lead or admin",
        default=False,
        help_text="Runs the partnership: organisations, members, pledges and the audit log.",
    )
    is_data_protection_lead = models.BooleanField(
        "Data protection lead",
        default=False,
        help_text="Reviews emergency access to family records and the access log.",
    )
    is_family_account = models.BooleanField(
        "Family member's own account",
        default=False,
        help_text="A child, young person, parent or carer invited to see and shape their own record: only the family's own pages, never staff pages.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def save(self, *args, **kwargs):
        self.email = normalised_email(self.email)
        super().save(*args, **kwargs)


class AuditEvent(AppendOnlyModel):
    """One line of the append-only audit log: who did what to which record, and when.

    Rows are only ever inserted; the model, its queryset and database triggers refuse
    updates and deletes, so the log cannot be edited from the site, the admin or the shell.
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign-in", "Signed in"
        SIGN_IN_FAILED = "sign-in-failed", "Sign-in failed"
        SIGN_OUT = "sign-out", "Signed out"
        LOCKED_OUT = "locked-out", "Locked out after repeated failures"
        TWO_STEP_FAILED = "two-step-failed", "Two-step code refused"
        TWO_STEP_CHANGED = "two-step-changed", "Two-step verification set up or replaced"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    actor_label = models.CharField(max_length=200, blank=True, help_text="Who, as they were known then.")
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)

    APPEND_ONLY_MESSAGE = "The audit log is append-only."
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()} {self.object_label}"


class ApiToken(models.Model):
    """A token a person makes for a programme that reads the API on their behalf.

    Only a hash is stored; the token itself is shown once, when it is made. A token is
    made only in a session that passed two-step verification, and remembers the device
    that verified it: it stops working when it expires, is revoked, the person's two-step
    verification is replaced or removed, or their account is closed.
    """

    PREFIX_LENGTH = 8

    class Scope(models.TextChoices):
        PARTNERSHIP = "partnership", "Partnership information only, never family records"
        FAMILIES = "families", "Partnership information and the family records you may see"

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("Name", max_length=100, help_text="What the token is for, so you can recognise it later.")
    scope = models.CharField("What it may read", max_length=20, choices=Scope.choices, default=Scope.PARTNERSHIP)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    verified_device = models.CharField(max_length=64, blank=True, help_text="The two-step device that verified the session the token was made in.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None and not self.has_expired

    @property
    def has_expired(self):
        return self.expires_at is None or self.expires_at <= timezone.now()

    @property
    def reads_family_records(self):
        return self.scope == self.Scope.FAMILIES

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return "gt_" + secrets.token_urlsafe(32)


class TermsAcceptance(models.Model):
    """A person's acceptance of one version of the partnership's acceptable-use terms."""

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="terms_acceptances")
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="accept_each_terms_version_once")]

    def __str__(self):
        return f"{self.user} accepted version {self.version}"


class PlannedStep(models.Model):
    """A step in an action plan: what, who owns it, by when, and how far it has got.

    Pledges and the continuum both keep action plans; this is the shape they share.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Done"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    description = models.CharField("What we will do", max_length=500)
    owner = models.CharField("Who owns it", max_length=150, help_text="A name or a team.")
    due_on = models.DateField("Due date")
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    class Meta:
        abstract = True
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.description

    @property
    def is_overdue(self) -> bool:
        return self.status != self.Status.DONE and self.due_on < timezone.localdate()
