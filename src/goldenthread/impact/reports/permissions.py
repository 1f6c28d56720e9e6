"""Who may see and do what with the golden thread and board reports. Plain functions, tested as a matrix.

- The golden thread for the whole partnership: the partnership team and organisation leads.
- The golden thread for one organisation: the partnership team, and that organisation's lead.
- Board reports: the partnership team starts them, writes the commentary, works the figures
  out again while a report is a draft, and makes it final; they see every report.
  Organisation leads read final reports about the whole partnership or their own organisation.
- Everyone else in the workforce, family members and anyone not signed in: none of this.
"""

from goldenthread.impact.permissions import keeps_the_framework, sees_figures, sees_organisation

NOT_FOR_YOU = (
    "The golden thread and board reports are for the partnership team and organisation leads. If you think they should include you, ask your organisation lead."
)
NOT_YOUR_ORGANISATION = (
    "Each organisation's golden thread is for the partnership team and that organisation's lead. You can read the partnership's golden thread."
)
WRITTEN_BY_THE_TEAM = "Board reports are written by the partnership team. If something in a report should change, tell them."
NOT_FINAL_YET = "This board report is still being written. The partnership team will share it once it is final."
FINAL_STAYS = "This board report is final, so it stays as it is. Start a new report if the figures or the words need to change."


def can_see_thread(user) -> bool:
    return sees_figures(user)


def can_see_organisation_thread(user, organisation) -> bool:
    return sees_organisation(user, organisation)


def can_see_reports(user) -> bool:
    """The list of board reports: the partnership team (all) and organisation leads (the final ones about them)."""
    return sees_figures(user)


def can_write_reports(user) -> bool:
    return keeps_the_framework(user)


def can_see_report(user, report) -> bool:
    if report is None:
        return False
    if keeps_the_framework(user):
        return True
    if not (sees_figures(user) and report.is_final):
        return False
    return report.organisation_id is None or sees_organisation(user, report.organisation)


def can_change_report(user, report) -> bool:
    """Write the commentary, work the figures out again, make it final: the partnership team, while it is a draft."""
    return report is not None and keeps_the_framework(user) and not report.is_final
