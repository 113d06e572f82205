"""A situation chart's title names the measure in the reader's language, never its key."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from sargs.programme import charts
from sargs.programme.selectors import Situation


@pytest.mark.parametrize(("language", "title"), [("lv", "E1 · bērni"), ("en", "E1 · children")])
def test_the_chart_title_is_in_the_readers_language(monkeypatch, language, title):
    drawn: dict[str, str] = {}

    def bar_chart(labels, values, hidden, *, title: str = "", fmt: str = "svg") -> bytes:
        drawn["title"] = title
        return b"<svg/>"

    monkeypatch.setattr(charts, "bar_chart", bar_chart)
    situation = Situation(
        years=[2024, 2025], groups=[], series={(1, "E1", "children"): {2024: Decimal(7)}}
    )
    with translation.override(language):
        charts.measure_chart(situation, group=1, code="E1", measure="children", suppress=False)
    assert drawn["title"] == title
