"""The `goldenthread` command: `goldenthread check PATH...`, `goldenthread eval FILE.jsonl`,
`goldenthread rules`, and `goldenthread scan INPUT... --out DIR` (an archive on Dask; scan/).

Exit status of check: 0 when nothing is found, 1 when something is, 2 on an error (a bad
option, a rules file that cannot be used, or a file that cannot be read; every
other file is still checked). scan has its own (see `goldenthread scan --help`).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from . import context
from .engine import AUDIENCES, Engine, default_engine, load_engine
from .evaluate import (
    by_category,
    cross_validate,
    cross_validation_summary,
    evaluate,
    format_categories,
    format_cross_validation,
    format_report,
    load_items,
    load_provenance,
)
from .readers import DEFAULT_MAX_BYTES, SUPPORTED, UnreadableFile, decode_text, read_text
from .reports import html_report, json_report, sarif_report
from .rulebook import RuleError
from .scan.command import add_parser as _add_scan_parser

PROG = "goldenthread"
_PARALLEL_FROM = 8  # files; below this, starting worker processes costs more than it saves
_PROGRESS_FROM = 20


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.handler(args)
    except (RuleError, ValueError) as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Find language that is not trauma-informed, explain why it matters, and offer reframes.",
    )
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser(
        "check", help="check files, folders or standard input", description="Check documents (.txt .md .docx .odt .pdf .html) or folders of them."
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively); - for standard input")
    check.add_argument(
        "--format",
        choices=("text", "json", "sarif", "html"),
        default="text",
        help="json: one document, each rule's details once; sarif: SARIF 2.1.0 for editors and code-scanning tools",
    )
    check.add_argument("--audience", choices=AUDIENCES, help="whose guidance to follow where it differs")
    check.add_argument(
        "--mode", choices=("default", "child"), default="default", help="'child' for plans and letters written to a child or young person (adds reading age)"
    )
    check.add_argument("--lexicon", action="append", metavar="FILE", help="a partnership rules file that adds terms or switches rules off (may be repeated)")
    check.add_argument("--fix", action="store_true", help="write a copy of each .txt/.md file with the first suggestion applied, for review")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report here instead of standard output")
    check.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: all available cores)")
    check.add_argument(
        "--progress", choices=("auto", "always", "never"), default="auto", help="progress bar on standard error (auto: when checking 20 or more files)"
    )
    check.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        metavar="MB",
        help=f"skip files larger than this, with an error (default {DEFAULT_MAX_BYTES / 1e6:.0f})",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="text format: print the summary only")
    check.set_defaults(handler=_run_check)

    ev = sub.add_parser("eval", help="measure precision and recall on labelled sentences (JSON lines), cross-validated by source page")
    ev.add_argument("files", metavar="FILE.jsonl", nargs="+")
    ev.add_argument("--folds", type=int, metavar="N", help="cross-validation folds (default: evaluation.toml)")
    ev.add_argument("--quiet", "-q", action="store_true", help="text format: the figures only, not the items missed or flagged wrongly")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--audience", choices=AUDIENCES)
    ev.add_argument("--mode", choices=("default", "child"), default="default")
    ev.add_argument("--lexicon", action="append", metavar="FILE")
    ev.set_defaults(handler=_run_eval)

    rules = sub.add_parser("rules", help="list the rules in use (shipped and from --lexicon)")
    rules.add_argument("--lexicon", action="append", metavar="FILE")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=_run_rules)

    _add_scan_parser(sub)
    return parser


# ------------------------------------------------------------------------ check


def _run_check(args) -> int:
    engine = _engine(args.lexicon)
    gc.freeze()  # the engine outlives the run: keep the collector (and forked workers' copy-on-write) off it
    try:
        return _check_and_report(args, engine)
    finally:
        gc.unfreeze()


def _check_and_report(args, engine: Engine) -> int:
    files, errors = _collect(args.paths)
    task = _Task(
        audience=args.audience,
        mode=args.mode,
        max_bytes=int(args.max_size * 1e6),
        rows="full" if args.format in ("text", "html") else "compact",
        columns="utf16" if args.format == "sarif" else "codepoints",
        want_text=args.format == "html",
        fix=args.fix,
    )
    results: list[dict] = [{"path": p, "error": e, "findings": []} for p, e in errors]

    if "-" in args.paths:
        data = sys.stdin.buffer.read()
        try:
            text = decode_text(data) if data else ""
            results.append(_result_for_text("-", text, engine, task))
        except UnreadableFile as exc:
            results.append({"path": "-", "error": str(exc), "findings": []})

    show_progress = args.progress == "always" or (args.progress == "auto" and len(files) >= _PROGRESS_FROM)
    progress = _Progress(len(files)) if show_progress and files else None
    jobs = args.jobs or _available_cores()
    started = time.perf_counter()
    for result in _check_files(files, engine, task, jobs, args.lexicon):
        results.append(result)
        if result.get("error"):
            _error(f"{result['path']}: {result['error']}")
        if progress:
            progress.step()
    if progress:
        progress.done()
    for path, error in errors:
        _error(f"{path}: {error}")

    summary = _summary(results, engine, time.perf_counter() - started)
    if args.format in ("json", "sarif"):
        report = json_report(results, engine, summary) if args.format == "json" else sarif_report(results, engine)
        _write_bytes(report, args.output)
    else:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
        try:
            if args.format == "html":
                out.write(html_report(results, summary))
            else:
                _print_text(results, summary, out, quiet=args.quiet)
        finally:
            if args.output:
                out.close()
    if summary["files_with_errors"]:
        return 2
    return 1 if summary["faults"] else 0


def _write_bytes(report: bytes, output: str | None) -> None:
    if output:
        with open(output, "wb") as handle:
            handle.write(report)
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a test's capture, say)
        sys.stdout.write(report.decode("utf-8"))
    else:
        buffer.write(report)
        buffer.flush()


def _engine(lexicon) -> Engine:
    return load_engine(lexicon) if lexicon else default_engine()


def _available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _collect(paths: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check (folders searched recursively, hidden ones skipped) and paths that are not there."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    supported = frozenset(SUPPORTED)
    for raw in paths:
        if raw == "-":
            continue
        if os.path.isdir(raw):
            for root, dirs, names in os.walk(raw):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and os.path.splitext(name)[1].lower() in supported:
                        files.append(os.path.join(root, name))
        elif os.path.exists(raw):
            files.append(raw)
        else:
            errors.append((raw, "no such file or folder"))
    return files, errors


@dataclass(frozen=True)
class _Task:
    """What each file's check needs to know, the same for every file of a run."""

    audience: str | None
    mode: str
    max_bytes: int
    rows: str  # "full": every detail on each finding (text, html); "compact": details stay with the rule (json, sarif)
    columns: str  # "codepoints" or "utf16" (SARIF's default unit)
    want_text: bool
    fix: bool


