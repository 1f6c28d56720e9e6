"""The theory of change in force as a PDF, for the partnership's boards and for anyone who likes paper.

Drawn with reportlab's built-in Helvetica, like the continuum's PDFs. The diagram becomes a
list of its columns (what we do, then the short, medium and long term outcomes, grouped by
whom they are for), then the assumptions. It flows onto as many A4 pages as it needs.
"""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from goldenthread.continuum.pdf import BASE, CONTROL_CHARACTERS, HEADING, MUTED, SMALL, TITLE, clean
from goldenthread.core.identity import partnership_identity

from .queries import Contents

COLUMN = ParagraphStyle("theory-column", parent=HEADING, fontSize=13.5, leading=17, spaceBefore=10, spaceAfter=4)
GROUP = ParagraphStyle("theory-group", parent=BASE, fontName="Helvetica-Bold", spaceBefore=5, spaceAfter=2)
ITEM = ParagraphStyle("theory-item", parent=BASE, leftIndent=10, bulletIndent=0, spaceAfter=2)
DETAIL = ParagraphStyle("theory-detail", parent=SMALL, leftIndent=10, spaceAfter=3)


def _item(title: str, detail: str = "") -> list:
    found = [Paragraph(clean(title), ITEM, bulletText="•")]
    if detail:
        found.append(Paragraph(clean(detail), DETAIL))
    return [KeepTogether(found)]


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y") if moment else "not yet published"


def theory_pdf(found: Contents) -> bytes:
    """The version's diagram as a list of columns, and its assumptions, on A4 pages."""
    theory = found.theory
    identity = partnership_identity()
    story = [
        Paragraph(clean(f"{identity.name}: our theory of change"), TITLE),
        Paragraph(clean(f"Version {theory.number}, published {_day(theory.published_at)}. {theory.note}"), SMALL),
        Spacer(1, 4 * mm),
        Paragraph(
            clean(
                "Read it from what we do, to the outcomes we hope to see in the short, medium and long term, for children, families, the workforce and the system."
            ),
            BASE,
        ),
    ]
    for column in found.columns:
        story.append(Paragraph(clean(column.heading), COLUMN))
        if column.key == "activities":
            for activity in column.activities:
                leads = "; ".join(outcome.title for outcome in activity.outcomes)
                story += _item(activity.title, " ".join(part for part in (activity.description, f"Leads to: {leads}." if leads else "") if part))
            if not column.activities:
                story.append(Paragraph("None written yet.", BASE))
            continue
        for group in column.groups:
            story.append(Paragraph(clean(f"For {group.words[0].lower()}{group.words[1:]}"), GROUP))
            for outcome in group.outcomes:
                indicators = "; ".join(indicator.name for indicator in getattr(outcome, "indicators", []))
                story += _item(outcome.title, " ".join(part for part in (outcome.description, f"Indicators: {indicators}." if indicators else "") if part))
        if not column.groups:
            story.append(Paragraph("None written yet.", BASE))
    story.append(Paragraph("What we take to be true", COLUMN))
    for assumption in found.assumptions:
        story += _item(assumption.text)
    if not found.assumptions:
        story.append(Paragraph("None written yet.", BASE))

    buffer = io.BytesIO()
    margin = 16 * mm
    footer = CONTROL_CHARACTERS.sub("", f"{identity.name}. Theory of change, version {theory.number}. Printed {timezone.localdate():%-d %B %Y}.")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Theory of change, version {theory.number}",
        author=identity.name,
        creator="Golden Thread",
    )

    def draw_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, margin / 2, f"{footer} Page {doc.page}.")
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()
