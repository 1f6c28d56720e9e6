"""Printable PDFs: the one-page audit for governors or the board, and the partnership's map.

Drawn with reportlab's built-in Helvetica, so nothing is downloaded and no font file is
needed. Helvetica covers Western European letters; other characters print as gaps rather
than fail. The one-page audit always fits one A4 page: long lists are cut short with
"and N more", and the page as a whole shrinks a little if it must.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from goldenthread.core.identity import partnership_identity

from .permissions import minimum_respondents
from .queries import BAND_RANK, Movement, PartnershipMap, band_short_label
from .results import STRONG_ITEM_SCORE, band_name, read_result

LIST_SHOWN = 5
TEXT_SHOWN = 170
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Pale to deep, as on the map page; dark text on the three pale ones, white on the deepest.
BAND_FILL = {
    "aware": colors.HexColor("#e8f1f2"),
    "sensitive": colors.HexColor("#b9d8dc"),
    "responsive": colors.HexColor("#6fb0b8"),
    "informed": colors.HexColor("#1d5c63"),
}
NO_BAND_FILL = colors.white
INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT)
SMALL = ParagraphStyle("small", parent=BASE, fontSize=8, leading=10, textColor=MUTED)
TITLE = ParagraphStyle("title", parent=BASE, fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=2)
HEADING = ParagraphStyle("heading", parent=BASE, fontName="Helvetica-Bold", fontSize=11.5, leading=14, spaceBefore=7, spaceAfter=3)
LEAD = ParagraphStyle("lead", parent=BASE, fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=4, spaceAfter=2)
CELL = ParagraphStyle("cell", parent=BASE, fontSize=8.5, leading=10.5)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName="Helvetica-Bold")
CELL_ON_DARK = ParagraphStyle("cell-dark", parent=CELL, textColor=colors.white)


def clean(text, limit: int | None = None) -> str:
    """Text made safe for reportlab's markup: no control characters, escaped, cut short if long."""
    value = CONTROL_CHARACTERS.sub("", str(text or ""))
    value = " ".join(value.split())
    if limit and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return escape(value)


def _paragraph(text, style=BASE, limit=None) -> Paragraph:
    return Paragraph(clean(text, limit), style)


def _score_text(score) -> str:
    return "-" if score is None else f"{float(score):.2f}"


def _band_cell_style(band: str | None) -> ParagraphStyle:
    return CELL_ON_DARK if band == "informed" else CELL


def _listed(lines: list[str], shown: int = LIST_SHOWN) -> list[str]:
    """At most `shown` lines, and a last line saying how many more there are."""
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"and {len(lines) - shown} more"]


def _bullets(lines: list[str], empty: str) -> list:
    if not lines:
        return [_paragraph(empty)]
    return [Paragraph("• " + clean(line, TEXT_SHOWN), BASE) for line in lines]


def _table_style(header_rows: int = 1) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, header_rows - 1), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]


def _render(story, *, pagesize=A4, margin=16 * mm, title="", footer="") -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=partnership_identity().name,
        creator="Golden Thread",
    )

    def draw_footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, margin / 2, CONTROL_CHARACTERS.sub("", footer))
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


# The one-page audit --------------------------------------------------------------------


