"""The partnership's member organisations and the people who work in them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import slugify


class Sector(models.TextChoices):
    """The sectors of a multi-agency partnership, as the partnership names them."""

    CHILDRENS_SOCIAL_CARE = "childrens-social-care", "Children's social care"
    EARLY_HELP = "early-help", "Early help and prevention"
    SCHOOL_PRIMARY = "school-primary", "School: primary"
    SCHOOL_SECONDARY = "school-secondary", "School: secondary"
    SCHOOL_SPECIAL = "school-special", "School: special"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    YOUTH_JUSTICE = "youth-justice", "Youth justice"
    ADULT_SERVICES = "adult-services", "Adult services"
    VOLUNTARY = "voluntary", "Voluntary and community"
    COMMISSIONED = "commissioned", "Commissioned services"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class Size(models.TextChoices):
    SMALL = "small", "Fewer than 50 staff"
    MEDIUM = "medium", "50 to 249 staff"
    LARGE = "large", "250 to 999 staff"
    VERY_LARGE = "very-large", "1,000 staff or more"


class Organisation(models.Model):
    """A member organisation of the partnership: a service, school, team or charity."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("Name", max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True, editable=False)
    sector = models.CharField("Sector", max_length=40, choices=Sector.choices)
    area = models.CharField("Area", max_length=120, blank=True, help_text="The part of the borough it serves, or 'Borough-wide'.")
    size = models.CharField("Size", max_length=20, choices=Size.choices, blank=True)
    description = models.TextField("Description", max_length=2000, blank=True, help_text="What the organisation does, in a few plain sentences.")
    is_active = models.BooleanField("Active member", default=True)
    joined_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)


# Words the organisation pages use in their own addresses (/organisations/add/ and so on).
RESERVED_SLUGS = {"add", "manage", "all", "new", "search"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    if base in RESERVED_SLUGS:
        base = f"{base}-organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Role(models.TextChoices):
    """What a person does for the way of working in their organisation."""

    ORGANISATION_LEAD = "organisation-lead", "Organisation lead"
    CHAMPION = "champion", "Champion"
    PRACTITIONER = "practitioner", "Practitioner"
    TRAINER = "trainer", "Trainer"
    LANGUAGE_LEAD = "language-lead", "Language lead"


class Membership(models.Model):
    """A person's place in an organisation, and their role there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("Role", max_length=30, choices=Role.choices, default=Role.PRACTITIONER)
    since = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"
