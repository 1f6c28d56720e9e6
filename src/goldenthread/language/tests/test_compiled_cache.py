"""The compiled rulebook is kept on disk: used when nothing has changed, rebuilt when anything has, never a reason to fail."""

import json
import os
import subprocess
import sys
import threading

import pytest

from goldenthread.language import cli, compiled
from goldenthread.language.engine import Engine
from goldenthread.language.rulebook import load_rule_files

RULES = """
[[rule]]
id = "ours.naughty"
category = "labelling"
severity = "warning"
message = "Say what happened instead."
patterns = ["naughty"]
suggestions = ["found it hard to"]

[[rule]]
id = "ours.kicked-off"
category = "labelling"
severity = "suggestion"
message = "Describe what you saw."
patterns = ["kicked off"]
"""

TEXTS = ["Kai was naughty and kicked off at tea.", "A calm day.", "She said: 'He was naughty.'"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(compiled.CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def rules_file(tmp_path):
    path = tmp_path / "ours.toml"
    path.write_text(RULES, encoding="utf-8")
    return path


class Builds:
    """A build function that counts how often it is called."""

    def __init__(self, path):
        self.path = path
        self.count = 0

    def __call__(self):
        self.count += 1
        return Engine(*load_rule_files([self.path]))


def findings(engine):
    return [[(f.rule, f.start, f.end, f.severity, f.message, f.suggestions) for f in engine.check(text)] for text in TEXTS]


def test_the_second_load_comes_from_the_cache_and_finds_the_same(cache, rules_file):
    build = Builds(rules_file)
    first = compiled.load_or_build([rules_file], build)
    second = compiled.load_or_build([rules_file], build)
    assert build.count == 1
    assert second is not first
    assert findings(second) == findings(first)
    assert findings(first)[0]  # something to compare
    assert len(list(cache.glob("engine-*.pickle"))) == 1


def test_a_cached_rule_compiles_its_expressions_on_first_use_and_keeps_them(cache, rules_file):
    build = Builds(rules_file)
    compiled.load_or_build([rules_file], build)
    engine = compiled.load_or_build([rules_file], build)
    used, unused = engine.by_id["ours.kicked-off"], engine.by_id["ours.naughty"]

    def lazy(rule):
        return {name for name, value in vars(rule).items() if isinstance(value, compiled.LazyPattern)}

    assert lazy(used) and lazy(unused)
    assert [f.rule for f in engine.check("He kicked off.")] == ["ours.kicked-off"]
    assert lazy(used) < lazy(compiled.load_or_build([rules_file], build).by_id["ours.kicked-off"])
    assert lazy(unused) == lazy(compiled.load_or_build([rules_file], build).by_id["ours.naughty"])


def test_editing_a_rule_file_means_a_rebuild(cache, rules_file):
    build = Builds(rules_file)
    before = compiled.load_or_build([rules_file], build)
    rules_file.write_text(RULES.replace('patterns = ["naughty"]', 'patterns = ["naughty", "cheeky"]'), encoding="utf-8")
    after = compiled.load_or_build([rules_file], build)
    assert build.count == 2
    assert not before.check("Kai was cheeky.")
    assert [f.rule for f in after.check("Kai was cheeky.")] == ["ours.naughty"]


def test_a_change_to_the_code_means_a_rebuild(cache, rules_file, monkeypatch):
    build = Builds(rules_file)
    compiled.load_or_build([rules_file], build)
    monkeypatch.setattr(compiled, "_FINGERPRINT", ["another version of the code"])
    compiled.load_or_build([rules_file], build)
    assert build.count == 2


def test_the_same_rules_in_another_place_are_another_entry(cache, rules_file, tmp_path):
    copy = tmp_path / "copy.toml"
    copy.write_bytes(rules_file.read_bytes())
    assert compiled.cache_key([rules_file]) != compiled.cache_key([copy])


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", None])
def test_a_corrupt_or_cut_short_cache_file_is_ignored_and_replaced(cache, rules_file, damage):
    build = Builds(rules_file)
    expected = findings(compiled.load_or_build([rules_file], build))
    [stored] = cache.glob("engine-*.pickle")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 2] if damage is None else damage)
    engine = compiled.load_or_build([rules_file], build)
    assert build.count == 2
    assert findings(engine) == expected
    compiled.load_or_build([rules_file], build)
    assert build.count == 2  # written again, whole: the next load uses it


