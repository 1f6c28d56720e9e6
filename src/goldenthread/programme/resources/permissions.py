"""Who may see and do what in the resources library. Plain functions, tested as a matrix.

- Read the library, open a resource and download its versions: the workforce (anyone with a
  role in a member organisation, and the partnership team). A family member, or anyone else
  without a role, sees none of it.
- Add a resource, and add a new version of one: champions, organisation leads and the
  partnership admins.
- Change a resource's details and tags, or withdraw it: the person who added it (while they
  are still in the workforce) and the partnership admins.
- A withdrawn resource leaves the library and the API's list. Its page still opens for the
  workforce (a link to it may be in an old e-mail) and says it is withdrawn; its files are
  kept, and only the person who added it and the partnership admins can download them.
"""

from goldenthread.core.permissions import is_partnership_admin
from goldenthread.partnership.models import Organisation

from ..permissions import is_champion, is_workforce, leads_an_organisation, role_in


def can_read_library(user) -> bool:
    return is_workforce(user)


def can_add(user) -> bool:
    """Add a resource to the library: champions, organisation leads and the partnership admins."""
    return is_workforce(user) and (is_partnership_admin(user) or is_champion(user) or leads_an_organisation(user))


def can_see(user, resource) -> bool:
    return resource is not None and is_workforce(user)


def _is_keeper(user, resource) -> bool:
    """The person who added it, or a partnership admin."""
    return is_workforce(user) and (is_partnership_admin(user) or (resource.added_by_id is not None and resource.added_by_id == user.pk))


def can_add_version(user, resource) -> bool:
    """A new version replaces the file everyone downloads: the person who added it, the partnership admins, and the
    champions and leads of the organisation it comes from; never someone from another organisation."""
    if resource is None or resource.is_withdrawn or not can_add(user):
        return False
    if _is_keeper(user, resource):
        return True
    return resource.organisation_id is not None and role_in(user, resource.organisation) is not None


def can_change(user, resource) -> bool:
    """Change the title, summary, kind and tags: the person who added it and the partnership admins; not once it is withdrawn."""
    return resource is not None and not resource.is_withdrawn and _is_keeper(user, resource)


def can_withdraw(user, resource) -> bool:
    return can_change(user, resource)


def can_download(user, resource) -> bool:
    """Download a version's file: the workforce; once withdrawn, the person who added it and the partnership admins."""
    if not can_see(user, resource):
        return False
    return not resource.is_withdrawn or _is_keeper(user, resource)


def can_see_language_advice(user, resource) -> bool:
    """What the shared-language check found in a version: for the people who can add a better version."""
    return can_add_version(user, resource) or can_change(user, resource)


def organisations_for(user):
    """The organisations a person may say a resource comes from: their own (every active one for a partnership admin)."""
    if is_partnership_admin(user):
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(memberships__user=user, is_active=True).distinct()
