"""Who may see and change the partnership's organisations and people. Plain functions."""

from django.contrib.auth import get_user_model

from goldenthread.core.permissions import is_partnership_admin, is_signed_in

from .models import Membership, Role
from .queries import memberships_of


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


def leads_an_organisation(user) -> bool:
    """Whether the person leads at least one organisation (from the memberships every menu reads once per request)."""
    return any(membership.role == Role.ORGANISATION_LEAD for membership in memberships_of(user, active_only=False))


def led_organisations(user):
    from .models import Organisation

    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.ORGANISATION_LEAD)


def can_give_role(user, role: str) -> bool:
    """A language lead's words are checked across the whole partnership, so only its admin gives that role; the organisation's lead gives the others."""
    return role != Role.LANGUAGE_LEAD or is_partnership_admin(user)


def can_manage_organisations(user) -> bool:
    """Add, change and close member organisations: the partnership lead or admin."""
    return is_partnership_admin(user)


def can_see_members(user, organisation) -> bool:
    return is_partnership_admin(user) or is_member(user, organisation)


def can_manage_members(user, organisation) -> bool:
    """Add people, change roles, remove people: the partnership admin, or the organisation's own lead."""
    return is_partnership_admin(user) or leads(user, organisation)


def _names(names) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def who_to_ask(user) -> str | None:
    """Who a member of an organisation asks when their role does not include something.

    An organisation lead asks the partnership team (named); anyone else asks their organisation's
    lead (named). None for someone in no organisation, so another app, or the default, answers.
    """
    if not is_signed_in(user):
        return None
    roles = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    if not roles:
        return None
    if Role.ORGANISATION_LEAD in roles.values():
        team = get_user_model().objects.filter(is_partnership_admin=True, is_active=True).exclude(pk=user.pk).order_by("full_name")
        names = list(team.values_list("full_name", flat=True)[:3])
        return f"ask the partnership team ({_names(names)})" if names else "ask the partnership team"
    leads = (
        Membership.objects.filter(organisation_id__in=roles, role=Role.ORGANISATION_LEAD, user__is_active=True)
        .exclude(user=user)
        .order_by("user__full_name")
        .values_list("user__full_name", flat=True)
    )
    names = list(leads[:3])
    if not names:
        return None
    return f"ask your organisation lead ({_names(names)}) or the partnership team"