def one_page_audit(assessment) -> bytes:
    """One A4 page on a completed round, for governors or the board."""
    reading = read_result(assessment)
    if reading is None:
        raise ValueError("This round has no result yet: complete it first.")
    organisation = assessment.organisation
    framework = assessment.framework
    completed = assessment.completed_on.strftime("%-d %B %Y") if assessment.completed_on else "not completed"

    story = [
        _paragraph(f"One-page audit: {organisation.name}", TITLE),
        _paragraph(
            f"{assessment.title}. Completed {completed}. {framework.title}, version {framework.version}. "
            f"{reading.respondents} {'person' if reading.respondents == 1 else 'people'} answered.",
            SMALL,
        ),
        Spacer(1, 3),
        Paragraph(
            "<b>A self-assessed stage, not a validated score.</b> "
            + clean(
                "It says where the organisation's own people place it on the trauma-informed continuum, and is a starting point for conversation and action."
            ),
            BASE,
        ),
        _paragraph(f"Overall stage: {reading.band_name}" + (f" (score {reading.score:.2f} out of 4)" if reading.score is not None else ""), LEAD),
    ]
    if reading.capped:
        story.append(_paragraph("The overall stage is held at one stage above the area with the lowest stage.", SMALL))
    if reading.band_description:
        story.append(_paragraph(reading.band_description, BASE, limit=300))

    rows = [[Paragraph("Area", CELL_BOLD), Paragraph("Score", CELL_BOLD), Paragraph("Stage", CELL_BOLD)]]
    style = _table_style()
    for index, domain in enumerate(reading.domains, start=1):
        rows.append(
            [_paragraph(domain.title, CELL, 90), _paragraph(_score_text(domain.score), CELL), _paragraph(domain.band_name, _band_cell_style(domain.band))]
        )
        style.append(("BACKGROUND", (2, index), (2, index), BAND_FILL.get(domain.band, NO_BAND_FILL)))
    domain_table = Table(rows, colWidths=[105 * mm, 22 * mm, 45 * mm], repeatRows=1, hAlign="LEFT")
    domain_table.setStyle(TableStyle(style))
    story += [_paragraph("Stage in each area", HEADING), domain_table]

    strong = sorted(reading.strong_items, key=lambda item: (-item.score, item.domain_title))
    strengths = [f"{item.domain_title}: {item.text}" for item in strong]
    if not strengths:
        strengths = [f"{domain.title}: {domain.band_name}" for domain in reading.strong_domains]
    story += [_paragraph("Strengths", HEADING), *_bullets(_listed(strengths), "No statement reached 'mostly' yet: the next steps show where to begin.")]

    below = sorted(
        (item for item in reading.items if item.score is not None and item.score < STRONG_ITEM_SCORE),
        key=lambda item: (item.score, item.domain_title),
    )
    next_steps = [f"{item.domain_title}: {item.text}" for item in (below or reading.next_steps)]
    story += [_paragraph("Next steps", HEADING), *_bullets(_listed(next_steps), "Every statement reached 'mostly' or above.")]

    disagreements = len(reading.disagreements)
    story += [
        _paragraph("How the stages were reached", HEADING),
        _paragraph(
            "Each statement's score is the middle of everyone's answers (0 'not yet' to 4 'fully, everywhere'); "
            "'I don't know' is left out. An area's score is the average of its statements, and needs answers to at least half of them. "
            "A score reaches a stage at the stage's starting point. The overall stage comes from the average of the areas, "
            "never more than one stage above the lowest area. "
            f"Figures show only once at least {minimum_respondents()} people have answered, so that nobody's answers can be picked out.",
            SMALL,
        ),
        _paragraph(
            f"People disagreed (two or more points apart) on {disagreements} "
            f"{'statement' if disagreements == 1 else 'statements'}: worth talking through together.",
            SMALL,
        ),
    ]
    frame_width, frame_height = A4[0] - 32 * mm, A4[1] - 40 * mm
    fitted = KeepInFrame(frame_width, frame_height, story, mode="shrink")
    footer = f"{partnership_identity().name}: printed {timezone.localdate():%-d %B %Y} from Golden Thread."
    return _render([fitted], title=f"One-page audit: {organisation.name}", footer=footer)


# The partnership's map -----------------------------------------------------------------


