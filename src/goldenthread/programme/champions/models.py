"""The champions network: who the champions are, what each offers, their posts to the network, and offers to become one."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Offer(models.TextChoices):
    """What a champion offers colleagues across the partnership."""

    PEER_SUPPORT = "peer-support", "Peer support"
    TRAINING = "training", "Training"
    BRIGHT_SPOT = "bright-spot", "A bright spot to visit"
    MENTORING = "mentoring", "Mentoring"


class ChampionProfile(models.Model):
    """What a champion tells colleagues about themselves: what they care about, and what they offer. Written by the champion."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="champion_profile")
    interests = models.JSONField("What they are interested in", default=list, blank=True)
    offers = models.JSONField("What they offer", default=list, blank=True)
    about = models.TextField("About them", max_length=2000, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__full_name"]

    def __str__(self):
        return f"Champion profile of {self.person}"

    @property
    def offer_words(self) -> list[str]:
        labels = dict(Offer.choices)
        return [labels[code] for code in self.offers or [] if code in labels]


class NetworkPost(models.Model):
    """A post to the champions network: news, an invitation, something learned. Champions and the partnership team post; the workforce reads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="network_posts")
    text = models.TextField("Post", max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"A post to the champions network by {self.author}"


class ChampionVolunteer(models.Model):
    """A practitioner's offer to be a champion in their organisation, and the organisation lead's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the lead"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not this time"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="champion_offers")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.CASCADE, related_name="champion_offers")
    why = models.TextField("Why they would like to be a champion", max_length=2000)
    status = models.CharField("Where it is", max_length=20, choices=Status.choices, default=Status.PENDING)
    reply = models.TextField("The lead's reply", max_length=2000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], condition=models.Q(status="pending"), name="one_pending_champion_offer"),
        ]

    def __str__(self):
        return f"{self.person}'s offer to be a champion in {self.organisation}"
