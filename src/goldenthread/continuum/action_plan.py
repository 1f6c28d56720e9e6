"""The continuum's action plan: `core.action_plan` with steps under the organisation, each in an
area (a domain) of the framework the round it came from used.

A step is added under a round: the one the page asks for, else the latest completed round,
else the open one. Before any round there are no areas to choose from, so the add page
says to start a round first.
"""

import uuid

from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from goldenthread.core.action_plan import ActionPlan, GroupChoice, Grouping, NotReady, StepSetup

from . import permissions, results, rules
from .models import Assessment, ContinuumAction, Domain, Item

AREAS = Grouping("domain", "Area", rules.AREA_REQUIRED, rules.AREA_UNKNOWN, radios=False, blank_label="Choose an area")


def action_round(organisation, assessment_id=None) -> Assessment | None:
    """The round an action is added under: the one asked for, else the latest completed, else the open one."""
    rounds = Assessment.objects.filter(organisation=organisation).select_related("framework")
    if assessment_id:
        try:
            chosen = rounds.filter(public_id=uuid.UUID(str(assessment_id))).first()
        except ValueError:
            chosen = None
        if chosen:
            return chosen
    return results.latest_completed(organisation) or rounds.first()


def _areas(domains) -> list[GroupChoice]:
    return [GroupChoice(str(domain.pk), domain.title, domain) for domain in domains]


def _used_in(assessment) -> str:
    return f"For the areas of {assessment.framework.title}, used in ‘{assessment.title}’." if assessment else ""


class ContinuumActionPlan(ActionPlan):
    model = ContinuumAction
    grouping = AREAS
    url_namespace = "continuum"
    list_order = ("domain__order", "domain__title", "due_on", "id")
    list_related = ("domain",)
    intro = "What {organisation.name} will do next, area by area, from its self-assessment."
    back_url_name = "continuum:organisation"
    back_text = "Back to our self-assessment"
    empty_hint = "You can add them from the next steps on a round's result, or with ‘Add an action’."

    def may_see(self, user, organisation) -> bool:
        return permissions.can_view_results(user, organisation)

    def may_change(self, user, organisation) -> bool:
        return permissions.can_manage_actions(user, organisation)

    def group_of(self, action):
        return action.domain_id, action.domain.title

    def step_setup(self, request, organisation, step=None) -> StepSetup:
        if step is not None:
            framework_id = step.assessment.framework_id if step.assessment else step.domain.framework_id
            return StepSetup(choices=_areas(Domain.objects.filter(framework_id=framework_id)), lead=_used_in(step.assessment))
        round_ = action_round(organisation, request.GET.get("assessment"))
        if round_ is None:
            return StepSetup(
                not_ready=NotReady(
                    "Actions belong to an area of the framework you assess yourselves against. Start a round of self-assessment first; you can add actions while it is open.",
                    "Start a round of self-assessment",
                    reverse("continuum:start", args=[organisation.slug]),
                )
            )
        domains = list(round_.framework.domains.all())
        initial = {}
        domain = next((d for d in domains if d.code == request.GET.get("domain")), None)
        if domain is not None:
            initial["domain"] = str(domain.pk)
            item = Item.objects.filter(domain=domain, code=request.GET.get("item", "")).first()
            if item is not None:
                initial["description"] = item.text
        return StepSetup(choices=_areas(domains), initial=initial, links={"assessment": round_}, lead=_used_in(round_))

    def group_problems(self, values, *, parent, links, step=None) -> dict:
        """The area must be one of the round's framework (or, with no round, of a current framework)."""
        errors = {}
        assessment = step.assessment if step is not None else links.get("assessment")
        domain = values.get("domain")
        if assessment is not None and assessment.organisation_id != parent.pk:
            errors[NON_FIELD_ERRORS] = rules.ANOTHER_ORGANISATIONS_ROUND
        if not isinstance(domain, Domain):
            errors["domain"] = rules.AREA_REQUIRED
        elif assessment is not None and domain.framework_id != assessment.framework_id:
            errors["domain"] = rules.AREA_NOT_IN_ROUND
        elif assessment is None and not domain.framework.is_current:
            errors["domain"] = rules.AREA_UNKNOWN
        return errors


PLAN = ContinuumActionPlan()
