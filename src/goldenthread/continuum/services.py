"""Every change to a self-assessment round and an action plan: one function per thing a person does.

Each checks the permission (PermissionDenied), checks the rules (ValidationError, keyed by
the form field it is about), and writes in a transaction. The audit log is written by
core's model signals, so a change of an action's status is on record without more code.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.forms import clean_text
from goldenthread.core.identity import partnership_identity
from goldenthread.partnership.models import Membership, Organisation

from . import permissions, scoring
from .models import Action, Answer, Assessment, Domain, Framework, Item, Response

TITLE_MAX_LENGTH = 120
EVIDENCE_MAX_LENGTH = 2000
ROLE_MAX_LENGTH = 150
ACTION_FIELDS = ("domain", "description", "owner", "due_on", "status")


def framework_spec(framework: Framework) -> scoring.FrameworkSpec:
    """The scoring rule's view of a framework version: its domains, their items and the stages."""
    from .frameworks import framework_spec as spec_from_frameworks

    return spec_from_frameworks(framework)


def answer_field(item) -> str:
    """The form field (and error key) that holds the answer to one item."""
    return f"item_{item.pk if hasattr(item, 'pk') else item}"


def evidence_field(item) -> str:
    return f"evidence_{item.pk if hasattr(item, 'pk') else item}"


def scale_values(framework: Framework) -> list[int]:
    return [int(point["value"]) for point in framework.scale]


def _refuse(message: str, field: str = NON_FIELD_ERRORS):
    raise ValidationError({field: message})


def _require_open(assessment: Assessment) -> None:
    if assessment.status != Assessment.Status.OPEN:
        _refuse(f"‘{assessment.title}’ has been completed, so it can no longer be changed. You can start a new round from your organisation's page.")


def _answer_url(assessment: Assessment) -> str:
    return settings.GOLDENTHREAD_SITE_URL + reverse("continuum:answer", args=[assessment.public_id])


# Rounds -------------------------------------------------------------------------------


@transaction.atomic
def start_assessment(organisation: Organisation, framework: Framework, title: str, by) -> Assessment:
    """Open a new round for an organisation. The lead who starts it is the first respondent."""
    if not permissions.can_start(by, organisation):
        raise PermissionDenied
    # One open round at a time: lock the organisation so two starts cannot both pass the check.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    errors = {}
    title = clean_text(str(title or ""))
    if not title:
        errors["title"] = "Enter a name for this round, for example ‘Spring 2026’"
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = f"The name of the round must be {TITLE_MAX_LENGTH} characters or fewer"
    if not isinstance(framework, Framework) or not framework.is_current:
        errors["framework"] = "Choose one of the frameworks listed"
    if errors:
        raise ValidationError(errors)
    open_round = Assessment.objects.filter(organisation=organisation, status=Assessment.Status.OPEN).first()
    if open_round:
        _refuse(f"‘{open_round.title}’ is still open. Complete it before you start a new round.")
    assessment = Assessment.objects.create(organisation=organisation, framework=framework, title=title, started_by=by)
    Response.objects.create(assessment=assessment, respondent=by, invited_by=by)
    return assessment


@transaction.atomic
def invite(assessment: Assessment, people, by) -> list[Response]:
    """Invite members of the organisation, at any level, to answer; e-mail each person newly invited.

    Someone already invited is left as they are, so inviting twice never sends a second e-mail.
    """
    if not permissions.can_manage_assessment(by, assessment):
        raise PermissionDenied
    _require_open(assessment)
    members = set(
        Membership.objects.filter(organisation=assessment.organisation_id, user__is_active=True).values_list("user_id", flat=True)
    )
    chosen = {person.pk: person for person in people}
    if any(pk not in members for pk in chosen):
        _refuse("Choose people from your organisation's members", "people")
    already = set(assessment.responses.values_list("respondent_id", flat=True))
    invited = [
        Response.objects.create(assessment=assessment, respondent=person, invited_by=by)
        for pk, person in sorted(chosen.items(), key=lambda pair: pair[1].full_name)
        if pk not in already
    ]
    for response in invited:
        _send_invitation(response, by)
    return invited


@transaction.atomic
def invite_everyone(assessment: Assessment, by) -> list[Response]:
    """Invite every active member of the organisation, whatever their role."""
    if not permissions.can_manage_assessment(by, assessment):
        raise PermissionDenied
    memberships = Membership.objects.filter(organisation=assessment.organisation_id, user__is_active=True).select_related("user")
    return invite(assessment, [membership.user for membership in memberships], by)


