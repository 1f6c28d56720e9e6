"""Measure the engine on labelled sentences (the format of shared/language-eval/dev.jsonl).

Span level: a flag is correct if it overlaps a gold span; precision = correct flags
/ all flags, recall = gold spans overlapped by a flag / all gold spans. Sentence
level: an item counts as flagged if the engine raises anything. Findings with
severity `info` (quoted speech, reading age) are not faults, so they never count
as flags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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


def format_report(evaluation: Evaluation, path: str) -> str:
    s = evaluation.summary()
    lines = [
        f"Evaluation of {path}: {s['items']} items",
        "",
        f"span level      precision {s['span_precision']:.3f}  recall {s['span_recall']:.3f}  F1 {s['span_f1']:.3f}"
        f"   ({s['correct_flags']}/{s['flags']} flags correct, {s['gold_spans_found']}/{s['gold_spans']} gold spans found)",
        f"sentence level  precision {s['sentence_precision']:.3f}  recall {s['sentence_recall']:.3f}",
        f"clean items     {s['clean_items_flagged']}/{s['clean_items']} flagged ({100 * s['clean_flag_rate']:.1f}%)",
    ]
    missed = [(r, m) for r in evaluation.items for m in r.missed]
    false = [(r, f) for r in evaluation.items for f in r.false_flags]
    lines += ["", f"Misses ({len(missed)}): gold spans with no flag"]
    lines += [f"  {r.id}  {m.get('term', r.text[m['start'] : m['end']])!r} [{m.get('category', '')}]  in: {r.text}" for r, m in missed]
    lines += ["", f"False flags ({len(false)}): flags that overlap no gold span"]
    lines += [f"  {r.id}  {f['text']!r} [{f['rule']}]  in: {r.text}" for r, f in false]
    return "\n".join(lines)
