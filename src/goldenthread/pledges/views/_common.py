"""What the pledge pages share: the organisation, refusals, and the pledge an organisation lead may change."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from goldenthread.core.refusals import Refused
from goldenthread.partnership.models import Organisation

from .. import permissions
from ..action_plan import pledge_of
from ..models import Pledge

# Where a statement, a progress update and a shown personal pledge go: said in the advice
# shown once before they are published ("Before it goes on the public pledge wall").
PLEDGE_WALL = "the public pledge wall"


def _organisation(slug) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _require(allowed: bool) -> None:
    if not allowed:
        raise Refused()


def _editable_pledge(request, slug) -> Pledge:
    """The pledge an organisation lead is about to change: 404 if there is none, 403 if not theirs."""
    organisation = _organisation(slug)
    _require(permissions.can_sign(request.user, organisation))
    return pledge_of(organisation)


def _manage_url(organisation) -> str:
    return reverse("pledges:manage", args=[organisation.slug])
