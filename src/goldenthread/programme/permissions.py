"""Who is who in the programme, shared by its parts (each part's own rules are in its `permissions.py`). Plain functions.

- The workforce: anyone with a role in a member organisation, and the partnership team.
- The partnership team (partnership admins) runs programmes, workstreams and the roadmap.
- Champions: people with the champion role in a member organisation.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Membership, Role
from goldenthread.partnership.permissions import leads, led_organisations, role_in  # noqa: F401 (shared with the parts)


def is_workforce(user) -> bool:
    if not is_signed_in(user):
        return False
    if is_partnership_admin(user):
        return True
    cached = getattr(user, "_gt_in_workforce", None)
    if cached is None:
        cached = Membership.objects.filter(user=user).exists()
        user._gt_in_workforce = cached
    return cached


def is_champion(user) -> bool:
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_gt_is_champion", None)
    if cached is None:
        cached = Membership.objects.filter(user=user, role=Role.CHAMPION).exists()
        user._gt_is_champion = cached
    return cached


def runs_programmes(user) -> bool:
    """Start programmes and workstreams, keep the roadmap: the partnership team."""
    return is_partnership_admin(user)


def leads_an_organisation(user) -> bool:
    return is_signed_in(user) and led_organisations(user).exists()
