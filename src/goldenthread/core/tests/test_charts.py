"""One accessible chart: bars drawn on the server as SVG, named and described, with the same figures in a table."""

import re

from django.template.loader import render_to_string

from goldenthread.core.charts import BAR_AREA, Bar, BarGroup, DataTable, Guide, bar_chart, shades, shorten


def months_chart(**overrides):
    options = {
        "id": "visits-chart",
        "title": "Visits each month",
        "description": "A bar for each month, longer for more visits.",
        "scale_max": 4,
        "table": DataTable(
            caption="Visits each month", headings=["Month", "Visits"], rows=[("Jan 2026", ["2"]), ("Feb 2026", ["4"]), ("Mar 2026", ["0"])], numeric=True
        ),
    }
    groups = [BarGroup("", [Bar("Jan 2026: 2 visits", 2), Bar("Feb 2026: 4 visits", 4), Bar("Mar 2026: no visits", 0)])]
    return bar_chart(groups, **{**options, **overrides})


def test_bars_are_as_long_as_their_value_on_the_scale():
    chart = months_chart()
    widths = [bar.width for bar in chart.groups[0].bars]

    assert widths == [BAR_AREA // 2, BAR_AREA, 1], "a zero still shows as a hairline, so the month is not mistaken for missing"
    assert all(bar.label_x == bar.width + 6 for bar in chart.groups[0].bars), "each bar's words sit at its end"


def test_a_bar_with_no_value_is_not_drawn_but_keeps_its_words():
    chart = bar_chart([BarGroup("Safety", [Bar("Spring: not assessed", None)])], id="c", title="t", description="d", scale_max=4)

    assert chart.groups[0].bars[0].width == 0
    assert chart.groups[0].bars[0].label == "Spring: not assessed"


def test_values_beyond_the_scale_stay_inside_the_chart():
    chart = bar_chart([BarGroup("", [Bar("a", 9), Bar("b", -3)])], id="c", title="t", description="d", scale_max=4)

    assert [bar.width for bar in chart.groups[0].bars] == [BAR_AREA, 1]


def test_an_empty_scale_draws_no_division_by_zero():
    chart = bar_chart([BarGroup("", [Bar("Jan: no sessions", 0)])], id="c", title="t", description="d", scale_max=0)

    assert chart.groups[0].bars[0].width == 1


def test_groups_stack_down_the_chart_with_their_titles_and_the_guides_mark_the_stages():
    chart = bar_chart(
        [BarGroup("Safety", [Bar("Spring", 1), Bar("Autumn", 3)]), BarGroup("Trust", [Bar("Spring", 2), Bar("Autumn", 2.5)])],
        id="c",
        title="t",
        description="d",
        scale_max=4,
        guides=[Guide(0, "Aware"), Guide(2, "Sensitive"), Guide(3, "Responsive")],
    )

    first, second = chart.groups
    assert first.title_y < first.bars[0].y < first.bars[1].y < second.title_y < second.bars[0].y
    assert chart.height > second.bars[-1].y + second.bars[-1].height
    assert [(guide.x, guide.name) for guide in chart.guides] == [(BAR_AREA // 2, "Sensitive"), (BAR_AREA * 3 // 4, "Responsive")]


def test_bars_in_a_group_go_from_light_to_dark_and_a_single_series_is_one_colour():
    rounds = bar_chart([BarGroup("Safety", [Bar("Spring", 1), Bar("Autumn", 3)])], id="c", title="t", description="d", scale_max=4, shaded=True)

    assert shades(2) == ["#1d70b8", "#003078"]
    assert [bar.fill for bar in rounds.groups[0].bars] == ["#1d70b8", "#003078"]
    assert len({bar.fill for bar in months_chart().groups[0].bars}) == 1


def test_long_words_are_shortened_with_an_ellipsis():
    assert shorten("A very long name for a self-assessment round in spring", 20) == "A very long name fo…"
    assert shorten("Spring round") == "Spring round"


def test_the_chart_is_an_image_with_a_title_and_description_and_its_figures_in_a_table():
    html = render_to_string("core/_chart.html", {"chart": months_chart()})
    svg = html.split("<svg")[1].split("</svg>")[0]

    assert 'role="img"' in svg and 'aria-labelledby="visits-chart-title visits-chart-desc"' in svg
    assert '<title id="visits-chart-title">Visits each month</title>' in svg
    assert "The table after the chart gives the same figures." in svg
    assert svg.count("<rect") == 3
    assert "Feb 2026: 4 visits" in svg
    assert "style=" not in html and "<script" not in html
    table = html.split("<table")[1]
    assert '<caption class="govuk-table__caption govuk-table__caption--m" id="visits-chart-caption">Visits each month</caption>' in table
    assert 'role="region" aria-labelledby="visits-chart-caption" tabindex="0"' in html, "a wide table scrolls in its own region"
    assert '<th scope="row" class="govuk-table__header">Feb 2026</th>' in table
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in table


def test_words_in_a_chart_are_escaped():
    chart = bar_chart([BarGroup("<b>Safety</b>", [Bar("<script>x</script>", 1)])], id="c", title="<i>t</i>", description="d", scale_max=4)

    html = render_to_string("core/_chart.html", {"chart": chart})

    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert len(re.findall(r"&lt;", html)) >= 3
