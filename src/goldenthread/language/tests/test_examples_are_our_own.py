"""Rule examples and test sentences are written here, not copied from the evaluation set.

The dev sets (../shared/language-eval/dev.jsonl and dev-b.jsonl next to the repository) hold real sentences
quoted from public pages. It is only for measuring the engine: copying its sentences into
rule examples would put someone else's text in the repository and tune the rules to the
very sentences that measure them. These tests fail when a rule example (or a sentence in
these tests) shares a run of six or more words with a dev text, or is a short dev text
word for word. CI clones may not have the shared folder; then they are skipped.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from goldenthread.language import default_engine

RUN = 6
TESTS = Path(__file__).resolve().parent
REPO = TESTS.parents[3]
CANDIDATES = [REPO / ".." / "shared" / "language-eval", Path("/work/shared/language-eval")]
FOLDER = next((p for p in CANDIDATES if (p / "dev.jsonl").is_file()), None)
DEV = None if FOLDER is None else sorted(FOLDER.glob("dev*.jsonl"))

pytestmark = pytest.mark.skipif(DEV is None, reason="dev set not found at ../shared/language-eval/dev.jsonl (not part of a CI clone)")


def words(text: str) -> list[str]:
    """Lower-case words with punctuation and curly apostrophes ignored."""
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower())


def runs(ws: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


@pytest.fixture(scope="module")
def dev():
    texts = [json.loads(line)["text"] for path in DEV for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    shared_runs: dict[tuple[str, ...], str] = {}
    whole: dict[tuple[str, ...], str] = {}
    for text in texts:
        ws = words(text)
        whole[tuple(ws)] = text
        for run in runs(ws):
            shared_runs.setdefault(run, text)
    return shared_runs, whole


def copied_from(text: str, dev) -> str | None:
    shared_runs, whole = dev
    ws = words(text)
    if ws and tuple(ws) in whole:
        return whole[tuple(ws)]
    for run in runs(ws):
        if run in shared_runs:
            return shared_runs[run]
    return None


def test_rule_examples_are_written_here(dev):
    copies = []
    for rule in default_engine().rules:
        for example in rule.flag + rule.pass_:
            source = copied_from(example, dev)
            if source:
                copies.append(f"{rule.id}: {example!r} (dev: {source[:80]!r})")
    assert not copies, "rule examples copied from the dev set; rewrite them in our own words:\n" + "\n".join(copies)


def test_test_sentences_are_written_here(dev):
    copies = []
    for path in sorted(TESTS.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                source = copied_from(node.value, dev)
                if source:
                    copies.append(f"{path.name}:{node.lineno}: {node.value[:80]!r} (dev: {source[:80]!r})")
    assert not copies, "test sentences copied from the dev set:\n" + "\n".join(copies)


def test_the_check_itself_catches_a_copy(dev):
    shared_runs, _ = dev
    some_run = next(iter(shared_runs))
    assert copied_from("Note: " + " ".join(some_run) + ".", dev)
    assert not copied_from("Kai found the new bus route hard to follow on Monday.", dev)
