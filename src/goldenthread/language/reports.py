"""The HTML report: each document's text with every finding marked, then the list of findings."""

from __future__ import annotations

from html import escape

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
