"""Who may see and do what with stories of practice. Plain functions, no logging, tested as a matrix.

- Share a story: anyone with a role in a member organisation, from that organisation; the
  partnership team from any member organisation.
- A draft or a story sent back: the person who shared it, alone.
- A story waiting for approval: the person who shared it, and the people who may approve it.
- Approve or send back: a champion or the lead of the story's organisation, never the person
  who shared it; or the partnership team (partnership admins).
- An approved story: the workforce (the people of member organisations and the partnership
  team); an approved public story also anyone, signed in or not, on the public pages, named
  by its organisation only.
- A withdrawn story: nobody. The person who shared it sees it listed as withdrawn among their own.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Membership, Organisation, Role

from ..permissions import is_workforce, role_in
from .models import Story

APPROVER_ROLES = (Role.ORGANISATION_LEAD, Role.CHAMPION)


def can_read_stories(user) -> bool:
    """The stories list and approved stories: the workforce."""
    return is_workforce(user)


def organisations_to_share_from(user):
    """The organisations a person may share a story from: their own; the partnership team may choose any member organisation."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    if is_partnership_admin(user):
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(memberships__user=user, is_active=True).distinct()


def can_share_story(user) -> bool:
    return organisations_to_share_from(user).exists()


def can_share_from(user, organisation) -> bool:
    return organisation is not None and organisations_to_share_from(user).filter(pk=organisation.pk).exists()


def is_author(user, story) -> bool:
    return is_signed_in(user) and story is not None and story.author_id == user.pk


def may_approve_for(user, organisation) -> bool:
    """A champion or the lead of this organisation, or the partnership team."""
    if not is_signed_in(user) or organisation is None:
        return False
    return is_partnership_admin(user) or role_in(user, organisation) in APPROVER_ROLES


def can_approve_stories(user) -> bool:
    """Approves stories somewhere: a champion or lead of any organisation, or the partnership team."""
    if not is_signed_in(user):
        return False
    return is_partnership_admin(user) or Membership.objects.filter(user=user, role__in=APPROVER_ROLES).exists()


def can_decide(user, story) -> bool:
    """Approve or send back this story: it is waiting, and the person may approve for its organisation and did not write it."""
    if story is None or story.status != Story.Status.WAITING or is_author(user, story):
        return False
    return may_approve_for(user, story.organisation)


def can_see_story(user, story) -> bool:
    """The story's page, for a signed-in person."""
    if story is None or not is_signed_in(user) or story.status == Story.Status.WITHDRAWN:
        return False
    if story.status == Story.Status.APPROVED:
        return is_workforce(user)
    if is_author(user, story):
        return True
    return can_decide(user, story)


def can_see_public(story) -> bool:
    """The public page: an approved story its author chose to share with anyone."""
    return story is not None and story.is_public


def can_change(user, story) -> bool:
    """Change the words: the person who shared it, until it is withdrawn (an approved story goes back for approval)."""
    return is_author(user, story) and story.status != Story.Status.WITHDRAWN


def can_withdraw(user, story) -> bool:
    """Withdraw at any time: the person who shared it."""
    return is_author(user, story) and story.status != Story.Status.WITHDRAWN


def can_see_author(user, story) -> bool:
    """The name of the person who shared it: the workforce, on the workforce's pages; never on a public page."""
    return is_workforce(user)


def can_see_bright_spot_detail(user) -> bool:
    """The stage a bright spot organisation is at, and how many others are early on: those who may see the continuum's map."""
    from goldenthread.continuum.permissions import can_see_partnership_map

    return can_see_partnership_map(user)
