"""The public pages: the pledge wall, and one organisation's published pledge."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from goldenthread.partnership.models import Organisation, Sector

from .. import forms, permissions, queries
from ..models import Pledge

WALL_PAGE_SIZE = 20


def _is_htmx(request) -> bool:
    """An htmx request for part of a page; restoring history or a boosted link needs the whole page."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and "true" not in (headers.get("HX-Boosted"), headers.get("HX-History-Restore-Request"))


@require_http_methods(["GET", "HEAD"])
def wall(request):
    """Every published pledge, filterable by sector and searchable; htmx asks for the results only."""
    data = request.GET.copy()
    if "q" in data:
        data["q"] = queries.tidy_search(data.get("q"))
    form = forms.WallFilterForm(data or None)
    form.is_valid()
    sector = form.cleaned_data.get("sector", "") if form.is_bound else ""
    q = form.cleaned_data.get("q", "") if form.is_bound else ""
    pledges = queries.published_pledges(sector=sector or None, q=q)
    page = Paginator(pledges, WALL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page": page,
        "q": q,
        "sector_label": Sector(sector).label if sector in Sector.values else "",
        "filtered": bool(q or sector),
    }
    template = "pledges/_wall_results.html" if _is_htmx(request) else "pledges/wall.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "HEAD"])
def organisation_pledge(request, slug):
    """One organisation's published pledge. A withdrawn one gets a calm 'not shown' page."""
    organisation = get_object_or_404(Organisation, slug=slug, is_active=True)
    pledge = queries.with_public_details(Pledge.objects.select_related("organisation", "pledge_text").filter(organisation=organisation)).first()
    if pledge is None:
        raise Http404
    if pledge.status == Pledge.Status.WITHDRAWN:
        return render(request, "pledges/withdrawn.html", {"organisation": organisation}, status=404)
    organisation = pledge.organisation
    return render(
        request,
        "pledges/organisation.html",
        {
            "organisation": organisation,
            "pledge": pledge,
            "commitments": queries.commitments_by_strand(pledge.commitments.all()),
            "actions": queries.actions_by_strand(pledge.actions.all()),
            "champions": [m.user for m in organisation.champion_memberships],
            "personal_pledges": organisation.shown_personal_pledges,
            "progress_updates": pledge.progress_updates.all(),
            "renewals": pledge.renewals.all(),
            "can_manage": permissions.can_view_pledge_admin(request.user, organisation),
        },
    )
