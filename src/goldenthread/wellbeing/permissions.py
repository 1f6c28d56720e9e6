"""Who may see and do what in wellbeing. Plain functions, no logging, tested as a matrix.

A check-in, a reminder and a place in a reflective space belong to one person, and only that
person reads or changes them: there is no role, not the partnership admin's, that reaches
another person's. The pages and the API never look a check-in up by anything but the person
signed in (`queries.own_check_in`), so there is nothing to guess.

- Check in, read support, find reflective spaces: the workforce (anyone with a role in a
  member organisation, and the partnership team).
- The partnership's list of support: kept by the partnership admins.
- Reflective spaces: put on by the partnership admins (for everyone, or one organisation) and
  by an organisation's lead (for their organisation, or offered to a team after a hard event).
  The host sees how many places are taken and the names of people who chose to tell them;
  whoever put the space on sees how many places are taken, except for a space offered to a
  team after a hard event, where they see nothing of who took it up.
- Figures (groups of at least the smallest group size only): the partnership admins for every
  organisation, an organisation's lead for their own.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.permissions import leads, led_organisations, role_in
from goldenthread.partnership.queries import memberships_of, roles_of


def _leads_an_organisation(user) -> bool:
    """Leads at least one organisation (from the memberships read once per request)."""
    return is_signed_in(user) and Role.ORGANISATION_LEAD in roles_of(user)


def is_workforce(user) -> bool:
    """Works in a member organisation, or is on the partnership team."""
    if not is_signed_in(user):
        return False
    if is_partnership_admin(user):
        return True
    return bool(memberships_of(user, active_only=False))


def can_check_in(user) -> bool:
    """Take a private check-in, read one's own, delete and download them: the person themselves."""
    return is_workforce(user)


def can_see_support(user) -> bool:
    return is_workforce(user)


def can_manage_support(user) -> bool:
    """Add, change and take down the partnership's list of support: the partnership admins."""
    return is_partnership_admin(user)


def organisations_for_spaces(user):
    """The organisations a person may put a reflective space on for (a partnership admin may also put one on for everyone)."""
    if is_partnership_admin(user):
        from goldenthread.partnership.models import Organisation

        return Organisation.objects.filter(is_active=True)
    return led_organisations(user)


def can_put_on_spaces(user) -> bool:
    return is_partnership_admin(user) or _leads_an_organisation(user)


def can_put_on_space_for(user, organisation) -> bool:
    """For everyone (organisation None): the partnership admins; for one organisation: its lead too."""
    if organisation is None:
        return is_partnership_admin(user)
    return is_partnership_admin(user) or leads(user, organisation)


def can_offer_to_a_team(user) -> bool:
    """Offer a debrief or reflective space to a team after a hard event: an organisation's lead."""
    return is_signed_in(user) and _leads_an_organisation(user)


def can_change_space(user, space) -> bool:
    """Change or cancel a space before it starts: whoever put it on, its host, or a partnership admin."""
    if space is None or space.is_cancelled or space.has_started or not is_signed_in(user):
        return False
    return is_partnership_admin(user) or user.pk in (space.created_by_id, space.host_id)


def can_see_space(user, space) -> bool:
    """A space for everyone: the workforce. One organisation's: its people. One offered to a team: the people offered it, its host, whoever put it on and the partnership admins (who may change it; none of them but the host sees who took it up)."""
    if space is None or not is_workforce(user):
        return False
    if user.pk in (space.created_by_id, space.host_id) or is_partnership_admin(user):
        return True
    if space.after_hard_event:
        return space.offered_to.filter(pk=user.pk).exists()
    return space.organisation_id is None or role_in(user, space.organisation) is not None


def can_book(user, space) -> bool:
    if space is None or space.is_cancelled or space.has_started:
        return False
    if space.after_hard_event:
        return is_workforce(user) and space.offered_to.filter(pk=user.pk).exists()
    return can_see_space(user, space)


def can_see_places_taken(user, space) -> bool:
    """How many places are taken: the host; and whoever put it on, unless it was offered to a team after a hard event."""
    if space is None or not is_signed_in(user):
        return False
    if user.pk == space.host_id:
        return True
    if space.after_hard_event:
        return False
    return user.pk == space.created_by_id or is_partnership_admin(user)


def can_see_names_shared(user, space) -> bool:
    """The names of the people who chose to tell the host: the host alone."""
    return space is not None and is_signed_in(user) and user.pk == space.host_id


def can_see_joining_link(user, space, place) -> bool:
    """An online space's link: the people with a place, and its host."""
    if space is None or space.format != space.Format.ONLINE or space.is_cancelled:
        return False
    return place is not None or (is_signed_in(user) and user.pk == space.host_id)


def organisations_for_figures(user):
    """Whose figures a person may see: every organisation for a partnership admin, their own for an organisation lead."""
    return organisations_for_spaces(user)


def can_see_figures(user) -> bool:
    return is_partnership_admin(user) or _leads_an_organisation(user)


def can_see_partnership_figures(user) -> bool:
    return is_partnership_admin(user)


def leads_for_offer(user, organisation) -> bool:
    """Offer a space to a team in this organisation after a hard event: the organisation's lead."""
    return organisation is not None and leads(user, organisation)
