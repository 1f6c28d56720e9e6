"""Every change to family feedback: one function per thing a person does, each in a transaction.

- `send_survey`: a practitioner asks a family for feedback. Sending is a contact, so the
  families access rule is asked for the contact details and the look is written in the
  family's access log (a refusal too). The link's secret is returned once (to show the
  practitioner) and e-mailed once the request is saved, where the family has an address.
- `answer_request` / `answer_open_link`: a family answers. An anonymous answer is saved with
  no link to the family or the request; a link works once.
- `make_open_link` / `stop_open_link`: the partnership team or an organisation's lead.

The audit log follows by itself for requests and open links; answers are never changed, so
they are kept outside it (an audit line would tie an anonymous answer to the moment, and the
person, of the request it came from).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.families import access
from goldenthread.families.models import Part, Person

from . import emails, permissions, rules, surveys
from .models import FeedbackAnswer, FeedbackRequest, OpenSurveyLink, digest, new_token

AN_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


class LinkNotWorking(Exception):
    """A survey link that cannot be answered: `reason` is "unknown", "expired", "answered" or "stopped"."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def address_for(family, person=None) -> str:
    """The e-mail address on record for the person asked (their own account's), or the first in the family's contact details."""
    if person is not None and person.account_id and person.account.email:
        return person.account.email
    found = AN_ADDRESS.search(family.contact_details or "")
    return found.group(0) if found else ""


def send_survey(family, *, by, survey: str, person=None, email: bool = True) -> tuple[FeedbackRequest, str]:
    """Ask a family (or one member) for feedback; returns the request and its link's secret (shown once, never kept).

    A refusal is written in the family's access log first (outside the transaction, so it stays) and then raised.
    """
    refusal = permissions.sending_refusal(by, family)
    if refusal:
        if permissions.impact.is_staff(by):
            access.log(by, family, access.Action.VIEW, Part.CONTACT, access.Basis.REFUSED, f"Asked the family for feedback: {refusal}")
        raise Refused(refusal)
    return _send_survey(family, by=by, survey=survey, person=person, email=email)


@transaction.atomic
def _send_survey(family, *, by, survey: str, person=None, email: bool = True) -> tuple[FeedbackRequest, str]:
    found = surveys.survey(survey)
    errors = {}
    if found is None or found.when not in surveys.SENT:
        errors["survey"] = rules.NOT_A_SURVEY if survey else rules.SURVEY_NEEDED
    if person is not None:
        person = Person.objects.select_related("account").filter(pk=person.pk, family=family).first()
        if person is None:
            errors["person"] = rules.NOT_IN_FAMILY
    raise_if(errors)
    access.read(by, family, Part.CONTACT, detail="Asked the family for feedback (a short survey)", action=access.Action.VIEW)
    place = access.team_place(by, family)
    token = new_token()
    now = timezone.now()
    request = FeedbackRequest.objects.create(
        survey=found.key,
        organisation_id=place.team_organisation_id,
        sent_by=by,
        family=family,
        person=person,
        token_digest=digest(token),
        sent_at=now,
        expires_at=now + timedelta(days=rules.LINK_DAYS),
    )
    address = address_for(family, person) if email else ""
    if address:
        subject, body = emails.survey_link(request, token, found, name=str(person) if person is not None else "")
        send_later(address, subject, body)
        request.emailed = True
        request.save(update_fields=["emailed"])
    return request, token


def request_for(token: str) -> FeedbackRequest:
    """The request a link's secret opens, or LinkNotWorking saying why not."""
    if not token or len(token) > 200:
        raise LinkNotWorking("unknown")
    found = FeedbackRequest.objects.select_related("organisation", "person").filter(token_digest=digest(token)).first()
    return _working(found)


def _working(found: FeedbackRequest | None) -> FeedbackRequest:
    if found is None:
        raise LinkNotWorking("unknown")
    if found.is_answered:
        raise LinkNotWorking("answered")
    if found.is_expired:
        raise LinkNotWorking("expired")
    if found.family.anonymised_at is not None:
        raise LinkNotWorking("unknown")
    return found


