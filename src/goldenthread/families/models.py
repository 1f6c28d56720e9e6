"""A family's record: told once, in the family's words, seen only by those the family agrees to.

Every page, export and API route reads family data through `access.py`, which checks a
person's place in the team and the family's agreement (or an emergency reason) and writes
the access log. URLs carry only opaque identifiers (public_id), never names.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.append_only import AppendOnlyModel, AppendOnlyQuerySet

from . import rules


class Part(models.TextChoices):
    """The parts of a family's record that an agreement can cover separately."""

    STORY = "story", "The family's story"
    PROFILES = "profiles", "One-page profiles"
    CHRONOLOGY = "chronology", "Chronology of significant events"
    CONTACT = "contact", "Contact details"


class LawfulBasis(models.TextChoices):
    """Why the partnership may hold and share the record, whatever the family has agreed."""

    PUBLIC_TASK = "public-task", "Public task (UK GDPR 6(1)(e))"
    SAFEGUARDING = "safeguarding", "Safeguarding of children (can apply without agreement)"
    LEGAL_OBLIGATION = "legal-obligation", "Legal obligation (UK GDPR 6(1)(c))"
    VITAL_INTERESTS = "vital-interests", "Vital interests (UK GDPR 6(1)(d))"
    CONSENT = "consent", "Consent (UK GDPR 6(1)(a))"


def new_reference() -> str:
    """A short reference with no personal meaning, for people and URLs to use instead of names."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "F-" + "".join(secrets.choice(alphabet) for _ in range(6))


class Family(models.Model):
    """A household the team around the family works with, recorded once."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    family_name = models.CharField("How the family would like to be known", max_length=rules.FAMILY_NAME.max_length)
    contact_details = models.TextField("Contact details", max_length=rules.CONTACT_DETAILS.max_length, blank=True)
    lawful_basis = models.CharField("Lawful basis for holding and sharing", max_length=30, choices=LawfulBasis.choices)
    lawful_basis_note = models.CharField("Why this basis applies", max_length=rules.LAWFUL_BASIS_NOTE.max_length, blank=True)
    recording_organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="families_recorded")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every change, so two people editing at once are told.")

    class Meta:
        ordering = ["family_name"]
        verbose_name_plural = "families"

    def __str__(self):
        return self.reference


class Person(models.Model):
    """A member of the household: the child or young person at the centre, parents, carers, others."""

    class RoleInFamily(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        SIBLING = "sibling", "Brother or sister"
        GRANDPARENT = "grandparent", "Grandparent"
        OTHER = "other", "Someone else important"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="people")
    first_name = models.CharField("First name", max_length=rules.FIRST_NAME.max_length)
    last_name = models.CharField("Last name", max_length=rules.LAST_NAME.max_length, blank=True)
    preferred_name = models.CharField("What they like to be called", max_length=rules.PREFERRED_NAME.max_length, blank=True)
    pronouns = models.CharField("Pronouns", max_length=rules.PRONOUNS.max_length, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    role_in_family = models.CharField("Who they are in the family", max_length=20, choices=RoleInFamily.choices)
    is_focus = models.BooleanField("The child or young person at the centre", default=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_memberships",
        help_text="A family member's own sign-in, so they can see and shape their record.",
    )

    class Meta:
        ordering = ["-is_focus", "date_of_birth", "first_name"]

    def __str__(self):
        return self.preferred_name or self.first_name


class Relationship(models.Model):
    """How two people in the household are related, in the family's own words."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    description = models.CharField("Relationship", max_length=rules.RELATIONSHIP.max_length, help_text="For example: mum, step-dad, older sister.")


class StoryEntry(models.Model):
    """The family's story in their own words, recorded with them: who was there, when, how they agreed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="story_entries")
    story = models.TextField("The story, in the family's words", max_length=rules.STORY.max_length)
    who_was_there = models.CharField("Who was there", max_length=rules.WHO_WAS_THERE.max_length)
    told_on = models.DateField("When it was told")
    how_agreed = models.CharField("How the family agreed to it being recorded", max_length=rules.HOW_AGREED.max_length)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    in_words_of = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="The family member whose suggested words the team accepted."
    )

    class Meta:
        ordering = ["told_on", "recorded_at"]


class OnePageProfile(models.Model):
    """One person's one-page profile, written to and with them."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="profile")
    liked_and_admired = models.TextField("What people like and admire about me", max_length=rules.LIKED_AND_ADMIRED.max_length, blank=True)
    important_to_me = models.TextField("What is important to me", max_length=rules.IMPORTANT_TO_ME.max_length, blank=True)
    how_to_support_me = models.TextField("How best to support me", max_length=rules.HOW_TO_SUPPORT_ME.max_length, blank=True)
    written_with = models.CharField("Who wrote it with me", max_length=rules.WRITTEN_WITH.max_length, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    in_words_of = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="The family member whose suggested words the team accepted."
    )
    in_my_own_words = models.TextField("What I want people to know about me", max_length=rules.IN_MY_OWN_WORDS.max_length, blank=True)
    own_words_at = models.DateTimeField("When they last wrote it", null=True, blank=True)


class ChronologyEntry(models.Model):
    """A significant event in the family's life, and what it meant for the child."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="chronology")
    occurred_on = models.DateField("When it happened")
    what_happened = models.TextField("What happened", max_length=rules.WHAT_HAPPENED.max_length)
    meaning_for_child = models.TextField("What it meant for the child or young person", max_length=rules.MEANING_FOR_CHILD.max_length)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        max_length=rules.SOURCE_LENGTH, default="practitioner", help_text="Where it came from: a practitioner, or a group supervision summary."
    )
    about = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Who it is about",
        help_text="Blank when it is about the whole household. A family member sees what is about them or the whole household.",
    )

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        verbose_name_plural = "chronology entries"


