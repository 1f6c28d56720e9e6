"""Read queries the pages and the API share, so both filter and describe organisations alike."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count

from .models import Membership, Organisation, Sector

SEARCH_LIMIT = 200


def tidy_search(value) -> str:
    """Search text as the database can take it: PostgreSQL refuses NUL characters."""
    return str(value or "").replace("\x00", "").strip()[:SEARCH_LIMIT]


def organisations_matching(*, sector: str = "", text: str = "", active_only: bool = False):
    """Organisations filtered by sector code and part of the name, with their pledge and member count."""
    organisations = Organisation.objects.select_related("pledge").annotate(member_count=Count("memberships"))
    if active_only:
        organisations = organisations.filter(is_active=True)
    sector = tidy_search(sector)
    if sector:
        if sector not in Sector.values:
            return organisations.none()
        organisations = organisations.filter(sector=sector)
    text = tidy_search(text)
    if text:
        organisations = organisations.filter(name__icontains=text)
    return organisations.order_by("name")


def pledge_of(organisation):
    """The organisation's pledge, or None when it has none (read with the organisation where it was selected with it)."""
    try:
        return organisation.pledge
    except (ObjectDoesNotExist, AttributeError):
        return None


def pledge_state(organisation):
    """'Signed', 'Lapsed' or 'Withdrawn' when the organisation has a pledge; None when it has not."""
    try:
        pledge = organisation.pledge
    except (ObjectDoesNotExist, AttributeError):
        return None
    return pledge.state_label if pledge is not None else None


def memberships_of(user, *, active_only=True):
    """A person's memberships with their organisations, read once per request and kept on the user.

    Every app's menu and home cards ask this, so a page costs one query for it, not one per app.
    """
    if not (user and user.is_authenticated):
        return []
    cached = getattr(user, "_gt_memberships", None)
    if cached is None:
        # With each organisation's pledge, which the pledges app's menu and home cards show: no second query for it.
        memberships = Membership.objects.filter(user=user).select_related("organisation", "organisation__pledge")
        cached = list(memberships.order_by("organisation__name"))
        user._gt_memberships = cached
    return [m for m in cached if m.organisation.is_active] if active_only else cached


def roles_of(user, *, active_only=False) -> set[str]:
    """The roles a person holds in any organisation (in open ones only, with `active_only`), from the memberships read once per request."""
    return {membership.role for membership in memberships_of(user, active_only=active_only)}
