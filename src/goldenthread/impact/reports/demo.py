"""The reports part's demo (fictional): one final board report for the last whole quarter, with commentary, and one draft.

Called by `load_demo_impact` after the other parts' demos, so the figures it freezes are
worked out from their records. Written straight through the ORM as the system (the
partnership lead is named as the one who made them). Running it again changes nothing: a
report with the demo's title is left as it is.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.utils import timezone

from goldenthread.core.models import User
from goldenthread.impact.periods import last_twelve_months

from . import figures, queries
from .models import BoardReport

DEMO_FILE = Path(__file__).resolve().parents[1] / "data" / "demo" / "reports.toml"


def read_demo_reports(path: Path = DEMO_FILE) -> dict:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    for part in ("final", "draft"):
        if "(fictional)" not in data[part]["title"]:
            raise ValueError(f"The {part} report's title must say it is fictional.")
    return data


def _report(*, title: str, period, commentary: str, lead, final: bool) -> BoardReport:
    existing = BoardReport.objects.filter(title=title).first()
    if existing is not None:
        return existing
    snapshot = figures.figures_for(period, None)
    now = timezone.now()
    return BoardReport.objects.create(
        title=title,
        starts_on=period.start,
        ends_on=period.end,
        commentary=commentary.strip(),
        state=BoardReport.State.FINAL if final else BoardReport.State.DRAFT,
        snapshot=snapshot,
        digest=figures.digest(snapshot),
        figures_at=now,
        made_by=lead,
        made_at=now,
        finalised_by=lead if final else None,
        finalised_at=now if final else None,
        version=2 if final else 1,
    )


def load(rng, today) -> None:
    data = read_demo_reports()
    lead = User.objects.filter(is_partnership_admin=True, is_active=True).order_by("pk").first()
    _report(title=data["final"]["title"], period=queries.last_full_quarter(today), commentary=data["final"]["commentary"], lead=lead, final=True)
    _report(title=data["draft"]["title"], period=last_twelve_months(today), commentary=data["draft"]["commentary"], lead=lead, final=False)