def partnership_map_pdf(summary: PartnershipMap, *, filters_text: str = "") -> bytes:
    """The map on landscape A4 pages: counts, bands by sector, the heat map, movement, bright spots."""
    today = timezone.localdate()
    story = [
        _paragraph("Where the partnership stands on the trauma-informed continuum", TITLE),
        _paragraph(
            f"{partnership_identity().name}, {today:%-d %B %Y}. Each organisation's latest completed self-assessment: "
            "self-assessed stages, not validated scores." + (f" Showing {filters_text}." if filters_text else ""),
            SMALL,
        ),
        Spacer(1, 4),
    ]
    counts = ", ".join(f"{label}: {count}" for _, label, count in summary.band_counts)
    overview = f"{summary.assessed} organisations assessed. {counts}."
    if summary.counts_unassessed:
        overview += f" Not assessed yet: {summary.not_assessed}."
    overview += f" Rounds open now: {summary.open_rounds}."
    story.append(_paragraph(overview))

    story.append(_paragraph("Stages by sector", HEADING))
    header = ["Sector", *[band_short_label(code) for code in BAND_RANK]]
    if summary.counts_unassessed:
        header.append("Not assessed yet")
    rows = [[Paragraph(clean(text), CELL_BOLD) for text in header]]
    for row in summary.sectors:
        cells = [row.label, *[str(count) for count in row.band_counts]]
        if summary.counts_unassessed:
            cells.append(str(row.not_assessed))
        rows.append([_paragraph(cell, CELL) for cell in cells])
    if len(rows) == 1:
        rows.append([_paragraph("No organisations.", CELL)] + [""] * (len(header) - 1))
    sector_table = Table(rows, colWidths=[70 * mm] + [28 * mm] * (len(header) - 1), repeatRows=1, hAlign="LEFT")
    sector_table.setStyle(TableStyle(_table_style()))
    story.append(sector_table)

    for group in summary.groups:
        story.append(_paragraph(f"Heat map: {group.framework_title}", HEADING))
        story.append(_paragraph("Areas: " + "; ".join(f"{n}. {title}" for n, (_, title) in enumerate(group.columns, start=1)), SMALL))
        head = [Paragraph("Organisation", CELL_BOLD), Paragraph("Overall", CELL_BOLD)]
        head += [Paragraph(str(n), CELL_BOLD) for n in range(1, len(group.columns) + 1)]
        rows = [head]
        style = _table_style()
        for r, row in enumerate(group.rows, start=1):
            standing = row.standing
            line = [_paragraph(standing.name, CELL, 60), _paragraph(band_short_label(standing.band), _band_cell_style(standing.band))]
            style.append(("BACKGROUND", (1, r), (1, r), BAND_FILL.get(standing.band, NO_BAND_FILL)))
            for c, cell in enumerate(row.cells, start=2):
                text = band_short_label(cell.band) if cell.in_framework else "Not in version"
                line.append(_paragraph(text if cell.band or not cell.in_framework else "Too few", _band_cell_style(cell.band)))
                style.append(("BACKGROUND", (c, r), (c, r), BAND_FILL.get(cell.band, NO_BAND_FILL)))
            rows.append(line)
        usable = landscape(A4)[0] - 24 * mm - 62 * mm - 20 * mm
        width = max(min(usable / max(len(group.columns), 1), 30 * mm), 14 * mm)
        table = Table(rows, colWidths=[62 * mm, 20 * mm] + [width] * len(group.columns), repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        story.append(table)

    story.append(_paragraph("Movement since last year", HEADING))
    moved = summary.moved
    if moved:
        rows = [[Paragraph(text, CELL_BOLD) for text in ("Organisation", "Earlier round", "Latest round", "Movement")]]
        for standing in moved:
            rows.append(
                [
                    _paragraph(standing.name, CELL, 70),
                    _paragraph(f"{band_name(standing.earlier.band)} ({standing.earlier.completed_on:%b %Y})", CELL),
                    _paragraph(f"{standing.band_label} ({standing.completed_on:%b %Y})", CELL),
                    _paragraph(standing.movement_label, CELL_BOLD if standing.movement != Movement.SAME else CELL),
                ]
            )
        table = Table(rows, colWidths=[85 * mm, 55 * mm, 55 * mm, 40 * mm], repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(_table_style()))
        story.append(table)
    else:
        story.append(_paragraph("No organisation has two completed rounds yet."))

    story.append(_paragraph("Bright spots: strengths others can learn from", HEADING))
    if summary.bright_spots:
        for area in summary.bright_spot_areas:
            strong = ", ".join(f"{spot.standing.name} ({band_short_label(spot.band)})" for spot in area.spots)
            early = len(area.early_others)
            story.append(
                Paragraph(
                    f"• <b>{clean(area.domain_title)}</b> ({clean(area.framework_title)}): strong at {clean(strong)}. "
                    f"Early on here: {early} {'organisation' if early == 1 else 'organisations'}.",
                    BASE,
                )
            )
    else:
        story.append(_paragraph("No bright spots yet: none of the organisations stands out in an area where most others are early on."))
    return _render(story, pagesize=landscape(A4), margin=12 * mm, title="The partnership's map", footer=f"Printed {today:%-d %B %Y} from Golden Thread.")