def test_a_file_whose_key_does_not_match_is_not_trusted(cache, rules_file, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(RULES.replace("naughty", "cheeky"), encoding="utf-8")
    compiled.load_or_build([other], Builds(other))
    [other_file] = cache.glob("engine-*.pickle")
    # the other rules' engine, put where this rules file's engine would be
    other_file.rename(cache / f"engine-{compiled.cache_key([rules_file])}.pickle")
    build = Builds(rules_file)
    engine = compiled.load_or_build([rules_file], build)
    assert build.count == 1
    assert [f.rule for f in engine.check("Kai was naughty.")] == ["ours.naughty"]


def test_a_cache_folder_that_cannot_be_written_still_gives_an_engine(tmp_path, rules_file, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(compiled.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    build = Builds(rules_file)
    engine = compiled.load_or_build([rules_file], build)
    compiled.load_or_build([rules_file], build)
    assert build.count == 2
    assert [f.rule for f in engine.check("Kai was naughty.")] == ["ours.naughty"]


def test_an_empty_cache_setting_switches_the_cache_off(tmp_path, rules_file, monkeypatch):
    monkeypatch.setenv(compiled.CACHE_DIR_VARIABLE, "")
    monkeypatch.chdir(tmp_path)
    build = Builds(rules_file)
    compiled.load_or_build([rules_file], build)
    compiled.load_or_build([rules_file], build)
    assert build.count == 2
    assert compiled.cache_dir() is None


def test_without_a_setting_the_cache_is_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(compiled.CACHE_DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_dir() == tmp_path / "xdg" / "goldenthread"


def test_a_partnership_lexicon_engine_is_cached_and_an_edit_to_it_is_seen(cache, tmp_path, capsys):
    lexicon = tmp_path / "partnership.toml"
    lexicon.write_text('disable = ["labelling.liar"]\n', encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("Kai is a liar.", encoding="utf-8")
    assert cli.main(["check", "--lexicon", str(lexicon), str(note)]) == 0
    assert cli.main(["check", "--lexicon", str(lexicon), str(note)]) == 0
    lexicon.write_text("disable = []\n", encoding="utf-8")
    assert cli.main(["check", "--lexicon", str(lexicon), str(note)]) == 1
    capsys.readouterr()


TASK = cli._Task(audience=None, mode="default", max_bytes=10**6, rows="compact", columns="codepoints", want_text=False, fix=False)


@pytest.fixture
def engine(rules_file):
    return Engine(*load_rule_files([rules_file]))


def _notes(tmp_path, count=12):
    paths = []
    for number in range(count):
        path = tmp_path / f"note{number}.txt"
        path.write_text("Kai was naughty." if number % 2 else "A calm day.", encoding="utf-8")
        paths.append(str(path))
    return paths


FORKED_CHECK = """
import json, sys
from goldenthread.language import cli
from goldenthread.language.engine import Engine
from goldenthread.language.rulebook import load_rule_files

rules_file, *paths = sys.argv[1:]
engine = Engine(*load_rule_files([rules_file]))


class AnotherEngine:
    def check(self, text, **options):
        raise AssertionError("a worker loaded an engine of its own")


cli._engine = lambda lexicon: AnotherEngine()
task = cli._Task(audience=None, mode="default", max_bytes=10**6, rows="compact", columns="codepoints", want_text=False, fix=False)
print(json.dumps({"forked": cli._may_fork(), "results": list(cli._check_files(paths, engine, task, 2, [rules_file]))}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_forked_workers_use_the_engine_the_parent_loaded(tmp_path, rules_file):
    """In a program with one thread (the command line), workers are forked and share the parent's engine.
    A fresh interpreter runs it: the test process has threads of its own, and may not fork."""
    paths = _notes(tmp_path)
    finished = subprocess.run([sys.executable, "-c", FORKED_CHECK, str(rules_file), *paths], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    answer = json.loads(finished.stdout)
    assert answer["forked"] is True
    assert [r["path"] for r in answer["results"]] == paths
    assert [len(r["findings"]) for r in answer["results"]] == [0, 1] * 6


def test_with_another_thread_running_the_workers_are_fresh_processes_that_load_the_rules(tmp_path, rules_file, engine):
    """Forking beside another thread can leave a child waiting for ever on a lock that thread held."""
    paths = _notes(tmp_path)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert cli._may_fork() is False
        results = list(cli._check_files(paths, engine, TASK, 2, [str(rules_file)]))
    finally:
        stop.set()
        other.join()
    assert [r["path"] for r in results] == paths
    assert [len(r["findings"]) for r in results] == [0, 1] * 6


def _stop_this_worker(paths):
    os._exit(3)


def test_a_worker_that_dies_is_a_clear_error_not_a_wait_for_ever(tmp_path, rules_file, engine, monkeypatch):
    monkeypatch.setattr(cli, "_may_fork", lambda: False)
    monkeypatch.setattr(cli, "_check_batch", _stop_this_worker)
    with pytest.raises(ValueError, match="run the check again with --jobs 1"):
        list(cli._check_files(_notes(tmp_path), engine, TASK, 2, [str(rules_file)]))


def test_the_shipped_engine_can_be_kept_on_disk_and_finds_the_same_when_loaded(cache):
    from goldenthread.language.engine import Engine as ShippedEngine
    from goldenthread.language.engine import _shipped
    from goldenthread.language.rulebook import shipped_rule_paths

    build_count = []

    def build():
        build_count.append(1)
        return ShippedEngine(*_shipped())

    built = compiled.load_or_build(shipped_rule_paths(), build)
    loaded = compiled.load_or_build(shipped_rule_paths(), build)
    assert len(build_count) == 1, "the shipped engine could not be stored: something in it cannot be pickled"
    text = 'Kai is a liar. The LAC review is on Monday. Sam said: "Mum is an alcoholic." She absconded again.'
    assert [(f.rule, f.start, f.end, f.severity) for f in loaded.check(text)] == [(f.rule, f.start, f.end, f.severity) for f in built.check(text)]
    assert loaded.check(text)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="only root can give a file to another user")
def test_a_cache_file_owned_by_someone_else_is_never_loaded(cache, rules_file):
    build = Builds(rules_file)
    compiled.load_or_build([rules_file], build)
    [stored] = cache.glob("engine-*.pickle")
    os.chown(stored, 4242, 4242)  # as if another account had written it: a pickle it made could run its code here
    compiled.load_or_build([rules_file], build)
    assert build.count == 2
