"""Group supervision pages. Each view parses, asks `permissions`, calls `services` or `queries`, renders.

Every form page is `core.pages.form_page`: the form, then on a valid POST the service, then
a message and a redirect (or the service's refusal on the form, 400). A session linked to a
family is wrapped in the family-data safeguards (two-step verification and the current
terms) and is never kept in the browser's cache; its family detail is read through
`families.access`, so each look is in the family's access log. Everyone must acknowledge
confidentiality before they read the record of a session.
"""

from .actions import add_action, cancel_action, complete_action, confirm_action, move_action
from .partnership_figures import figures, figures_csv
from .record import session_detail
from .session_notes import add_commitment, chronology_summary, wellbeing
from .sessions import acknowledge, attendance, cancel_session, invite, request_session, respond, schedule
from .your_sessions import home

__all__ = [
    "acknowledge",
    "add_action",
    "add_commitment",
    "attendance",
    "cancel_action",
    "cancel_session",
    "chronology_summary",
    "complete_action",
    "confirm_action",
    "figures",
    "figures_csv",
    "home",
    "invite",
    "move_action",
    "request_session",
    "respond",
    "schedule",
    "session_detail",
    "wellbeing",
]
