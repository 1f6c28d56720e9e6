"""Every change to a self-assessment round, its frameworks and an action plan: one function per
thing a person does, `verb(target, *, by, ...)`.

Each checks the permission (`Refused`), checks the rules of `rules.py` (ValidationError,
keyed by the form field it is about), and writes in a transaction. The audit log is written
by core's model signals, so a change of an action's status is on record without more code.
The action plan's checks and writes are the shared ones of `core.action_plan`.
"""

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.identity import partnership_identity
from goldenthread.core.mail import send_later
from goldenthread.core.refusals import Refused
from goldenthread.core.rules import raise_if
from goldenthread.partnership.models import Membership, Organisation

from . import permissions, rules, scoring
from .action_plan import PLAN
from .frameworks import FrameworkData, FrameworkFileError, framework_data, framework_spec, read_framework_file
from .models import Answer, Assessment, ContinuumAction, Domain, Framework, Item, Response


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise Refused(message) if message else Refused()


def answer_field(item) -> str:
    """The form field (and error key) that holds the answer to one item."""
    return f"item_{item.pk if hasattr(item, 'pk') else item}"


def evidence_field(item) -> str:
    return f"evidence_{item.pk if hasattr(item, 'pk') else item}"


def _invalid(message: str, field: str = NON_FIELD_ERRORS):
    raise ValidationError({field: message})


def _require_open(assessment: Assessment) -> None:
    if assessment.status != Assessment.Status.OPEN:
        _invalid(f"‘{assessment.title}’ has been completed, so it can no longer be changed. You can start a new round from your organisation's page.")


def _answer_url(assessment: Assessment) -> str:
    return settings.GOLDENTHREAD_SITE_URL + reverse("continuum:answer", args=[assessment.public_id])


# Rounds -------------------------------------------------------------------------------


@transaction.atomic
def start_assessment(organisation: Organisation, *, by, framework: Framework, title: str) -> Assessment:
    """Open a new round for an organisation. The lead who starts it is the first respondent."""
    _require(permissions.can_start(by, organisation))
    # One open round at a time: lock the organisation so two starts cannot both pass the check.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    errors = {}
    title = rules.ROUND_TITLE.clean(title, field="title", errors=errors)
    if not isinstance(framework, Framework) or not framework.is_current:
        errors["framework"] = rules.CHOOSE_A_FRAMEWORK
    raise_if(errors)
    open_round = Assessment.objects.filter(organisation=organisation, status=Assessment.Status.OPEN).first()
    if open_round:
        _invalid(f"‘{open_round.title}’ is still open. Complete it before you start a new round.")
    assessment = Assessment.objects.create(organisation=organisation, framework=framework, title=title, started_by=by)
    Response.objects.create(assessment=assessment, respondent=by, invited_by=by)
    return assessment


@transaction.atomic
def invite(assessment: Assessment, *, by, people) -> list[Response]:
    """Invite members of the organisation, at any level, to answer; e-mail each person newly invited.

    Someone already invited is left as they are, so inviting twice never sends a second e-mail.
    """
    _require(permissions.can_manage_assessment(by, assessment))
    _require_open(assessment)
    members = set(Membership.objects.filter(organisation=assessment.organisation_id, user__is_active=True).values_list("user_id", flat=True))
    chosen = {person.pk: person for person in people}
    if any(pk not in members for pk in chosen):
        _invalid("Choose people from your organisation's members", "people")
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
def invite_everyone(assessment: Assessment, *, by) -> list[Response]:
    """Invite every active member of the organisation, whatever their role."""
    _require(permissions.can_manage_assessment(by, assessment))
    memberships = Membership.objects.filter(organisation=assessment.organisation_id, user__is_active=True).select_related("user")
    return invite(assessment, by=by, people=[membership.user for membership in memberships])


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
    send_later(response.respondent.email, subject, body)


# Answers ------------------------------------------------------------------------------


