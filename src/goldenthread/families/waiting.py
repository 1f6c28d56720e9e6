"""What waits for a person around families' records, for the "Waiting for you" list on their home page.

Two hand-overs: a request to join a family's team, waiting for the person who decides who
joins (the lead practitioner), and an emergency access waiting for a data protection lead's
review. The home page asks for no second step, so no notice names the family, its reference
or the reason given: the page behind the link shows them, with its safeguards and its log.
Each notice is gone once the request is decided or the access reviewed.
"""

from django.urls import reverse
from django.utils import timezone

from goldenthread.core.permissions import is_signed_in
from goldenthread.core.registry import Waiting

from . import access, permissions, queries


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def waiting(user) -> list[Waiting]:
    if not is_signed_in(user):
        return []
    notices = []
    decides = {}
    for join_request in queries.join_requests_waiting_in(access.families_for(user)):
        family = join_request.family
        if family.pk not in decides:
            decides[family.pk] = permissions.can_decide_join_requests(user, family)
        if not decides[family.pk]:
            continue
        notices.append(
            Waiting(
                what="Decide on a request to join a family's team",
                about=f"{join_request.user.full_name} ({join_request.organisation.name}) asked to join the team around a family you work with.",
                link=reverse("families:overview", args=[family.public_id]) + "#join-requests",
                since=join_request.requested_at,
            )
        )
    if permissions.can_review_emergency_access(user):
        for emergency in queries.emergency_reviews_waiting():
            notices.append(
                Waiting(
                    what="Review an emergency access to a family's record",
                    about=f"{emergency.user.full_name} opened a family's record with emergency access on {_when(emergency.started_at)}.",
                    link=reverse("families:review", args=[emergency.public_id]),
                    since=emergency.started_at,
                )
            )
    return notices
