"""The organisations API: public details of member organisations, and their people for members."""

import re

from ninja import Field, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from goldenthread.core.api import Error, personal_token

from . import permissions
from .models import Membership, Organisation
from .queries import organisations_matching, pledge_state

router = Router(tags=["Organisations"])

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
MAX_PAGE_SIZE = 100


class OrganisationPages(LimitOffsetPagination):
    """Limit and offset, bounded so no value can overflow the database's integers."""

    class Input(Schema):
        limit: int = Field(MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many to return, at most 100.")
        offset: int = Field(0, ge=0, le=1_000_000, description="How many to skip.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


class OrganisationOut(Schema):
    name: str
    slug: str
    sector: str
    sector_label: str
    area: str
    size: str
    size_label: str
    description: str
    pledge_state: str | None = Field(None, description="'Signed', 'Lapsed' or 'Withdrawn'; null if it has not signed.")

    @staticmethod
    def resolve_sector_label(organisation):
        return organisation.get_sector_display()

    @staticmethod
    def resolve_size_label(organisation):
        return organisation.get_size_display() if organisation.size else ""

    @staticmethod
    def resolve_pledge_state(organisation):
        return pledge_state(organisation)


class MemberOut(Schema):
    name: str
    job_title: str
    role: str
    role_label: str


def _organisation_by_slug(slug, **filters):
    if not SLUG.fullmatch(slug):
        return None
    return Organisation.objects.select_related("pledge").filter(slug=slug, **filters).first()


@router.get("", response=list[OrganisationOut], summary="Member organisations")
@paginate(OrganisationPages)
def list_organisations(request, sector: str = "", q: str = ""):
    """Active member organisations, by name; filter by `sector` code and by part of the name (`q`)."""
    return organisations_matching(sector=sector, text=q, active_only=True)


@router.get("/{slug}", response={200: OrganisationOut, 404: Error}, summary="One member organisation")
def get_organisation(request, slug: str):
    organisation = _organisation_by_slug(slug, is_active=True)
    if organisation is None:
        return 404, {"detail": "There is no member organisation at this address."}
    return 200, organisation


@router.get(
    "/{slug}/members",
    response={200: list[MemberOut], 403: Error, 404: Error},
    auth=personal_token,
    summary="The people in an organisation (its members and the partnership admin only)",
)
def list_members(request, slug: str):
    organisation = _organisation_by_slug(slug)
    if organisation is None:
        return 404, {"detail": "There is no member organisation at this address."}
    if not permissions.can_see_members(request.auth, organisation):
        return 403, {"detail": "Only the organisation's own members and the partnership admin can see its people."}
    memberships = Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name")
    return 200, [{"name": m.user.full_name, "job_title": m.user.job_title, "role": m.role, "role_label": m.get_role_display()} for m in memberships]
