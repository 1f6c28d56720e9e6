"""Wellbeing figures for groups, never for a person: by organisation and month, and across the partnership.

What a figure is: for one organisation in one month that has ended, how many different people
checked in (each person's latest check-in that month counts once), what share of the
organisation's people on Golden Thread that is, and for each question the share of those who
answered it whose answer was at the harder end. Never an average score: a figure says how
many people found something hard, not how well anyone is doing.

The smallest group (`data/privacy.toml`, never below 5):
- a cell (an organisation in a month) is shown only if at least that many people checked in;
  a question's share only if at least that many answered that question;
- the partnership's figure for a month counts everyone only when the people left out of the
  shown cells are none or at least the smallest group; otherwise it counts only the people in
  the shown cells, so no figure can be taken from another to reveal a small group;
- no figure is given across months (a year's total, less the months shown, would reveal a
  month held back), and the month under way is never shown, so a figure does not move the
  moment one person checks in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count
from django.utils import timezone

from goldenthread.partnership.models import Membership

from . import questions
from .models import CheckIn


@dataclass
class Cell:
    """One group's figures in one month: None where the group is too small to show."""

    people: int | None
    share_of_staff: int | None
    harder: dict[str, int | None] = field(default_factory=dict)  # question key -> % at the harder end, or None

    @property
    def is_shown(self) -> bool:
        return self.people is not None


@dataclass
class Row:
    name: str
    staff: int
    cells: list[Cell]


@dataclass
class Figures:
    months: list[date]
    rows: list[Row]
    partnership: Row | None
    smallest_group: int


def months_ended(count: int, today: date | None = None) -> list[date]:
    """The first day of each of the last `count` months that have ended, oldest first."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        firsts.append(date(year, month, 1))
    return list(reversed(firsts))


def _month_of(moment) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def _latest_answers(organisation_ids, months) -> dict[tuple[int, date], dict[int, dict]]:
    """(organisation, month) -> person -> that person's latest answers in the month."""
    if not months:
        return {}
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    after = months[-1]
    end_month = date(after.year + (after.month == 12), after.month % 12 + 1, 1)
    end = timezone.make_aware(datetime.combine(end_month, time.min))
    found: dict[tuple[int, date], dict[int, dict]] = defaultdict(dict)
    check_ins = CheckIn.objects.filter(organisation_id__in=organisation_ids, taken_at__gte=start, taken_at__lt=end).order_by("taken_at")
    for check_in in check_ins.only("person_id", "organisation_id", "taken_at", "answers"):
        found[(check_in.organisation_id, _month_of(check_in.taken_at))][check_in.person_id] = check_in.answers
    return found


def _harder_shares(people_answers: list[dict], smallest: int) -> dict[str, int | None]:
    shares: dict[str, int | None] = {}
    for question in questions.current().questions:
        answered = [answers[question.key] for answers in people_answers if question.key in answers]
        if len(answered) < smallest:
            shares[question.key] = None
        else:
            shares[question.key] = round(100 * sum(question.is_harder(value) for value in answered) / len(answered))
    return shares


def _cell(people_answers: list[dict], staff: int, smallest: int) -> Cell:
    if len(people_answers) < smallest:
        return Cell(people=None, share_of_staff=None, harder={question.key: None for question in questions.current().questions})
    share = round(100 * len(people_answers) / staff) if staff else None
    return Cell(people=len(people_answers), share_of_staff=share, harder=_harder_shares(people_answers, smallest))


def figures_for(organisations, *, with_partnership: bool, today: date | None = None) -> Figures:
    """The figures for these organisations, month by month; with the partnership's own row where asked."""
    settings = questions.privacy()
    smallest = settings.smallest_group
    months = months_ended(settings.months_of_figures, today)
    organisations = list(organisations)
    staff = dict(
        Membership.objects.filter(organisation__in=organisations)
        .values("organisation")
        .annotate(people=Count("user", distinct=True))
        .values_list("organisation", "people")
    )
    found = _latest_answers([organisation.pk for organisation in organisations], months)
    rows = []
    for organisation in organisations:
        cells = [_cell(list(found.get((organisation.pk, month), {}).values()), staff.get(organisation.pk, 0), smallest) for month in months]
        rows.append(Row(name=organisation.name, staff=staff.get(organisation.pk, 0), cells=cells))
    partnership = _partnership_row(organisations, months, found, staff, smallest) if with_partnership else None
    return Figures(months=months, rows=rows, partnership=partnership, smallest_group=smallest)


def _partnership_row(organisations, months, found, staff, smallest) -> Row:
    all_staff = sum(staff.values())
    cells = []
    for month in months:
        shown, held_back = [], []
        shown_staff = 0
        for organisation in organisations:
            answers = list(found.get((organisation.pk, month), {}).values())
            if len(answers) >= smallest:
                shown.extend(answers)
                shown_staff += staff.get(organisation.pk, 0)
            else:
                held_back.extend(answers)
        if not held_back or len(held_back) >= smallest:
            cells.append(_cell(shown + held_back, all_staff, smallest))
        else:
            cells.append(_cell(shown, shown_staff, smallest))
    return Row(name="Across the partnership", staff=all_staff, cells=cells)


def indicators(organisations, *, with_partnership: bool = True, today: date | None = None) -> list[dict]:
    """For the impact module: each month's share of staff who checked in and the share finding each question hard, small groups held back."""
    figures = figures_for(organisations, with_partnership=with_partnership, today=today)
    rows = ([figures.partnership] if figures.partnership else []) + figures.rows
    return [
        {"group": row.name, "month": month, "people": cell.people, "share_of_staff": cell.share_of_staff, "harder": dict(cell.harder)}
        for row in rows
        for month, cell in zip(figures.months, row.cells, strict=True)
    ]
