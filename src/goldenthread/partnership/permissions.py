"""Who may see and change the partnership's organisations and people. Plain functions."""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in

from .models import Membership, Role


def role_in(user, organisation):
    """The person's role in the organisation, or None if they are not a member."""
    if not is_signed_in(user) or organisation is None:
        return None
    cache = getattr(user, "_gt_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._gt_roles = cache
    return cache.get(organisation.pk)


def is_member(user, organisation) -> bool:
    return role_in(user, organisation) is not None


def leads(user, organisation) -> bool:
    return role_in(user, organisation) == Role.ORGANISATION_LEAD


def led_organisations(user):
    from .models import Organisation

    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.ORGANISATION_LEAD)


def can_manage_organisations(user) -> bool:
    """Add, change and close member organisations: the partnership lead or admin."""
    return is_partnership_admin(user)


def can_see_members(user, organisation) -> bool:
    return is_partnership_admin(user) or is_member(user, organisation)


def can_manage_members(user, organisation) -> bool:
    """Add people, change roles, remove people: the partnership admin, or the organisation's own lead."""
    return is_partnership_admin(user) or leads(user, organisation)
