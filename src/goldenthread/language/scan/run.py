"""Run an archive scan on Dask distributed: plan, manifest, bounded submission, resume, summary.

The driver (this process) plans the partitions (sources.plan), writes DIR/manifest.json,
and submits one task per partition that has no finished part yet, keeping only a few
times as many tasks in flight as there are worker threads (topped up as each finishes),
so that neither the scheduler nor the driver ever holds a million futures.

Each task (`scan_partition`, on a worker) reads its partition, checks every record with
the engine (loaded once per worker process), and writes DIR/parts/<partition>.parquet
through a temporary name and a rename, so a worker that is killed never leaves half a
file. The part's own metadata carries its counts and the items it could not read, so a
part on disk is complete evidence: `--resume` skips every partition whose part exists
and can be read, and redoes the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .layout import FORMAT, MANIFEST, PART_METADATA_KEY, PARTS, ScanError, part_path, read_manifest
from .sources import Partition, TableOptions, plan, read_partition

ERRORS_KEPT_PER_PART = 1000
EXIT_OK, EXIT_ITEMS_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# Words in a column's name that suggest it names people (practitioners, authors). The report
# neither names nor ranks people unless --names is given.
_PEOPLE_WORDS = frozenset(
    "author authors practitioner practitioners worker workers writer staff user username owner officer clinician employee "
    "manager supervisor person keyworker caseworker socialworker therapist nurse teacher by surname forename".split()
)


@dataclass
class ScanOptions:
    inputs: list[str]
    out: str
    text_column: str | None = None
    by: list[str] = field(default_factory=list)
    date_column: str | None = None
    id_column: str | None = None
    partition_mb: float = 64.0
    lexicon: list[str] = field(default_factory=list)
    names: bool = False
    workers: int | None = None
    threads_per_worker: int = 1
    scheduler: str | None = None
    resume: bool = False
    quiet: bool = False

    def compared(self) -> dict:
        """What must be the same when a scan is resumed (how many workers, and where, may change)."""
        return {
            "inputs": [os.path.abspath(p) for p in self.inputs],
            "text_column": self.text_column,
            "by": list(self.by),
            "date_column": self.date_column,
            "id_column": self.id_column,
            "partition_mb": self.partition_mb,
            "lexicon": [os.path.abspath(p) for p in self.lexicon],
            "names": self.names,
        }


@dataclass
class Outcome:
    code: int
    figures: object | None = None  # report.Figures, when the scan finished
    seconds: float = 0.0
    bytes_this_run: int = 0
    partitions_this_run: int = 0
    failed_partitions: list = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers


def names_people(column: str) -> bool:
    """True when a column's name suggests it holds people's names (author, practitioner, created_by, name)."""
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in column)
    tokens = [t for t in "".join(c if c.isalnum() else " " for c in spaced.lower()).split() if t]
    if any(t in _PEOPLE_WORDS for t in tokens):
        return True
    return tokens in (["name"], ["full", "name"], ["first", "name"], ["last", "name"], ["display", "name"])


def rules_version(lexicon: list[str]) -> str:
    from ..compiled import cache_key
    from ..rulebook import shipped_rule_paths

    try:
        return cache_key(shipped_rule_paths() + [Path(p) for p in lexicon])
    except OSError as exc:
        raise ScanError(f"cannot read the rules file {exc.filename}: {exc.strerror}") from None


def write_json_atomically(path: Path, value: dict) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def part_summary(path: Path) -> dict | None:
    """A finished part's own summary (counts and errors), or None when it is missing or cannot be read."""
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path).metadata or {}
        return json.loads(metadata[PART_METADATA_KEY])
    except (OSError, KeyError, ValueError, Exception):  # pyarrow raises ArrowInvalid for a damaged file
        return None


def _differences(before: dict, now: dict) -> list[str]:
    labels = {
        "inputs": "INPUT",
        "text_column": "--text-column",
        "by": "--by",
        "date_column": "--date-column",
        "id_column": "--id-column",
        "partition_mb": "--partition-mb",
        "lexicon": "--lexicon",
        "names": "--names",
    }
    return [f"{labels[k]} was {before.get(k)!r}, now {now.get(k)!r}" for k in labels if before.get(k) != now.get(k)]


# ------------------------------------------------------------------------- the worker

_ENGINES: dict = {}
_ENGINE_LOCK = threading.Lock()


def _engine(lexicon: tuple[str, ...]):
    with _ENGINE_LOCK:
        if lexicon not in _ENGINES:
            from ..engine import default_engine, load_engine

            _ENGINES[lexicon] = load_engine(list(lexicon)) if lexicon else default_engine()
        return _ENGINES[lexicon]


