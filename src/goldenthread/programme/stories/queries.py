"""Reads for the stories pages and API: what each person may see, and the continuum's bright spots beside them. Never a write."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Membership
from goldenthread.partnership.queries import memberships_of

from .. import principles
from . import permissions
from .models import Story

APPROVED = Story.Status.APPROVED


def _with_names(stories):
    return stories.select_related("organisation", "author")


def story_by_id(public_id) -> Story | None:
    return _with_names(Story.objects.filter(public_id=public_id)).first()


AREA_CODE = re.compile(r"[-a-z0-9_]{1,80}")


def approved_for_workforce(*, domain: str = ""):
    """Approved stories, partnership-wide and public, newest first; in one area of the continuum when `domain` is given."""
    stories = _with_names(Story.objects.filter(status=APPROVED))
    if domain and not AREA_CODE.fullmatch(domain):
        return stories.none()  # an area's code is a short slug; anything else (a NUL character, say) names no area
    if domain:
        stories = stories.filter(domains__contains=[domain]) if _json_contains_works() else _in_area(stories, domain)
    return stories.order_by("-approved_at", "-pk")


def _json_contains_works() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def _in_area(stories, domain: str):
    """Where the database cannot look inside a list (SQLite), pick the stories out by their ids."""
    ids = [pk for pk, codes in stories.values_list("pk", "domains") if isinstance(codes, list) and domain in codes]
    return stories.filter(pk__in=ids)


def approved_public(*, domain: str = ""):
    """Approved stories shared with anyone, newest first."""
    return approved_for_workforce(domain=domain).filter(reach=Story.Reach.PUBLIC)


def public_story(public_id) -> Story | None:
    return approved_public().filter(public_id=public_id).first()


def visible_to(user):
    """The approved stories this person may read: all of them for the workforce, the public ones for anyone else."""
    return approved_for_workforce() if permissions.can_read_stories(user) else approved_public()


def own_stories(user):
    """Everything this person has shared, newest first, withdrawn ones included (as a line, without a page)."""
    if not is_signed_in(user):
        return Story.objects.none()
    return Story.objects.filter(author=user).select_related("organisation").order_by("-updated_at", "-pk")


def _other_approvers():
    """A champion or lead of the story's organisation, other than the person who shared it (for a subquery)."""
    return Membership.objects.filter(organisation=OuterRef("organisation"), role__in=permissions.APPROVER_ROLES, user__is_active=True).exclude(
        user=OuterRef("author")
    )


def waiting_for_approval_by(user):
    """Stories waiting that this person may approve: their organisations' as a champion or lead; every one for the partnership team."""
    if not is_signed_in(user):
        return Story.objects.none()
    waiting = _with_names(Story.objects.filter(status=Story.Status.WAITING)).exclude(author=user)
    if not is_partnership_admin(user):
        organisations = Membership.objects.filter(user=user, role__in=permissions.APPROVER_ROLES).values("organisation_id")
        waiting = waiting.filter(organisation_id__in=organisations)
    return waiting.order_by("sent_for_approval_at", "pk")


def handed_to(user):
    """The stories waiting whose approval is this person's turn (for "Waiting for you").

    A champion or lead: their organisations' stories. The partnership team: only stories whose
    organisation has no champion or lead (other than the person who shared it) to approve them.
    """
    if not is_signed_in(user):
        return Story.objects.none()
    waiting = Story.objects.filter(status=Story.Status.WAITING).exclude(author=user)
    organisations = [m.organisation_id for m in memberships_of(user, active_only=False) if m.role in permissions.APPROVER_ROLES]
    mine = Q(organisation_id__in=organisations)
    if is_partnership_admin(user):
        mine |= ~Exists(_other_approvers())
    elif not organisations:
        return Story.objects.none()
    return waiting.filter(mine).select_related("organisation").order_by("sent_for_approval_at", "pk")


def approvers_of(story) -> list:
    """Who is told a story waits for approval: its organisation's champions and leads (not the person who shared it); the partnership team where there are none."""
    from goldenthread.core.models import User

    people = list(
        User.objects.filter(is_active=True, memberships__organisation=story.organisation, memberships__role__in=permissions.APPROVER_ROLES)
        .exclude(pk=story.author_id)
        .distinct()
    )
    if not people:
        people = list(User.objects.filter(is_active=True, is_partnership_admin=True).exclude(pk=story.author_id))
    return people


def sent_back_to(user):
    """The person's stories sent back, for them to look at again."""
    return own_stories(user).filter(status=Story.Status.SENT_BACK)


def recently_approved_for(user, since):
    """The person's stories approved since a time, for their home page."""
    return own_stories(user).filter(status=APPROVED, approved_at__gte=since)


# --- words --------------------------------------------------------------------------------------


def domain_words(story) -> list[str]:
    return principles.domain_names(story.domains)


def principle_words(story) -> list[str]:
    return principles.principle_names(story.principles)


def domain_title(code: str) -> str:
    return dict(principles.domain_choices()).get(code, "")


# --- bright spots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BrightSpotShown:
    """One organisation that stands out in an area of the continuum, as the stories page shows it."""

    organisation: str
    framework: str
    area: str
    stage: str  # only for those who may see the map
    others_early: int | None  # likewise


def bright_spots_in(domain: str, *, with_detail: bool) -> list[BrightSpotShown]:
    """The continuum map's bright spots in one area (by its code), computed by the continuum, read only.

    Everyone in the workforce sees which organisations stand out there; the stage and how many
    others are early on are for those who may see the map (`with_detail`).
    """
    if not domain:
        return []
    from goldenthread.continuum import queries as continuum

    spots = continuum.bright_spots(continuum.heat_map(continuum.latest_standings()))
    return [
        BrightSpotShown(
            organisation=spot.standing.name,
            framework=spot.standing.framework_title,
            area=spot.domain_title,
            stage=spot.band_label if with_detail else "",
            others_early=len(spot.early_others) if with_detail else None,
        )
        for spot in spots
        if spot.domain_code == domain
    ]
