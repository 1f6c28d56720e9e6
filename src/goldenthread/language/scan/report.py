"""The report of an archive scan: DIR/report.html, DIR/report.csv and DIR/errors.csv.

Built from the Parquet parts one at a time (only the columns it needs, aggregated with
pyarrow per part and then added up), so a scan of any size is reported in the memory of
one part. `goldenthread scan --report-only --out DIR` builds it again.

A record "with no warning or suggestion" is one where the engine found nothing of
severity warning or suggestion; quoted words (information only) do not count.

What the report never holds: the words found (only the rules' ids, their messages and
reframes, which come from the rules, not from the records) and, unless the scan was run
with --names, figures by a column that names people. Values are listed in alphabetical
order, never ranked.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ERRORS_SHOWN = 200  # in the HTML report; errors.csv lists every one kept
ROWS_SHOWN = 500  # values of one reporting column in the HTML report; report.csv has them all
MONTHS_CHARTED = 60
UNKNOWN = "(not given)"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Figures:
    records: int = 0
    clean: int = 0
    characters: int = 0
    bytes: int = 0
    parts_done: int = 0
    parts_total: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)  # the first ERRORS_SHOWN
    months: dict = field(default_factory=dict)  # month -> [records, clean]
    by: dict = field(default_factory=dict)  # column -> {value: [records, clean]}
    rules: dict = field(default_factory=dict)  # rule id -> [times found, records]
    names: bool = False
    started: str = ""


def safe_cell(value) -> str:
    """Text a spreadsheet shows as it is: a cell that could start a formula gets a leading apostrophe."""
    text = "" if value is None else str(value).replace("\x00", "")
    if text and unicodedata.normalize("NFKC", text[0]).startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _add(totals: dict, key: str, records: int, clean: int) -> None:
    pair = totals.setdefault(key, [0, 0])
    pair[0] += records
    pair[1] += clean


def aggregate(out: Path, manifest: dict, errors_csv: Path | None = None) -> Figures:
    """Add up every finished part; write each item that could not be read to `errors_csv`."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from .layout import PART_METADATA_KEY, part_path

    figures = Figures(names=bool(manifest["options"].get("names")), started=manifest.get("started", ""))
    figures.parts_total = len(manifest["partitions"])
    handle = open(errors_csv, "w", encoding="utf-8", newline="") if errors_csv else None
    writer = csv.writer(handle) if handle else None
    if writer:
        writer.writerow(["source", "where", "reason"])

    def error(row: dict) -> None:
        figures.error_count += 1
        if len(figures.errors) < ERRORS_SHOWN:
            figures.errors.append(row)
        if writer:
            writer.writerow([safe_cell(row.get("source")), safe_cell(row.get("where")), safe_cell(row.get("reason"))])

    try:
        for row in manifest.get("input_errors", []):
            error(row)
        for row in manifest.get("failed", {}).values():
            error(row)
        for partition in manifest["partitions"]:
            path = part_path(out, partition["id"])
            if not path.exists():
                continue
            try:
                parquet = pq.ParquetFile(path)
                summary = json.loads(parquet.schema_arrow.metadata[PART_METADATA_KEY])
                by_names = [n[3:] for n in parquet.schema_arrow.names if n.startswith("by:")]
                table = parquet.read(columns=["month", "warnings", "suggestions", "findings", *(f"by:{n}" for n in by_names)])
            except Exception as exc:  # a damaged part: say so, and resume will redo it
                error(
                    {
                        "source": partition["source"],
                        "where": f"part {partition['id']}",
                        "reason": f"the part cannot be read ({type(exc).__name__}); resume to redo it",
                    }
                )
                continue
            figures.parts_done += 1
            figures.bytes += partition.get("bytes", 0)
            figures.characters += summary.get("characters", 0)
            for row in summary.get("errors", []):
                error(row)
            hidden = summary.get("error_count", 0) - len(summary.get("errors", []))
            if hidden > 0:
                error({"source": partition["source"], "where": f"part {partition['id']}", "reason": f"{hidden} more items in this part could not be read"})
            if table.num_rows == 0:
                continue
            clean = pc.and_(pc.equal(table["warnings"], 0), pc.equal(table["suggestions"], 0)).cast(pa.int64())
            figures.records += table.num_rows
            figures.clean += pc.sum(clean).as_py() or 0
            columns = {"month": table["month"], **{f"by:{n}": table[f"by:{n}"] for n in by_names}}
            for name, column in columns.items():
                grouped = pa.table({"value": pc.fill_null(column, ""), "clean": clean}).group_by("value").aggregate([("clean", "sum"), ("clean", "count")])
                target = figures.months if name == "month" else figures.by.setdefault(name[3:], {})
                for value, records, ok in zip(grouped["value"].to_pylist(), grouped["clean_count"].to_pylist(), grouped["clean_sum"].to_pylist(), strict=True):
                    _add(target, value or "", records, ok)
            findings = table["findings"].combine_chunks()
            if len(pc.list_flatten(findings)):
                flat = pc.list_flatten(findings)
                found = pa.table({"rule": flat.field("rule"), "severity": flat.field("severity"), "record": pc.list_parent_indices(findings)})
                found = found.filter(pc.not_equal(found["severity"], "info"))
                if found.num_rows:
                    grouped = found.group_by("rule").aggregate([("record", "count"), ("record", "count_distinct")])
                    for rule, times, records in zip(
                        grouped["rule"].to_pylist(), grouped["record_count"].to_pylist(), grouped["record_count_distinct"].to_pylist(), strict=True
                    ):
                        pair = figures.rules.setdefault(rule, [0, 0])
                        pair[0] += times
                        pair[1] += records
    finally:
        if handle:
            handle.close()
    return figures