def scan_partition(partition: dict, out: str, lexicon: tuple[str, ...] = ()) -> dict:
    """On a worker: check every record of one partition and write its part. Returns its counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    started = time.perf_counter()
    part = Partition.from_dict(partition)
    engine = _engine(tuple(lexicon))
    by_names = ["folder"] if part.kind in ("files", "zip") else list(part.columns.get("by", []))
    columns: dict[str, list] = {k: [] for k in ("record", "source", "month", "characters", "warnings", "suggestions", "notes", "findings")}
    by_columns: dict[str, list] = {name: [] for name in by_names}
    errors: list = []
    clean = characters = 0
    for item in read_partition(part, errors):
        try:
            findings = engine.check(item.text)
        except Exception as exc:  # a fault in the engine costs one record, never the scan
            errors.append(_item_error(item.source, item.record, f"checking failed ({type(exc).__name__})"))
            continue
        counts = {"warning": 0, "suggestion": 0, "info": 0}
        rows = []
        for f in findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
            rows.append({"rule": f.rule, "category": f.category, "severity": f.severity})
        columns["record"].append(item.record)
        columns["source"].append(item.source)
        columns["month"].append(item.month)
        columns["characters"].append(len(item.text))
        columns["warnings"].append(counts["warning"])
        columns["suggestions"].append(counts["suggestion"])
        columns["notes"].append(counts["info"])
        columns["findings"].append(rows)
        for name in by_names:
            by_columns[name].append(item.by.get(name, ""))
        characters += len(item.text)
        clean += not (counts["warning"] or counts["suggestion"])
    error_rows = [e if isinstance(e, dict) else e.as_dict() for e in errors]
    summary = {
        "partition": part.id,
        "records": len(columns["record"]),
        "clean": clean,
        "characters": characters,
        "bytes": part.bytes,
        "by": by_names,
        "error_count": len(error_rows),
        "errors": error_rows[:ERRORS_KEPT_PER_PART],
    }
    finding = pa.struct([("rule", pa.string()), ("category", pa.string()), ("severity", pa.string())])
    schema = pa.schema(
        [
            ("record", pa.string()),
            ("source", pa.string()),
            ("month", pa.string()),
            ("characters", pa.int64()),
            ("warnings", pa.int32()),
            ("suggestions", pa.int32()),
            ("notes", pa.int32()),
            ("findings", pa.list_(finding)),
            *((f"by:{name}", pa.string()) for name in by_names),
        ],
        metadata={PART_METADATA_KEY: json.dumps(summary, ensure_ascii=False).encode()},
    )
    arrays = [columns[k] for k in ("record", "source", "month", "characters", "warnings", "suggestions", "notes", "findings")]
    arrays += [by_columns[name] for name in by_names]
    table = pa.Table.from_arrays([pa.array(values, type=schema.field(i).type) for i, values in enumerate(arrays)], schema=schema)
    target = Path(out) / PARTS / f"{part.id}.parquet"
    temporary = target.with_name(f".tmp-{part.id}-{uuid.uuid4().hex}.partial")
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
    return {k: summary[k] for k in ("partition", "records", "clean", "characters", "bytes", "error_count")} | {"seconds": time.perf_counter() - started}


def _item_error(source: str, where: str, reason: str) -> dict:
    return {"source": source, "where": where if where != source else "", "reason": reason}


# ------------------------------------------------------------------------- the driver


class _Progress:
    """Partitions and megabytes done, on standard error: a bar on a terminal, else a line every 10%."""

    def __init__(self, total: int, total_bytes: int, stream):
        self.total, self.total_bytes, self.stream = total, total_bytes, stream
        self.count = self.bytes = 0
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.started = time.perf_counter()
        self.last_tenth = -1

    def step(self, size: int) -> None:
        self.count += 1
        self.bytes += size
        seconds = max(1e-9, time.perf_counter() - self.started)
        mb, total_mb = self.bytes / 1e6, self.total_bytes / 1e6
        if self.tty:
            filled = int(30 * self.count / max(1, self.total))
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} parts, {mb:,.1f}/{total_mb:,.1f} MB ({mb / seconds:.1f} MB/s)   "
            )
            self.stream.flush()
        else:
            tenth = 10 * self.count // max(1, self.total)
            if tenth != self.last_tenth:
                self.last_tenth = tenth
                self.stream.write(f"goldenthread scan: {self.count}/{self.total} parts, {mb:,.1f}/{total_mb:,.1f} MB\n")

    def done(self) -> None:
        if self.tty:
            self.stream.write("\n")


class _Stop(Exception):
    """Raised by the test hook `stop_after`, handled as Ctrl+C is."""


def _available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _dashboard_available() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True


def _start_client(options: ScanOptions):
    from dask.distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if options.scheduler:
        try:
            return Client(options.scheduler, timeout="15s"), None
        except (OSError, TimeoutError) as exc:
            raise ScanError(f"cannot reach the scheduler at {options.scheduler} ({exc})") from None
    workers = options.workers or _available_cores()
    # Ctrl+C is for the driver, which stops the scan cleanly and closes the cluster; worker processes
    # started while it is ignored ignore it too, instead of each printing a traceback.
    interactive = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if interactive else None
    try:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=options.threads_per_worker,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    finally:
        if interactive:
            signal.signal(signal.SIGINT, previous)
    return Client(cluster), cluster


class _Manifest:
    """DIR/manifest.json, rewritten atomically; while a scan runs, no more often than every few seconds."""

    def __init__(self, out: Path, data: dict):
        self.path, self.data = out / MANIFEST, data
        self.last = 0.0
        self.interval = 2.0

    def write(self, *, force: bool = True) -> None:
        now = time.perf_counter()
        if not force and now - self.last < self.interval:
            return
        self.data["updated"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        write_json_atomically(self.path, self.data)
        took = time.perf_counter() - now
        self.last = time.perf_counter()
        self.interval = max(2.0, 20 * took)  # a huge manifest is written less often


def prepare(options: ScanOptions) -> tuple[Path, dict]:
    """The output folder and its manifest: a new scan planned, or the one to resume checked."""
    out = Path(os.path.abspath(options.out))
    if options.partition_mb <= 0:
        raise ScanError("--partition-mb must be more than 0")
    for column in options.by:
        if names_people(column) and not options.names:
            raise ScanError(
                f"--by {column}: this column looks as if it names people (practitioners or authors). "
                "The report does not name or rank people unless you add --names."
            )
    if options.resume:
        manifest = read_manifest(out)
        if not options.inputs:  # `--resume --out DIR` alone: everything as it was
            saved = manifest["options"]
            options.inputs = saved["inputs"]
            for key in ("text_column", "by", "date_column", "id_column", "partition_mb", "lexicon", "names"):
                setattr(options, key, saved[key])
        differences = _differences(manifest["options"], options.compared())
        version = rules_version(options.lexicon)
        if version != manifest.get("rules_version"):
            differences.append("the rules (or the engine) have changed since the scan started")
        if differences:
            raise ScanError(
                "cannot resume: the options differ from the scan in "
                f"{out}: {'; '.join(differences)}. Resume with the same options, or start afresh in another folder."
            )
        (out / PARTS).mkdir(parents=True, exist_ok=True)
        return out, manifest
    if (out / MANIFEST).exists():
        raise ScanError(f"{out} already holds a scan. To carry it on: goldenthread scan --resume --out {out}; to start afresh, choose another folder.")
    if not options.inputs:
        raise ScanError("give at least one INPUT (a file or folder) to scan")
    version = rules_version(options.lexicon)
    table = TableOptions(text_column=options.text_column, by=tuple(options.by), date_column=options.date_column, id_column=options.id_column)
    partitions, errors = plan(options.inputs, max(1, int(options.partition_mb * 1e6)), table)
    (out / PARTS).mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "options": options.compared(),
        "rules_version": version,
        "input_errors": [e.as_dict() for e in errors],
        "partitions": [p.as_dict() for p in partitions],
        "done": {},
        "failed": {},
    }
    write_json_atomically(out / MANIFEST, manifest)
    return out, manifest


def run_scan(options: ScanOptions, *, client=None, stop_after: int | None = None, stream=None) -> Outcome:
    """Scan, write the report, print the summary. `client`: an existing Dask client (tests);
    `stop_after`: stop as Ctrl+C would once this many partitions have finished (tests)."""
    stream = stream or sys.stderr
    started = time.perf_counter()
    out, data = prepare(options)
    manifest = _Manifest(out, data)
    for stale in (out / PARTS).glob(".tmp-*"):
        stale.unlink(missing_ok=True)
    partitions = data["partitions"]
    todo = [p for p in partitions if part_summary(part_path(out, p["id"])) is None]
    redo = {p["id"] for p in todo}
    data["done"] = {k: v for k, v in data.get("done", {}).items() if k not in redo}
    data["failed"] = {}
    outcome = Outcome(code=EXIT_OK)
    owned = client is None
    cluster = None
    progress = None
    try:
        if todo:
            if owned:
                client, cluster = _start_client(options)
                if not options.quiet and _dashboard_available():
                    stream.write(f"Dashboard: {client.dashboard_link}\n")
            progress = None if options.quiet else _Progress(len(todo), sum(p.get("bytes", 0) for p in todo), stream)
            _submit_all(client, todo, out, options, manifest, outcome, progress, stop_after)
            if progress:
                progress.done()
    except (KeyboardInterrupt, _Stop):
        outcome.code = EXIT_INTERRUPTED
        if progress:
            progress.done()
    finally:
        if owned and client is not None:
            _close(client, cluster)
    if outcome.code == EXIT_INTERRUPTED:
        manifest.write()
        finished = sum(1 for p in partitions if part_path(out, p["id"]).exists())
        stream.write(
            f"Stopped. {finished} of {len(partitions)} parts are finished and kept in {out / PARTS}.\nTo carry on: goldenthread scan --resume --out {out}\n"
        )
        return outcome
    for partition in todo:  # every partition ends with a part or a recorded failure; anything else is a fault to report
        known = partition["id"] in data["failed"] or partition["id"] in data["done"]
        if not known and part_summary(part_path(out, partition["id"])) is None:
            data["failed"][partition["id"]] = {
                "source": partition["source"],
                "where": f"part {partition['id']}",
                "reason": "no part was written; resume to try again",
            }
    outcome.seconds = time.perf_counter() - started
    data["finished"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    manifest.write()
    from .report import build_report

    figures = build_report(out)
    outcome.figures = figures
    if figures.error_count:
        outcome.code = EXIT_ITEMS_FAILED
    return outcome


def _close(client, cluster) -> None:
    try:
        client.close()
        if cluster is not None:
            cluster.close()
    except Exception:  # closing after Ctrl+C may find workers already gone  # noqa: S110 (tidying up after a failure already being reported)
        pass


def _submit_all(client, todo, out: Path, options: ScanOptions, manifest: _Manifest, outcome: Outcome, progress, stop_after) -> None:
    from dask.distributed import as_completed

    lexicon = tuple(os.path.abspath(p) for p in options.lexicon)
    threads = sum(client.nthreads().values()) or 1
    in_flight = max(4, 3 * threads)
    run_token = uuid.uuid4().hex[:8]
    pending = iter(todo)
    by_key: dict = {}

    def submit(partition: dict):
        future = client.submit(scan_partition, partition, str(out), lexicon, key=f"scan-{partition['id']}-{run_token}", pure=False, retries=1)
        by_key[future.key] = partition
        return future

    futures = as_completed([submit(p) for p in islice(pending, in_flight)])
    finished = 0
    try:
        for future in futures:
            partition = by_key.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # the task itself failed (a worker died twice, a bug): this partition only
                failure = {"source": partition["source"], "where": f"part {partition['id']}", "reason": _why(exc)}
                outcome.failed_partitions.append(failure)
                manifest.data["failed"][partition["id"]] = failure
            else:
                manifest.data["done"][partition["id"]] = {k: result[k] for k in ("records", "clean", "bytes", "error_count")}
                outcome.bytes_this_run += partition.get("bytes", 0)
                outcome.partitions_this_run += 1
            future.release()
            manifest.write(force=False)
            if progress:
                progress.step(partition.get("bytes", 0))
            finished += 1
            if stop_after is not None and finished >= stop_after:
                raise _Stop
            following = next(pending, None)
            if following is not None:
                futures.add(submit(following))
    except BaseException:
        for future in list(futures.futures):
            future.cancel()
        raise


def _why(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return "the worker reading it stopped twice (out of memory?); resume to try again"
    return f"could not be scanned ({name}: {' '.join(str(exc).split())[:200]}); resume to try again"


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}" if number == 1 else f"{number:,} {thing}s"


def print_summary(outcome: Outcome, out: Path, stream) -> None:
    figures = outcome.figures
    if figures is None:
        return
    mb = figures.bytes / 1e6
    lines = [f"Scanned {_count(figures.records, 'record')} ({mb:,.1f} MB of input) in {outcome.seconds:,.1f} s"]
    if outcome.seconds > 0 and outcome.bytes_this_run:
        rate = outcome.bytes_this_run / 1e6 / outcome.seconds
        lines[0] += f": {rate:,.2f} MB/s" if rate < 10 else f": {rate:,.1f} MB/s"
        if outcome.bytes_this_run != figures.bytes:
            lines[0] += f" over the {outcome.bytes_this_run / 1e6:,.1f} MB scanned this time"
    lines[0] += "."
    if figures.records:
        lines.append(f"{figures.clean / figures.records:.1%} of records have no warning or suggestion ({figures.clean:,} of {figures.records:,}).")
    failed = figures.error_count
    if failed:
        lines.append(f"{_count(failed, 'item')} could not be read; each is listed in {out / 'errors.csv'}:")
        for error in figures.errors[:10]:
            where = f" ({error['where']})" if error.get("where") else ""
            lines.append(f"  {error['source']}{where}: {error['reason']}")
        if failed > 10:
            lines.append(f"  ... and {failed - 10:,} more")
    else:
        lines.append("Every item was read.")
    lines.append(f"Report: {out / 'report.html'} (figures in {out / 'report.csv'})")
    stream.write("\n".join(lines) + "\n")
