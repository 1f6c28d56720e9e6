"""A board report as a spreadsheet: one row for each figure, read from the report's snapshot (never worked out again).

Every cell goes through core's `safe_cell`, so a value that could start a formula in a
spreadsheet shows as text and never runs.
"""

import csv
import io

from goldenthread.core.spreadsheets import safe_cell

HEADER = ["Section", "Step or indicator", "Figure", "Value", "In words", "Before", "Target", "Status", "Month", "Comes from"]


def _number(value) -> str:
    return "" if value is None else f"{value:g}"


def report_rows(report) -> list[list[str]]:
    snapshot = report.snapshot or {}
    thread = snapshot.get("thread", {})
    rows = [["Report", report.title, "", "", f"{report.about}, {thread.get('period', {}).get('words', '')}", "", "", report.get_state_display(), "", ""]]
    rows.append(["Reading", "The golden thread", "", "", thread.get("reading", ""), "", "", "", "", ""])
    rows.append(["Reading", "Strongest and weakest", "", "", thread.get("summary", ""), "", "", "", "", ""])
    for step in thread.get("steps", []):
        figure = step.get("figure")
        if figure is None:
            rows.append(["Golden thread", step["name"], "", "", "Not measured yet", "", "", step["judgement"]["words"], "", ""])
            continue
        before = step.get("before") or {}
        rows.append(
            [
                "Golden thread",
                step["name"],
                figure["name"],
                _number(figure["value"]),
                figure["words"],
                before.get("value_words", ""),
                "",
                step["judgement"]["words"] + (f": {step['judgement']['reason']}" if step["judgement"]["reason"] else ""),
                "",
                figure["link"],
            ]
        )
        for other in step.get("others", []):
            rows.append(["Golden thread", step["name"], other["name"], _number(other["value"]), other["words"], "", "", "", "", other["link"]])
        for point in step.get("trend", []):
            rows.append(
                ["Golden thread, each month", step["name"], figure["name"], _number(point["value"]), point.get("words", ""), "", "", "", point["month"], ""]
            )
    for item in snapshot.get("indicators", []):
        rows.append(
            [
                "Indicator",
                item["name"],
                "",
                _number(item["value"]),
                item["words"],
                "",
                item["target_words"],
                item["rag_words"],
                "",
                item["link"] or item["source_link"],
            ]
        )
        for point in item.get("trend", []):
            rows.append(["Indicator, each month", item["name"], "", _number(point["value"]), point.get("words", ""), "", "", "", point["month"], ""])
    rows.append(["Commentary", "", "", "", report.commentary, "", "", "", "", ""])
    rows.append(["Fingerprint of the figures", "", "", "", report.digest, "", "", "", "", ""])
    return rows


def report_csv(report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in report_rows(report):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
