"""One accessible chart for every page: horizontal bars drawn as SVG on the server, with its data table.

A page builds a `Chart` with `bar_chart(...)` and includes `core/_chart.html`:

    chart = bar_chart(
        [BarGroup("", [Bar("Mar 2026: 4 sessions", 4), ...])],
        id="sessions-chart",
        title="Sessions held each month",
        description="A bar for each month, longer for more sessions.",
        scale_max=4,
        table=DataTable(caption="Sessions held each month", headings=["Month", "Sessions"], rows=[("Mar 2026", ["4"])]),
    )
    {% include "core/_chart.html" with chart=chart %}

The SVG is an image with a title and a description (`role="img"`, `aria-labelledby`); every
bar carries its own words, so colour is never the only way to tell bars apart; the table
after it holds the same figures and is what a screen reader reads. No JavaScript, and no
inline style (the Content Security Policy allows none): the layout is worked out here and
written as attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 760
BAR_AREA = 380  # the rest of the width is for each bar's words
LABEL_GAP = 6
BAR_HEIGHT = 20
BAR_GAP = 4
GROUP_TITLE_HEIGHT = 24
GROUP_GAP = 12
TOP_WITH_GUIDES = 28
TOP = 4
TEXT_COLOUR = "#0b0c0c"
GUIDE_COLOUR = "#505a5f"
# Older or lesser series lighter, the latest darkest; each passes 3:1 against white.
SHADES = ["#505a5f", "#5694ca", "#1d70b8", "#003078"]
ONE_SERIES = "#1d70b8"


@dataclass
class Bar:
    """One bar: the words shown at its end (say what it is and its value), and its value (None: no bar)."""

    label: str
    value: float | None
    colour: str = ""


@dataclass
class BarGroup:
    """Bars that belong together (one area, one month), under a title ("" for none)."""

    title: str
    bars: list[Bar]


@dataclass
class Guide:
    """A dashed line across the bars at a value, named at the top (where a stage starts)."""

    value: float
    name: str


@dataclass
class DataTable:
    """The chart's figures as a table: the column headings, then each row's heading and cells."""

    caption: str
    headings: list[str]
    rows: list[tuple[str, list[str]]]
    numeric: bool = False


@dataclass
class DrawnBar:
    x: int
    y: int
    width: int
    height: int
    fill: str
    label: str
    label_x: int
    label_y: int


@dataclass
class DrawnGroup:
    title: str
    title_y: int
    bars: list[DrawnBar]


@dataclass
class DrawnGuide:
    x: int
    name: str


@dataclass
class Chart:
    """A chart laid out and ready for `core/_chart.html`."""

    id: str
    title: str
    description: str
    width: int
    height: int
    groups: list[DrawnGroup]
    guides: list[DrawnGuide] = field(default_factory=list)
    table: DataTable | None = None
    intro: str = ""

    @property
    def axis_top(self) -> int:
        """Where the axis and the guides start: below the guides' names, if there are any."""
        return 16 if self.guides else 0


def shades(count: int) -> list[str]:
    """A colour for each of `count` bars in a group: the last (latest) darkest."""
    return [SHADES[max(0, len(SHADES) - count + index)] for index in range(count)]


def bar_chart(
    groups: Sequence[BarGroup],
    *,
    id: str,
    title: str,
    description: str,
    scale_max: float,
    guides: Sequence[Guide] = (),
    table: DataTable | None = None,
    intro: str = "",
    shaded: bool = False,
) -> Chart:
    """Lay out horizontal bars, group by group, on a scale from 0 to `scale_max`.

    `shaded`: the bars of a group are a series (rounds, oldest first), drawn light to dark;
    otherwise every bar is one colour (one measure across months or places).
    """
    scale_max = scale_max if scale_max and scale_max > 0 else 1

    def x_of(value: float) -> int:
        return round(BAR_AREA * max(0, min(value, scale_max)) / scale_max)

    top = TOP_WITH_GUIDES if guides else TOP
    y = top
    drawn = []
    for group in groups:
        title_y = y + 17
        if group.title:
            y += GROUP_TITLE_HEIGHT
        colours = shades(len(group.bars)) if shaded else [ONE_SERIES] * len(group.bars)
        bars = []
        for bar, colour in zip(group.bars, colours, strict=True):
            width = 0 if bar.value is None else max(x_of(bar.value), 1)
            bars.append(
                DrawnBar(
                    x=0,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    fill=bar.colour or colour,
                    label=bar.label,
                    label_x=width + LABEL_GAP,
                    label_y=y + BAR_HEIGHT - 5,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        drawn.append(DrawnGroup(title=group.title, title_y=title_y, bars=bars))
        y += GROUP_GAP
    return Chart(
        id=id,
        title=title,
        description=description,
        width=WIDTH,
        height=y,
        groups=drawn,
        guides=[DrawnGuide(x=x_of(guide.value), name=guide.name) for guide in guides if 0 < guide.value <= scale_max],
        table=table,
        intro=intro,
    )


def shorten(text: str, most: int = 36) -> str:
    """Text cut to `most` characters with an ellipsis, for a bar's words."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