def build_report(out: Path) -> Figures:
    """Write report.html, report.csv and errors.csv in `out` from its manifest and parts."""
    from .layout import read_manifest

    out = Path(out)
    manifest = read_manifest(out)
    figures = aggregate(out, manifest, out / "errors.csv")
    rules = _rules(manifest["options"].get("lexicon") or [])
    _write(out / "report.csv", csv_report(figures))
    _write(out / "report.html", html_report(figures, rules))
    return figures


def _write(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    temporary.replace(path)


def _rules(lexicon: list[str]) -> dict:
    from ..engine import default_engine, load_engine

    try:
        engine = load_engine(lexicon) if lexicon else default_engine()
    except Exception:  # a rules file gone since the scan: report the rule ids without their words
        return {}
    return engine.by_id


# ----------------------------------------------------------------------------- CSV


def _share(records: int, clean: int) -> float:
    return clean / records if records else 0.0


def csv_report(figures: Figures) -> str:
    """One row per figure: dimension, value, records, records with no warning or suggestion, share."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["dimension", "value", "records", "records with no warning or suggestion", "share"])

    def row(dimension: str, value: str, records: int, clean: int) -> None:
        writer.writerow([safe_cell(dimension), safe_cell(value), records, clean, f"{_share(records, clean):.4f}"])

    row("all records", "all", figures.records, figures.clean)
    for month in sorted(figures.months):
        records, clean = figures.months[month]
        row("month", month or UNKNOWN, records, clean)
    for name in sorted(figures.by):
        for value in sorted(figures.by[name]):
            records, clean = figures.by[name][value]
            row(name, value or UNKNOWN, records, clean)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- HTML

_STYLE = """
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#0b0c0c;line-height:1.5;overflow-wrap:anywhere}
h1{font-size:1.8rem;line-height:1.2}h2{font-size:1.35rem;margin-top:2.5rem;border-top:2px solid #b1b4b6;padding-top:1rem}h3{font-size:1.1rem}
.lead{font-size:1.15rem}
.key{font-size:2rem;font-weight:bold;display:block}
.table-scroll{overflow-x:auto;max-width:100%;margin:1rem 0;border:1px solid #b1b4b6}
.table-scroll:focus{outline:3px solid #fd0;box-shadow:inset 0 0 0 2px #0b0c0c}
table{border-collapse:collapse;min-width:100%}
caption{text-align:left;font-weight:bold;padding:.5rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:Arial,Helvetica,sans-serif;font-size:14px;fill:#0b0c0c}
.note{color:#505a5f}
"""


def _month_name(month: str) -> str:
    if not month:
        return "Month not known"
    try:
        return dt.date(int(month[:4]), int(month[5:7]), 1).strftime("%B %Y")
    except ValueError:
        return month


def _percent(records: int, clean: int) -> str:
    return f"{_share(records, clean):.0%}" if records else "none"


class _Tables:
    """Tables in their own scrolling region, named by the caption and reachable by keyboard."""

    def __init__(self):
        self.count = 0

    def table(self, caption: str, head: list[tuple[str, bool]], rows: list[list], *, row_header: bool = True) -> str:
        self.count += 1
        ident = f"table-{self.count}"
        heads = "".join(f"<th scope='col'{' class=n' if numeric else ''}>{escape(label)}</th>" for label, numeric in head)
        body = []
        for row in rows:
            cells = []
            for index, value in enumerate(row):
                numeric = head[index][1]
                text = f"{value:,}" if isinstance(value, int) else escape(str(value))
                cls = " class=n" if numeric else ""
                if index == 0 and row_header:
                    cells.append(f"<th scope='row'{cls}>{text}</th>")
                else:
                    cells.append(f"<td{cls}>{text}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f"<div class='table-scroll' role='region' aria-labelledby='{ident}' tabindex='0'>"
            f"<table><caption id='{ident}'>{escape(caption)}</caption><thead><tr>{heads}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )


def _chart(months: list[tuple[str, int, int]]) -> str:
    """A bar for each month: its share of records with no warning or suggestion, written beside it."""
    shown = months[-MONTHS_CHARTED:]
    row, top, label_width, bar_width = 30, 10, 150, 330
    height = top + row * len(shown) + 10
    first, last = shown[0], shown[-1]
    desc = (
        f"A bar for each of {len(shown)} months. {_month_name(first[0])}: {_percent(first[1], first[2])}. "
        f"{_month_name(last[0])}: {_percent(last[1], last[2])}. The table below gives the same figures."
    )
    parts = [
        f"<svg role='img' aria-labelledby='chart-title chart-desc' viewBox='0 0 {label_width + bar_width + 70} {height}' "
        f"width='{label_width + bar_width + 70}' height='{height}' xmlns='http://www.w3.org/2000/svg'>",
        "<title id='chart-title'>Share of records with no warning or suggestion, by month</title>",
        f"<desc id='chart-desc'>{escape(desc)}</desc>",
        f"<line x1='{label_width}' y1='{top - 4}' x2='{label_width}' y2='{height - 6}' stroke='#0b0c0c'/>",
    ]
    for index, (month, records, clean) in enumerate(shown):
        y = top + index * row
        width = round(bar_width * _share(records, clean), 1)
        parts.append(f"<text x='{label_width - 8}' y='{y + 19}' text-anchor='end'>{escape(_month_name(month))}</text>")
        parts.append(f"<rect x='{label_width}' y='{y + 4}' width='{width}' height='20' fill='#1d70b8'/>")
        parts.append(f"<text x='{label_width + width + 6}' y='{y + 19}'>{escape(_percent(records, clean))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def html_report(figures: Figures, rules: dict) -> str:
    tables = _Tables()
    share_head = [("Records", True), ("With no warning or suggestion", True), ("Share", True)]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>Shared language across the archive</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        "<h1>Shared language across the archive</h1>",
        "<p class='lead'>How much of the archive's writing is already in the partnership's shared language, "
        "and which words come up most often. Every figure counts records (a document, or a row of a table of notes), "
        "never the people who wrote them.</p>",
        "<h2>Summary</h2>",
    ]
    if figures.records:
        parts.append(
            f"<p><span class='key'>{_percent(figures.records, figures.clean)}</span> of records have no warning or suggestion "
            f"({figures.clean:,} of {figures.records:,}).</p>"
        )
    else:
        parts.append("<p>No records have been scanned yet.</p>")
    summary_rows = [
        ["Records scanned", figures.records],
        ["Records with no warning or suggestion", figures.clean],
        ["Input read, in megabytes", f"{figures.bytes / 1e6:,.1f}"],
        ["Parts finished", f"{figures.parts_done:,} of {figures.parts_total:,}"],
        ["Items that could not be read", figures.error_count],
    ]
    parts.append(tables.table("The scan in figures", [("Figure", False), ("Value", True)], summary_rows))
    if figures.parts_done < figures.parts_total:
        parts.append("<p>The scan is not finished: these figures cover the parts done so far.</p>")

    parts.append("<h2>By month</h2>")
    months = sorted((m, r, c) for m, (r, c) in figures.months.items() if m)
    if months:
        parts.append(
            "<p>The month comes from the date column of a table of notes, or from when a document was last saved. "
            "Each bar is the share of that month's records with no warning or suggestion; the share is written beside it.</p>"
        )
        parts.append(f"<figure>{_chart(months)}</figure>")
        if len(months) > MONTHS_CHARTED:
            parts.append(f"<p class='note'>The chart shows the last {MONTHS_CHARTED} months; the table has them all.</p>")
    month_rows = [[_month_name(m), r, c, _percent(r, c)] for m, (r, c) in sorted(figures.months.items(), key=lambda kv: (kv[0] == "", kv[0]))]
    if month_rows:
        parts.append(tables.table("Records by month", [("Month", False), *share_head], month_rows))
    else:
        parts.append("<p>No month is known for any record.</p>")

    for name in sorted(figures.by):
        values = figures.by[name]
        parts.append(f"<h2>By {escape(name)}</h2>")
        rows = [[v or UNKNOWN, r, c, _percent(r, c)] for v, (r, c) in sorted(values.items())]
        if len(rows) > ROWS_SHOWN:
            parts.append(
                f"<p class='note'>There are {len(rows):,} values; the first {ROWS_SHOWN} in alphabetical order are shown. report.csv has them all.</p>"
            )
            rows = rows[:ROWS_SHOWN]
        parts.append(tables.table(f"Records by {name}, in alphabetical order", [(name[:1].upper() + name[1:], False), *share_head], rows))

    parts.append("<h2>The words found most often</h2>")
    common = sorted(figures.rules.items(), key=lambda kv: (-kv[1][0], kv[0]))[:20]
    if common:
        parts.append(
            "<p>What the engine found most often, with why it matters and what to write instead. "
            "The words found are not shown: they can hold details of a family's life.</p>"
        )
        rows = []
        for rule_id, (times, records) in common:
            rule = rules.get(rule_id)
            message = rule.message if rule is not None else ""
            suggestions = "; ".join(rule.suggestions) if rule is not None and rule.suggestions else ""
            category = rule.category if rule is not None else ""
            rows.append([message or "A rule no longer in use", category, times, records, suggestions])
        head = [("Why it matters", False), ("Kind of language", False), ("Times found", True), ("Records", True), ("What to write instead", False)]
        parts.append(tables.table(f"The {len(rows)} findings seen most often", head, rows))
    else:
        parts.append("<p>The engine found nothing to suggest in any record.</p>")

    parts.append("<h2>Items that could not be read</h2>")
    if figures.error_count:
        parts.append(f"<p>{figures.error_count:,} items could not be read. Everything else was scanned. errors.csv lists every one.</p>")
        rows = [[e.get("source", ""), e.get("where", ""), e.get("reason", "")] for e in figures.errors]
        parts.append(
            tables.table(
                "Items that could not be read" + (f" (the first {len(rows):,})" if len(rows) < figures.error_count else ""),
                [("File", False), ("Where", False), ("Why", False)],
                rows,
            )
        )
    else:
        parts.append("<p>Every item was read.</p>")

    parts.append("<h2>About this report</h2><ul>")
    parts.append(
        "<li>A record has no warning or suggestion when the engine found nothing of either kind in it. "
        "Words in quotation marks as a person's own words are kept as their voice and do not count.</li>"
    )
    if figures.names:
        parts.append(
            "<li>This scan was run with --names, so it may give figures by a column that names people. "
            "Use them to offer support, never to rank a colleague.</li>"
        )
    else:
        parts.append("<li>No person is named or ranked in this report. Figures by a column that names people need the --names option.</li>")
    parts.append("<li>Values are listed in alphabetical order, not ranked.</li>")
    parts.append("<li>The engine's suggestions are for the writer to weigh; they are not a judgement of anyone's practice.</li>")
    if figures.started:
        parts.append(f"<li>The scan started at {escape(figures.started)} (UTC).</li>")
    parts.append("</ul></main></body></html>\n")
    return "".join(parts)
