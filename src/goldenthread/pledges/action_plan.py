"""The pledge's action plan: `core.action_plan` with steps under the pledge, grouped by strand.

Every strand is always listed, so a lead sees at once which strands have nothing yet:
renewing the pledge needs an action under each.
"""

from django.http import Http404

from goldenthread.core.action_plan import ActionPlan, GroupChoice, Grouping, StepSetup

from . import permissions, rules
from .models import Pledge, PledgeAction, Strand

STRANDS = Grouping("strand", "Strand", rules.STRAND_REQUIRED, rules.STRAND_UNKNOWN)


def pledge_of(organisation) -> Pledge:
    """The organisation's pledge; 404 where it has not signed one."""
    pledge = Pledge.objects.select_related("organisation", "pledge_text").filter(organisation=organisation).first()
    if pledge is None:
        raise Http404
    return pledge


class PledgeActionPlan(ActionPlan):
    model = PledgeAction
    grouping = STRANDS
    url_namespace = "pledges"
    parent_field = "pledge"
    intro = "What your organisation will do under each strand of the pledge. Renewing the pledge needs at least one action under each strand."
    back_url_name = "pledges:manage"
    back_text = "Back to our pledge"

    def may_see(self, user, organisation) -> bool:
        return permissions.can_view_pledge_admin(user, organisation)

    def may_change(self, user, organisation) -> bool:
        return permissions.can_change_action_plan(user, organisation)

    def parent_of(self, organisation):
        return pledge_of(organisation)

    def organisation_of(self, pledge):
        return pledge.organisation

    def every_group(self, pledge):
        return Strand.choices

    def group_of(self, action):
        return action.strand, Strand(action.strand).label

    def step_setup(self, request, pledge, step=None) -> StepSetup:
        chosen = request.GET.get("strand")
        initial = {"strand": chosen} if step is None and chosen in Strand.values else {}
        return StepSetup(choices=[GroupChoice(value, label, value) for value, label in Strand.choices], initial=initial)

    def group_problems(self, values, *, parent, links, step=None) -> dict:
        return {} if values.get("strand") in Strand.values else {"strand": rules.STRAND_REQUIRED}


PLAN = PledgeActionPlan()
