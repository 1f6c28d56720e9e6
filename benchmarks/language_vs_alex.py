"""Golden Thread's shared-language engine next to alex, in the same run: speed and what each finds.

    .venv/bin/python benchmarks/language_vs_alex.py [--alex-dir DIR] [--install] [--mb 0.5]
                                                    [--dev ../shared/language-eval/dev.jsonl]

alex (https://github.com/get-alex/alex, npm package `alex`) is a general "insensitive
writing" linter. This script is optional: it needs Node.js and alex installed in a folder
of its own, never in the project. With --install it runs
`npm install --prefix DIR alex@11.0.1` (DIR defaults to ~/.cache/goldenthread-alex).
Without Node.js, npm or alex it says so and exits with status 0.

1. Speed: both tools check the same sample of the benchmark corpus (--mb megabytes of the
   documents that benchmarks/language_speed.py builds). alex runs in one Node.js process
   through its JavaScript API (`text()`), timed inside that process, so start-up is not
   counted against it; wall time including start-up is printed too.
2. What each finds: both check every text of the dev set; span precision, recall and F1
   are scored the same way as `goldenthread eval` (a flag is correct if it overlaps a gold
   span). For our engine, `info` findings (quoted speech) are not flags; every alex
   message is a flag.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from language_speed import build_corpus  # noqa: E402

from goldenthread.language import check, default_engine  # noqa: E402

ALEX_VERSION = "11.0.1"
DEFAULT_DIR = Path.home() / ".cache" / "goldenthread-alex"
DEFAULT_DEV = Path(__file__).resolve().parents[2] / "shared" / "language-eval" / "dev.jsonl"

# Reads one JSON object per line ({"text": ...}); writes one line per text with alex's
# flags as code-point offsets, then a last line with the time spent inside alex.
NODE_SCRIPT = r"""
import {text as alex} from 'alex';
import {createInterface} from 'node:readline';
const lines = [];
for await (const line of createInterface({input: process.stdin, crlfDelay: Infinity})) {
  if (line) lines.push(JSON.parse(line).text);
}
const cp = (s, unit) => Array.from(s.slice(0, unit)).length;  // UTF-16 units -> code points
const out = [];
const started = process.hrtime.bigint();
const files = lines.map((t) => alex(t));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
files.forEach((file, i) => {
  const t = lines[i];
  const flags = file.messages.map((m) => {
    const place = m.place || m.position || {};
    const start = place.start ? place.start.offset : undefined;
    const end = place.end ? place.end.offset : undefined;
    return start === undefined ? {rule: m.ruleId} :
      {start: cp(t, start), end: cp(t, end), rule: m.ruleId, text: t.slice(start, end)};
  });
  out.push(JSON.stringify(flags));
});
out.push(JSON.stringify({seconds: elapsed}));
process.stdout.write(out.join('\n') + '\n');
"""


def find_alex(folder: Path, install: bool) -> tuple[Path | None, str]:
    """The folder holding node_modules/alex, or None and the reason."""
    if shutil.which("node") is None:
        return None, "Node.js (node) is not installed"
    if (folder / "node_modules" / "alex" / "package.json").exists():
        return folder, ""
    if not install:
        return None, (f"alex is not installed in {folder}; run again with --install (npm install --prefix {folder} alex@{ALEX_VERSION}) or pass --alex-dir")
    if shutil.which("npm") is None:
        return None, "npm is not installed"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"installing alex@{ALEX_VERSION} into {folder} ...", flush=True)
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(folder), f"alex@{ALEX_VERSION}"], capture_output=True, text=True)  # noqa: S603, S607 (a fixed tool found on PATH, fixed arguments)
    if done.returncode != 0:
        return None, f"npm install failed: {done.stderr.strip()[-300:]}"
    return folder, ""


def run_alex(folder: Path, texts: list[str]) -> tuple[list[list[dict]], float, float]:
    """alex's flags for each text, seconds inside alex, and wall seconds including start-up."""
    script = folder / "goldenthread-run-alex.mjs"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    payload = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    started = time.perf_counter()
    done = subprocess.run(["node", str(script)], input=payload, capture_output=True, text=True, cwd=folder, encoding="utf-8")  # noqa: S603, S607 (a fixed tool found on PATH, fixed arguments)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"alex failed: {done.stderr.strip()[-500:]}")
    lines = done.stdout.strip().split("\n")
    inside = json.loads(lines[-1])["seconds"]
    return [json.loads(line) for line in lines[:-1]], inside, wall


