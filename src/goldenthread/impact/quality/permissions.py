"""Who may do what in quality assurance of records. Plain functions, tested as a matrix.

- The partnership team appoints auditors, draws rounds for any auditor, and may audit too.
- An auditor (any staff person the partnership team has appointed) draws rounds for
  themselves, and reads and grades the records of their own rounds: only the records the
  families access rule lets them see, each read logged in the family's access log.
- The results (counts only, never a family) are for the partnership team and organisation
  leads (`impact.permissions.sees_figures`); an organisation's own results for its lead.
- A family member's own account sees none of this.
"""

from goldenthread.impact import permissions as impact

from .models import Auditor


def is_appointed(user) -> bool:
    return impact.is_staff(user) and Auditor.objects.filter(person=user, ended_at__isnull=True).exists()


def is_auditor(user) -> bool:
    """An appointed auditor, or a member of the partnership team (who may audit too)."""
    return impact.is_partnership_team(user) or is_appointed(user)


def can_appoint(user) -> bool:
    return impact.is_partnership_team(user)


def can_draw(user) -> bool:
    """Draw a round: for themselves (an auditor), or for any auditor (the partnership team)."""
    return is_auditor(user)


def can_draw_for_others(user) -> bool:
    return impact.is_partnership_team(user)


def can_audit_round(user, audit_round) -> bool:
    """Read and grade the round's records: only the auditor it was drawn for, while still an auditor."""
    return is_auditor(user) and audit_round.auditor_id == user.pk


def can_see_rounds(user) -> bool:
    """The list of rounds (who audits, which period, how far along: no family named)."""
    return is_auditor(user)


def can_see_results(user) -> bool:
    return impact.sees_figures(user)


def can_open_quality(user) -> bool:
    return is_auditor(user) or can_see_results(user)


def can_read_questions(user) -> bool:
    return impact.is_workforce(user) or is_auditor(user)
