"""A certificate for a completed course: one landscape A4 page, as a PDF.

Drawn with reportlab's built-in Helvetica, as the continuum's one-page audit is, so nothing is
downloaded and no font file is needed. Helvetica covers Western European letters; other
characters print as gaps rather than fail. It says who completed which course, in which
programme, when, and the parts they came to; nothing about what they said in feedback.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from goldenthread.core.identity import partnership_identity

from .queries import long_date, parts_attended

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=13, leading=18, textColor=INK, alignment=TA_CENTER)
SMALL = ParagraphStyle("small", parent=BASE, fontSize=10, leading=13, textColor=MUTED)
TITLE = ParagraphStyle("title", parent=BASE, fontName="Helvetica-Bold", fontSize=30, leading=36, spaceAfter=6)
NAME = ParagraphStyle("name", parent=BASE, fontName="Helvetica-Bold", fontSize=24, leading=30, spaceBefore=6, spaceAfter=6)
COURSE = ParagraphStyle("course", parent=BASE, fontName="Helvetica-Bold", fontSize=18, leading=23, spaceBefore=4, spaceAfter=4)


def clean(text, limit: int = 200) -> str:
    """Text made safe for reportlab's markup: no control characters, escaped, cut short if long."""
    value = " ".join(CONTROL_CHARACTERS.sub("", str(text or "")).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return escape(value)


def certificate_pdf(completion) -> bytes:
    """The certificate: the partnership, the person, the course and programme, the day completed, the parts."""
    identity = partnership_identity()
    course = completion.course
    person = completion.person.full_name or completion.person.email
    story = [
        Paragraph(clean(identity.name), SMALL),
        Spacer(1, 14 * mm),
        Paragraph("Certificate of completion", TITLE),
        Paragraph("This is to say that", BASE),
        Paragraph(clean(person), NAME),
        Paragraph(f"of {clean(completion.organisation.name)}" if completion.organisation_id else "", BASE),
        Spacer(1, 4 * mm),
        Paragraph("has completed", BASE),
        Paragraph(clean(course.title), COURSE),
        Paragraph(f"part of {clean(course.programme.name)}, on {long_date(completion.completed_on)}", BASE),
    ]
    parts = parts_attended(completion)
    if len(parts) > 1:
        attended = "; ".join(f"{clean(name, 80)} on {long_date(timezone.localtime(session.starts_at).date())}" for name, session in parts)
        story += [Spacer(1, 4 * mm), Paragraph(f"Sessions: {attended}", SMALL)]
    if course.skills:
        story += [Spacer(1, 3 * mm), Paragraph("Skills practised: " + "; ".join(clean(skill, 120) for skill in course.skills), SMALL)]
    story += [Spacer(1, 10 * mm), Paragraph(f"Certificate reference {completion.public_id}", SMALL)]
    buffer = io.BytesIO()
    margin = 20 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"Certificate of completion: {course.title}",
        author=identity.name,
        creator="Golden Thread",
    )

    def border(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(identity.brand_colour))
        canvas.setLineWidth(3)
        width, height = landscape(A4)
        canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
        canvas.restoreState()

    document.build(story, onFirstPage=border, onLaterPages=border)
    return buffer.getvalue()
