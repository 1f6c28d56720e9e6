"""The champions part of the programme API (mounted at /api/v1/programme/champions by ../api.py): the directory, for the workforce."""

from __future__ import annotations

from ninja import Field, Router, Schema

from goldenthread.core.api import Error, personal_token
from goldenthread.core.refusals import Refused

from . import permissions, queries, services
from .models import Offer

router = Router(tags=["Programme: champions"])


class ChampionOrganisationOut(Schema):
    name: str
    slug: str
    sector: str


class NetworkChampionOut(Schema):
    id: str = Field(..., description="The champion's opaque id, as in the address of their page.")
    name: str
    job_title: str
    email: str
    organisations: list[ChampionOrganisationOut]
    interests: list[str]
    offers: list[str] = Field(..., description=f"What they offer: {', '.join(Offer.values)}.")
    about: str


@router.get("", response={200: list[NetworkChampionOut], 403: Error}, auth=personal_token, summary="The champions directory (the workforce)")
def directory(request, organisation: str = "", sector: str = "", interest: str = "", offer: str = ""):
    if not permissions.can_see_network(request.auth):
        raise Refused(services.NOT_FOR_YOU)
    found = queries.champions(
        organisation=queries.tidy(organisation),
        sector=queries.tidy(sector),
        interest=queries.tidy(interest),
        offer=queries.tidy(offer),
    )
    return [
        {
            "id": str(champion.person.public_id),
            "name": champion.person.full_name,
            "job_title": champion.person.job_title,
            "email": champion.person.email,
            "organisations": [{"name": o.name, "slug": o.slug, "sector": o.sector} for o in champion.organisations],
            "interests": champion.interests,
            "offers": champion.offers,
            "about": champion.about,
        }
        for champion in found
    ]
