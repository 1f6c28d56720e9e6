"""Reports of a `goldenthread check` run: HTML, compact JSON and SARIF 2.1.0.

HTML: each document's text with every finding marked, then the list of findings.

JSON: one document. Each rule's details (category, severity, message, suggestions,
guidance) are given once, in `rules`; each finding names its rule and carries its
place (start, end, line, column), its text, its severity and whether the words are
quoted speech, plus `message` and `suggestions` only where they differ from the
rule's (quoted words; the reading-age notes). One file to a line, so that a large
archive's report can be read with line tools too.

SARIF: the Static Analysis Results Interchange Format 2.1.0, which editors and
code-scanning tools read. Columns are counted in UTF-16 code units (SARIF's default,
stated in `columnKind`): a character beyond U+FFFF, such as most emoji, counts two.
"""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

try:  # a fast JSON encoder (a dependency of the package); the standard library does the same, more slowly
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "goldenthread"
SARIF_LEVELS = {"warning": "warning", "suggestion": "note", "info": "note"}

_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c;line-height:1.5}
h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2.5rem;border-top:2px solid #b1b4b6;padding-top:1rem}
.doc{white-space:pre-wrap;background:#f3f2f1;padding:1rem;border-left:5px solid #1d70b8}
mark{padding:0 .1rem;border-bottom:3px solid}
mark.warning{background:#fce4d6;border-color:#d4351c}mark.suggestion{background:#fff2c4;border-color:#ffdd00}
mark.info{background:#e8f1f8;border-color:#1d70b8}
.finding{margin:1rem 0;padding-left:1rem;border-left:4px solid #b1b4b6}
.finding.warning{border-color:#d4351c}.finding.suggestion{border-color:#ffdd00}.finding.info{border-color:#1d70b8}
.tag{font-weight:bold;text-transform:uppercase;font-size:.8rem}.error{color:#d4351c;font-weight:bold}
.summary td,.summary th{padding:.2rem 1rem .2rem 0;text-align:left}
"""


def html_report(results: list[dict], summary: dict) -> str:
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Shared language check</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Shared language check</h1>",
        "<p>Passages that may not be trauma-informed are marked. Quoted words are a person's own voice "
        "and are shown for information only. Every suggestion is for the writer to weigh.</p>",
        _summary_table(summary),
    ]
    for number, result in enumerate(results, 1):
        parts.append(f"<h2 id='file-{number}'>{escape(result['path'])}</h2>")
        if result.get("error"):
            parts.append(f"<p class='error'>Could not be read: {escape(result['error'])}</p>")
            continue
        findings = result.get("findings", [])
        if not findings:
            parts.append("<p>Nothing found.</p>")
            continue
        if "text" in result:
            parts.append(f"<div class='doc'>{_marked(result['text'], findings, number)}</div>")
        parts.append("<ol>")
        for index, row in enumerate(findings):
            parts.append(_finding_item(row, number, index))
        parts.append("</ol>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _summary_table(summary: dict) -> str:
    rows = [
        ("Files checked", summary["files_checked"]),
        ("Warnings", summary["warnings"]),
        ("Suggestions", summary["suggestions"]),
        ("Quoted words and notes (information)", summary["info"]),
        ("Files that could not be read", summary["files_with_errors"]),
    ]
    body = "".join(f"<tr><th scope='row'>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<table class='summary'>{body}</table>"


def _marked(text: str, findings: list[dict], number: int) -> str:
    out, position = [], 0
    for index, row in enumerate(sorted(findings, key=lambda r: r["start"])):
        start, end = row["start"], row["end"]
        if start < position or end <= start:
            continue  # overlapping or whole-document findings are listed below, not marked
        out.append(escape(text[position:start]))
        title = escape(row["message"], quote=True)
        out.append(f"<mark class='{row['severity']}' title='{title}' id='f{number}-{index}'>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def _finding_item(row: dict, number: int, index: int) -> str:
    where = f"line {row['line']}, column {row['column']}" if row.get("text") else "whole document"
    label = "information: quoted words" if row.get("quoted") else row["severity"]
    suggestions = ""
    if row.get("suggestions"):
        suggestions = "<p>Try: " + "; ".join(f"<q>{escape(s)}</q>" for s in row["suggestions"]) + "</p>"
    guidance = f"<p><small>Guidance: {escape(row['guidance'])}</small></p>" if row.get("guidance") else ""
    passage = f" <q>{escape(row['text'])}</q>" if row.get("text") else ""
    return (
        f"<li class='finding {row['severity']}'><span class='tag'>{escape(label)}</span> "
        f"({escape(row['category'])}, {where}){passage}"
        f"<p>{escape(row['message'])}</p>{suggestions}{guidance}</li>"
    )


# ------------------------------------------------------------------------- JSON


def encode_json(value) -> bytes:
    """Compact UTF-8 JSON (orjson when installed, else the standard library)."""
    if _orjson is not None:
        try:
            return _orjson.dumps(value)
        except TypeError:  # a lone surrogate from a damaged document, say: the standard library escapes it below
            pass
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def rule_details(rule) -> dict:
    return {
        "category": rule.category,
        "severity": rule.severity,
        "message": rule.message,
        "suggestions": list(rule.suggestions),
        "guidance": rule.guidance,
    }


def _rules_used(results: list[dict], engine) -> list:
    """The rules the findings name, in the engine's order."""
    used = {row["rule"] for result in results for row in result.get("findings", ())}
    return [rule for rule in engine.rules if rule.id in used]


def _file_entry(result: dict) -> dict:
    entry = {"path": result["path"], "findings": result.get("findings", [])}
    if result.get("error"):
        entry["error"] = result["error"]
    if result.get("fixed"):
        entry["fixed"] = result["fixed"]
    return entry


def json_report(results: list[dict], engine, summary: dict) -> bytes:
    """{"files": [...], "rules": {id: details}, "summary": {...}}, one file to a line."""
    parts = [b'{"files":[\n']
    parts.append(b",\n".join(encode_json(_file_entry(result)) for result in results))
    parts.append(b'\n],\n"rules":')
    parts.append(encode_json({rule.id: rule_details(rule) for rule in _rules_used(results, engine)}))
    parts.append(b',\n"summary":')
    parts.append(encode_json(summary))
    parts.append(b"}\n")
    return b"".join(parts)


# ------------------------------------------------------------------------ SARIF


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path as it was given (forward slashes, percent-encoded)."""
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive (Windows)
            relative = None
        if relative is None or relative.startswith(".."):
            return Path(path).as_uri()
        path = relative
    return quote(path.replace(os.sep, "/"))


def _first_sentence(text: str) -> str:
    for end in (". ", "? ", "! "):
        cut = text.find(end)
        if 0 < cut < 200:
            return text[: cut + 1]
    return text


def _sarif_rule(rule) -> dict:
    help_text = rule.message
    if rule.suggestions:
        help_text += "\nTry: " + "; ".join(rule.suggestions)
    if rule.guidance:
        help_text += "\nGuidance: " + rule.guidance
    return {
        "id": rule.id,
        "shortDescription": {"text": _first_sentence(rule.message)},
        "fullDescription": {"text": rule.message},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": SARIF_LEVELS.get(rule.severity, "note")},
        "properties": {"category": rule.category, "tags": [rule.category], "suggestions": list(rule.suggestions), "guidance": rule.guidance},
    }


def _sarif_result(row: dict, rule, index: int, uri: str) -> dict:
    message = row.get("message", rule.message)
    suggestions = row.get("suggestions", rule.suggestions)
    if suggestions:
        message += " Try: " + "; ".join(suggestions)
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
    if row["end"] > row["start"]:
        location["physicalLocation"]["region"] = {
            "startLine": row["line"],
            "startColumn": row["column"],
            "endLine": row["end_line"],
            "endColumn": row["end_column"],
            "snippet": {"text": row["text"]},
        }
    result = {
        "ruleId": rule.id,
        "ruleIndex": index,
        "level": SARIF_LEVELS.get(row["severity"], "note"),
        "message": {"text": message},
        "locations": [location],
    }
    if row.get("quoted"):
        result["properties"] = {"quoted": True}
    return result


def sarif_report(results: list[dict], engine) -> bytes:
    """One SARIF 2.1.0 log with one run: the rules the findings name, then one result per finding.

    Rows must carry end_line and end_column, with columns in UTF-16 code units.
    """
    rules = _rules_used(results, engine)
    index = {rule.id: number for number, rule in enumerate(rules)}
    by_id = engine.by_id
    sarif_results = []
    notifications = []
    for result in results:
        uri = artifact_uri(result["path"])
        if result.get("error"):
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": result["error"]},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        for row in result.get("findings", ()):
            sarif_results.append(_sarif_result(row, by_id[row["rule"]], index[row["rule"]], uri))
    run = {
        "tool": {"driver": {"name": TOOL_NAME, "rules": [_sarif_rule(rule) for rule in rules]}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return encode_json(log) + b"\n"