class TeamMember(models.Model):
    """A practitioner's place in the team around the family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_team_places")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField("Lead practitioner", default=False)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-is_lead", "joined_on"]
        constraints = [models.UniqueConstraint(fields=["family", "user"], condition=models.Q(left_on__isnull=True), name="one_active_team_place")]


class JoinRequest(models.Model):
    """A practitioner asking to join the team around a family; the lead practitioner decides."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("Why you need to join", max_length=rules.JOIN_REASON.max_length)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)


class ConsentAgreement(models.Model):
    """The family's agreement that one organisation may see some parts of the record, for a time.

    Separate from the lawful basis: this is the family's choice, and it can be withdrawn at
    any time, with effect at once, everywhere.
    """

    class Method(models.TextChoices):
        IN_PERSON = "in-person", "In person, spoken"
        IN_WRITING = "in-writing", "In writing"
        PHONE = "phone", "By phone"
        ONLINE = "online", "By the family member, signed in"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    parts = models.JSONField(help_text="Which parts of the record: a list of Part values.")
    valid_from = models.DateField(default=timezone.localdate)
    valid_until = models.DateField(null=True, blank=True)
    given_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="consents_given")
    given_by_name = models.CharField("Who gave it", max_length=rules.GIVEN_BY_NAME.max_length)
    method = models.CharField("How it was given", max_length=20, choices=Method.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawal_note = models.CharField(max_length=rules.WITHDRAWAL_NOTE.max_length, blank=True)

    class Meta:
        ordering = ["-recorded_at"]

    def is_live_on(self, day) -> bool:
        return self.withdrawn_at is None and self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def state_on(self, day) -> str:
        """How the agreement stands on `day`, in words: live, not yet, expired or withdrawn."""
        if self.withdrawn_at is not None:
            return "Withdrawn"
        if self.is_live_on(day):
            return "Live"
        return "Not yet" if day < self.valid_from else "Expired"


class EmergencyAccess(models.Model):
    """Opening a record without the family's agreement, to keep a child safe: reasoned, short, reviewed."""

    class Review(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        JUSTIFIED = "justified", "Justified"
        NOT_JUSTIFIED = "not-justified", "Not justified"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="emergency_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("Why you need to open this record now", max_length=rules.EMERGENCY_REASON.max_length)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.WAITING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(max_length=rules.REVIEW_NOTE.max_length, blank=True)

    class Meta:
        ordering = ["-started_at"]

    @property
    def is_active(self) -> bool:
        return self.started_at <= timezone.now() < self.expires_at


class AccessLogEntry(AppendOnlyModel):
    """One look at, or change to, a family's record: who, what, when, and on what basis.

    Append-only, like the audit log: the model, its queryset and (on PostgreSQL) a database
    trigger refuse every update and delete. The family can see it, and the partnership's data
    protection lead reviews it. A line names the family by its reference and is kept when the
    record itself is erased under the retention rules (the foreign key holds no constraint).
    """

    class Basis(models.TextChoices):
        CONSENT = "consent", "The family's agreement"
        RECORDING_ORGANISATION = "recording-organisation", "Team place in the recording organisation"
        TEAM = "team", "Team place"
        EMERGENCY = "emergency", "Emergency safeguarding access"
        FAMILY_MEMBER = "family-member", "Family member's own record"
        DATA_PROTECTION = "data-protection", "Data protection review"
        RETENTION = "retention", "Retention rules"
        SEARCH = "search", "Search before creating a record"
        SUPERVISION = "supervision", "Attendee of a group supervision"
        REFUSED = "refused", "Refused"

    APPEND_ONLY_MESSAGE = "The access log is append-only."

    at = models.DateTimeField(default=timezone.now, db_index=True)
    family = models.ForeignKey(Family, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    family_reference = models.CharField(max_length=12, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    user_label = models.CharField(max_length=200)
    organisation_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20)  # view, create, update, delete, export, search, refused
    part = models.CharField(max_length=20, blank=True)
    basis = models.CharField(max_length=30, choices=Basis.choices)
    detail = models.CharField(max_length=300, blank=True)
    emergency = models.ForeignKey(EmergencyAccess, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]


class RetentionRule(models.Model):
    """How long a closed record is kept, and what happens after (set by the partnership admin)."""

    class Outcome(models.TextChoices):
        ANONYMISE = "anonymise", "Anonymise (keep figures, remove everything that identifies anyone)"
        ERASE = "erase", "Erase completely"

    years_after_closure = models.PositiveSmallIntegerField(default=6)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.ANONYMISE)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


class RetentionRun(models.Model):
    """A record of what the retention task did: which references, erased or anonymised, and when."""

    ran_at = models.DateTimeField(default=timezone.now)
    erased = models.JSONField(default=list)
    anonymised = models.JSONField(default=list)

    class Meta:
        ordering = ["-ran_at"]
