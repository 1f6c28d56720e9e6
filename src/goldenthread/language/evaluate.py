"""Measure the engine on labelled sentences (the format of shared/language-eval/dev.jsonl).

Span level: a flag is correct if it overlaps a gold span; precision = correct flags
/ all flags, recall = gold spans overlapped by a flag / all gold spans. Sentence
level: an item counts as flagged if the engine raises anything. Findings with
severity `info` (quoted speech, reading age) are not faults, so they never count
as flags.

Cross-validation is the honest figure. Items are split into folds by the page they
were quoted from, and each fold is scored by the rulebook without the rules that were
written or changed while looking at any of its items (a rule's `seen` field). Items the
whole rulebook was tuned on (`evaluation.toml`) are left out of it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .engine import Engine, default_engine


@dataclass
class ItemResult:
    id: str
    text: str
    gold: list[dict]
    flags: list[dict]
    missed: list[dict] = field(default_factory=list)
    false_flags: list[dict] = field(default_factory=list)


@dataclass
class Evaluation:
    items: list[ItemResult]
    flags: int
    correct_flags: int
    gold_spans: int
    found_spans: int
    sentences_gold: int
    sentences_flagged: int
    sentences_both: int
    clean_items: int
    clean_flagged: int

    @property
    def precision(self) -> float:
        return self.correct_flags / self.flags if self.flags else 1.0

    @property
    def recall(self) -> float:
        return self.found_spans / self.gold_spans if self.gold_spans else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def sentence_precision(self) -> float:
        return self.sentences_both / self.sentences_flagged if self.sentences_flagged else 1.0

    @property
    def sentence_recall(self) -> float:
        return self.sentences_both / self.sentences_gold if self.sentences_gold else 1.0

    @property
    def clean_flag_rate(self) -> float:
        return self.clean_flagged / self.clean_items if self.clean_items else 0.0

    def summary(self) -> dict:
        return {
            "items": len(self.items),
            "span_precision": round(self.precision, 4),
            "span_recall": round(self.recall, 4),
            "span_f1": round(self.f1, 4),
            "flags": self.flags,
            "correct_flags": self.correct_flags,
            "gold_spans": self.gold_spans,
            "gold_spans_found": self.found_spans,
            "sentence_precision": round(self.sentence_precision, 4),
            "sentence_recall": round(self.sentence_recall, 4),
            "clean_items": self.clean_items,
            "clean_items_flagged": self.clean_flagged,
            "clean_flag_rate": round(self.clean_flag_rate, 4),
        }


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def load_items(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if "text" not in item:
                raise ValueError(f"{path}:{number}: an item needs a 'text' field")
            items.append(item)
    return items


def evaluate(items: list[dict], engine: Engine | None = None, *, audience: str | None = None, mode: str | None = None) -> Evaluation:
    engine = engine or default_engine()
    results = []
    totals = dict(flags=0, correct=0, gold=0, found=0, s_gold=0, s_flag=0, s_both=0, clean=0, clean_flagged=0)
    for item in items:
        text = item["text"]
        gold = item.get("spans", [])
        flags = [f.as_dict() for f in engine.check(text, audience=audience, mode=mode) if f.is_fault]
        result = ItemResult(item.get("id", "?"), text, gold, flags)
        for flag in flags:
            if any(_overlaps(flag["start"], flag["end"], g["start"], g["end"]) for g in gold):
                totals["correct"] += 1
            else:
                result.false_flags.append(flag)
        for span in gold:
            if any(_overlaps(f["start"], f["end"], span["start"], span["end"]) for f in flags):
                totals["found"] += 1
            else:
                result.missed.append(span)
        totals["flags"] += len(flags)
        totals["gold"] += len(gold)
        totals["s_gold"] += bool(gold)
        totals["s_flag"] += bool(flags)
        totals["s_both"] += bool(gold) and bool(flags)
        totals["clean"] += not gold
        totals["clean_flagged"] += (not gold) and bool(flags)
        results.append(result)
    return Evaluation(
        results,
        totals["flags"],
        totals["correct"],
        totals["gold"],
        totals["found"],
        totals["s_gold"],
        totals["s_flag"],
        totals["s_both"],
        totals["clean"],
        totals["clean_flagged"],
    )


def format_report(evaluation: Evaluation, path: str, *, details: bool = True) -> str:
    s = evaluation.summary()
    lines = [
        f"Evaluation of {path}: {s['items']} items",
        "",
        f"span level      precision {s['span_precision']:.3f}  recall {s['span_recall']:.3f}  F1 {s['span_f1']:.3f}"
        f"   ({s['correct_flags']}/{s['flags']} flags correct, {s['gold_spans_found']}/{s['gold_spans']} gold spans found)",
        f"sentence level  precision {s['sentence_precision']:.3f}  recall {s['sentence_recall']:.3f}",
        f"clean items     {s['clean_items_flagged']}/{s['clean_items']} flagged ({100 * s['clean_flag_rate']:.1f}%)",
    ]
    if not details:
        return "\n".join(lines)
    missed = [(r, m) for r in evaluation.items for m in r.missed]
    false = [(r, f) for r in evaluation.items for f in r.false_flags]
    lines += ["", f"Misses ({len(missed)}): gold spans with no flag"]
    lines += [f"  {r.id}  {m.get('term', r.text[m['start'] : m['end']])!r} [{m.get('category', '')}]  in: {r.text}" for r, m in missed]
    lines += ["", f"False flags ({len(false)}): flags that overlap no gold span"]
    lines += [f"  {r.id}  {f['text']!r} [{f['rule']}]  in: {r.text}" for r, f in false]
    return "\n".join(lines)


# ------------------------------------------------------------------ per category


def by_category(evaluation: Evaluation) -> dict[str, dict]:
    """Span precision and recall for each category: recall by the gold span's category,
    precision by the category of the rule that flagged."""
    rows: dict[str, dict] = {}

    def row(category: str) -> dict:
        return rows.setdefault(category or "(none)", {"gold_spans": 0, "gold_spans_found": 0, "flags": 0, "correct_flags": 0})

    for item in evaluation.items:
        missed = {(m["start"], m["end"]) for m in item.missed}
        for span in item.gold:
            r = row(span.get("category", ""))
            r["gold_spans"] += 1
            r["gold_spans_found"] += (span["start"], span["end"]) not in missed
        wrong = {(f["start"], f["end"], f["rule"]) for f in item.false_flags}
        for flag in item.flags:
            r = row(flag.get("category", ""))
            r["flags"] += 1
            r["correct_flags"] += (flag["start"], flag["end"], flag["rule"]) not in wrong
    for r in rows.values():
        r["span_precision"] = round(r["correct_flags"] / r["flags"], 4) if r["flags"] else None
        r["span_recall"] = round(r["gold_spans_found"] / r["gold_spans"], 4) if r["gold_spans"] else None
    return dict(sorted(rows.items()))


# ------------------------------------------------------------------ cross-validation


@dataclass(frozen=True)
class Provenance:
    """What the rulebook as a whole was tuned on, and how many folds to split the rest into."""

    seen_by_all: tuple[str, ...]
    folds: int

    def seen_by_rulebook(self, item_id: str) -> bool:
        return any(fnmatch.fnmatchcase(item_id, pattern) for pattern in self.seen_by_all)


def load_provenance(path: str | Path | None = None) -> Provenance:
    if path is None:
        text = resources.files("goldenthread.language").joinpath("evaluation.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return Provenance(tuple(data.get("rulebook", {}).get("seen", [])), int(data.get("folds", {}).get("count", 5)))


def folds_by_page(items: list[dict], count: int) -> list[list[dict]]:
    """Split items into `count` folds so that every item quoted from one page lands in the same fold.

    Pages are ordered by a hash of their address and dealt out in turn, so the split does not
    depend on the order of the files and stays the same when items are added to a page.
    """
    pages: dict[str, list[dict]] = {}
    for item in items:
        pages.setdefault(item.get("source") or item.get("id", "?"), []).append(item)
    ordered = sorted(pages, key=lambda page: hashlib.sha256(page.encode("utf-8")).hexdigest())
    folds: list[list[dict]] = [[] for _ in range(count)]
    for number, page in enumerate(ordered):
        folds[number % count].extend(pages[page])
    return folds


def rules_that_saw(engine: Engine, item_ids: set[str]) -> set[str]:
    """Ids of the rules written or changed while looking at any of these items."""
    return {rule.id for rule in engine.rules if any(fnmatch.filter(item_ids, pattern) for pattern in rule.seen)}


@dataclass
class CrossValidation:
    folds: list[tuple[Evaluation, set[str]]]  # each fold's score, and the rules left out for it
    pooled: Evaluation
    tuned_on: int  # items left out because the whole rulebook was tuned on them


def cross_validate(items: list[dict], engine: Engine | None = None, *, provenance: Provenance | None = None, mode: str | None = None) -> CrossValidation:
    engine = engine or default_engine()
    provenance = provenance or load_provenance()
    unseen = [item for item in items if not provenance.seen_by_rulebook(item.get("id", "?"))]
    scored = []
    for fold in folds_by_page(unseen, provenance.folds):
        left_out = rules_that_saw(engine, {item.get("id", "?") for item in fold})
        fold_engine = Engine([rule for rule in engine.rules if rule.id not in left_out]) if left_out else engine
        scored.append((evaluate(fold, fold_engine, mode=mode), left_out))
    pooled = _pool([evaluation for evaluation, _ in scored])
    return CrossValidation(scored, pooled, len(items) - len(unseen))


def _pool(evaluations: list[Evaluation]) -> Evaluation:
    numbers = [
        sum(getattr(e, name) for e in evaluations)
        for name in (
            "flags",
            "correct_flags",
            "gold_spans",
            "found_spans",
            "sentences_gold",
            "sentences_flagged",
            "sentences_both",
            "clean_items",
            "clean_flagged",
        )
    ]
    return Evaluation([item for e in evaluations for item in e.items], *numbers)


def format_categories(evaluation: Evaluation) -> list[str]:
    lines = ["", "By category         gold  found  recall   flags  correct  precision"]
    for category, r in by_category(evaluation).items():
        recall = "" if r["span_recall"] is None else f"{r['span_recall']:.3f}"
        precision = "" if r["span_precision"] is None else f"{r['span_precision']:.3f}"
        lines.append(f"  {category:<20}{r['gold_spans']:>4}{r['gold_spans_found']:>7}  {recall:>6}  {r['flags']:>6}{r['correct_flags']:>9}  {precision:>9}")
    return lines


def format_cross_validation(cv: CrossValidation) -> list[str]:
    s = cv.pooled.summary()
    lines = [
        "",
        f"Cross-validated by source page ({len(cv.folds)} folds, {s['items']} items; {cv.tuned_on} items the whole rulebook was tuned on left out)",
    ]
    if not cv.pooled.items:
        return lines + ["  no items to cross-validate: the whole rulebook was tuned on every item given"]
    for number, (evaluation, left_out) in enumerate(cv.folds, 1):
        f = evaluation.summary()
        lines.append(
            f"  fold {number}: {f['items']:>3} items  span P {f['span_precision']:.3f} R {f['span_recall']:.3f} F1 {f['span_f1']:.3f}"
            f"  clean flagged {100 * f['clean_flag_rate']:.1f}%  ({len(left_out)} rules left out: written while looking at it)"
        )
    lines += [
        f"  pooled:        span P {s['span_precision']:.3f} R {s['span_recall']:.3f} F1 {s['span_f1']:.3f}"
        f"   sentence P {s['sentence_precision']:.3f} R {s['sentence_recall']:.3f}   clean flagged {100 * s['clean_flag_rate']:.1f}%",
    ]
    return lines


def cross_validation_summary(cv: CrossValidation) -> dict:
    return {
        **cv.pooled.summary(),
        "folds": [{**evaluation.summary(), "rules_left_out": sorted(left_out)} for evaluation, left_out in cv.folds],
        "items_tuned_on": cv.tuned_on,
        "by_category": by_category(cv.pooled),
    }