# Worker processes: each is given a batch of paths and returns their results, so that a
# large archive costs a few hundred messages between processes, not one per file. Forked
# workers share the engine the parent loaded; others load it from the on-disk cache.
_WORKER: dict = {}
_BATCH_MAX = 256  # files


def _init_worker(lexicon, task: _Task) -> None:
    if "engine" not in _WORKER:
        _WORKER["engine"] = _engine(lexicon)
    _WORKER["task"] = task


def _check_batch(paths: list[str]) -> list[dict]:
    engine, task = _WORKER["engine"], _WORKER["task"]
    return [_check_path(path, engine, task) for path in paths]


def _batches(files: list[str], jobs: int) -> list[list[str]]:
    size = max(1, min(_BATCH_MAX, len(files) // (jobs * 8)))
    return [files[i : i + size] for i in range(0, len(files), size)]


def _check_files(files: list[str], engine: Engine, task: _Task, jobs: int, lexicon):
    if jobs <= 1 or len(files) < _PARALLEL_FROM:
        for path in files:
            yield _check_path(path, engine, task)
        return
    forking = _may_fork()
    ctx = get_context("fork" if forking else "spawn")
    if forking:
        _WORKER["engine"] = engine  # inherited by the forked workers: nothing to load or build
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=ctx, initializer=_init_worker, initargs=(None if forking else lexicon, task))
    try:
        for batch in pool.map(_check_batch, _batches(files, jobs)):
            yield from batch
    except BrokenProcessPool as exc:  # a worker died: say so rather than wait for it for ever
        raise ValueError("a worker process stopped before it finished; run the check again with --jobs 1") from exc
    finally:
        pool.shutdown(cancel_futures=True)  # a reader that stops early (`| head`) leaves nothing queued
        _WORKER.pop("engine", None)


def _may_fork() -> bool:
    """Forking copies the loaded engine for free, but only a process with one thread may fork
    safely: a lock another thread holds at that moment stays held in the child for ever. A
    program that calls the check with threads running (a server, a test run) gets fresh processes."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _check_path(path: str, engine: Engine, task: _Task) -> dict:
    try:
        text = read_text(path, max_bytes=task.max_bytes)
    except UnreadableFile as exc:
        return {"path": path, "error": str(exc), "findings": []}
    except Exception as exc:  # anything else: report it on one line and keep going
        return {"path": path, "error": f"cannot read ({type(exc).__name__}: {exc})", "findings": []}
    result = _result_for_text(path, text, engine, task)
    if task.fix and os.path.splitext(path)[1].lower() in (".txt", ".md", ".markdown", ".text"):
        result["fixed"] = _write_fix(path, text, result["_findings"], engine)
    result.pop("_findings", None)
    return result


def _result_for_text(path: str, text: str, engine: Engine, task: _Task) -> dict:
    try:
        findings = engine.check(text, audience=task.audience, mode=task.mode)
    except Exception as exc:  # a bug should cost one file, not the archive
        return {"path": path, "error": f"checking failed ({type(exc).__name__}: {exc})", "findings": []}
    rows = _rows(text, findings, engine, task) if findings else []
    result = {"path": path, "findings": rows, "characters": len(text), "_findings": findings}
    if task.want_text:
        result["text"] = text
    return result


def _rows(text: str, findings, engine: Engine, task: _Task) -> list[dict]:
    """One dict per finding. Compact rows leave out what the rule says (message, suggestions,
    guidance, category) unless this finding says something else (quoted words, reading age)."""
    lines = _Lines(text, utf16=task.columns == "utf16")
    rules = engine.by_id
    rows = []
    for f in findings:
        line, column = lines.position(f.start)
        if task.rows == "full":
            row = {
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "rule": f.rule,
                "category": f.category,
                "severity": f.severity,
                "message": f.message,
                "suggestions": list(f.suggestions),
                "guidance": f.guidance,
                "quoted": f.quoted,
                "line": line,
                "column": column,
                "context": _context_snippet(text, f.start, f.end),
            }
        else:
            row = {"start": f.start, "end": f.end, "line": line, "column": column, "text": f.text, "rule": f.rule, "severity": f.severity, "quoted": f.quoted}
            rule = rules.get(f.rule)
            if rule is None or f.message != rule.message:
                row["message"] = f.message
            if rule is None or list(f.suggestions) != list(rule.suggestions):
                row["suggestions"] = list(f.suggestions)
            if task.columns == "utf16":
                row["end_line"], row["end_column"] = lines.position(f.end)
        rows.append(row)
    return rows


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class _Lines:
    """Line and column (1-based) of offsets into a text; cheapest when asked in order.

    Columns count code points, or with utf16=True UTF-16 code units (a character beyond
    U+FFFF, such as most emoji, is two), as SARIF expects.
    """

    def __init__(self, text: str, utf16: bool = False):
        self.text = text
        self.offset = 0
        self.line = 1
        self.utf16 = utf16 and not text.isascii() and _ASTRAL.search(text) is not None

    def position(self, offset: int) -> tuple[int, int]:
        text = self.text
        if offset >= self.offset:
            self.line += text.count("\n", self.offset, offset)
        else:
            self.line -= text.count("\n", offset, self.offset)
        self.offset = offset
        line_start = text.rfind("\n", 0, offset) + 1
        column = offset - line_start + 1
        if self.utf16:
            column += len(_ASTRAL.findall(text, line_start, offset))
        return self.line, column


def _context_snippet(text: str, start: int, end: int, limit: int = 220) -> str:
    s_start, s_end = context.sentence_bounds(text, start, end)
    s_start, s_end = min(s_start, start), max(s_end, end)
    if s_end - s_start > limit:
        s_start = max(s_start, start - limit // 2)
        s_end = min(s_end, end + limit // 2)
    return " ".join(text[s_start:s_end].split())


def _write_fix(path: str, text: str, findings, engine: Engine) -> str | None:
    """Apply each fault's first suggestion, from the end backwards; write NAME.reframed.EXT."""
    rules = engine.by_id
    fixed = text
    last_start = len(text) + 1
    changed = 0
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        rule = rules.get(f.rule)
        if not f.is_fault or f.quoted or not f.suggestions or f.end <= f.start or f.end > last_start:
            continue
        if rule is not None and not rule.fixable:
            continue
        replacement = f.suggestions[0]
        if f.text[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        fixed = fixed[: f.start] + replacement + fixed[f.end :]
        last_start = f.start
        changed += 1
    if not changed:
        return None
    source = Path(path)
    target = source.with_name(f"{source.stem}.reframed{source.suffix}")
    target.write_text(fixed, encoding="utf-8")
    return str(target)


def _summary(results: list[dict], engine: Engine, seconds: float) -> dict:
    severities: Counter = Counter()
    categories: Counter = Counter()
    with_findings = 0
    rules = engine.by_id
    for result in results:
        faults_here = False
        for row in result.get("findings", ()):
            severity = row["severity"]
            severities[severity] += 1
            if severity != "info":
                faults_here = True
                rule = rules.get(row["rule"])
                categories[row.get("category") or (rule.category if rule is not None else "")] += 1
        with_findings += faults_here
    return {
        "files": len(results),
        "files_checked": sum(1 for r in results if not r.get("error")),
        "files_with_findings": with_findings,
        "files_with_errors": sum(1 for r in results if r.get("error")),
        "faults": severities["warning"] + severities["suggestion"],
        "warnings": severities["warning"],
        "suggestions": severities["suggestion"],
        "info": severities["info"],
        "by_category": dict(categories.most_common()),
        "characters": sum(r.get("characters", 0) for r in results),
        "seconds": round(seconds, 3),
    }


def _print_text(results: list[dict], summary: dict, out, *, quiet: bool) -> None:
    if not quiet:
        for result in results:
            for row in result.get("findings", []):
                label = "info (quoted words)" if row["quoted"] else row["severity"]
                out.write(f'{result["path"]}:{row["line"]}:{row["column"]}: {label} [{row["rule"]}] "{row["text"]}"\n')
                out.write(f"    {row['message']}\n")
                if row["suggestions"]:
                    out.write(f"    Try: {'; '.join(row['suggestions'])}\n")
                if row["text"]:
                    out.write(f"    In: {row['context']}\n")
            if result.get("fixed"):
                out.write(f"{result['path']}: wrote {result['fixed']} with suggestions applied; please review it\n")
    s = summary
    out.write(
        f"{s['files_checked']} file(s) checked: {s['faults']} finding(s) "
        f"({s['warnings']} warnings, {s['suggestions']} suggestions) and {s['info']} for information "
        f"in {s['files_with_findings']} file(s)" + (f"; {s['files_with_errors']} could not be read" if s["files_with_errors"] else "") + ".\n"
    )


class _Progress:
    """A progress bar on standard error; plain lines every 10% when it is not a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.count = 0
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.last_tenth = -1

    def step(self) -> None:
        self.count += 1
        if self.tty:
            if self.count == self.total or self.count % max(1, self.total // 200) == 0:
                width = 30
                filled = int(width * self.count / self.total)
                rate = self.count / max(1e-9, time.perf_counter() - self.started)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} files ({rate:.0f}/s)")
                sys.stderr.flush()
        else:
            tenth = 10 * self.count // self.total
            if tenth != self.last_tenth:
                self.last_tenth = tenth
                sys.stderr.write(f"{PROG}: checked {self.count}/{self.total} files\n")

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def _error(message: str) -> None:
    print(f"{PROG}: {' '.join(str(message).split())}", file=sys.stderr)


# ------------------------------------------------------------------------- eval


def _run_eval(args) -> int:
    engine = _engine(args.lexicon)
    items = []
    for path in args.files:
        try:
            items.extend(load_items(path))
        except OSError as exc:
            _error(f"{path}: {exc.strerror or exc}")
            return 2
        except ValueError as exc:
            _error(str(exc))
            return 2
    provenance = load_provenance()
    if args.folds is not None:
        if args.folds < 2:
            _error("--folds needs at least 2 folds")
            return 2
        provenance = replace(provenance, folds=args.folds)
    evaluation = evaluate(items, engine, audience=args.audience, mode=args.mode)
    cv = cross_validate(items, engine, provenance=provenance, mode=args.mode)
    if args.format == "json":
        payload = {
            "summary": evaluation.summary(),
            "by_category": by_category(evaluation),
            "cross_validated": cross_validation_summary(cv),
            "misses": [{"id": r.id, **m} for r in evaluation.items for m in r.missed],
            "false_flags": [
                {"id": r.id, "text": f["text"], "rule": f["rule"], "start": f["start"], "end": f["end"]} for r in evaluation.items for f in r.false_flags
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(format_report(evaluation, ", ".join(args.files), details=not args.quiet))
        print("\n".join(format_categories(evaluation) + format_cross_validation(cv)))
    return 0


# ------------------------------------------------------------------------ rules


def _run_rules(args) -> int:
    engine = _engine(args.lexicon)
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "category": r.category,
                        "severity": r.severity,
                        "patterns": r.patterns,
                        "message": r.message,
                        "suggestions": r.suggestions,
                        "guidance": r.guidance,
                        "source": r.source,
                    }
                    for r in engine.rules
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    by_category = Counter(r.category for r in engine.rules)
    for rule in engine.rules:
        print(f"{rule.id:45} {rule.severity:10} {rule.category}")
    print(f"\n{len(engine.rules)} rules: " + ", ".join(f"{c} {n}" for c, n in by_category.most_common()))
    return 0


def run() -> None:  # pragma: no cover - ends the process
    """main(), then exit at once: the rules' tables are large, and freeing them one object at a
    time on the way out costs a noticeable part of a short run. Everything is written first."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # a closed pipe: nothing more can be written anyway  # noqa: S110 (a closed pipe at exit has nothing left to tell)
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