def _clean_answers(framework: Framework, answers: dict) -> dict[Item, tuple[int | None, str]]:
    """Check every answer belongs to this framework version and fits its scale; collect every problem."""
    items = {item.pk: item for item in Item.objects.filter(domain__framework=framework)}
    allowed = {int(point["value"]) for point in framework.scale}
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
            errors[answer_field(item)] = rules.CHOOSE_AN_ANSWER
            continue
        problems = {}
        evidence = rules.EVIDENCE.clean(evidence, field=evidence_field(item), errors=problems)
        if problems:
            errors.update(problems)
            continue
        cleaned[item] = (value, evidence)
    raise_if(errors)
    return cleaned


@transaction.atomic
def save_answers(response: Response, *, by, answers: dict) -> Response:
    """Keep a respondent's answers ({item id: (value or None for 'I don't know', evidence)}).

    Saves what was sent and leaves every other answer as it was, so a round can be answered
    a page at a time, over several visits, and nothing is lost.
    """
    _require(permissions.can_answer(by, response))
    response = Response.objects.select_for_update().select_related("assessment__framework").get(pk=response.pk)
    _require_open(response.assessment)
    if response.status == Response.Status.SUBMITTED:
        _invalid("You have already sent your answers for this round, so they can no longer be changed.")
    for item, (value, evidence) in _clean_answers(response.assessment.framework, answers).items():
        Answer.objects.update_or_create(response=response, item=item, defaults={"value": value, "evidence": evidence})
    if response.status == Response.Status.INVITED:
        response.status = Response.Status.IN_PROGRESS
    response.save()
    return response


@transaction.atomic
def submit_response(response: Response, *, by, role_description: str = "") -> Response:
    """Send a respondent's answers to the round. Unanswered statements count as ‘I don't know’."""
    _require(permissions.can_answer(by, response))
    response = Response.objects.select_for_update().select_related("assessment").get(pk=response.pk)
    _require_open(response.assessment)
    if response.status == Response.Status.SUBMITTED:
        _invalid("You have already sent your answers for this round. Thank you.")
    errors = {}
    role_description = rules.ROLE_DESCRIPTION.clean(role_description, field="role_description", errors=errors)
    raise_if(errors)
    response.role_description = role_description
    response.status = Response.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.save()
    return response


def submitted_answers(assessment: Assessment) -> list[dict[str, int | None]]:
    """Each submitted response as {item code: value}, the shape the scoring rule reads."""
    responses = []
    rows = Answer.objects.filter(response__assessment=assessment, response__status=Response.Status.SUBMITTED).values_list("response_id", "item__code", "value")
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
def rescore_completed_rounds(*, by) -> int:
    """Work out again, from the answers kept, every completed round scored under a lower minimum than today's.

    Run after raising GOLDENTHREAD_MINIMUM_RESPONDENTS, or after upgrading from a version
    that scored statements one person answered; until then such rounds show no figures.
    Every round is its target, so there is none to name; `by` is the person, or None for
    the system (the `rescore_completed_rounds` command), and the audit log says which.
    """
    redone = 0
    with acting_as(by) if by is not None else nullcontext():
        for assessment in Assessment.objects.filter(status=Assessment.Status.SUBMITTED, result__isnull=False).select_related("framework"):
            if permissions.scored_under_todays_minimum(assessment):
                continue
            assessment.result = result_to_keep(assessment.framework, submitted_answers(assessment))
            assessment.save(update_fields=["result"])
            redone += 1
    return redone


@transaction.atomic
def complete_assessment(assessment: Assessment, *, by) -> Assessment:
    """Close the round and keep its result, worked out from the submitted responses only.

    The result is stored as it stands, against the framework version the round used, so a
    later change to the framework never changes what this round found.

    A round fewer than the minimum number of people answered can still be completed (a
    small team should not be left with a round it can never close), but it keeps no
    figures at all: only how many answered, marked as withheld, so nobody's answers can
    be picked out from it now or later. The complete page says so before the lead confirms.
    """
    _require(permissions.can_manage_assessment(by, assessment))
    assessment = Assessment.objects.select_for_update().select_related("framework", "organisation").get(pk=assessment.pk)
    _require_open(assessment)
    responses = submitted_answers(assessment)
    if not responses:
        _invalid("No one has sent their answers yet. The round can be completed once at least one person has sent theirs.")
    assessment.result = result_to_keep(assessment.framework, responses)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.completed_on = timezone.localdate()
    assessment.save()
    return assessment


