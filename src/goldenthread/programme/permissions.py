"""Who is who in the programme, shared by its parts (each part's own rules are in its `permissions.py`). Plain functions.

- The workforce: anyone with a role in a member organisation, and the partnership team.
- The partnership team (partnership admins) runs programmes, workstreams and the roadmap.
- Champions: people with the champion role in a member organisation.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.permissions import leads, led_organisations, role_in  # noqa: F401 (shared with the parts)
from goldenthread.partnership.queries import memberships_of, roles_of


def is_workforce(user) -> bool:
    if not is_signed_in(user):
        return False
    if is_partnership_admin(user):
        return True
    return bool(memberships_of(user, active_only=False))


def is_champion(user) -> bool:
    return is_signed_in(user) and Role.CHAMPION in roles_of(user)


def runs_programmes(user) -> bool:
    """Start programmes and workstreams, keep the roadmap: the partnership team."""
    return is_partnership_admin(user)


def leads_an_organisation(user) -> bool:
    return is_signed_in(user) and Role.ORGANISATION_LEAD in roles_of(user)
