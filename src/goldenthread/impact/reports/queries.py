"""Reads for the golden thread and board reports (pages and the API share them). Never a write."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from goldenthread.impact.periods import Period
from goldenthread.impact.permissions import is_partnership_team, organisations_seen
from goldenthread.partnership.models import Organisation

from .models import BoardReport


def organisation_by_id(organisation_id) -> Organisation | None:
    try:
        return Organisation.objects.filter(pk=int(organisation_id)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def report_by_id(public_id) -> BoardReport | None:
    try:
        return BoardReport.objects.select_related("organisation", "made_by", "finalised_by").filter(public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def reports_for(user):
    """The board reports this person may read: every one for the partnership team; final ones about the partnership or their own organisation for a lead."""
    reports = BoardReport.objects.select_related("organisation", "made_by")
    if is_partnership_team(user):
        return reports
    led = list(organisations_seen(user).values_list("pk", flat=True))
    return reports.filter(state=BoardReport.State.FINAL).filter(Q(organisation__isnull=True) | Q(organisation_id__in=led))


def drafts():
    return BoardReport.objects.filter(state=BoardReport.State.DRAFT).select_related("organisation").order_by("made_at", "id")


def last_full_quarter(today=None) -> Period:
    """The last whole quarter (January to March, April to June, July to September, October to December) before today."""
    today = today or timezone.localdate()
    this_quarter_starts = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = this_quarter_starts - timedelta(days=1)
    return Period(date(end.year, end.month - 2, 1), end)
