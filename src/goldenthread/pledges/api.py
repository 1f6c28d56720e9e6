"""The public, read-only API of published pledges: the same data as the pledge wall."""

import re
from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from goldenthread.core.api import Error

from . import queries
from .models import Pledge

router = Router(tags=["Pledges"])

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
NOT_FOUND = "No published pledge for this organisation."


class PledgeOrganisationOut(Schema):
    name: str
    slug: str
    sector: str
    sector_label: str
    area: str


class CommitmentOut(Schema):
    code: str
    text: str


class StrandOut(Schema):
    strand: str
    strand_label: str
    commitments: list[CommitmentOut]


class StatementOut(Schema):
    vision: str
    how_we_will_do_it: str
    priorities: str


class ChampionOut(Schema):
    name: str
    job_title: str


class PersonalPledgeOut(Schema):
    name: str
    job_title: str
    commitment: str
    made_on: date


class PledgeOut(Schema):
    organisation: PledgeOrganisationOut
    state: str
    signed_on: date
    renewed_on: date | None
    expires_on: date
    pledge_version: int
    pledge_title: str
    signatory_name: str
    signatory_role: str
    commitments: list[StrandOut]
    statement: StatementOut
    champions: list[ChampionOut]
    personal_pledges: list[PersonalPledgeOut]


class PledgePagination(LimitOffsetPagination):
    """At most 100 pledges a page, and offsets a database can hold, so odd numbers get a 422, not a 500."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)

    def __init__(self, max_limit: int = 100, **kwargs):
        super().__init__(max_limit=max_limit, **kwargs)


class PledgeFilters(Schema):
    sector: str | None = None
    q: str | None = None


def pledge_out(pledge: Pledge) -> dict:
    """A pledge as the API shows it; expects `queries.with_public_details` to have prefetched."""
    organisation = pledge.organisation
    return {
        "organisation": {
            "name": organisation.name,
            "slug": organisation.slug,
            "sector": organisation.sector,
            "sector_label": organisation.get_sector_display(),
            "area": organisation.area,
        },
        "state": "lapsed" if pledge.is_lapsed else "signed",
        "signed_on": pledge.signed_on,
        "renewed_on": pledge.renewed_on,
        "expires_on": pledge.expires_on,
        "pledge_version": pledge.pledge_text.version,
        "pledge_title": pledge.pledge_text.title,
        "signatory_name": pledge.signatory_name,
        "signatory_role": pledge.signatory_role,
        "commitments": [
            {"strand": value, "strand_label": label, "commitments": [{"code": c.code, "text": c.text} for c in chosen]}
            for label, value, chosen in queries.commitments_by_strand(pledge.commitments.all())
        ],
        "statement": {"vision": pledge.vision, "how_we_will_do_it": pledge.how_we_will_do_it, "priorities": pledge.priorities},
        "champions": [{"name": m.user.full_name, "job_title": m.user.job_title} for m in organisation.champion_memberships],
        "personal_pledges": [
            {"name": p.user.full_name, "job_title": p.user.job_title, "commitment": p.commitment, "made_on": p.made_on}
            for p in organisation.shown_personal_pledges
        ],
    }


@router.get("", response=list[PledgeOut], summary="Published pledges", auth=None)
@paginate(PledgePagination)
def list_pledges(request, filters: Query[PledgeFilters]):
    """Every published pledge, lapsed ones included (state "lapsed"), by organisation name.

    `sector` narrows to one sector (an unknown one matches nothing); every word of `q` must
    appear in the organisation's name or its statement.
    """
    pledges = queries.with_public_details(queries.published_pledges(sector=filters.sector or None, q=queries.tidy_search(filters.q)))
    return _LazyPledges(pledges)


@router.get("/{slug}", response={200: PledgeOut, 404: Error}, summary="One organisation's published pledge", auth=None)
def get_pledge(request, slug: str):
    if not SLUG.fullmatch(slug):
        return 404, {"detail": NOT_FOUND}
    pledge = queries.with_public_details(queries.published_pledges().filter(organisation__slug=slug)).first()
    if pledge is None:
        return 404, {"detail": NOT_FOUND}
    return 200, pledge_out(pledge)


class _LazyPledges:
    """A queryset the paginator can count and slice, turning each page's pledges into API shape."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [pledge_out(p) for p in self.queryset[index]]
        return pledge_out(self.queryset[index])
