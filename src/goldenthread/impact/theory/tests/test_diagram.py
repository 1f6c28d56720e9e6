"""The diagram's layout: every line of words fits its box, boxes never overlap in a column, and the drawing is as tall as what it holds."""

import random

import pytest
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.impact.theory import demo, diagram, queries

pytestmark = pytest.mark.django_db


def test_every_line_fits_its_box_and_no_boxes_overlap():
    with acting_as(None):
        demo.load(random.Random("riverbend-impact"), timezone.localdate())
    drawn = diagram.draw(queries.contents(queries.in_force(), with_indicators=False))
    room = diagram.COLUMN_WIDTH - 2 * diagram.PADDING
    assert len(drawn.boxes) == 8 + 14
    for box in drawn.boxes:
        assert all(diagram._width(line.text, diagram.FONT_SIZE) <= room for line in box.lines)
        assert box.y + box.height <= drawn.height
    by_column = {}
    for box in drawn.boxes:
        by_column.setdefault(box.x, []).append(box)
    assert len(by_column) == 4
    for boxes in by_column.values():
        for above, below in zip(boxes, boxes[1:], strict=False):
            assert above.y + above.height < below.y
    assert max(box.x + box.width for box in drawn.boxes) <= drawn.width


def test_a_very_long_word_is_broken_and_a_long_text_is_cut_short():
    lines = diagram.wrapped("Supercalifragilisticexpialidocious" * 3)
    assert len(lines) > 1 and all(diagram._width(line, diagram.FONT_SIZE) <= diagram.COLUMN_WIDTH - 2 * diagram.PADDING for line in lines)
    long = diagram.wrapped("word " * 200)
    assert len(long) == diagram.MOST_LINES and long[-1].endswith("…")
