"""A period of time that figures are counted over: from a first day to a last day, both counted.

Every figure in impact is worked out for a `Period`, so the same period gives the same figure
whenever it is asked for (a past period's figures do not move as new records come in, as long
as the records behind them are dated and kept). Pages and the API read a period from `from`
and `to` (`2026-04-01`), defaulting to the twelve whole months before this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

LONGEST_DAYS = 366 * 10
BAD_DATE = "Give dates as year-month-day, for example 2026-04-01."
BACKWARDS = "The period's first day must be on or before its last day."
TOO_LONG = "A period can be at most ten years long."


class BadPeriod(ValueError):
    """A period a person asked for that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days counted."""

    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise BadPeriod(BACKWARDS)
        if (self.end - self.start).days > LONGEST_DAYS:
            raise BadPeriod(TOO_LONG)

    @property
    def starts_at(self) -> datetime:
        """The first moment of the period, in the site's time zone (for comparing with date-times)."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first moment after the period (date-times are counted when `< ends_before`)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def months(self) -> list[Period]:
        """The period cut at each month's end: one Period per calendar month it touches."""
        found, first = [], self.start
        while first <= self.end:
            next_month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
            found.append(Period(first, min(self.end, next_month - timedelta(days=1))))
            first = next_month
        return found

    def words(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    def query(self) -> str:
        return f"from={self.start.isoformat()}&to={self.end.isoformat()}"

    def before(self) -> Period:
        """The period of the same length that ends the day before this one starts (for 'up from')."""
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end)


def last_twelve_months(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    first_of_month = today.replace(day=1)
    end = first_of_month - timedelta(days=1)
    start = (first_of_month - timedelta(days=366)).replace(day=1)
    start = start if (end - start).days < 366 else (start + timedelta(days=32)).replace(day=1)
    return Period(start, end)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise BadPeriod(BAD_DATE) from None


def from_query(params, default: Period | None = None) -> Period:
    """The period named by `from` and `to` in a request's GET (or any mapping); BadPeriod with what to change."""
    default = default or last_twelve_months()
    start_text, end_text = (params.get("from") or "").strip(), (params.get("to") or "").strip()
    if "\x00" in start_text + end_text:
        raise BadPeriod(BAD_DATE)
    start = _day(start_text) if start_text else default.start
    end = _day(end_text) if end_text else default.end
    return Period(start, end)
