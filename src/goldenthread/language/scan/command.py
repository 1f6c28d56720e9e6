"""The options of `goldenthread scan` and what the command does with them.

Kept light: Dask and pyarrow are imported only when a scan runs, so `goldenthread check`
starts as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Scan an archive (tens of GB of case notes and letters) on a Dask cluster and write a report.

INPUT: files or folders (searched recursively) of documents (.txt .md .docx .odt .pdf .html),
.zip files of documents (read from the zip, never unpacked to disk), and tables of notes:
CSV, JSON lines (.jsonl .ndjson) and Parquet.

The output folder DIR gets manifest.json (what is being scanned, and how), parts/ (one
Parquet file of findings per partition; rule ids only, never the words found),
report.html, report.csv and errors.csv.

By default the work runs on this machine (a local cluster, one worker process per core).
With --scheduler tcp://HOST:PORT it runs unchanged on an existing Dask cluster: every
worker must be able to read the INPUT paths and write to DIR at the same paths (shared
storage).
"""

EPILOG = """\
exit status: 0 every item was scanned; 1 some items could not be read (each is listed in
DIR/errors.csv and in the summary; everything else was scanned); 2 a bad option, a folder
that already holds a scan, or options that differ on --resume; 130 stopped (Ctrl+C):
finished parts are kept, carry on with --resume.
"""


def add_parser(sub) -> None:
    scan = sub.add_parser(
        "scan",
        help="scan a whole archive on a Dask cluster and write a report",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    scan.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders; may be left out with --resume or --report-only")
    scan.add_argument("--out", required=True, metavar="DIR", help="the output folder (created if need be)")
    scan.add_argument("--text-column", metavar="COL", help="tables: the column to check (default: a column called text, note, notes or body)")
    scan.add_argument("--by", action="append", default=[], metavar="COL", help="tables: a column to report by, such as organisation or team (may be repeated)")
    scan.add_argument("--date-column", metavar="COL", help="tables: the date of each record, reported by month (documents: when the file was last saved)")
    scan.add_argument("--id-column", metavar="COL", help="tables: the record's id (default: the file and line or row)")
    scan.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: the available cores)")
    scan.add_argument("--threads-per-worker", type=int, default=1, metavar="N", help="threads in each local worker (default 1)")
    scan.add_argument("--scheduler", metavar="ADDR", help="run on an existing Dask cluster, such as tcp://10.0.0.5:8786")
    scan.add_argument("--partition-mb", type=float, default=64.0, metavar="N", help="about how much input one task reads (default 64)")
    scan.add_argument("--resume", action="store_true", help="carry on a stopped scan in DIR: finished parts are kept, the rest are scanned")
    scan.add_argument("--report-only", action="store_true", help="write the report of DIR again from its parts, scanning nothing")
    scan.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="a partnership rules file (may be repeated)")
    scan.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    scan.add_argument(
        "--names", action="store_true", help="allow --by a column that names people (practitioners, authors); without it the report names and ranks nobody"
    )
    scan.set_defaults(handler=run)


def run(args) -> int:
    from .run import EXIT_ITEMS_FAILED, EXIT_OK, ScanError, ScanOptions, print_summary, run_scan

    out = Path(args.out).absolute()
    if args.report_only:
        from .report import build_report
        from .run import Outcome

        figures = build_report(out)  # a missing or foreign manifest raises ScanError (a ValueError): exit 2
        print_summary(Outcome(code=EXIT_OK, figures=figures), out, sys.stdout)
        return EXIT_ITEMS_FAILED if figures.error_count else EXIT_OK
    if args.workers is not None and args.workers < 1:
        raise ScanError("--workers must be at least 1")
    if args.threads_per_worker < 1:
        raise ScanError("--threads-per-worker must be at least 1")
    options = ScanOptions(
        inputs=list(args.inputs),
        out=str(out),
        text_column=args.text_column,
        by=list(args.by),
        date_column=args.date_column,
        id_column=args.id_column,
        partition_mb=args.partition_mb,
        lexicon=list(args.lexicon),
        names=args.names,
        workers=args.workers,
        threads_per_worker=args.threads_per_worker,
        scheduler=args.scheduler,
        resume=args.resume,
        quiet=args.quiet,
    )
    outcome = run_scan(options)
    print_summary(outcome, out, sys.stdout)
    return outcome.code
