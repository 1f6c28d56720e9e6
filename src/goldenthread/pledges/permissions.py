"""Who may see and change an organisation's pledge. Plain functions, tested as a matrix.

The public reads published pledges without signing in; the people of an organisation see
its pledge's working pages; only its organisation leads change it; the partnership lead
(or admin) withdraws and publishes pledges across the partnership.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Organisation, Role
from goldenthread.partnership.permissions import is_member, leads
from goldenthread.partnership.queries import memberships_of


def can_sign(user, organisation) -> bool:
    """Sign the pledge on the organisation's behalf: its organisation leads."""
    return leads(user, organisation)


def can_view_pledge_admin(user, organisation) -> bool:
    """See the pledge's working pages (checklist, action plan): its people and the partnership lead."""
    return is_partnership_admin(user) or is_member(user, organisation)


def can_edit_pledge(user, pledge) -> bool:
    """Change the statement, champions, action plan, progress and renewal: the organisation's leads."""
    return leads(user, pledge.organisation)


def can_change_action_plan(user, organisation) -> bool:
    """Add, change and mark done the steps of the pledge's action plan: the organisation's leads."""
    return leads(user, organisation)


def can_publish_or_withdraw(user) -> bool:
    """Withdraw a pledge from the wall, or publish it again: the partnership lead or admin."""
    return is_partnership_admin(user)


def can_see_all_pledges(user) -> bool:
    return is_partnership_admin(user)


def personal_pledge_organisations(user):
    """The organisations a person may attach a personal pledge to.

    Organisation leads pledge with the organisations they lead; a partnership admin with
    the organisations they belong to. Someone with no such organisation cannot make one.
    """
    if not is_signed_in(user):
        return Organisation.objects.none()
    if is_partnership_admin(user):
        return Organisation.objects.filter(memberships__user=user).distinct()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.ORGANISATION_LEAD).distinct()


def has_personal_pledge_organisation(user) -> bool:
    """Whether `personal_pledge_organisations` holds any organisation, from the memberships read once per request."""
    if not is_signed_in(user):
        return False
    memberships = memberships_of(user, active_only=False)
    return bool(memberships) if is_partnership_admin(user) else any(m.role == Role.ORGANISATION_LEAD for m in memberships)


def can_use_personal_pledges(user) -> bool:
    """Reach the personal pledge page: leaders, that is organisation leads and partnership admins."""
    return is_partnership_admin(user) or has_personal_pledge_organisation(user)


def can_make_personal_pledge(user, organisation) -> bool:
    return personal_pledge_organisations(user).filter(pk=organisation.pk).exists()


def can_change_personal_pledge(user, personal_pledge) -> bool:
    """A personal pledge is its maker's own words: only they change or remove it."""
    return is_signed_in(user) and personal_pledge.user_id == user.pk
