"""Family feedback: what the partnership asks families about the help they get, and what they answer.

- `FeedbackRequest`: a practitioner in the team around a family asks them (or one of them) for
  feedback after a contact, a plan or a closure. The family gets a link that works once, for
  four weeks; only a digest of the link's secret is kept, so the link cannot be read back from
  the database.
- `FeedbackAnswer`: one family's answers to one survey, kept by the organisation asked about
  and the month, never by the day. An anonymous answer keeps no link to the family, the
  person or the request (and its id is random, so not even the order it was saved in says
  who gave it); a named one keeps the request it answers. An answer is never changed.
- `OpenSurveyLink`: a link an organisation can put on a poster or a letter: anyone with it may
  answer, always anonymously. The partnership team or the organisation's lead makes and stops it.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from goldenthread.core.append_only import AppendOnlyModel


def digest(token: str) -> str:
    """The SHA-256 digest of a link's secret: what is kept instead of the secret."""
    return hashlib.sha256((token or "").encode("utf-8", "surrogatepass")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedbackRequest(models.Model):
    """A practitioner asks a family, or one of its members, for feedback: a link that works once, for a few weeks."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.CharField("Survey", max_length=40)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("families.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    emailed = models.BooleanField("Sent by e-mail", default=False)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_waiting(self) -> bool:
        return not self.is_answered and not self.is_expired


class OpenSurveyLink(models.Model):
    """An open link for one organisation and survey: anyone with it may answer, always anonymously, until it is stopped.

    The link is meant to be printed and shared, so it is not a secret: it is the link's id.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.CharField("Survey", max_length=40)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-made_at"]

    @property
    def is_open(self) -> bool:
        return self.stopped_at is None

    @property
    def survey_name(self) -> str:
        from .surveys import name_of

        return name_of(self.survey)


class FeedbackAnswer(AppendOnlyModel):
    """One family's answers to one survey, kept by organisation and month; anonymous ones with no link to the family."""

    class CameBy(models.TextChoices):
        REQUEST = "request", "A link sent to the family"
        OPEN_LINK = "open-link", "An open link"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.CharField("Survey", max_length=40)
    organisation = models.ForeignKey("partnership.Organisation", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("Month answered", help_text="The first day of the month it was answered in.")
    scores = models.JSONField("Scores", default=dict, help_text="Each question answered: its key and the answer, 1 to 5.")
    score_total = models.PositiveIntegerField(default=0)
    score_count = models.PositiveSmallIntegerField(default=0)
    in_own_words = models.TextField("In their own words", blank=True)
    anonymous = models.BooleanField(default=True)
    came_by = models.CharField(max_length=10, choices=CameBy.choices)
    request = models.OneToOneField(FeedbackRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="answer")

    APPEND_ONLY_MESSAGE = "A family's answers are never changed."

    def save(self, *args, **kwargs):
        # The id is given before saving (a random one), so "new" is Django's own adding flag.
        if not self._state.adding:
            raise PermissionError(self.APPEND_ONLY_MESSAGE)
        models.Model.save(self, *args, **kwargs)

    class Meta:
        indexes = [models.Index(fields=["organisation", "month"]), models.Index(fields=["month"])]