def _send_invitation(response: Response, by) -> None:
    assessment = response.assessment
    context = {
        "person": response.respondent,
        "invited_by": by,
        "assessment": assessment,
        "organisation": assessment.organisation,
        "framework": assessment.framework,
        "answer_url": _answer_url(assessment),
        "partnership": partnership_identity(),
    }
    subject = f"{assessment.organisation.name}: you are invited to take part in our self-assessment"
    body = render_to_string("continuum/assessments/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [response.respondent.email])


# Answers ------------------------------------------------------------------------------


def _clean_answers(framework: Framework, answers: dict) -> dict[Item, tuple[int | None, str]]:
    """Check every answer belongs to this framework version and fits its scale; collect every problem."""
    items = {item.pk: item for item in Item.objects.filter(domain__framework=framework)}
    allowed = set(scale_values(framework))
    cleaned, errors = {}, {}
    for raw_id, pair in (answers or {}).items():
        try:
            item = items.get(int(raw_id))
        except (TypeError, ValueError):
            item = None
        if item is None:
            errors[NON_FIELD_ERRORS] = "Answer the statements shown on the page. Something else was sent: go back to the page and try again."
            continue
        try:
            value, evidence = pair
        except (TypeError, ValueError):
            errors[answer_field(item)] = "Choose an answer, or choose ‘I don't know’"
            continue
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value not in allowed):
            errors[answer_field(item)] = "Choose one of the answers listed, or ‘I don't know’"
            continue
        evidence = clean_text(str(evidence or ""))
        if len(evidence) > EVIDENCE_MAX_LENGTH:
            errors[evidence_field(item)] = f"The evidence must be {EVIDENCE_MAX_LENGTH:,} characters or fewer"
            continue
        cleaned[item] = (value, evidence)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_answers(response: Response, answers: dict, by) -> Response:
    """Keep a respondent's answers ({item id: (value or None for 'I don't know', evidence)}).

    Saves what was sent and leaves every other answer as it was, so a round can be answered
    a page at a time, over several visits, and nothing is lost.
    """
    if not permissions.can_answer(by, response):
        raise PermissionDenied
    response = Response.objects.select_for_update().select_related("assessment__framework").get(pk=response.pk)
    _require_open(response.assessment)
    if response.status == Response.Status.SUBMITTED:
        _refuse("You have already sent your answers for this round, so they can no longer be changed.")
    for item, (value, evidence) in _clean_answers(response.assessment.framework, answers).items():
        Answer.objects.update_or_create(response=response, item=item, defaults={"value": value, "evidence": evidence})
    if response.status == Response.Status.INVITED:
        response.status = Response.Status.IN_PROGRESS
    response.save()
    return response


@transaction.atomic
def submit_response(response: Response, by, role_description: str = "") -> Response:
    """Send a respondent's answers to the round. Unanswered statements count as ‘I don't know’."""
    if not permissions.can_answer(by, response):
        raise PermissionDenied
    response = Response.objects.select_for_update().select_related("assessment").get(pk=response.pk)
    _require_open(response.assessment)
    if response.status == Response.Status.SUBMITTED:
        _refuse("You have already sent your answers for this round. Thank you.")
    role_description = clean_text(str(role_description or ""))
    if len(role_description) > ROLE_MAX_LENGTH:
        _refuse(f"Your role must be {ROLE_MAX_LENGTH} characters or fewer", "role_description")
    response.role_description = role_description
    response.status = Response.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.save()
    return response


def submitted_answers(assessment: Assessment) -> list[dict[str, int | None]]:
    """Each submitted response as {item code: value}, the shape the scoring rule reads."""
    responses = []
    rows = Answer.objects.filter(response__assessment=assessment, response__status=Response.Status.SUBMITTED).values_list(
        "response_id", "item__code", "value"
    )
    by_response: dict[int, dict] = {}
    for response_id, code, value in rows:
        by_response.setdefault(response_id, {})[code] = value
    submitted = assessment.responses.filter(status=Response.Status.SUBMITTED).values_list("pk", flat=True)
    for response_id in submitted:
        responses.append(by_response.get(response_id, {}))
    return responses


def result_to_keep(framework, responses: list[dict]) -> dict:
    """What a completed round stores: its scores worked out under today's minimum, or, with too few people, only the count."""
    minimum = permissions.minimum_respondents()
    if permissions.enough_respondents(len(responses)):
        stored = scoring.score(framework_spec(framework), responses, minimum_answers=minimum).as_json()
    else:
        stored = scoring.Result(respondents=len(responses), score=None, band=None, domains=[]).as_json()
        stored[permissions.WITHHELD] = True
    stored[permissions.SCORED_WITH_MINIMUM] = minimum
    stored["framework"] = {"code": framework.code, "version": framework.version}
    return stored


