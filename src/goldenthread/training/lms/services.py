"""Importing from a council's learning system: check a file, keep it for confirming, import it whole or not at all.

- `check_file(kind, csv_file, *, by)` reads and checks every row; it writes nothing.
- `import_people`, `import_courses`, `import_completions(csv_file, *, by)` check and, when
  no row is rejected, import in one go (for a script, the API or a test); the report says
  what happened, and `report.imported` is False when anything was rejected.
- The pages check first, keep the checked file (`keep_for_confirming`), show what will be
  added, and import it when the person confirms (`import_kept`), or set it aside (`set_aside`).

An import runs in one transaction and checks every row again inside it, against what is on
Golden Thread at that moment: if anything is rejected then, or anything fails while writing,
the whole transaction is rolled back and nothing is imported. Everything written goes through
the same services as a page (a course through `create_course`, a person through
`partnership.services.add_member`), one object at a time, so the audit log sees each one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.refusals import Refused
from goldenthread.partnership import services as partnership_services
from goldenthread.partnership.models import Role

from .. import permissions, services, tasks
from ..models import Completion, LmsImport
from . import formats, keeping
from .files import Problem, as_bytes, read_csv

ONLY_PARTNERSHIP_LEADS = (
    "Only the partnership leads can import people, because someone new is invited to make a sign-in. "
    "A trainer can import courses and completed courses. If you think you should, ask the partnership team."
)
RUNS_TRAINING = services.RUNS_TRAINING
UNKNOWN_KIND = "Choose whether the file holds people, courses or completed courses"
NOT_YOURS = "Only the person who checked this file can import it or set it aside. Upload the file again to check it yourself."
NOT_WAITING = "This file has already been imported or set aside. Upload it again to check it once more."
NOTHING_TO_ADD = "Every row is already on Golden Thread, so there is nothing to import"
HAS_PROBLEMS = "Some rows cannot be imported. Fix every row listed and upload the file again"


class _Rejected(Exception):
    """Raised inside the import's transaction to roll it back: a row failed on the second check, or while being written."""

    def __init__(self, report: formats.Report):
        self.report = report


def _need(user, kind: str) -> None:
    if kind not in formats.CHECKS:
        raise ValidationError({"kind": UNKNOWN_KIND})
    if not permissions.can_import_from_lms(user, kind):
        raise Refused(ONLY_PARTNERSHIP_LEADS if kind == formats.PEOPLE else RUNS_TRAINING)


def _check_text(kind: str, data: bytes) -> formats.Report:
    read = read_csv(data, formats.COLUMNS[kind])
    if read.file_problem is not None:
        return formats.Report(kind, problems=[read.file_problem])
    return formats.CHECKS[kind](read)


def check_file(kind: str, csv_file, *, by) -> formats.Report:
    """Read a file and check every row against Golden Thread. Writes nothing."""
    _need(by, kind)
    return _check_text(kind, as_bytes(csv_file))


def _write(report: formats.Report, *, by, batch: LmsImport) -> None:
    """Write each row that adds something. Call inside a transaction; a failure raises `_Rejected`."""
    for row in report.to_add:
        values = row.values
        try:
            if report.kind == formats.PEOPLE:
                partnership_services.add_member(
                    values["organisation"], by=by, email=values["email"], full_name=values["full_name"], job_title=values["job_title"], role=Role.PRACTITIONER
                )
            elif report.kind == formats.COURSES:
                services.create_course(
                    values["programme"], by=by, title=values["title"], summary=values["summary"], parts=values["parts"], skills=values["skills"]
                )
            else:
                Completion.objects.create(
                    course=values["course"],
                    person=values["person"],
                    organisation=values["organisation"],
                    completed_on=values["completed_on"],
                    imported_in=batch,
                )
        except ValidationError as error:
            words = " ".join(message.rstrip(".") + "." for message in error.messages)
            failed = formats.Report(report.kind, problems=[Problem(words, "Fix this row and upload the file again.", line=row.line)])
            raise _Rejected(failed) from None


def _import(kind: str, data: bytes, *, by, batch: LmsImport | None, file_name: str = "") -> formats.Report:
    """Check every row again and, only when none is rejected, write them all in one transaction."""
    try:
        with transaction.atomic():
            report = _check_text(kind, data)
            if not report.ok:
                raise _Rejected(report)
            if not report.to_add:
                return report
            now = timezone.now()
            if batch is None:
                batch = LmsImport(kind=kind, file_name=file_name[:200], checked_by=by, checked_at=now)
            batch.status = LmsImport.Status.IMPORTED
            batch.text = ""
            batch.rows = len(report.rows)
            batch.added = len(report.to_add)
            batch.unchanged = len(report.unchanged)
            batch.finished_at = now
            batch.save()
            _write(report, by=by, batch=batch)
            report.imported = True
            return report
    except _Rejected as rejected:
        return rejected.report


def import_people(csv_file, *, by, file_name: str = "") -> formats.Report:
    """Add each person new to Golden Thread to their organisation as a practitioner (each is e-mailed an invitation); partnership leads only."""
    _need(by, formats.PEOPLE)
    return _import(formats.PEOPLE, as_bytes(csv_file), by=by, batch=None, file_name=file_name)


def import_courses(csv_file, *, by, file_name: str = "") -> formats.Report:
    """Add each course not yet in its programme."""
    _need(by, formats.COURSES)
    return _import(formats.COURSES, as_bytes(csv_file), by=by, batch=None, file_name=file_name)


def import_completions(csv_file, *, by, file_name: str = "") -> formats.Report:
    """Record each course completed in the council's own learning system and not yet recorded here."""
    _need(by, formats.COMPLETIONS)
    return _import(formats.COMPLETIONS, as_bytes(csv_file), by=by, batch=None, file_name=file_name)


def keep_for_confirming(kind: str, csv_file, *, by, file_name: str = "") -> tuple[formats.Report, LmsImport | None]:
    """Check a file; when every row passes and something is new, keep its text until the person confirms. Returns the report and what was kept."""
    _need(by, kind)
    data = as_bytes(csv_file)
    report = _check_text(kind, data)
    if not report.ok or not report.to_add:
        return report, None
    with transaction.atomic():
        kept = LmsImport.objects.create(
            kind=kind,
            file_name=(file_name or "")[:200],
            text=data.decode("utf-8-sig"),
            rows=len(report.rows),
            added=len(report.to_add),
            unchanged=len(report.unchanged),
            checked_by=by,
        )
    tasks.schedule_forgetting_unconfirmed(kept)
    return report, kept


def _own_waiting(lms_import, by) -> None:
    _need(by, lms_import.kind)
    if lms_import.checked_by_id != by.pk:
        raise Refused(NOT_YOURS)
    if lms_import.status != LmsImport.Status.CHECKED:
        raise ValidationError(NOT_WAITING)


def check_kept(lms_import, *, by) -> formats.Report:
    """Check a kept file again, as it stands now (someone may have added a course or a person since)."""
    _own_waiting(lms_import, by)
    return _check_text(lms_import.kind, lms_import.text.encode("utf-8"))


def import_kept(lms_import, *, by) -> formats.Report:
    """Import a file that was checked and kept: checked again, then all of it or nothing."""
    _own_waiting(lms_import, by)
    report = _import(lms_import.kind, lms_import.text.encode("utf-8"), by=by, batch=lms_import)
    if not report.imported:
        lms_import.refresh_from_db()
    return report


def set_aside(lms_import, *, by) -> LmsImport:
    """Decide not to import a checked file: its text is forgotten."""
    _own_waiting(lms_import, by)
    return keeping.forget(lms_import)
