"""The resources library: the partnership's own guides, tools, templates and recordings, each with its versions."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    TOOL = "tool", "Tool"
    TEMPLATE = "template", "Template"
    RECORDING = "recording", "Recording"
    OTHER = "other", "Something else"


class Resource(models.Model):
    """A guide, tool, template or recording the partnership made and shares, tagged so people can find it.

    Its content lives in its versions (`ResourceVersion`): a file or a link, the newest first.
    It is tagged by the principles it serves, the sectors and continuum areas it is for, and
    the roles it helps. A withdrawn resource leaves the library but keeps its history.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("Title", max_length=150)
    summary = models.TextField("What it is and who it helps", max_length=2000)
    kind = models.CharField("Kind of resource", max_length=20, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    principles = models.JSONField("Principles", default=list, blank=True, help_text="Keys from programme/data/principles.toml.")
    sectors = models.JSONField("Sectors", default=list, blank=True, help_text="Sector values, from partnership.models.Sector.")
    domains = models.JSONField("Continuum areas", default=list, blank=True, help_text="Continuum domain codes.")
    roles = models.JSONField("Roles", default=list, blank=True, help_text="Role values, from partnership.models.Role.")
    tag_words = models.TextField(blank=True, editable=False, help_text="The tags in words, kept for search.")
    organisation = models.ForeignKey(
        "partnership.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="programme_resources", verbose_name="Comes from"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    is_withdrawn = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(max_length=500, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


def version_file_path(version, filename: str) -> str:
    """Where a version's file is kept: under resources/, by an opaque name (never the name it was uploaded with)."""
    suffix = PurePosixPath(filename or "").suffix.lower()[:8]
    return f"resources/{uuid.uuid4().hex}{suffix}"


class ResourceVersion(models.Model):
    """One version of a resource: a file uploaded to the library, or a link to where it lives; with what changed.

    The words of a file the platform can read are kept for search (`text`), and what the
    shared-language check found in them is kept as advice (`language_findings`), never a block.
    """

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("Version")
    file = models.FileField("File", upload_to=version_file_path, blank=True, max_length=200)
    file_name = models.CharField("File name as uploaded", max_length=200, blank=True)
    link = models.URLField("Web address", max_length=500, blank=True)
    note = models.TextField("What changed", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    text = models.TextField("Words, for search", blank=True)
    size = models.PositiveBigIntegerField("Size in bytes", null=True, blank=True)
    content_type = models.CharField("Kind of file", max_length=120, blank=True)
    language_findings = models.JSONField(
        "What the shared-language check found",
        default=dict,
        blank=True,
        help_text='{"count": n, "checked": bool, "findings": [{"text", "message", "suggestions"}]}',
    )

    class Meta:
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="one_resource_version_per_number"),
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(link="")) | (~models.Q(file="") & models.Q(link="")),
                name="resource_version_is_a_file_or_a_link",
            ),
        ]

    def __str__(self):
        return f"{self.resource.title}, version {self.number}"

    @property
    def is_link(self) -> bool:
        return bool(self.link)

    @property
    def extension(self) -> str:
        return PurePosixPath(self.file.name or "").suffix.lower() if self.file else ""
