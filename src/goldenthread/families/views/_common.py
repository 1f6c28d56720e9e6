"""What every family page shares: the `family_page` wrapper, finding the family, and asking `access` before a look or a change."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store
from goldenthread.core.refusals import Refused
from goldenthread.core.safeguards import family_data_safeguards

from .. import access, permissions, services
from ..models import (
    Family,
)

SEARCH_SESSION_KEY = "families:search"
PART_LABELS = access.PART_LABELS


def family_page(*methods):
    """The safeguards, no-store (family pages are never kept in a browser's cache), and the HTTP methods a page answers."""

    def decorate(view):
        return no_store(family_data_safeguards(require_http_methods(list(methods))(view)))

    return decorate


def _family(public_id) -> Family:
    return get_object_or_404(Family.objects.select_related("recording_organisation"), public_id=public_id)


def _overview(family):
    return redirect("families:overview", family.public_id)


def _overview_url(family) -> str:
    return reverse("families:overview", args=[family.public_id])


def _require(decision):
    if not decision.allowed:
        raise PermissionDenied
    return decision


def _require_write(request, family, part, detail="asked to change it", *, person=None):
    """May the person change this part (`access.decide_change`)? A refusal is logged; the service logs the change itself."""
    decision = access.decide_change(request.user, family, part, person=person)
    if not decision.allowed:
        access.log_decision(request.user, family, access.Action.UPDATE, decision, detail)
        raise PermissionDenied
    return decision


def _refuse(request, family, part, detail, *, reason=None):
    """Log a refusal (basis "refused") and refuse the page: a look when asked with GET, a change otherwise.

    With a `reason`, the 403 page says it (`core.refusals.Refused`): why, and who can help.
    """
    action = access.Action.VIEW if request.method in ("GET", "HEAD") else access.Action.UPDATE
    access.log(request.user, family, action, part, access.Basis.REFUSED, detail)
    if reason:
        raise Refused(reason)
    raise PermissionDenied


def _require_part(request, family, part, detail):
    """Read a part (logged by access, refusal included), or refuse the page."""
    return _require(access.read(request.user, family, part, detail=detail))


def emergency_hours() -> int:
    return services.emergency_access_hours()


def _emergency_context(user):
    return {"emergency_hours": emergency_hours(), "can_start_emergency": permissions.can_start_emergency_access(user)}
