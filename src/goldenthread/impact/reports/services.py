"""Every change to board reports: one function per thing the partnership team does, each in a transaction.

Starting a report works out every figure for its period and freezes them in the report (its
snapshot and digest). While it is a draft the commentary can be written and changed (checked
against the version the person read), and the figures worked out again. Once it is final,
nothing changes. The audit log follows by itself.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.refusals import Refused, check_version
from goldenthread.core.rules import raise_if
from goldenthread.impact.periods import BadPeriod, Period
from goldenthread.partnership.models import Organisation

from . import figures, permissions, rules
from .models import BoardReport


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)


def _freeze(report: BoardReport) -> None:
    snapshot = figures.figures_for(report.period, report.organisation)
    report.snapshot = snapshot
    report.digest = figures.digest(snapshot)
    report.figures_at = timezone.now()


@transaction.atomic
def start_report(*, by, title: str, starts_on: date | None, ends_on: date | None, organisation: Organisation | None = None) -> BoardReport:
    """Start a board report for a period, for the whole partnership or one organisation: its figures are worked out and kept."""
    _refuse_unless(permissions.can_write_reports(by), permissions.WRITTEN_BY_THE_TEAM)
    errors: dict = {}
    title = rules.TITLE.clean(title, field="title", errors=errors)
    starts_on = rules.STARTS.clean(starts_on, field="starts_on", errors=errors)
    ends_on = rules.ENDS.clean(ends_on, field="ends_on", errors=errors)
    if organisation is not None and not (isinstance(organisation, Organisation) and organisation.is_active):
        errors["organisation"] = rules.WHO_UNKNOWN
    if starts_on and ends_on and "starts_on" not in errors and "ends_on" not in errors:
        try:
            Period(starts_on, ends_on)
        except BadPeriod as bad:
            errors["ends_on"] = str(bad).rstrip(".")
    raise_if(errors)
    report = BoardReport(title=title, starts_on=starts_on, ends_on=ends_on, organisation=organisation, made_by=by, made_at=timezone.now())
    _freeze(report)
    report.save()
    return report


def _draft_for_update(report: BoardReport, by) -> BoardReport:
    _refuse_unless(permissions.can_write_reports(by), permissions.WRITTEN_BY_THE_TEAM)
    report = BoardReport.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=report.pk)
    if report.is_final:
        raise ValidationError(rules.ALREADY_FINAL)
    return report


@transaction.atomic
def write_commentary(report: BoardReport, *, by, commentary: str, version: int | None) -> BoardReport:
    """Write or change the report's commentary, if nobody else saved a newer version since the person read it."""
    report = _draft_for_update(report, by)
    errors: dict = {}
    commentary = rules.COMMENTARY.clean(commentary, field="commentary", errors=errors)
    raise_if(errors)
    check_version(report, version, fields=["commentary"], typed={"commentary": commentary})
    report.commentary = commentary
    report.version += 1
    report.save()
    return report


@transaction.atomic
def refresh_figures(report: BoardReport, *, by) -> BoardReport:
    """Work the draft's figures out again, with the records as they are now."""
    report = _draft_for_update(report, by)
    _freeze(report)
    report.version += 1
    report.save()
    return report


@transaction.atomic
def finalise(report: BoardReport, *, by) -> BoardReport:
    """Make the report final: from now on its figures and words stay as they are."""
    report = _draft_for_update(report, by)
    report.state = BoardReport.State.FINAL
    report.finalised_by = by
    report.finalised_at = timezone.now()
    report.version += 1
    report.save()
    return report
