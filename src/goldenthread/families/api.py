"""The family records API: the same rule as the pages, for a person's own programmes.

Every route needs a personal token of someone who has set up two-step verification and
accepted the current acceptable-use terms on the website; every part returned is read
through `access` and logged. Records are addressed by their opaque public_id only.
"""

import uuid
from datetime import datetime

from ninja import Field, Query, Router, Schema

from goldenthread.core.api import Error, family_records_token
from goldenthread.core.safeguards import has_accepted_current_terms, has_two_step

from . import access, queries
from .access import Action, Basis
from .exports import BASIS_WORDS, describe
from .models import Family

router = Router(tags=["Families"], auth=family_records_token)

SAFEGUARDS_MESSAGE = "Set up two-step verification and accept the terms on the website first"
NOT_FOUND = "There is no family record at this address."


class FamilySummaryOut(Schema):
    reference: str
    public_id: str
    family_name: str


class AccessLogRowOut(Schema):
    when: datetime
    who: str
    organisation: str
    what: str
    why: str
    basis: str
    part: str
    emergency: bool


class Pages(Schema):
    limit: int = Field(50, ge=1, le=100, description="How many to return, at most 100.")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many to skip.")


def _safeguards_missing(user) -> bool:
    return not (has_two_step(user) and has_accepted_current_terms(user))


def _family(public_id: str):
    try:
        parsed = uuid.UUID(str(public_id)[:64])
    except (ValueError, AttributeError, TypeError):
        return None
    return Family.objects.filter(public_id=parsed).first()


@router.get("", response={200: list[FamilySummaryOut], 403: Error}, summary="The families you are in the team around")
def list_families(request, pages: Query[Pages]):
    """Families in which you have a live team place, by reference; each listing is logged."""
    user = request.auth
    if _safeguards_missing(user):
        return 403, {"detail": SAFEGUARDS_MESSAGE}
    families = list(access.families_with_places(user).order_by("reference")[pages.offset : pages.offset + pages.limit])
    access.log_listed(user, families, "The family's name, listed through the API", part="")
    return 200, [{"reference": f.reference, "public_id": str(f.public_id), "family_name": f.family_name} for f in families]


@router.get("/{public_id}", response={200: dict, 403: Error, 404: Error}, summary="The parts of one family's record you may see")
def get_family(request, public_id: str):
    """Only the parts the family's agreement (or your team place, or an emergency access) allows; each is logged."""
    user = request.auth
    if _safeguards_missing(user):
        return 403, {"detail": SAFEGUARDS_MESSAGE}
    family = _family(public_id)
    if family is None:
        return 404, {"detail": NOT_FOUND}
    decisions = access.decide_all(user, family)
    visible = [part for part, decision in decisions.items() if decision.allowed]
    if not visible:
        access.log_decision(user, family, Action.VIEW, decisions[access.TEAM], "Through the API")
        return 403, {"detail": decisions[access.TEAM].refusal_reason}
    logged = access.read_parts(user, family, visible, detail="Through the API")
    return 200, queries.record_data(family, logged)


@router.get(
    "/{public_id}/access-log",
    response={200: list[AccessLogRowOut], 403: Error, 404: Error},
    summary="Who has looked at or changed a family's record, and why",
)
def get_access_log(request, public_id: str, pages: Query[Pages]):
    """For the recording organisation's team, the family member, and the data protection lead."""
    user = request.auth
    if _safeguards_missing(user):
        return 403, {"detail": SAFEGUARDS_MESSAGE}
    family = _family(public_id)
    if family is None:
        return 404, {"detail": NOT_FOUND}
    decision = access.read(user, family, access.ACCESS_LOG, detail="Through the API")
    if not decision.allowed:
        return 403, {"detail": "Only the team in the organisation holding the record, the family and the data protection lead can see who has looked."}
    entries = queries.access_log(family)[pages.offset : pages.offset + pages.limit]
    return 200, [
        {
            "when": entry.at,
            "who": entry.user_label,
            "organisation": entry.organisation_label,
            "what": describe(entry),
            "why": BASIS_WORDS.get(entry.basis, entry.basis),
            "basis": entry.basis,
            "part": entry.part,
            "emergency": entry.emergency_id is not None or entry.basis == Basis.EMERGENCY,
        }
        for entry in entries
    ]
