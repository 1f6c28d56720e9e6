"""The engine's figures are honest: per category, and cross-validated by source page with the
rules that saw a fold left out of scoring it."""

import json

import pytest

from goldenthread.language.cli import main
from goldenthread.language.engine import Engine
from goldenthread.language.evaluate import (
    Provenance,
    by_category,
    cross_validate,
    evaluate,
    folds_by_page,
    load_provenance,
    rules_that_saw,
)
from goldenthread.language.rulebook import rule_from_entry


def item(id_, text, term=None, category="labelling", source="https://example.org/a"):
    spans = []
    if term:
        start = text.index(term)
        spans = [{"start": start, "end": start + len(term), "term": term, "category": category}]
    return {"id": id_, "text": text, "spans": spans, "source": source}


def rule(id_, pattern, *, seen=(), category="labelling"):
    return rule_from_entry({"id": id_, "category": category, "message": "Say what happened.", "patterns": [pattern], "seen": list(seen)}, "test")


ITEMS = [
    item("t-1", "Kai is a scrounger.", "scrounger", source="https://example.org/one"),
    item("t-2", "Remy was called a moocher.", "moocher", source="https://example.org/two"),
    item("t-3", "Ama is kind.", source="https://example.org/one"),
    item("t-4", "The scrounger test was clean.", source="https://example.org/three"),
    item("t-5", "They spoke of her cadging.", "cadging", category="blame/deficit", source="https://example.org/four"),
]


def test_items_from_one_page_always_land_in_the_same_fold():
    folds = folds_by_page(ITEMS, 3)
    assert sum(len(f) for f in folds) == len(ITEMS)
    fold_of = {i["id"]: n for n, fold in enumerate(folds) for i in fold}
    assert fold_of["t-1"] == fold_of["t-3"]  # both from page one
    assert folds_by_page(list(reversed(ITEMS)), 3) != [] and {i["id"]: n for n, f in enumerate(folds_by_page(list(reversed(ITEMS)), 3)) for i in f} == fold_of


def test_a_rule_that_saw_a_fold_is_left_out_of_scoring_it():
    engine = Engine([rule("x.scrounger", "scrounger"), rule("x.moocher", "moocher", seen=["t-2"]), rule("x.cadge", "cadging", seen=["t-5"])])
    assert rules_that_saw(engine, {"t-2", "t-3"}) == {"x.moocher"}
    cv = cross_validate(ITEMS, engine, provenance=Provenance((), 5))
    # with every item on its own page in five folds, the moocher and cadging items are scored without the rules written from them
    assert cv.pooled.gold_spans == 3 and cv.pooled.found_spans == 1
    assert evaluate(ITEMS, engine).found_spans == 3  # scored with every rule, as the tuned-on figure is


def test_items_the_whole_rulebook_was_tuned_on_are_not_cross_validated():
    engine = Engine([rule("x.scrounger", "scrounger")])
    cv = cross_validate(ITEMS, engine, provenance=Provenance(("t-1", "t-3"), 2))
    assert cv.tuned_on == 2 and len(cv.pooled.items) == 3


def test_the_figures_are_given_per_category():
    engine = Engine([rule("x.scrounger", "scrounger"), rule("x.cadge", "cadging", category="blame/deficit")])
    rows = by_category(evaluate(ITEMS, engine))
    assert rows["labelling"]["gold_spans"] == 2 and rows["labelling"]["gold_spans_found"] == 1
    assert rows["labelling"]["flags"] == 2 and rows["labelling"]["span_precision"] == 0.5  # "scrounger test" is a false flag
    assert rows["blame/deficit"]["span_recall"] == 1.0


def test_the_shipped_provenance_says_the_rulebook_was_tuned_on_the_first_dev_set():
    provenance = load_provenance()
    assert provenance.folds >= 2
    assert provenance.seen_by_rulebook("dev-001") and not provenance.seen_by_rulebook("devb-001")


def test_eval_takes_several_files_and_prints_categories_and_the_cross_validated_figure(tmp_path, capsys):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(json.dumps(i) for i in ITEMS[:2]), encoding="utf-8")
    second.write_text("\n".join(json.dumps(i) for i in ITEMS[2:]), encoding="utf-8")
    assert main(["eval", "-q", str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert "5 items" in out and "By category" in out and "Cross-validated by source page" in out and "pooled:" in out
    assert main(["eval", "--format", "json", "--folds", "2", str(first), str(second)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["cross_validated"]["folds"]) == 2 and "labelling" in data["by_category"]


@pytest.mark.parametrize("folds", ["1", "0", "-3"])
def test_too_few_folds_is_a_clear_error(tmp_path, capsys, folds):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(ITEMS[0]), encoding="utf-8")
    assert main(["eval", "--folds", folds, str(path)]) == 2
    assert "at least 2 folds" in capsys.readouterr().err


def test_a_broken_line_in_the_set_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "fine"}\n{not json\n', encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    assert "a.jsonl:2" in capsys.readouterr().err
