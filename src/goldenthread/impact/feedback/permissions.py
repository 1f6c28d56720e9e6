"""Who may do what with family feedback. Plain functions, tested as a matrix.

- Sending a survey is a contact with the family: a practitioner with a live team place for the
  family (the families access rule's team place) who may see the family's contact details
  (`families.access`, logged in the family's access log). Emergency access is for safety, not
  for feedback, and a family member's own account sends nothing.
- Results: the partnership team for every organisation; an organisation's lead for their own
  (`impact.permissions`). A family member's own account sees none.
- Open links: the partnership team for any organisation, an organisation's lead for their own.
- Answering: whoever holds a working link (no sign-in), or the family member the request
  names, signed in with their own account.
"""

from goldenthread.families import access
from goldenthread.families.models import Part
from goldenthread.impact import permissions as impact

from . import rules


def sees_results(user) -> bool:
    return impact.sees_figures(user)


def sees_organisation(user, organisation) -> bool:
    return impact.sees_organisation(user, organisation)


def sees_partnership(user) -> bool:
    """Sees the whole partnership's totals (across every organisation): the partnership team."""
    return impact.is_partnership_team(user)


def organisations_seen(user):
    return impact.organisations_seen(user)


def may_send_at_all(user) -> bool:
    """May this person ask any family for feedback: staff with at least one live team place."""
    return impact.is_staff(user) and access.families_for(user).exists()


def sending_refusal(user, family) -> str:
    """Why this person may not send this family a survey, or "" when they may (nothing logged: see services)."""
    if not impact.is_staff(user):
        return rules.SENDING_ONLY
    if family.anonymised_at is not None:
        return rules.FAMILY_CLOSED
    if access.team_place(user, family) is None:
        return rules.NOT_IN_TEAM
    if not access.decide(user, family, Part.CONTACT).allowed:
        return rules.NO_CONTACT
    return ""


def may_send(user, family) -> bool:
    return not sending_refusal(user, family)


def keeps_open_links(user, organisation=None) -> bool:
    """Makes and stops open links: the partnership team for any organisation, a lead for their own."""
    if organisation is None:
        return impact.is_partnership_team(user) or organisations_seen(user).exists()
    return impact.sees_organisation(user, organisation)


def answers_as_family_member(user, request) -> bool:
    """The family member the request names, signed in with their own account."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_family_account", False)
        and request.person_id is not None
        and request.person.account_id == user.pk
    )
