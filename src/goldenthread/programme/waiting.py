"""What waits for a person in the programme: each part's hand-overs (a request to join to decide, a story to approve, ...)."""

from .champions import waiting as champions_waiting
from .resources import waiting as resources_waiting
from .roadmap import waiting as roadmap_waiting
from .stories import waiting as stories_waiting
from .work import waiting as work_waiting


def waiting(user) -> list:
    return [notice for part in (work_waiting, roadmap_waiting, resources_waiting, stories_waiting, champions_waiting) for notice in part.waiting(user)]
