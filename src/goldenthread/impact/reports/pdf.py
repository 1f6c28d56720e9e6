"""A board report as a PDF on A4 pages, drawn from the report's snapshot (never worked out again).

Headings, the golden thread's reading, a table of its steps, each step's trend as a simple
bar chart (a bar per month, with the figure written beside it, so nothing depends on
colour), the indicators against their targets with their status in words, and the
commentary. Drawn with reportlab's built-in Helvetica, like continuum/pdf.py.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from goldenthread.core.identity import partnership_identity
from goldenthread.impact.indicators.computed import PERCENT

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
BAR = colors.HexColor("#1d70b8")
MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
BAR_WIDTH = 70 * mm

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12.5, textColor=INK)
SMALL = ParagraphStyle("small", parent=BASE, fontSize=8, leading=10, textColor=MUTED)
TITLE = ParagraphStyle("title", parent=BASE, fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=2)
HEADING = ParagraphStyle("heading", parent=BASE, fontName="Helvetica-Bold", fontSize=12.5, leading=15, spaceBefore=9, spaceAfter=3)
SUBHEADING = ParagraphStyle("subheading", parent=BASE, fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=6, spaceAfter=2)
CELL = ParagraphStyle("cell", parent=BASE, fontSize=8.5, leading=10.5)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName="Helvetica-Bold")


def clean(text) -> str:
    value = CONTROL_CHARACTERS.sub("", str(text or ""))
    return escape(" ".join(value.split()))


def _p(text, style=BASE) -> Paragraph:
    return Paragraph(clean(text), style)


def _table(rows, widths) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _bar(value, scale) -> Drawing:
    drawing = Drawing(BAR_WIDTH, 8)
    if value is not None and scale:
        drawing.add(Rect(0, 1, max(BAR_WIDTH * min(max(value, 0), scale) / scale, 0.5), 6, fillColor=BAR, strokeColor=None))
    return drawing


def _trend(title: str, unit: str, trend: list[dict]) -> list:
    """A bar chart drawn as a table: each month, its figure in words, and a bar."""
    values = [point["value"] for point in trend if point["value"] is not None]
    scale = 100 if unit == PERCENT else (max(values) if values else 1) or 1
    rows = [[_p("Month", CELL_BOLD), _p("Figure", CELL_BOLD), _p("", CELL_BOLD)]]
    rows += [[_p(point["month"], CELL), _p(point["value_words"] or "No figure", CELL), _bar(point["value"], scale)] for point in trend]
    return [KeepTogether([_p(title, SUBHEADING), _table(rows, [28 * mm, 30 * mm, BAR_WIDTH + 8 * mm])])]


def report_pdf(report) -> bytes:
    """The report from its snapshot, as PDF bytes."""
    snapshot = report.snapshot or {}
    thread = snapshot.get("thread", {})
    period = thread.get("period", {})
    state = "Final" if report.is_final else "Draft: the figures and words may still change"
    story = [
        _p(report.title, TITLE),
        _p(f"{report.about}. {period.get('words', '')}. {state}.", SMALL),
        _p(f"Figures worked out on {report.figures_at:%-d %B %Y}. Fingerprint of the figures: {report.digest[:16]}.", SMALL),
        Spacer(1, 4),
        _p("The golden thread", HEADING),
        _p(thread.get("reading", "")),
        Spacer(1, 3),
        _p(thread.get("summary", "")),
    ]
    rows = [[_p(text, CELL_BOLD) for text in ("Step", "Figure", "The period before", "How it holds")]]
    for step in thread.get("steps", []):
        figure = step.get("figure")
        before = (step.get("before") or {}).get("value_words") or ""
        words = figure["words"] if figure else "Not measured yet"
        holds = step["judgement"]["words"] + (f": {step['judgement']['reason']}" if step["judgement"]["reason"] else "")
        rows.append([_p(step["name"], CELL), _p(words, CELL), _p(before or "-", CELL), _p(holds, CELL)])
    story.append(_table(rows, [38 * mm, 62 * mm, 26 * mm, WIDTH - 126 * mm]))
    for step in thread.get("steps", []):
        if step.get("figure") and step.get("trend"):
            story += _trend(f"{step['name']}: {step['figure']['name']}, each month", step["figure"]["unit"], step["trend"])

    story.append(_p("Indicators against their targets", HEADING))
    indicators = snapshot.get("indicators", [])
    if indicators:
        rows = [[_p(text, CELL_BOLD) for text in ("Indicator", "Figure", "Target", "Status")]]
        rows += [[_p(item["name"], CELL), _p(item["words"], CELL), _p(item["target_words"] or "-", CELL), _p(item["rag_words"], CELL)] for item in indicators]
        story.append(_table(rows, [60 * mm, 52 * mm, 32 * mm, WIDTH - 144 * mm]))
        for item in indicators:
            if item.get("trend"):
                story += _trend(f"{item['name']}, each month", item["unit"], item["trend"])
    else:
        story.append(_p("No indicators were read for this period."))

    story.append(_p("Commentary", HEADING))
    paragraphs = [part for part in (report.commentary or "").split("\n\n") if part.strip()]
    story += [_p(part) for part in paragraphs] or [_p("No commentary has been written yet.")]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=CONTROL_CHARACTERS.sub("", report.title),
        author=partnership_identity().name,
        creator="Golden Thread",
    )
    footer = f"{partnership_identity().name}: {report.title}. {state}."

    def draw_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2, CONTROL_CHARACTERS.sub("", footer)[:150] + f"  Page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