# The action plan (core.action_plan checks and writes) ----------------------------------


@transaction.atomic
def add_action(
    organisation: Organisation,
    *,
    by,
    domain: Domain,
    description: str,
    owner: str,
    due_on: date,
    status: str = ContinuumAction.Status.NOT_STARTED,
    assessment: Assessment | None = None,
) -> ContinuumAction:
    """Add a next step to the organisation's action plan, in one area of the round's framework."""
    values = {"domain": domain, "description": description, "owner": owner, "due_on": due_on, "status": status}
    return PLAN.add_step(organisation, by=by, values=values, links={"assessment": assessment})


@transaction.atomic
def update_action(action: ContinuumAction, *, by, **changes) -> ContinuumAction:
    """Change an action; a change of status is kept on record by the audit log."""
    return PLAN.change_step(action, by=by, changes=changes)


@transaction.atomic
def mark_action_done(action: ContinuumAction, *, by) -> ContinuumAction:
    return PLAN.mark_done(action, by=by)


# Frameworks ------------------------------------------------------------------------------

ONLY_ADMINS_CHANGE_FRAMEWORKS = "Only partnership admins can change frameworks."


@dataclass(frozen=True)
class ImportOutcome:
    framework: Framework
    created: bool


def _create_version(data: FrameworkData, *, version: int) -> Framework:
    """Write one version's rows: the framework, its domains and their items."""
    framework = Framework.objects.create(
        code=data.code,
        version=version,
        kind=data.kind,
        title=data.title,
        description=data.description,
        scale=data.scale_json(),
        bands=data.bands_json(),
        is_current=True,
    )
    for domain_order, domain_data in enumerate(data.domains):
        domain = Domain.objects.create(
            framework=framework, code=domain_data.code, title=domain_data.title, description=domain_data.description, order=domain_order
        )
        for item_order, item in enumerate(domain_data.items):
            Item.objects.create(domain=domain, code=item.code, text=item.text, guidance=item.guidance, order=item_order)
    return framework


def import_framework(data: FrameworkData, *, by) -> ImportOutcome:
    """Make `data` the current version of its framework; the same content as now changes nothing.

    `by` is the partnership admin making the change, or None for the system (a command).
    """
    if by is not None:
        _require(permissions.can_change_frameworks(by), ONLY_ADMINS_CHANGE_FRAMEWORKS)
    try:
        with acting_as(by) if by is not None else nullcontext(), transaction.atomic():
            versions = list(Framework.objects.select_for_update().filter(code=data.code).order_by("-version"))
            if versions and versions[0].kind != data.kind:
                label = Framework.Kind(versions[0].kind).label.lower()
                raise FrameworkFileError(
                    [
                        f"The framework '{data.code}' is for {label}, so its kind must stay \"{versions[0].kind}\". To start a framework of another kind, give it a new code."
                    ]
                )
            current = next((framework for framework in versions if framework.is_current), None)
            if current is not None and framework_data(current) == data:
                return ImportOutcome(current, created=False)
            for framework in versions:
                if framework.is_current:
                    framework.is_current = False
                    framework.save(update_fields=["is_current"])
            framework = _create_version(data, version=(versions[0].version + 1) if versions else 1)
    except IntegrityError:
        raise FrameworkFileError(["Someone else saved a version of this framework at the same moment. Upload the file again."]) from None
    return ImportOutcome(framework, created=True)


def import_framework_file(raw: bytes, *, by) -> ImportOutcome:
    """An uploaded file, checked and imported; FrameworkFileError if it cannot be used, nothing saved."""
    _require(permissions.can_change_frameworks(by), ONLY_ADMINS_CHANGE_FRAMEWORKS)
    return import_framework(read_framework_file(raw), by=by)
