"""Workforce wellbeing: private check-ins, the partnership's list of support, and reflective spaces.

Trust is the whole of this module: a person's check-ins are theirs alone. No other person
(their manager, their organisation lead, the partnership team, an administrator) reads them
through any page, the API, an export, the admin or a log. Answers and what a person writes
for themselves are encrypted at rest (`crypto.py`). Figures are shown only for groups of at
least `smallest_group` people (`figures.py`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.partnership.models import Organisation

from .crypto import EncryptedJSONField, EncryptedTextField


class CheckIn(models.Model):
    """A private check-in: one person's answers about how the work is sitting with them, on one day.

    Only the person sees it. The organisation they worked in at the time is kept so that
    figures for a big enough group can count it; nothing else about it is ever shown to anyone else.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_check_ins")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    taken_at = models.DateTimeField(default=timezone.now)
    questions_version = models.CharField(max_length=20)
    answers = EncryptedJSONField(help_text="Each question's key and the answer chosen, 1 to 5; encrypted.")
    in_own_words = EncryptedTextField(blank=True, default="", help_text="What the person noted for themselves; encrypted.")

    class Meta:
        ordering = ["-taken_at"]
        indexes = [models.Index(fields=["person", "-taken_at"]), models.Index(fields=["organisation", "taken_at"])]

    def __str__(self):
        return "A private check-in"


class Reminder(models.Model):
    """When a person asked to be reminded to check in: every few weeks, or never. Only they see it."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_reminder")
    every_weeks = models.PositiveSmallIntegerField(default=0, help_text="0: no reminders.")
    next_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return "A check-in reminder"


class SupportKind(models.TextChoices):
    EMPLOYEE_ASSISTANCE = "employee-assistance", "Employee assistance"
    REFLECTIVE_SPACE = "reflective-space", "Reflective spaces"
    PEER_SUPPORT = "peer-support", "Peer support"
    OCCUPATIONAL_HEALTH = "occupational-health", "Occupational health"
    PSYCHOLOGY = "psychology", "Psychology and consultation"
    SUPERVISION = "supervision", "Supervision"
    CRISIS = "crisis", "Someone to talk to now"


class SupportOption(models.Model):
    """One place people can turn to for support, listed by the partnership (or for one organisation's staff).

    Support someone to talk to now is shown after every check-in; the others are shown when a
    person's answers touch the themes that kind of support is for (`data/support.toml`).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("Name", max_length=120)
    kind = models.CharField("Kind of support", max_length=30, choices=SupportKind.choices)
    description = models.TextField("What it offers", max_length=1000)
    how_to_reach = models.CharField("How to reach it", max_length=300)
    link = models.URLField("Web address", blank=True, max_length=300)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+", help_text="Only this organisation's staff see it; empty for everyone."
    )
    is_listed = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class ReflectiveSpace(models.Model):
    """A group session where staff connect and reflect together, in person or online.

    Run by the partnership (open to everyone) or by one organisation (for its staff). After a
    hard event, an organisation lead may offer one to a team: then only the people it was
    offered to can book, and the lead never learns who took it up.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        ONLINE = "online", "Online"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("Title", max_length=150)
    about = models.TextField("What it is for", max_length=2000)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    format = models.CharField("How it is held", max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField("Venue and address", max_length=300, blank=True)
    joining_link = models.URLField("Joining link", max_length=500, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveSmallIntegerField("Places")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reflective_spaces_hosted")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    after_hard_event = models.BooleanField(default=False)
    offered_to = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="reflective_spaces_offered")
    is_cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.title

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class Place(models.Model):
    """A person's place in a reflective space. The host sees the person's name only if the person agreed; nobody else ever does."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    space = models.ForeignKey(ReflectiveSpace, on_delete=models.CASCADE, related_name="places")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflective_space_places")
    host_may_see_name = models.BooleanField(default=False)
    booked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["booked_at"]
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="one_place_per_person_per_space")]

    def __str__(self):
        return "A place in a reflective space"
