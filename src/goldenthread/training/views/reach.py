"""Reach: who the training has reached, across the partnership (counts) and in one organisation (by name).

Each table comes with its chart (`core.charts.bar_chart`): the chart shows the share, the
table beside it the same figures in full.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart, shorten
from goldenthread.core.decorators import no_store
from goldenthread.partnership.models import Role

from .. import forms, permissions, queries, services
from ..queries import Reach
from ._common import READ, require

PEOPLE_PER_PAGE = 50
NOT_YOUR_ORGANISATION = "Who in an organisation has come to training is for its organisation lead and the partnership team. Ask your organisation lead."
PLACES = {
    Reach.TRAINED: {"label": Reach.TRAINED.label, "tag": "govuk-tag--green"},
    Reach.STARTED: {"label": Reach.STARTED.label, "tag": "govuk-tag--turquoise"},
    Reach.BOOKED: {"label": Reach.BOOKED.label, "tag": "govuk-tag--yellow"},
    Reach.NOT_REACHED: {"label": Reach.NOT_REACHED.label, "tag": "govuk-tag--grey"},
}


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


def _everyone_chart(counts, *, id: str, title: str):
    """How many people are at each place: a bar for each, and the table with their shares."""
    rows = [(label, counts.count(value)) for value, label in Reach.choices]
    return bar_chart(
        [BarGroup("", [Bar(f"{label}: {_people(n)}, {counts.percent(n)}%", n) for label, n in rows])],
        id=id,
        title=title,
        description="A bar for each place: trained, started, booked and not reached yet, longer for more people.",
        scale_max=counts.people,
        table=DataTable(
            caption=title,
            headings=["Where they are", "People", "Share"],
            rows=[(label, [f"{n:,}", f"{counts.percent(n)}%"]) for label, n in rows] + [("Everyone", [f"{counts.people:,}", "100%"])],
            numeric=True,
        ),
    )


def _came_chart(rows, *, id: str, title: str, heading: str):
    """For each organisation, sector or role: the share of its people who came to training, and the table of every place."""
    bars = [
        Bar(f"{shorten(row.name)}: {row.counts.came_percent}%" if row.counts.people else f"{shorten(row.name)}: nobody here yet", row.counts.came_percent)
        for row in rows
    ]
    return bar_chart(
        [BarGroup("", bars)],
        id=id,
        title=title,
        description="A bar for each, longer for a bigger share of its people who came to training (trained or started), out of 100%.",
        scale_max=100,
        table=DataTable(
            caption=title,
            headings=[heading, "People", *(label for _, label in Reach.choices), "Came to training"],
            rows=[
                (row.name, [f"{row.counts.people:,}", *(f"{row.counts.count(value):,}" for value, _ in Reach.choices), f"{row.counts.came_percent}%"])
                for row in rows
            ],
            numeric=True,
        ),
    )


def _programmes_chart(programmes):
    """Leaders' programme against core (and the others): the share of the people each is for who completed a course in it."""

    def share(p):
        return round(100 * p.completed / p.for_people) if p.for_people else 0

    return bar_chart(
        [BarGroup("", [Bar(f"{shorten(p.name)}: {p.completed:,} of {p.for_people:,} completed, {share(p)}%", share(p)) for p in programmes])],
        id="programmes-chart",
        title="People who completed a course, by kind of programme",
        description="A bar for each kind of programme, longer for a bigger share of the people it is for who completed a course in it, out of 100%.",
        scale_max=100,
        table=DataTable(
            caption="Each kind of programme and the people it is for",
            headings=["Programme (who it is for)", "People it is for", "Completed a course", "Came to a session", "Booked on a session to come"],
            rows=[(f"{p.name} ({p.meant_for.lower()})", [f"{p.for_people:,}", f"{p.completed:,}", f"{p.came:,}", f"{p.booked:,}"]) for p in programmes],
            numeric=True,
        ),
    )


