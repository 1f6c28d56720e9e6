"""Self-assessment on the trauma-informed continuum: frameworks, assessments, answers, actions.

A result is a self-assessed stage, not a validated score: it says where an organisation's
own people place it, and how that was worked out.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.models import PlannedStep


class Band(models.TextChoices):
    """The four stages of the continuum, from first awareness to a trauma-informed organisation."""

    AWARE = "aware", "Trauma Aware"
    SENSITIVE = "sensitive", "Trauma Sensitive"
    RESPONSIVE = "responsive", "Trauma Responsive"
    INFORMED = "informed", "Trauma Informed"


BAND_ORDER = [Band.AWARE, Band.SENSITIVE, Band.RESPONSIVE, Band.INFORMED]


class Framework(models.Model):
    """One version of a self-assessment framework (general, or for schools).

    Frameworks are curated as data files; editing one makes a new version, and every
    assessment keeps the version it was answered on.
    """

    class Kind(models.TextChoices):
        GENERAL = "general", "Any organisation"
        SCHOOLS = "schools", "Schools"

    code = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    scale = models.JSONField(help_text="The answer scale: a list of {value, label, description}.")
    bands = models.JSONField(help_text="Each band: {code, minimum score, what it looks like}.")
    published_on = models.DateField(default=timezone.localdate)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_version_unique")]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class Domain(models.Model):
    """An area of practice within a framework, such as leadership or staff wellbeing."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_code_per_framework")]

    def __str__(self):
        return self.title


class Item(models.Model):
    """One statement a respondent answers, with guidance on what good looks like."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=80)
    text = models.CharField(max_length=400)
    guidance = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["domain__order", "order"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="item_code_per_domain")]

    def __str__(self):
        return self.text


class Assessment(models.Model):
    """One round of self-assessment by an organisation, against one framework version."""

    class Status(models.TextChoices):
        OPEN = "open", "Open for answers"
        SUBMITTED = "submitted", "Completed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField("Name of this round", max_length=120)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True, help_text="The result worked out when the round was completed.")

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return f"{self.organisation}: {self.title}"


class Response(models.Model):
    """One person's answers in an assessment round: invited, in progress, or submitted."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        IN_PROGRESS = "in-progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_responses")
    role_description = models.CharField("Your role", max_length=150, blank=True, help_text="For example: receptionist, team manager, director.")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "respondent__full_name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "respondent"], name="one_response_per_person")]

    def __str__(self):
        return f"{self.respondent} in {self.assessment}"


class Answer(models.Model):
    """A respondent's answer to one item; no value means 'I don't know'."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField("Evidence or example (optional)", max_length=2000, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]


class ContinuumAction(PlannedStep):
    """A next step from an assessment, in the organisation's action plan for a domain."""

    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.CASCADE, related_name="continuum_actions")
    assessment = models.ForeignKey(Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="actions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(PlannedStep.Meta):
        pass
