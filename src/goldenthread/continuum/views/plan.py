"""The action plan: the shared component (core.action_plan), grouped by area."""

from goldenthread.core import action_plan

from .. import services
from ..action_plan import PLAN
from ._common import _organisation

_pages = action_plan.views_for(PLAN, organisation=_organisation, add=services.add_action, change=services.update_action, mark_done=services.mark_action_done)
actions = _pages.actions
add_action = _pages.add_action
edit_action = _pages.edit_action
action_done = _pages.action_done
