"""Pictures of the figures: a trend line per indicator on the dashboard, and a hidden figure
drawn as a labelled hatched mark, never as a point, a bar of its value or a bar at 0."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

from sargs.assessment.charts import bar_chart
from sargs.assessment.dashboard import Cell
from sargs.assessment.sparkline import sparkline_alt, sparkline_points, sparkline_src

from .test_output_views import EN, dashboard_url, figures  # noqa: F401 (fixture)


def shown(amount: int) -> Cell:
    return Cell("children", "reported", Decimal(amount), str(amount))


def hidden(label: str = "<5") -> Cell:
    return Cell("children", "reported", None, label, hidden=True)


def svg_of(src: str) -> str:
    return base64.b64decode(src.removeprefix("data:image/svg+xml;base64,")).decode()


def test_a_hidden_year_is_a_labelled_hatched_mark_and_breaks_the_line():
    svg = svg_of(sparkline_src(sparkline_points([shown(12), hidden(), shown(15), shown(9)])))
    assert svg.count("<circle") == 3  # 12, 15 and 9; nothing where the figure is hidden
    assert "&lt;5</text>" in svg and 'fill="url(#h)"' in svg
    # The line joins only 15 and 9: it does not run through the hidden year.
    (line,) = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(line.split()) == 2


def test_one_period_or_nothing_shown_draws_no_trend():
    assert sparkline_src(sparkline_points([None, shown(3), None])) == ""
    assert sparkline_src(sparkline_points([None, None])) == ""


def test_the_trend_in_words_for_its_alt_text():
    cells = [shown(12), hidden(), None]
    assert sparkline_alt(["2024", "2025", "2026"], cells) == "2024: 12, 2025: <5, 2026: –"


def test_a_hidden_bar_is_hatched_and_a_shown_one_is_not():
    with_hidden = bar_chart(["2024", "2025"], [Decimal(12), None], ["", "<5"]).decode()
    without = bar_chart(["2024", "2025"], [Decimal(12), Decimal(15)], ["", ""]).decode()
    assert "<pattern" in with_hidden and "<pattern" not in without


def test_the_dashboard_shows_a_trend_per_indicator(client_for, cast, figures):  # noqa: F811
    text = client_for(cast.councillor).get(dashboard_url(), **EN).content.decode()
    assert '<th scope="col">Trend</th>' in text
    # F3 has two frozen years (10 and 12 children): a line with its figures in words.
    assert 'class="sparkline"' in text and 'alt="Trend: 2023: 10, 2024: 12"' in text
