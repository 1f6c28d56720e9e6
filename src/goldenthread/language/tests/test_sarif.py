"""`goldenthread check --format sarif` writes a SARIF 2.1.0 log that editors and code-scanning tools can read."""

import json

import pytest

from goldenthread.language.cli import main

LEVELS = {"none", "note", "warning", "error"}


def sarif_of(capsys, *args):
    code = main(["check", "--format", "sarif", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def assert_is_a_sarif_log(log):
    """The parts of the SARIF 2.1.0 schema that a reader relies on (checked by hand: no schema download)."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "goldenthread"
    assert run["columnKind"] == "utf16CodeUnits"
    for rule in driver["rules"]:
        assert isinstance(rule["id"], str) and rule["id"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in LEVELS
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in LEVELS
        assert result["message"]["text"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uri"]
            region = physical.get("region")
            if region is not None:
                assert all(isinstance(region[k], int) and region[k] >= 1 for k in ("startLine", "startColumn", "endLine", "endColumn"))
                assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
    for invocation in run.get("invocations", []):
        assert isinstance(invocation["executionSuccessful"], bool)


def test_the_log_has_the_structure_sarif_requires(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text('Kai is a liar. The LAC review is on Monday.\nSam said: "Mum is an alcoholic."\n', encoding="utf-8")
    code, log = sarif_of(capsys, "note.txt")
    assert code == 1
    assert_is_a_sarif_log(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"labelling.liar", "jargon.lac", "health.alcoholic"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"note.txt"}


def test_each_rule_is_described_once_however_often_it_is_found(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Kai is a liar. Jo is a liar.\n", encoding="utf-8")
    _, log = sarif_of(capsys, "a.txt", "b.txt")
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["labelling.liar"]
    assert len(run["results"]) == 4


@pytest.mark.parametrize(
    "text,rule,level",
    [
        ("Kai is a liar.", "labelling.liar", "warning"),
        ("The LAC review is on Monday.", "jargon.lac", "note"),
        ('Sam said: "Mum is an alcoholic."', "health.alcoholic", "note"),
    ],
)
def test_warnings_are_warnings_and_suggestions_and_quoted_words_are_notes(tmp_path, capsys, monkeypatch, text, rule, level):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    _, log = sarif_of(capsys, "note.txt")
    [result] = log["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == (rule, level)


def test_quoted_words_keep_their_own_message_and_are_marked_as_quoted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text('Sam said: "Mum is an alcoholic."', encoding="utf-8")
    _, log = sarif_of(capsys, "note.txt")
    [result] = log["runs"][0]["results"]
    assert result["properties"]["quoted"] is True
    assert "own words" in result["message"]["text"]


def test_the_region_picks_out_the_words_found(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = ["A good week at school.", "", "Staff say Kai is a liar and manipulative."]
    (tmp_path / "note.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, log = sarif_of(capsys, "note.txt")
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert region["startLine"] == region["endLine"] == 3
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]


def test_columns_count_utf16_code_units_so_an_emoji_counts_two(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text("😀 Kai is a liar.\n", encoding="utf-8")
    _, log = sarif_of(capsys, "note.txt")
    [result] = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (13, 17)  # "liar" starts at code point 12, after one emoji
    code = main(["check", "--format", "json", "note.txt"])
    [finding] = json.loads(capsys.readouterr()[0])["files"][0]["findings"]
    assert code == 1 and finding["column"] == 12  # the JSON report counts code points


def test_paths_become_relative_uris_with_forward_slashes_and_spaces_encoded(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "case notes").mkdir()
    (tmp_path / "case notes" / "visit 1.txt").write_text("Kai is a liar.", encoding="utf-8")
    _, log = sarif_of(capsys, str(tmp_path / "case notes"))
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "case%20notes/visit%201.txt"


def test_a_file_that_cannot_be_read_is_a_notification_and_the_rest_are_still_results(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text("Kai is a liar.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, log = sarif_of(capsys, "good.txt", "empty.txt")
    assert code == 2
    assert_is_a_sarif_log(log)
    run = log["runs"][0]
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error" and "empty" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "empty.txt"
    assert [r["ruleId"] for r in run["results"]] == ["labelling.liar"]


def test_nothing_found_is_a_valid_log_with_no_results(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text("She wanted a story and a cuddle before bed.", encoding="utf-8")
    code, log = sarif_of(capsys, "note.txt")
    assert code == 0
    assert_is_a_sarif_log(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_a_path_outside_the_current_folder_becomes_a_file_uri(tmp_path, capsys, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "here").mkdir()
    note = tmp_path / "elsewhere" / "note.txt"
    note.write_text("Kai is a liar.", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "here")
    _, log = sarif_of(capsys, str(note))
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == note.as_uri()
