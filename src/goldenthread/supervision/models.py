"""Group supervision and learning conversations: multi-agency sessions about a child or family.

A session about a family is linked to the family's record only where the access rule of the
families app allows; otherwise it refers to an anonymised situation by initials or a
reference. Actions never vanish: every change of state is kept with who and why.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Session(models.Model):
    """One group supervision or learning conversation, from request to record."""

    class Kind(models.TextChoices):
        GROUP_SUPERVISION = "group-supervision", "Group supervision"
        LEARNING_CONVERSATION = "learning-conversation", "Learning conversation"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held and recorded"
        CANCELLED = "cancelled", "Cancelled"

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in-person", "In person"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    family = models.ForeignKey("families.Family", null=True, blank=True, on_delete=models.SET_NULL, related_name="supervision_sessions")
    situation_reference = models.CharField(
        "Initials or a reference for the child or family",
        max_length=40,
        help_text="Used instead of names, for example 'J.T., aged 9' or the family reference.",
    )
    purpose = models.TextField("What you would like to think about together", max_length=3000)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accountable_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Confirms actions that change the child's plan before they are final.",
    )
    proposed_start = models.DateTimeField("Proposed date and time")
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONLINE)
    location = models.CharField("Where, or the meeting link", max_length=300, blank=True)
    held_on = models.DateField(null=True, blank=True)
    # The four questions (Children's Social Care asks them of every interaction)
    meaning_for_child = models.TextField("What does this mean for the child or family?", max_length=6000, blank=True)
    impact = models.TextField("What is the impact?", max_length=6000, blank=True)
    informs_risk = models.TextField("How does this inform risk?", max_length=6000, blank=True)
    reflected_in_planning = models.TextField("How is this reflected in our planning?", max_length=6000, blank=True)
    going_well = models.TextField("What is going well", max_length=6000, blank=True)
    risks_and_needs = models.TextField("Risks and needs", max_length=6000, blank=True)
    safety_plan = models.TextField("The plan to keep the child safe", max_length=6000, blank=True)
    # Learning conversations
    helping = models.TextField("What is helping agencies work together", max_length=6000, blank=True)
    getting_in_the_way = models.TextField("What is getting in the way", max_length=6000, blank=True)
    own_themes = models.CharField("Other themes, in your words", max_length=500, blank=True)
    themes = models.JSONField(default=list, blank=True, help_text="Codes from the partnership's theme list.")
    cancellation_reason = models.CharField("Why the session was cancelled", max_length=500, blank=True)
    chronology_summary = models.TextField("Brief summary for the family's chronology", max_length=1500, blank=True)
    chronology_entry = models.ForeignKey("families.ChronologyEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-proposed_start"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.public_id}"


class Attendee(models.Model):
    """A practitioner invited to a session, and whether they took part and acknowledged confidentiality."""

    class Response(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervision_places")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    response = models.CharField(max_length=20, choices=Response.choices, default=Response.INVITED)
    attended = models.BooleanField(default=False)
    acknowledged_confidentiality_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_place_per_session")]


class AgencyCommitment(models.Model):
    """In a learning conversation: what one agency will do differently."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agency_commitments")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    commitment = models.TextField("What we will do differently", max_length=2000)


class WellbeingNote(models.Model):
    """The impact of the work on the practitioners in the room, kept only to the attendees."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="wellbeing_note")
    note = models.TextField("The impact of this work on us, and what would help", max_length=4000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)


class AgreedAction(models.Model):
    """Something agreed in a session: what, who, by when. It never vanishes, only changes state."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed, waiting for the accountable manager"
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField("What will be done", max_length=500)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_actions")
    due_on = models.DateField("By when")
    changes_childs_plan = models.BooleanField("This changes the child's plan", default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def delete(self, *args, **kwargs):
        raise PermissionError("Actions are never deleted: cancel them with a reason instead.")


class ActionChange(models.Model):
    """One change to an action: done, cancelled, moved or confirmed, always with who and why."""

    action = models.ForeignKey(AgreedAction, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    change = models.CharField(max_length=30)  # created, confirmed, done, cancelled, moved, reopened
    note = models.CharField("Why, or what was done", max_length=1000)
    old_due_on = models.DateField(null=True, blank=True)
    new_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
