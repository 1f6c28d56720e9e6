"""The partnership pledge, the organisations that sign it, and what they promise to do."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.models import PlannedStep


class Strand(models.TextChoices):
    """The four strands of the pledge."""

    RECOGNISE = "recognise", "Recognise"
    RESPOND = "respond", "Respond"
    AVOID_RETRAUMATISATION = "avoid-re-traumatisation", "Avoid re-traumatisation"
    BUILD_RESILIENCE = "build-resilience", "Build resilience"


class PledgeText(models.Model):
    """A version of the partnership's pledge. An organisation signs one version; new wording is a new version."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    introduction = models.TextField()
    published_on = models.DateField()

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    @classmethod
    def current(cls):
        return cls.objects.order_by("-version").first()


class Commitment(models.Model):
    """One thing an organisation can commit to, under one strand of one version of the pledge."""

    pledge_text = models.ForeignKey(PledgeText, on_delete=models.PROTECT, related_name="commitments")
    strand = models.CharField(max_length=30, choices=Strand.choices)
    code = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pledge_text", "order"]
        constraints = [models.UniqueConstraint(fields=["pledge_text", "code"], name="commitment_code_per_version")]

    def __str__(self):
        return self.text


class Pledge(models.Model):
    """An organisation's signed pledge: the commitments it chose and its published statement."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.OneToOneField("partnership.Organisation", on_delete=models.CASCADE, related_name="pledge")
    pledge_text = models.ForeignKey(PledgeText, on_delete=models.PROTECT, related_name="pledges")
    commitments = models.ManyToManyField(Commitment, related_name="pledges")
    signatory_name = models.CharField("Name of the senior person signing", max_length=150)
    signatory_role = models.CharField("Their job title", max_length=150)
    signed_on = models.DateField("Date signed")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    vision = models.TextField("Our vision", max_length=3000)
    how_we_will_do_it = models.TextField("How we will do it", max_length=3000)
    priorities = models.TextField("Our priorities for the next 12 months", max_length=3000)
    renewed_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    withdrawn_reason = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self):
        return f"Pledge of {self.organisation}"

    @property
    def is_lapsed(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_lapsed

    @property
    def state_label(self) -> str:
        if self.status == self.Status.WITHDRAWN:
            return "Withdrawn"
        return "Lapsed" if self.is_lapsed else "Signed"

    @property
    def renewal_due_from(self) -> date:
        return self.expires_on - timedelta(days=settings.GOLDENTHREAD_PLEDGE_REMINDER_DAYS)


class Renewal(models.Model):
    """A yearly renewal of a pledge: who confirmed it, and the new end date."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="renewals")
    renewed_on = models.DateField()
    signatory_name = models.CharField(max_length=150)
    signatory_role = models.CharField(max_length=150)
    renewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_on = models.DateField()

    class Meta:
        ordering = ["-renewed_on", "-id"]


class PledgeAction(PlannedStep):
    """A step in an organisation's action plan for one strand of its pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="actions")
    strand = models.CharField("Strand", max_length=30, choices=Strand.choices)

    class Meta(PlannedStep.Meta):
        pass


class ProgressUpdate(models.Model):
    """The yearly account of what an organisation has done since it pledged."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="progress_updates")
    posted_on = models.DateField(default=timezone.localdate)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField("What has changed this year", max_length=4000)

    class Meta:
        ordering = ["-posted_on", "-id"]


class PersonalPledge(models.Model):
    """A leader's own commitment, in their own words, shown with their organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_pledges")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.CASCADE, related_name="personal_pledges")
    commitment = models.TextField("My pledge", max_length=600)
    made_on = models.DateField(default=timezone.localdate)
    is_shown = models.BooleanField("Show it on our organisation's page", default=True)

    class Meta:
        ordering = ["-made_on", "-id"]

    def __str__(self):
        return f"Personal pledge of {self.user}"