def open_link_for(public_id) -> OpenSurveyLink:
    found = OpenSurveyLink.objects.select_related("organisation").filter(public_id=public_id).first()
    if found is None or surveys.survey(found.survey) is None:
        raise LinkNotWorking("unknown")
    if not found.is_open:
        raise LinkNotWorking("stopped")
    return found


def _scores(survey, scores: dict, in_own_words: str) -> tuple[dict, str]:
    errors = {}
    kept = {}
    for question in survey.questions:
        value = (scores or {}).get(question.key)
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not rules.LOWEST <= number <= rules.HIGHEST:
            errors[question.key] = rules.NOT_A_SCORE
            continue
        kept[question.key] = number
    words = in_own_words if isinstance(in_own_words, str) else ""
    words = words.replace("\x00", "").strip()  # the family's own words, checked by nothing and kept as written
    if len(words) > rules.IN_OWN_WORDS.max_length:
        errors["in_own_words"] = rules.IN_OWN_WORDS.too_long_message
    if not kept and not words and not errors:
        errors["__all__"] = rules.NOTHING_ANSWERED
    raise_if(errors)
    return kept, words


def _answer(*, survey, organisation, scores, words, anonymous, came_by, request=None) -> FeedbackAnswer:
    return FeedbackAnswer.objects.create(
        survey=survey.key,
        organisation=organisation,
        month=timezone.localdate().replace(day=1),
        scores=scores,
        score_total=sum(scores.values()),
        score_count=len(scores),
        in_own_words=words,
        anonymous=anonymous,
        came_by=came_by,
        request=None if anonymous else request,
    )


@transaction.atomic
def answer_request(request: FeedbackRequest, *, by=None, scores: dict, in_own_words: str = "", anonymous: bool = True) -> FeedbackAnswer:
    """A family answers the survey they were sent; a link works once. Anonymous: nothing ties the answer to them."""
    request = _working(FeedbackRequest.objects.select_for_update(of=("self",)).select_related("organisation", "family").filter(pk=request.pk).first())
    survey = surveys.survey(request.survey)
    if survey is None:
        raise LinkNotWorking("unknown")
    kept, words = _scores(survey, scores, in_own_words)
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    return _answer(
        survey=survey,
        organisation=request.organisation,
        scores=kept,
        words=words,
        anonymous=bool(anonymous),
        came_by=FeedbackAnswer.CameBy.REQUEST,
        request=request,
    )


@transaction.atomic
def answer_open_link(link: OpenSurveyLink, *, by=None, scores: dict, in_own_words: str = "") -> FeedbackAnswer:
    """Anyone with an open link answers, always anonymously."""
    link = open_link_for(link.public_id)
    survey = surveys.survey(link.survey)
    kept, words = _scores(survey, scores, in_own_words)
    return _answer(survey=survey, organisation=link.organisation, scores=kept, words=words, anonymous=True, came_by=FeedbackAnswer.CameBy.OPEN_LINK)


@transaction.atomic
def make_open_link(organisation, *, by, survey: str) -> OpenSurveyLink:
    """Make an open link for an organisation and a survey: the partnership team, or the organisation's lead."""
    if not permissions.keeps_open_links(by, organisation):
        raise Refused(rules.OPEN_LINKS_ONLY)
    if surveys.survey(survey) is None:
        raise ValidationError({"survey": rules.NOT_A_SURVEY if survey else rules.SURVEY_NEEDED})
    return OpenSurveyLink.objects.create(survey=survey, organisation=organisation, made_by=by)


@transaction.atomic
def stop_open_link(link: OpenSurveyLink, *, by) -> OpenSurveyLink:
    """Stop an open link: nobody can answer through it from now on. Answers already given stay."""
    if not permissions.keeps_open_links(by, link.organisation):
        raise Refused(rules.OPEN_LINKS_ONLY)
    if link.stopped_at is None:
        link.stopped_at = timezone.now()
        link.stopped_by = by
        link.save(update_fields=["stopped_at", "stopped_by"])
    return link
