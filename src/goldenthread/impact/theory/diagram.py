"""The theory of change as a diagram: an accessible SVG laid out on the server, read from left to right.

What we do, then the short, medium and long term outcomes, each column grouped by whom the
outcomes are for. The SVG is an image with a title and a description (`role="img"`); the page
gives the same content as a list straight after it, which is what a screen reader and a small
screen read. Like `core.charts`, every position is worked out here and written as attributes:
the Content Security Policy allows no inline style. The SVG scales to the width of the page
(`viewBox`, width 100%), so it never makes a phone scroll sideways.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from .queries import Contents

WIDTH = 1000
COLUMN_WIDTH = 226
GAP = 32
HEADER_HEIGHT = 48
TOP = HEADER_HEIGHT + 16
LINE_HEIGHT = 17
PADDING = 9
BOX_GAP = 10
GROUP_TITLE_HEIGHT = 24
GROUP_GAP = 10
FONT_SIZE = 14
HEADER_FONT_SIZE = 15
ROOM = 1.08  # the page's own font (GDS Transport, or Arial) runs a little wider than Helvetica, by which lines are measured
MOST_LINES = 5
HEADER_FILL = "#1d70b8"
BOX_FILL = "#f3f2f1"
BOX_STROKE = "#505a5f"
TEXT_COLOUR = "#0b0c0c"


@dataclass
class Line:
    text: str
    y: int


@dataclass
class Box:
    x: int
    y: int
    width: int
    height: int
    lines: list[Line]
    text_x: int


@dataclass
class GroupTitle:
    text: str
    x: int
    y: int


@dataclass
class Header:
    x: int
    width: int
    lines: list[Line]
    text_x: int
    arrow: str = ""  # the points of the arrow to the next column, if there is one


@dataclass
class Diagram:
    id: str
    title: str
    description: str
    width: int
    height: int
    header_height: int
    headers: list[Header]
    boxes: list[Box] = field(default_factory=list)
    group_titles: list[GroupTitle] = field(default_factory=list)


def _width(text: str, size: float, bold: bool = False) -> float:
    return stringWidth(text, "Helvetica-Bold" if bold else "Helvetica", size) * ROOM


def wrapped(text: str, *, room: float = COLUMN_WIDTH - 2 * PADDING, size: float = FONT_SIZE, bold: bool = False, most: int = MOST_LINES) -> list[str]:
    """The words in lines that fit a box, measured in the font's own widths; a long text is cut short with an ellipsis."""
    lines: list[str] = []
    for word in str(text).split():
        while _width(word, size, bold) > room:  # a word longer than the box: break it
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], size, bold) > room:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if lines and _width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    lines = lines or [""]
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and _width(last + "…", size, bold) > room:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _box(x: int, y: int, text: str) -> Box:
    lines = wrapped(text)
    height = PADDING * 2 + LINE_HEIGHT * len(lines) - 4
    return Box(
        x=x,
        y=y,
        width=COLUMN_WIDTH,
        height=height,
        lines=[Line(line, y + PADDING + 10 + LINE_HEIGHT * index) for index, line in enumerate(lines)],
        text_x=x + PADDING,
    )


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def draw(found: Contents, *, id: str = "theory-diagram") -> Diagram:
    """Lay out a version's diagram: one column for what we do, then one for each horizon."""
    headers, boxes, titles = [], [], []
    bottom = TOP
    for index, column in enumerate(found.columns):
        x = index * (COLUMN_WIDTH + GAP)
        header_lines = wrapped(column.heading, size=HEADER_FONT_SIZE, bold=True, most=2)
        first = HEADER_HEIGHT // 2 + 5 - (LINE_HEIGHT // 2) * (len(header_lines) - 1)
        arrow = ""
        if index < len(found.columns) - 1:
            left, right, middle = x + COLUMN_WIDTH + 6, x + COLUMN_WIDTH + GAP - 6, HEADER_HEIGHT // 2
            arrow = f"{left},{middle - 9} {right},{middle} {left},{middle + 9}"
        headers.append(
            Header(x=x, width=COLUMN_WIDTH, lines=[Line(line, first + LINE_HEIGHT * n) for n, line in enumerate(header_lines)], text_x=x + PADDING, arrow=arrow)
        )
        y = TOP
        for activity in column.activities:
            box = _box(x, y, activity.title)
            boxes.append(box)
            y += box.height + BOX_GAP
        for group in column.groups:
            titles.append(GroupTitle(group.words, x + 2, y + 16))
            y += GROUP_TITLE_HEIGHT
            for outcome in group.outcomes:
                box = _box(x, y, outcome.title)
                boxes.append(box)
                y += box.height + BOX_GAP
            y += GROUP_GAP
        bottom = max(bottom, y)
    theory = found.theory
    description = (
        f"Read from left to right: {_counted(len(found.activities), 'thing we do leads', 'things we do lead')} to "
        f"{_counted(len(found.outcomes), 'outcome', 'outcomes')} in the short, medium and long term, "
        "each column grouped by whom the outcomes are for: children and young people, families, the workforce and the system. "
        "The list after the diagram gives the same content."
    )
    return Diagram(
        id=id,
        title=f"The theory of change, version {theory.number}",
        description=description,
        width=WIDTH,
        height=bottom + 4,
        header_height=HEADER_HEIGHT,
        headers=headers,
        boxes=boxes,
        group_titles=titles,
    )