def score(items: list[dict], flags_per_item: list[list[dict]]) -> dict:
    """Span precision/recall/F1 as `goldenthread eval` scores them, and clean items flagged."""
    flags = correct = gold = found = clean = clean_flagged = 0
    for item, flags_here in zip(items, flags_per_item, strict=True):
        spans = [(s["start"], s["end"]) for s in item["spans"]]
        placed = [f for f in flags_here if "start" in f]
        gold += len(spans)
        flags += len(placed)
        correct += sum(1 for f in placed if any(f["start"] < e and s < f["end"] for s, e in spans))
        found += sum(1 for s, e in spans if any(f["start"] < e and s < f["end"] for f in placed))
        if not spans:
            clean += 1
            clean_flagged += bool(flags_here)
    p = correct / flags if flags else 1.0
    r = found / gold if gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "flags": flags,
        "correct": correct,
        "gold": gold,
        "found": found,
        "clean": clean,
        "clean_flagged": clean_flagged,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--alex-dir",
        type=Path,
        default=Path(os.environ.get("ALEX_DIR", DEFAULT_DIR)),
        help=f"folder where alex is (or will be) installed (default {DEFAULT_DIR})",
    )
    parser.add_argument("--install", action="store_true", help=f"npm install alex@{ALEX_VERSION} there if missing")
    parser.add_argument("--mb", type=float, default=0.5, help="corpus sample for the speed comparison (default 0.5 MB)")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="labelled set in the dev.jsonl format")
    args = parser.parse_args(argv)

    folder, why = find_alex(args.alex_dir, args.install)
    if folder is None:
        print(f"skipped: {why}. The comparison with alex is optional.")
        return 0

    default_engine()
    docs = build_corpus(args.mb)
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"sample: {len(docs):,} documents, {size_mb:.2f} MB of the benchmark corpus")

    started, cpu = time.perf_counter(), time.process_time()
    ours = [check(d) for d in docs]
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    ours_flags = sum(1 for fs in ours for f in fs if f.is_fault)
    alex_flags, alex_inside, alex_wall = run_alex(folder, docs)
    print(f"{'':14s}{'MB/s':>10s}{'seconds':>10s}{'flags':>9s}")
    print(f"{'goldenthread':14s}{size_mb / wall:10.2f}{wall:10.2f}{ours_flags:9d}   (CPU {cpu:.2f} s, one process)")
    print(
        f"{'alex':14s}{size_mb / alex_inside:10.2f}{alex_inside:10.2f}{sum(map(len, alex_flags)):9d}   (inside Node.js; {alex_wall:.2f} s wall with start-up)"
    )
    print(f"speed ratio: goldenthread is {alex_inside / wall:.0f}x alex on this sample")

    if not args.dev.exists():
        print(f"dev set not found at {args.dev}; pass --dev FILE to compare what each finds")
        return 0
    items = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [item["text"] for item in items]
    ours = [[{"start": f.start, "end": f.end, "rule": f.rule} for f in check(t) if f.is_fault] for t in texts]
    theirs, _, _ = run_alex(folder, texts)
    print(f"\nwhat each finds on {args.dev.name} ({len(items)} items, {sum(len(i['spans']) for i in items)} gold spans):")
    print(f"{'':14s}{'precision':>10s}{'recall':>8s}{'F1':>7s}{'flags':>7s}  clean items flagged")
    for name, found in (("goldenthread", ours), ("alex", theirs)):
        s = score(items, found)
        print(
            f"{name:14s}{s['precision']:10.3f}{s['recall']:8.3f}{s['f1']:7.3f}{s['flags']:7d}"
            f"  {s['clean_flagged']}/{s['clean']} ({s['clean_flagged'] / max(1, s['clean']):.0%})"
        )
    rules: dict[str, int] = {}
    for flags in theirs:
        for f in flags:
            rules[f.get("rule", "?")] = rules.get(f.get("rule", "?"), 0) + 1
    top = ", ".join(f"{r} {n}" for r, n in sorted(rules.items(), key=lambda kv: -kv[1])[:8])
    print(f"alex's most frequent rules on the dev set: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
