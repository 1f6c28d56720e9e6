"""People, courses and completed courses as CSV files, in the same columns the import reads, plus a few for reading.

Every cell goes through core's `safe_cell`, so a name or a title that could start a formula in
a spreadsheet (`=HYPERLINK(...)`) shows as text and never runs. A file exported here can be
imported again: every row is then already on Golden Thread, and nothing is added twice.
"""

from __future__ import annotations

from goldenthread.core.spreadsheets import safe_cell
from goldenthread.partnership.models import Membership

from ..models import Completion, Course
from . import formats
from .files import write_csv

PEOPLE_HEADINGS = ["email", "full_name", "organisation", "job_title", "role"]
COURSE_HEADINGS = ["programme", "title", "summary", "parts", "skills"]
COMPLETION_HEADINGS = ["email", "full_name", "organisation", "programme", "course", "completed_on", "recorded"]
HEADINGS = {formats.PEOPLE: PEOPLE_HEADINGS, formats.COURSES: COURSE_HEADINGS, formats.COMPLETIONS: COMPLETION_HEADINGS}
RECORDED_HERE = "register on Golden Thread"
RECORDED_ELSEWHERE = "imported from a learning system"

SEPARATOR = f" {formats.LIST_SEPARATOR} "


def _safe(rows):
    return [[safe_cell(cell) for cell in row] for row in rows]


def people_csv() -> str:
    """Everyone in a member organisation: one row for each organisation they are in, with their role (which an import never reads)."""
    memberships = Membership.objects.filter(user__is_active=True).select_related("user", "organisation").order_by("organisation__name", "user__full_name", "id")
    rows = [(m.user.email, m.user.full_name, m.organisation.name, m.user.job_title, m.get_role_display()) for m in memberships]
    return write_csv(PEOPLE_HEADINGS, _safe(rows))


def courses_csv() -> str:
    """Every course, with its parts and skills separated by |."""
    courses = Course.objects.select_related("programme").order_by("programme__name", "title", "id")
    rows = [(c.programme.name, c.title, c.summary, SEPARATOR.join(c.parts or []), SEPARATOR.join(c.skills or [])) for c in courses]
    return write_csv(COURSE_HEADINGS, _safe(rows))


def completions_csv() -> str:
    """Every completed course: who, which, the day (as 2025-03-14, which no spreadsheet misreads), and where it was recorded."""
    completions = Completion.objects.select_related("person", "organisation", "course", "course__programme").order_by("completed_on", "id")
    rows = [
        (
            c.person.email,
            c.person.full_name,
            c.organisation.name,
            c.course.programme.name,
            c.course.title,
            c.completed_on.isoformat(),
            RECORDED_ELSEWHERE if c.imported_in_id else RECORDED_HERE,
        )
        for c in completions
    ]
    return write_csv(COMPLETION_HEADINGS, _safe(rows))


def template_csv(kind: str) -> str:
    """An empty file with the columns an import reads, and one made-up row to show the way."""
    examples = {
        formats.PEOPLE: [["sam.example@example.org", "Sam Example", "Riverbend Children's Services", "Family support worker"]],
        formats.COURSES: [
            ["Core programme", "Trauma-informed practice: the essentials", "What trauma is and what helps.", "The session", "Noticing | Listening"]
        ],
        formats.COMPLETIONS: [["sam.example@example.org", "Core programme", "Trauma-informed practice: the essentials", "14/03/2025"]],
    }
    return write_csv([column.name for column in formats.COLUMNS[kind]], _safe(examples[kind]))


EXPORTS = {formats.PEOPLE: people_csv, formats.COURSES: courses_csv, formats.COMPLETIONS: completions_csv}


def export_csv(kind: str) -> str:
    return EXPORTS[kind]()
