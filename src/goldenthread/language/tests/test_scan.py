"""`goldenthread scan`: an archive of the (fictional) Riverbend partnership scanned on Dask, stopped,
resumed, with broken files in it, and reported without the words found or the people who wrote them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goldenthread.language import check
from goldenthread.language.cli import main
from goldenthread.language.readers import read_bytes, read_text
from goldenthread.language.scan.report import safe_cell
from goldenthread.language.scan.run import EXIT_INTERRUPTED, EXIT_ITEMS_FAILED, EXIT_OK, ScanError, ScanOptions, names_people, run_scan
from goldenthread.language.scan.sources import TableOptions, csv_cuts, month_of_timestamp, plan, read_partition

SENTENCES = [
    "Kai is a liar and the LAC review is on Monday.",
    "Mum failed to engage with the plan again.",
    "Ossie goes to respite one weekend a month.",
    "She wanted a story and a cuddle before bed.",
    "We met at the park and talked about the new school.",
    "Tamsin chose the colours for her room with her carer.",
]
TEAMS = ["East", "West"]
ORGANISATIONS = ["Riverbend Council", "Riverbend Health"]
AUTHORS = ["Wren Ashdown", "Idris Pellow"]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    dask_client = Client(cluster)
    yield dask_client
    dask_client.close()
    cluster.close()


def note(i: int) -> str:
    return f"{SENTENCES[i % len(SENTENCES)]} {SENTENCES[(i * 7 + 3) % len(SENTENCES)]}"


def make_docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)


def make_archive(root: Path) -> Path:
    """Letters in team folders, a .docx, a zip of letters, a CSV of notes (some spanning lines) and a JSON-lines export."""
    archive = root / "archive"
    for i in range(12):
        folder = archive / ("east-team" if i % 2 else "west-team")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"letter-{i}.txt").write_text(note(i), encoding="utf-8")
    make_docx(archive / "west-team" / "plan.docx", note(5))
    (archive / "summary.md").write_text(note(2), encoding="utf-8")
    with zipfile.ZipFile(archive / "letters.zip", "w") as bundle:
        for i in range(6):
            bundle.writestr(f"north/letter-{i}.txt", note(i + 20))
        bundle.writestr("north/picture.png", b"\x89PNG not a document")
    with open(archive / "notes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "organisation", "team", "author", "written", "text"])
        for i in range(60):
            text = note(i) if i % 3 else f'{note(i)}\nShe said "I like it here", and smiled.'
            writer.writerow([f"n{i}", ORGANISATIONS[i % 2], TEAMS[i % 2], AUTHORS[i % 2], f"2026-{1 + i % 4:02d}-1{i % 9}", text])
    with open(archive / "visits.jsonl", "w", encoding="utf-8") as handle:
        for i in range(30):
            handle.write(
                json.dumps({"id": f"v{i}", "organisation": "Riverbend Police", "team": "North", "written": f"0{1 + i % 9}/03/2026", "text": note(i + 40)})
                + "\n"
            )
    return archive


def options(archive: Path, out: Path, **extra) -> ScanOptions:
    values = {"by": ["organisation", "team"], "date_column": "written", "id_column": "id", "partition_mb": 0.002, "quiet": True}
    values.update(extra)
    return ScanOptions(inputs=[str(archive)], out=str(out), **values)


def faults(text: str) -> bool:
    return any(f.is_fault for f in check(text))


def expected_figures(archive: Path) -> dict:
    """The same figures counted directly with goldenthread.language.check, record by record."""
    figures: dict = {}

    def add(dimension: str, value: str, text: str) -> None:
        pair = figures.setdefault((dimension, value), [0, 0])
        pair[0] += 1
        pair[1] += not faults(text)

    for path in sorted(archive.rglob("*")):
        if path.suffix in (".txt", ".md", ".docx"):
            text = read_text(path)
            relative = path.relative_to(archive).parts
            add("all records", "all", text)
            add("folder", relative[0] if len(relative) > 1 else "(top level)", text)
            add("month", month_of_timestamp(path.stat().st_mtime), text)
    with zipfile.ZipFile(archive / "letters.zip") as bundle:
        for info in bundle.infolist():
            if info.filename.endswith(".txt"):
                text = read_bytes(bundle.read(info), ".txt")
                add("all records", "all", text)
                add("folder", "letters.zip", text)
                add("month", f"{info.date_time[0]:04d}-{info.date_time[1]:02d}", text)
    with open(archive / "notes.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            add("all records", "all", row["text"])
            add("organisation", row["organisation"], row["text"])
            add("team", row["team"], row["text"])
            add("month", row["written"][:7], row["text"])
    for line in (archive / "visits.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        add("all records", "all", row["text"])
        add("organisation", row["organisation"], row["text"])
        add("team", row["team"], row["text"])
        add("month", "2026-03", row["text"])
    return figures


def report_figures(out: Path, dimensions=("all records", "folder", "organisation", "team", "month")) -> dict:
    with open(out / "report.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["dimension"], r["value"]): [int(r["records"]), int(r["records with no warning or suggestion"])] for r in rows if r["dimension"] in dimensions}


def visible_text(html: str) -> str:
    return read_bytes(html.encode("utf-8"), ".html")


# ------------------------------------------------------------------------ a whole scan


def test_a_scan_of_an_archive_gives_the_figures_a_direct_check_gives(client, tmp_path):
    archive = make_archive(tmp_path)

    outcome = run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())

    assert outcome.code == EXIT_OK
    assert report_figures(tmp_path / "scan") == expected_figures(archive)
    manifest = json.loads((tmp_path / "scan" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["partitions"]) > 5, "a small partition size cuts the archive into many tasks"
    assert len(list((tmp_path / "scan" / "parts").glob("p*.parquet"))) == len(manifest["partitions"])
    assert manifest["rules_version"] and manifest["options"]["by"] == ["organisation", "team"]


def test_the_parts_hold_rule_ids_and_counts_but_never_the_words_found(client, tmp_path):
    import pyarrow.parquet as pq

    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())

    table = pq.read_table(tmp_path / "scan" / "parts")
    assert {"record", "source", "month", "characters", "warnings", "suggestions", "findings"} <= set(table.column_names)
    rules = {f["rule"] for row in table["findings"].to_pylist() for f in row}
    assert "labelling.liar" in rules and "care.respite" in rules
    flat = json.dumps(table.select(["findings"]).to_pylist())
    assert "liar" not in flat.replace("labelling.liar", "") and "Kai" not in flat


def test_a_csv_note_that_spans_lines_is_one_record_wherever_the_cuts_fall(tmp_path):
    path = tmp_path / "notes.csv"
    rows = [["id", "text"]] + [[f"r{i}", f'Line one of {i}\nline "two", of {i}\r\n' * (i % 4 + 1)] for i in range(400)]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)

    partitions, errors = plan([str(path)], 700, TableOptions(id_column="id"))
    found, problems = [], []
    for partition in partitions:
        found.extend((item.record, item.text) for item in read_partition(partition, problems))

    assert not errors and not problems
    assert len(partitions) > 20
    assert found == [(r[0], r[1]) for r in rows[1:]]
    cuts = csv_cuts(str(path), partitions[0].start, path.stat().st_size, 700)
    with open(path, "rb") as handle:
        data = handle.read()
    assert all(data[:offset].count(b'"') % 2 == 0 for offset, _ in cuts), "no cut falls inside a quoted field"


def test_a_parquet_export_is_read_by_row_groups_with_its_dates_as_months(client, tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "note": [note(i) for i in range(40)],
            "team": [TEAMS[i % 2] for i in range(40)],
            "written": [dt.date(2026, 1 + i % 3, 5) for i in range(40)],
        }
    )
    (tmp_path / "export").mkdir()
    pq.write_table(table, tmp_path / "export" / "notes.parquet", row_group_size=5)

    outcome = run_scan(
        ScanOptions(inputs=[str(tmp_path / "export")], out=str(tmp_path / "scan"), by=["team"], date_column="written", partition_mb=0.0001, quiet=True),
        client=client,
        stream=io.StringIO(),
    )

    assert outcome.code == EXIT_OK
    figures = report_figures(tmp_path / "scan")
    assert figures[("all records", "all")] == [40, sum(not faults(note(i)) for i in range(40))]
    assert figures[("month", "2026-02")][0] == 13
    assert len(json.loads((tmp_path / "scan" / "manifest.json").read_text())["partitions"]) == 8


# --------------------------------------------------------------------------- resume


def test_a_stopped_scan_resumed_gives_the_same_report_and_redoes_no_finished_part(client, tmp_path):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "whole"), client=client, stream=io.StringIO())

    stopped = io.StringIO()
    first = run_scan(options(archive, tmp_path / "halves"), client=client, stop_after=3, stream=stopped)
    parts = tmp_path / "halves" / "parts"
    kept = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in parts.glob("p*.parquet")}
    total = len(json.loads((tmp_path / "halves" / "manifest.json").read_text())["partitions"])

    second = run_scan(options(archive, tmp_path / "halves", resume=True), client=client, stream=io.StringIO())

    assert first.code == EXIT_INTERRUPTED
    assert "goldenthread scan --resume --out" in stopped.getvalue()
    assert 3 <= len(kept) < total
    assert second.code == EXIT_OK
    assert second.partitions_this_run <= total - len(kept)
    assert {name: (p.stat().st_ino, p.stat().st_mtime_ns) for name, p in ((n, parts / n) for n in kept)} == kept
    assert (tmp_path / "halves" / "report.csv").read_text() == (tmp_path / "whole" / "report.csv").read_text()


def test_a_damaged_part_or_a_half_written_file_is_scanned_again_on_resume(client, tmp_path):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())
    before = (tmp_path / "scan" / "report.csv").read_text()
    parts = tmp_path / "scan" / "parts"
    damaged = parts / "p000002.parquet"
    damaged.write_bytes(damaged.read_bytes()[:100])  # as if the disk had lost its end
    (parts / ".tmp-p000003-0123.partial").write_bytes(b"PAR1 half a file")
    untouched = (parts / "p000001.parquet").stat().st_mtime_ns

    outcome = run_scan(options(archive, tmp_path / "scan", resume=True), client=client, stream=io.StringIO())

    assert outcome.code == EXIT_OK and outcome.partitions_this_run == 1
    assert (parts / "p000001.parquet").stat().st_mtime_ns == untouched
    assert not list(parts.glob(".tmp-*"))
    assert (tmp_path / "scan" / "report.csv").read_text() == before


def test_resuming_with_other_options_is_refused_and_says_what_differs(client, tmp_path):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stop_after=1, stream=io.StringIO())

    with pytest.raises(ScanError, match=r"--by was \['organisation', 'team'\], now \['team'\]"):
        run_scan(options(archive, tmp_path / "scan", by=["team"], resume=True), client=client, stream=io.StringIO())
    with pytest.raises(ScanError, match="--partition-mb"):
        run_scan(options(archive, tmp_path / "scan", partition_mb=5, resume=True), client=client, stream=io.StringIO())


def test_a_new_scan_into_a_folder_that_holds_one_is_refused_with_the_way_to_resume(client, tmp_path, capsys):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stop_after=1, stream=io.StringIO())

    code = main(["scan", str(archive), "--out", str(tmp_path / "scan"), "--quiet"])

    assert code == 2
    assert "--resume" in capsys.readouterr().err


def test_resume_with_nothing_to_resume_is_refused(tmp_path, capsys):
    assert main(["scan", "--resume", "--out", str(tmp_path / "empty")]) == 2
    assert "holds no scan" in capsys.readouterr().err


# ------------------------------------------------------------------------- bad input


def test_broken_files_are_each_reported_and_everything_else_is_scanned(client, tmp_path):
    archive = make_archive(tmp_path)
    (archive / "west-team" / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a docx")
    (archive / "damaged.zip").write_bytes(b"PK\x05\x06 a zip with its directory missing")
    (archive / "west-team" / "scanned.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    with open(archive / "handover.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write("id,team,text\n")
        handle.write("h1,East,We met at the park.\n")
        handle.write("h2,East,too,many,fields\n")
        handle.write('h3,West,"a quotation mark that never closes\n')
        handle.write("h4,West,Mum failed to engage with the plan.\n")
        handle.write("h5,West,She wanted a story before bed.\n")
    with open(archive / "visits.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"id": "v99", "text": "cut short\n')
        handle.write(json.dumps({"id": "v100", "organisation": "Riverbend Police", "team": "North", "text": "We met at the park."}) + "\n")
    out = tmp_path / "scan"

    outcome = run_scan(options(archive, out, date_column=None, by=["team"]), client=client, stream=io.StringIO())

    assert outcome.code == EXIT_ITEMS_FAILED
    with open(out / "errors.csv", encoding="utf-8", newline="") as handle:
        errors = list(csv.DictReader(handle))
    reasons = {(Path(e["source"]).name, e["where"]): e["reason"] for e in errors}
    assert "not a valid .docx file" in reasons[("broken.docx", "")]
    assert "not a readable .zip file" in reasons[("damaged.zip", "")]
    assert "binary data" in reasons[("scanned.txt", "")]
    assert "header has 3" in reasons[("handover.csv", "line 3")]
    assert "never closed" in reasons[("handover.csv", "line 4")]
    assert "not valid JSON" in next(r for (name, _), r in reasons.items() if name == "visits.jsonl")
    assert len(errors) == 6
    figures = report_figures(out, dimensions=("all records", "team"))
    expected = expected_figures(make_archive(tmp_path / "clean"))
    assert figures[("all records", "all")][0] == expected[("all records", "all")][0] + 4, "h1, h4, h5 and v100 are scanned"
    assert "could not be read" in (out / "report.html").read_text(encoding="utf-8")


def test_a_table_without_a_text_column_is_an_error_that_names_its_columns(client, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "odd.csv").write_text("id,comment\n1,We met at the park.\n", encoding="utf-8")
    (tmp_path / "in" / "fine.txt").write_text("We met at the park.", encoding="utf-8")

    outcome = run_scan(ScanOptions(inputs=[str(tmp_path / "in")], out=str(tmp_path / "scan"), quiet=True), client=client, stream=io.StringIO())

    assert outcome.code == EXIT_ITEMS_FAILED
    assert outcome.figures.records == 1
    assert "--text-column" in outcome.figures.errors[0]["reason"] and "comment" in outcome.figures.errors[0]["reason"]


# ---------------------------------------------------------------------------- report


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.tags, self.open = [], Counter(), []
        self.attributes: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attributes.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def test_the_report_is_readable_on_a_phone_accessible_and_standalone(client, tmp_path):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())
    html = (tmp_path / "scan" / "report.html").read_bytes().decode("utf-8")

    page = _Structure()
    page.feed(html)

    assert page.headings[0] == 1 and all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    assert page.tags["script"] == 0 and "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert page.tags["table"] == page.tags["caption"] > 3
    regions = [a for t, a in page.attributes if t == "div" and a.get("role") == "region"]
    assert len(regions) == page.tags["table"] and all(a.get("tabindex") == "0" and a.get("aria-labelledby") for a in regions)
    assert all(a.get("scope") in ("col", "row") for t, a in page.attributes if t == "th")
    svg = next(a for t, a in page.attributes if t == "svg")
    assert svg["role"] == "img" and "chart-title" in svg["aria-labelledby"] and page.tags["title"] == 2 and page.tags["desc"] == 1
    assert "March 2026" in html and "width=device-width" in html and "overflow-x:auto" in html


def test_the_reports_own_words_pass_the_language_check(client, tmp_path):
    archive = make_archive(tmp_path)
    (archive / "west-team" / "broken.docx").write_bytes(b"not a docx")
    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())
    text = visible_text((tmp_path / "scan" / "report.html").read_text(encoding="utf-8"))
    text = text.replace(str(archive), "the archive")  # the file names are the archive's, not the report's words

    assert [(f.rule, f.text) for f in check(text) if f.is_fault] == []


def test_the_report_names_no_author_and_holds_no_words_found(client, tmp_path):
    archive = make_archive(tmp_path)
    with pytest.raises(ScanError, match="names people"):
        run_scan(options(archive, tmp_path / "refused", by=["author"]), client=client, stream=io.StringIO())

    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())
    report = (tmp_path / "scan" / "report.html").read_text(encoding="utf-8") + (tmp_path / "scan" / "report.csv").read_text(encoding="utf-8")

    assert not any(author in report for author in AUTHORS)
    assert "Kai" not in report and "Ossie" not in report and "park" not in report
    assert "No person is named or ranked" in report


def test_with_names_a_report_by_author_is_allowed_and_says_so(client, tmp_path):
    archive = make_archive(tmp_path)

    run_scan(options(archive, tmp_path / "scan", by=["author"], names=True), client=client, stream=io.StringIO())
    report = (tmp_path / "scan" / "report.html").read_text(encoding="utf-8")

    assert all(author in report for author in AUTHORS)
    assert "--names" in report and "never to rank a colleague" in report


def test_a_column_of_peoples_names_is_recognised_by_its_name():
    assert all(names_people(c) for c in ("author", "Practitioner", "created_by", "caseWorker", "name", "Staff name"))
    assert not any(names_people(c) for c in ("team", "organisation", "team_name", "record type", "service"))


def test_report_cells_cannot_start_a_formula_in_a_spreadsheet(client, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.csv").write_text('team,text\n=HYPERLINK("x"),We met at the park.\n+East,She wanted a story.\n', encoding="utf-8")

    run_scan(ScanOptions(inputs=[str(tmp_path / "in")], out=str(tmp_path / "scan"), by=["team"], quiet=True), client=client, stream=io.StringIO())
    values = [row[1] for row in csv.reader(io.StringIO((tmp_path / "scan" / "report.csv").read_text(encoding="utf-8")))]

    assert '\'=HYPERLINK("x")' in values and "'+East" in values
    assert safe_cell("－1") == "'－1" and safe_cell("East") == "East"


def test_the_report_can_be_written_again_from_the_parts(client, tmp_path, capsys):
    archive = make_archive(tmp_path)
    run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())
    before = (tmp_path / "scan" / "report.csv").read_text()
    (tmp_path / "scan" / "report.csv").unlink()

    code = main(["scan", "--report-only", "--out", str(tmp_path / "scan")])

    assert code == 0
    assert (tmp_path / "scan" / "report.csv").read_text() == before
    assert "Report:" in capsys.readouterr().out


# --------------------------------------------------------------------------- the command


def test_a_scan_runs_unchanged_on_an_existing_cluster_given_its_address(client, tmp_path):
    archive = make_archive(tmp_path)

    outcome = run_scan(options(archive, tmp_path / "scan", scheduler=client.scheduler.address), stream=io.StringIO())

    assert outcome.code == EXIT_OK
    assert report_figures(tmp_path / "scan") == expected_figures(archive)
    assert client.status == "running", "the cluster is someone else's: the scan leaves it running"


def test_the_command_scans_on_a_local_cluster_of_worker_processes(tmp_path, capsys):
    (tmp_path / "in" / "riverbend").mkdir(parents=True)
    for i in range(4):
        (tmp_path / "in" / "riverbend" / f"n{i}.txt").write_text(note(i), encoding="utf-8")

    code = main(["scan", str(tmp_path / "in"), "--out", str(tmp_path / "scan"), "--workers", "1", "--partition-mb", "0.0001"])
    out, err = capsys.readouterr()

    assert code == 0, err
    assert "Scanned 4 records" in out and "MB/s" in out and "of records have no warning or suggestion" in out
    assert str(tmp_path / "scan" / "report.html") in out
    assert "4/4 parts" in err
    assert not os.listdir(tmp_path / "scan" / "parts") == []


def test_a_link_in_the_archive_to_a_file_elsewhere_is_not_followed(client, tmp_path):
    archive = make_archive(tmp_path)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Words outside the archive: the child absconded.\n", encoding="utf-8")
    (archive / "west-team" / "link.txt").symlink_to(elsewhere)

    outcome = run_scan(options(archive, tmp_path / "scan"), client=client, stream=io.StringIO())

    assert outcome.code == EXIT_ITEMS_FAILED
    errors = (tmp_path / "scan" / "errors.csv").read_text(encoding="utf-8")
    assert "link.txt" in errors and "not followed" in errors
    (archive / "west-team" / "link.txt").unlink()
    assert report_figures(tmp_path / "scan") == expected_figures(archive)
