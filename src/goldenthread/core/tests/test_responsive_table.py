"""The one responsive table: every table sits in a region of its own, named by its caption, that scrolls on a phone."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

SOURCE = Path(__file__).resolve().parents[2]


def render(text, **context):
    return Template("{% load gt %}" + text).render(Context({"request": RequestFactory().get("/"), **context}))


def test_a_table_sits_in_a_region_named_by_its_caption():
    html = render('{% gt_table %}<table class="govuk-table"><caption class="govuk-table__caption">Your families</caption></table>{% end_gt_table %}')
    assert html.startswith('<div class="gt-table-scroll" role="region" aria-labelledby="gt-table-1" tabindex="0">')
    assert '<caption id="gt-table-1" class="govuk-table__caption">Your families</caption>' in html


def test_a_caption_keeps_the_id_it_has():
    html = render('{% gt_table %}<table><caption id="by-sector">By sector</caption></table>{% end_gt_table %}')
    assert 'aria-labelledby="by-sector"' in html
    assert html.count('id="by-sector"') == 1


def test_each_table_on_a_page_has_its_own_name():
    html = render("{% for n in numbers %}{% gt_table %}<table><caption>Round {{ n }}</caption></table>{% end_gt_table %}{% endfor %}", numbers=[1, 2])
    assert re.findall(r'aria-labelledby="([^"]+)"', html) == ["gt-table-1", "gt-table-2"]


def test_tables_with_the_same_caption_are_told_apart_by_their_heading():
    html = render('{% gt_table heading="list-pledges" %}<table><caption id="p">Parameters</caption></table>{% end_gt_table %}')
    assert 'aria-labelledby="list-pledges p"' in html


def test_a_table_without_a_caption_is_named_with_a_label():
    html = render("{% gt_table label=name %}<table></table>{% end_gt_table %}", name="Who came")
    assert 'role="region" aria-label="Who came" tabindex="0"' in html


def test_a_table_with_neither_a_caption_nor_a_label_is_refused():
    with pytest.raises(TemplateSyntaxError, match="caption"):
        render("{% gt_table %}<table></table>{% end_gt_table %}")


def test_every_table_in_every_template_is_the_responsive_table():
    loose = []
    for template in sorted(SOURCE.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        inside = "".join(re.findall(r"{% gt_table[^%]*%}(.*?){% end_gt_table %}", text, re.DOTALL))
        if text.count("<table") != inside.count("<table"):
            loose.append(str(template.relative_to(SOURCE)))
    assert loose == [], "Wrap each table in {% gt_table %} … {% end_gt_table %}"