@transaction.atomic
def rescore_completed_rounds(*, by=None) -> int:
    """Work out again, from the answers kept, every completed round scored under a lower minimum than today's.

    Run after raising GOLDENTHREAD_MINIMUM_RESPONDENTS, or after upgrading from a version
    that scored statements one person answered; until then such rounds show no figures.
    """
    redone = 0
    for assessment in Assessment.objects.filter(status=Assessment.Status.SUBMITTED, result__isnull=False).select_related("framework"):
        if permissions.scored_under_todays_minimum(assessment):
            continue
        assessment.result = result_to_keep(assessment.framework, submitted_answers(assessment))
        assessment.save(update_fields=["result"])
        redone += 1
    return redone


@transaction.atomic
def complete_assessment(assessment: Assessment, by) -> Assessment:
    """Close the round and keep its result, worked out from the submitted responses only.

    The result is stored as it stands, against the framework version the round used, so a
    later change to the framework never changes what this round found.

    A round fewer than the minimum number of people answered can still be completed (a
    small team should not be left with a round it can never close), but it keeps no
    figures at all: only how many answered, marked as withheld, so nobody's answers can
    be picked out from it now or later. The complete page says so before the lead confirms.
    """
    if not permissions.can_manage_assessment(by, assessment):
        raise PermissionDenied
    assessment = Assessment.objects.select_for_update().select_related("framework", "organisation").get(pk=assessment.pk)
    _require_open(assessment)
    responses = submitted_answers(assessment)
    if not responses:
        _refuse("No one has sent their answers yet. The round can be completed once at least one person has sent theirs.")
    assessment.result = result_to_keep(assessment.framework, responses)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.completed_on = timezone.localdate()
    assessment.save()
    return assessment


# The action plan ----------------------------------------------------------------------


def _check_action(organisation: Organisation, assessment: Assessment | None, fields: dict) -> dict:
    errors = {}
    domain = fields.get("domain")
    if assessment is not None and assessment.organisation_id != organisation.pk:
        errors[NON_FIELD_ERRORS] = "This action belongs to another organisation's assessment."
    if not isinstance(domain, Domain):
        errors["domain"] = "Choose the area this action is for"
    elif assessment is not None and domain.framework_id != assessment.framework_id:
        errors["domain"] = "Choose one of the areas of the framework this round used"
    elif assessment is None and not domain.framework.is_current:
        errors["domain"] = "Choose one of the areas listed"
    description = clean_text(str(fields.get("description") or ""))
    owner = clean_text(str(fields.get("owner") or ""))
    if not description:
        errors["description"] = "Describe what you will do"
    elif len(description) > 500:
        errors["description"] = "What you will do must be 500 characters or fewer"
    if not owner:
        errors["owner"] = "Enter who owns this action: a name or a team"
    elif len(owner) > 150:
        errors["owner"] = "Who owns it must be 150 characters or fewer"
    if not isinstance(fields.get("due_on"), date):
        errors["due_on"] = "Enter the date it is due, for example 27 3 2026"
    if fields.get("status") not in Action.Status.values:
        errors["status"] = "Choose where this action has got to"
    if errors:
        raise ValidationError(errors)
    return {**fields, "description": description, "owner": owner}


@transaction.atomic
def add_action(
    organisation: Organisation,
    *,
    by,
    domain: Domain,
    description: str,
    owner: str,
    due_on: date,
    status: str = Action.Status.NOT_STARTED,
    assessment: Assessment | None = None,
) -> Action:
    """Add a next step to the organisation's action plan, in one area of the round's framework."""
    if not permissions.can_manage_actions(by, organisation):
        raise PermissionDenied
    fields = _check_action(
        organisation, assessment, {"domain": domain, "description": description, "owner": owner, "due_on": due_on, "status": status}
    )
    return Action.objects.create(organisation=organisation, assessment=assessment, **fields)


@transaction.atomic
def update_action(action: Action, *, by, **fields) -> Action:
    """Change an action; a change of status is kept on record by the audit log."""
    if not permissions.can_manage_actions(by, action.organisation):
        raise PermissionDenied
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    merged = {name: fields.get(name, getattr(action, name)) for name in ACTION_FIELDS}
    for name, value in _check_action(action.organisation, action.assessment, merged).items():
        setattr(action, name, value)
    action.save()
    return action
