"""The partnership map as a spreadsheet: one row per organisation and domain, and an overall row.

Every cell goes through core's `safe_cell`, so a value that could start a formula in a
spreadsheet shows as text and never runs.
"""

import csv
import io

from goldenthread.core.spreadsheets import safe_cell

from .queries import Standing
from .results import band_name

HEADER = ["Organisation", "Sector", "Framework", "Framework version", "Completed on", "Domain", "Score", "Stage"]
OVERALL = "Overall"


def _score(value) -> str:
    return "" if value is None else f"{float(value):.2f}"


def map_rows(standings: list[Standing]) -> list[list[str]]:
    rows = []
    for standing in standings:
        common = [
            standing.name,
            standing.sector_label,
            standing.framework_title,
            str(standing.framework_version),
            standing.completed_on.isoformat(),
        ]
        for domain in standing.domains:
            rows.append([*common, domain.title, _score(domain.score), band_name(domain.band)])
        rows.append([*common, OVERALL, _score(standing.score), band_name(standing.band)])
    return rows


def map_csv(standings: list[Standing]) -> str:
    """The map as CSV text, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in map_rows(standings):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
