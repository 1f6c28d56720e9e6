"""Pledge pages. Each view parses, asks permissions, calls a service or a query, and renders."""

from .managing import champions, manage, progress, renew, sign, statement
from .partnership_lead import all_pledges, republish, withdraw
from .personal import edit_personal_pledge, personal_pledge, remove_personal_pledge
from .plan import action_done, actions, add_action, edit_action
from .public import organisation_pledge, wall

__all__ = [
    "action_done",
    "actions",
    "add_action",
    "all_pledges",
    "champions",
    "edit_action",
    "edit_personal_pledge",
    "manage",
    "organisation_pledge",
    "personal_pledge",
    "progress",
    "remove_personal_pledge",
    "renew",
    "republish",
    "sign",
    "statement",
    "wall",
    "withdraw",
]
