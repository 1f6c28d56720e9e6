"""Who may see and do what in the champions network. Plain functions, no logging, tested as a matrix.

- The directory, a champion's page and the network's posts: the workforce.
- A champion's profile: the champion writes their own.
- Post to the network: champions and the partnership team; a post is removed by its author or a partnership admin.
- Offer to be a champion: a practitioner, in an organisation where they are one.
- Accept or decline an offer: the lead of that organisation (the change of role goes through
  the partnership app's own service, which lets an organisation's lead change roles).
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Organisation, Role

from ..permissions import is_champion, is_workforce, leads, led_organisations


def can_see_network(user) -> bool:
    return is_workforce(user)


def can_edit_profile(user) -> bool:
    return is_champion(user)


def can_post(user) -> bool:
    return is_champion(user) or is_partnership_admin(user)


def can_remove_post(user, post) -> bool:
    if post is None or not is_signed_in(user):
        return False
    return post.author_id == user.pk or is_partnership_admin(user)


def organisations_to_volunteer_in(user):
    """Where a person may offer to be a champion: the organisations where they are a practitioner."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(is_active=True, memberships__user=user, memberships__role=Role.PRACTITIONER).distinct()


def can_volunteer(user) -> bool:
    return organisations_to_volunteer_in(user).exists()


def can_decide_offers(user) -> bool:
    return is_signed_in(user) and led_organisations(user).exists()


def can_decide(user, offer) -> bool:
    """Accept or decline an offer: the lead of its organisation, while it waits."""
    return offer is not None and offer.status == offer.Status.PENDING and leads(user, offer.organisation)
