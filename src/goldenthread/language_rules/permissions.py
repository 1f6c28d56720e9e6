"""Who may see and do what with the partnership's language rules. Plain functions, no logging, tested as a matrix.

- Read the rules (published, proposed, switched off) and their history: everyone who works
  in the partnership (any signed-in staff account); a family member's own account, nothing.
- Propose a rule or a change, publish a reviewed version, switch a rule off or on: a
  language lead (the role, in any member organisation).
- Review a proposal (approve it or send it back): a second person, another language lead or
  the partnership team; never the person who proposed it.
"""

from goldenthread.core.permissions import is_partnership_admin, is_signed_in
from goldenthread.partnership.models import Role
from goldenthread.partnership.queries import roles_of


def is_staff(user) -> bool:
    """Signed in, and not a family member's own account."""
    return is_signed_in(user) and not getattr(user, "is_family_account", False)


def is_language_lead(user) -> bool:
    if not is_staff(user):
        return False
    return Role.LANGUAGE_LEAD in roles_of(user, active_only=True)


def can_read_rules(user) -> bool:
    return is_staff(user)


def can_propose(user) -> bool:
    return is_language_lead(user)


def can_review_rules(user) -> bool:
    """Reviews proposals somewhere: a language lead, or the partnership team."""
    return is_language_lead(user) or (is_staff(user) and is_partnership_admin(user))


def is_proposer(user, version) -> bool:
    return is_signed_in(user) and version is not None and version.proposed_by_id == user.pk


def can_review(user, version) -> bool:
    """Review this version: a reviewer who did not propose it (whether it still waits is the service's to say)."""
    return version is not None and can_review_rules(user) and not is_proposer(user, version)


def can_publish_rules(user) -> bool:
    return is_language_lead(user)


def can_switch(user) -> bool:
    return is_language_lead(user)
