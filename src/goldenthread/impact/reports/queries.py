"""Reads for the golden thread and board reports (pages and the API share them). Never a write to the records: the only thing written is the golden thread's figures, kept in the cache for a short time."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Q
from django.utils import timezone

from goldenthread.impact.periods import Period
from goldenthread.impact.permissions import is_partnership_team, organisations_seen
from goldenthread.partnership.models import Organisation

from . import figures
from .models import BoardReport

logger = logging.getLogger(__name__)

# How long the golden thread's worked-out figures are kept before they are worked out again.
# Working them out takes about 300 queries (most of a second on PostgreSQL), and partnership
# leads open the page many times an hour; figures that are at most 10 minutes old
# are fresh enough for a page about months and quarters, and the page says when they were
# worked out. Board reports keep their own figures and never read these.
THREAD_KEPT_MINUTES = 10
THREAD_KEPT_SECONDS = THREAD_KEPT_MINUTES * 60
# Part of every key: change it when the shape of what is kept changes, so old entries are never read.
THREAD_KEPT_VERSION = 1


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


def _thread_cache():
    """The cache the app servers share ("shared", when settings name one), else each process's own ("default")."""
    return caches["shared" if "shared" in settings.CACHES else "default"]


def _thread_key(period: Period, organisation=None) -> str:
    """Only the checked period and the organisation's primary key: nothing else a person typed."""
    scope = "partnership" if organisation is None else f"organisation-{int(organisation.pk)}"
    return f"impact:thread:v{THREAD_KEPT_VERSION}:{scope}:{period.start.isoformat()}:{period.end.isoformat()}"


def _worked_out_now(period: Period, organisation=None) -> dict:
    return {"thread": figures.thread_for(period, organisation), "worked_out_at": timezone.now().isoformat()}


def golden_thread(period: Period, organisation=None) -> dict:
    """The golden thread for the period (for the whole partnership or one organisation) and when its figures were worked out.

    Kept in the cache for `THREAD_KEPT_MINUTES`, so everyone who opens the page in that time
    gets the same figures without working them out again. Ask `permissions` first: this reads
    no person's rights. When the cache cannot be reached, the figures are worked out live.
    Gives {"thread": plain data as `thread.follow` gives it, "worked_out_at": a datetime}.
    """
    key = _thread_key(period, organisation)
    try:
        cache = _thread_cache()
        kept = cache.get(key)
    except Exception:  # a cache that is down must never take the page with it
        logger.warning("The golden thread's figures could not be read from the cache; working them out live", exc_info=True)
        return _as_shown(_worked_out_now(period, organisation))
    if not _looks_kept(kept):
        kept = _worked_out_now(period, organisation)
        try:
            cache.set(key, kept, THREAD_KEPT_SECONDS)
        except Exception:  # the page still shows the figures just worked out
            logger.warning("The golden thread's figures could not be kept in the cache", exc_info=True)
    return _as_shown(kept)


def _looks_kept(kept) -> bool:
    return isinstance(kept, dict) and isinstance(kept.get("thread"), dict) and isinstance(kept.get("worked_out_at"), str)


def _as_shown(kept: dict) -> dict:
    return {"thread": kept["thread"], "worked_out_at": datetime.fromisoformat(kept["worked_out_at"])}
