"""The `goldenthread` command: `goldenthread check PATH...` and `goldenthread eval FILE.jsonl`.

Exit status: 0 when nothing is found, 1 when something is, 2 on an error (a bad
option, a rules file that cannot be used, or a file that cannot be read; every
other file is still checked).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import time
from collections import Counter
from multiprocessing import get_context
from pathlib import Path

from . import context
from .engine import AUDIENCES, Engine, default_engine, load_engine
from .evaluate import evaluate, format_report, load_items
from .readers import DEFAULT_MAX_BYTES, SUPPORTED, UnreadableFile, decode_text, read_text
from .reports import html_report
from .rulebook import RuleError

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
    check.add_argument("--format", choices=("text", "json", "html"), default="text")
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

    ev = sub.add_parser("eval", help="measure precision and recall on labelled sentences (JSON lines)")
    ev.add_argument("file", metavar="FILE.jsonl")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--audience", choices=AUDIENCES)
    ev.add_argument("--mode", choices=("default", "child"), default="default")
    ev.add_argument("--lexicon", action="append", metavar="FILE")
    ev.set_defaults(handler=_run_eval)

    rules = sub.add_parser("rules", help="list the rules in use (shipped and from --lexicon)")
    rules.add_argument("--lexicon", action="append", metavar="FILE")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=_run_rules)
    return parser


# ------------------------------------------------------------------------ check


def _run_check(args) -> int:
    engine = _engine(args.lexicon)
    files, errors = _collect(args.paths)
    max_bytes = int(args.max_size * 1e6)
    want_text = args.format == "html"
    task = dict(audience=args.audience, mode=args.mode, max_bytes=max_bytes, want_text=want_text, fix=args.fix)
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

    summary = _summary(results, time.perf_counter() - started)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        if args.format == "json":
            json.dump({"files": [_public(r) for r in results], "summary": summary}, out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif args.format == "html":
            out.write(html_report(results, summary))
        else:
            _print_text(results, summary, out, quiet=args.quiet)
    finally:
        if args.output:
            out.close()
    if summary["files_with_errors"]:
        return 2
    return 1 if summary["faults"] else 0


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
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                        files.append(os.path.join(root, name))
        elif path.exists():
            files.append(str(path))
        else:
            errors.append((raw, "no such file or folder"))
    return files, errors


_WORKER: dict = {}


def _init_worker(lexicon) -> None:
    _WORKER["engine"] = _engine(lexicon)


def _check_one(args: tuple[str, dict]) -> dict:
    path, task = args
    return _check_path(path, _WORKER["engine"], task)


def _check_files(files: list[str], engine: Engine, task: dict, jobs: int, lexicon):
    if jobs <= 1 or len(files) < _PARALLEL_FROM:
        for path in files:
            yield _check_path(path, engine, task)
        return
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    ctx = get_context("fork") if sys.platform.startswith("linux") else get_context()
    with ctx.Pool(processes=min(jobs, len(files)), initializer=_init_worker, initargs=(lexicon,)) as pool:
        yield from pool.imap(_check_one, ((p, task) for p in files), chunksize=chunk)


def _check_path(path: str, engine: Engine, task: dict) -> dict:
    try:
        text = read_text(path, max_bytes=task["max_bytes"])
    except UnreadableFile as exc:
        return {"path": path, "error": str(exc), "findings": []}
    except Exception as exc:  # anything else: report it on one line and keep going
        return {"path": path, "error": f"cannot read ({type(exc).__name__}: {exc})", "findings": []}
    result = _result_for_text(path, text, engine, task)
    if task["fix"] and Path(path).suffix.lower() in (".txt", ".md", ".markdown", ".text"):
        result["fixed"] = _write_fix(path, text, result["_findings"], engine)
    result.pop("_findings", None)
    return result


def _result_for_text(path: str, text: str, engine: Engine, task: dict) -> dict:
    try:
        findings = engine.check(text, audience=task["audience"], mode=task["mode"])
    except Exception as exc:  # a bug should cost one file, not the archive
        return {"path": path, "error": f"checking failed ({type(exc).__name__}: {exc})", "findings": []}
    lines = _LineIndex(text)
    rows = []
    for f in findings:
        row = f.as_dict()
        row["line"], row["column"] = lines.position(f.start)
        row["context"] = _context_snippet(text, f.start, f.end)
        rows.append(row)
    result = {"path": path, "findings": rows, "characters": len(text), "_findings": findings}
    if task.get("want_text"):
        result["text"] = text
    return result


class _LineIndex:
    def __init__(self, text: str):
        self.starts = [0]
        i = text.find("\n")
        while i != -1:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


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


def _public(result: dict) -> dict:
    keep = {
        "path": result["path"],
        "findings": [
            {k: row[k] for k in ("start", "end", "text", "rule", "category", "severity", "message", "suggestions", "guidance", "quoted", "line", "column")}
            for row in result.get("findings", [])
        ],
    }
    if result.get("error"):
        keep["error"] = result["error"]
    if result.get("fixed"):
        keep["fixed"] = result["fixed"]
    return keep


def _summary(results: list[dict], seconds: float) -> dict:
    severities = Counter(row["severity"] for r in results for row in r.get("findings", []))
    categories = Counter(row["category"] for r in results for row in r.get("findings", []) if row["severity"] != "info")
    faults = severities["warning"] + severities["suggestion"]
    return {
        "files": len(results),
        "files_checked": sum(1 for r in results if not r.get("error")),
        "files_with_findings": sum(1 for r in results if any(row["severity"] != "info" for row in r.get("findings", []))),
        "files_with_errors": sum(1 for r in results if r.get("error")),
        "faults": faults,
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
    try:
        items = load_items(args.file)
    except OSError as exc:
        _error(f"{args.file}: {exc.strerror or exc}")
        return 2
    evaluation = evaluate(items, engine, audience=args.audience, mode=args.mode)
    if args.format == "json":
        payload = {
            "summary": evaluation.summary(),
            "misses": [{"id": r.id, **m} for r in evaluation.items for m in r.missed],
            "false_flags": [
                {"id": r.id, "text": f["text"], "rule": f["rule"], "start": f["start"], "end": f["end"]} for r in evaluation.items for f in r.false_flags
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(format_report(evaluation, args.file))
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
