"""Training pages. Each view parses, asks `permissions`, calls `services` or `queries`, renders.

Every form page is `core.pages.form_page`: the form, then on a valid POST the service, then a
message and a redirect (or the service's refusal on the form, 400). Sessions, courses,
programmes and certificates are named in addresses by opaque ids.
"""

from .evaluation import evaluation, follow_up
from .finding import course_detail, courses, home, session_detail
from .lms import lms, lms_check, lms_export, lms_template
from .places import book, calendar, cancel_place, offer
from .reach import reach, reach_organisation
from .record import certificate, record
from .reflecting import aha_moment, aha_moments, feedback
from .running import (
    course_add,
    course_edit,
    manage,
    programme_add,
    programme_detail,
    programme_edit,
    register,
    session_add,
    session_cancel,
    session_edit,
)

__all__ = [
    "aha_moment",
    "aha_moments",
    "book",
    "calendar",
    "cancel_place",
    "certificate",
    "course_add",
    "course_detail",
    "course_edit",
    "courses",
    "evaluation",
    "feedback",
    "follow_up",
    "home",
    "lms",
    "lms_check",
    "lms_export",
    "lms_template",
    "manage",
    "offer",
    "programme_add",
    "programme_detail",
    "programme_edit",
    "reach",
    "reach_organisation",
    "record",
    "register",
    "session_add",
    "session_cancel",
    "session_detail",
    "session_edit",
]