def _formats_chart(formats):
    return bar_chart(
        [BarGroup("", [Bar(f"{f.name}: {_people(f.people)} came, {f.held} sessions", f.people) for f in formats])],
        id="formats-chart",
        title="People who came to training in person and online",
        description="A bar for in person and one for online, longer for more people who came.",
        scale_max=max((f.people for f in formats), default=0),
        table=DataTable(
            caption="Training in person and online",
            headings=["How it is held", "Sessions held", "People who came", "Places taken up", "Sessions to come", "Places booked"],
            rows=[(f.name, [f"{f.held:,}", f"{f.people:,}", f"{f.places_attended:,}", f"{f.to_come:,}", f"{f.places_booked:,}"]) for f in formats],
            numeric=True,
        ),
    )


def _how_many(total, roles, *, reach: str, role: str) -> int:
    """How many people the filters leave, from the counts by role and place (an unknown value is no filter, as in the query)."""
    counts = total
    if role in Role.values:
        counts = next((row.counts for row in roles if row.key == role), queries.ReachCounts())
    return counts.count(reach) if reach in Reach.values else counts.people


@login_required
@require_http_methods(list(READ))
def reach(request):
    """Reach across the partnership: trained, started, booked and not reached yet, by organisation, sector and role; programmes; in person and online."""
    user = request.user
    require(permissions.can_see_reach(user), services.RUNS_TRAINING)
    found = queries.partnership_reach()
    return render(
        request,
        "training/reach.html",
        {
            "reach": found,
            "meanings": [(label, queries.REACH_MEANING[value]) for value, label in Reach.choices],
            "everyone_chart": _everyone_chart(found.everyone, id="everyone-chart", title="Where everyone in the partnership is with the training"),
            "organisations_chart": _came_chart(
                found.organisations, id="organisations-chart", title="People who came to training, by organisation", heading="Organisation"
            ),
            "sectors_chart": _came_chart(found.sectors, id="sectors-chart", title="People who came to training, by sector", heading="Sector"),
            "roles_chart": _came_chart(found.roles, id="roles-chart", title="People who came to training, by role", heading="Role"),
            "programmes_chart": _programmes_chart(found.programmes),
            "formats_chart": _formats_chart(found.formats),
            "people_links": [row for row in found.organisations if permissions.can_see_organisation_reach(user, row.organisation)],
        },
    )


@no_store
@login_required
@require_http_methods(list(READ))
def reach_organisation(request, slug):
    """Who in an organisation is trained, started, booked or not reached yet, by name and role, with the totals."""
    organisation = queries.organisation_by_slug(slug)
    if organisation is None:
        raise Http404
    require(permissions.can_see_organisation_reach(request.user, organisation), NOT_YOUR_ORGANISATION)
    form = forms.ReachFilterForm(request.GET or None)
    filters = form.values() if form.is_bound else {"reach": "", "role": ""}
    total, roles = queries.organisation_reach(organisation)
    paginator = Paginator(queries.people_reached(organisation, **filters), PEOPLE_PER_PAGE)
    paginator.count = _how_many(total, roles, **filters)  # already counted: no second count of everyone
    page = paginator.get_page(request.GET.get("page"))
    training = queries.training_of(membership.user_id for membership in page.object_list)
    rows = [(membership, training.get(membership.user_id) or queries.PersonTraining(), PLACES[membership.reach]) for membership in page.object_list]
    return render(
        request,
        "training/reach_organisation.html",
        {
            "organisation": organisation,
            "total": total,
            "meanings": [(label, queries.REACH_MEANING[value]) for value, label in Reach.choices],
            "everyone_chart": _everyone_chart(total, id="organisation-chart", title=f"Where the people of {organisation.name} are with the training"),
            "roles_chart": _came_chart(roles, id="roles-chart", title="People who came to training, by role", heading="Role"),
            "form": form,
            "is_filtered": bool(filters["reach"] or filters["role"]),
            "page": page,
            "rows": rows,
            "can_see_reach": permissions.can_see_reach(request.user),
        },
    )
