"""``benchmark --compare A.json B.json``: every figure side by side with its ratio."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sargs.scale.benchmark.compare import compare, ratio


def timing(median, p95):
    return {"runs": 5, "median_ms": median, "p95_ms": p95}


def page(name, median, p95, queries, role="social_worker"):
    return {
        "page": name, "user_role": role, "timing": timing(median, p95), "queries": queries,
        "status": 200, "target_met": True, "error": "",
    }  # fmt: skip


NATIONAL = {
    "indicators": {
        "orm_one": timing(341.0, 360.0),
        "sql_one": timing(254.0, 260.0),
        "orm_all": timing(7200.0, 7300.0),
        "sql_all": timing(450.0, 460.0),
    },
    "pages": [page("worklist", 85.0, 110.0, 17), page("case page", 102.0, 223.0, 24)],
    "documents": {"docx": timing(1200.0, 1300.0), "pdf": None},
    "worker_memory_mb": 253.0,
}
TENFOLD = {
    "indicators": {
        "orm_one": timing(2774.0, 2900.0),
        "sql_one": timing(2211.0, 2300.0),
        "orm_all": timing(72700.0, 73000.0),
        "sql_all": timing(5000.0, 5100.0),
    },
    "pages": [
        page("worklist", 718.0, 800.0, 17),
        page("case page", 708.0, 900.0, 24),
        page("handovers", 50.0, 60.0, 9, role="coordinator"),
    ],
    "documents": {"docx": timing(1500.0, 1600.0), "pdf": None},
    "worker_memory_mb": 261.0,
}


def test_rows_hold_both_values_and_figures_only_one_file_has():
    rows = {name: (a, b, unit) for name, a, b, unit in compare(NATIONAL, TENFOLD)}
    assert rows["worklist (social_worker) median"] == (85.0, 718.0, "ms")
    assert rows["case page (social_worker) p95"] == (223.0, 900.0, "ms")
    assert rows["case page (social_worker) queries"] == (24, 24, "")
    assert rows["indicators, one municipality-year, ORM (median)"] == (341.0, 2774.0, "ms")
    assert rows["handovers (coordinator) median"] == (None, 50.0, "ms")
    assert rows["worker peak memory"] == (253.0, 261.0, "MB")
    assert "assessment report, pdf (median)" not in rows  # not measured in either


def test_ratio_is_b_over_a():
    assert ratio(85.0, 718.0) == "×8.45"
    assert ratio(24, 24) == "×1.00"
    assert ratio(None, 50.0) == ""
    assert ratio(0, 0) == "×1.00"


def test_the_command_prints_each_figure_side_by_side(tmp_path):
    a, b = tmp_path / "national.json", tmp_path / "tenfold.json"
    a.write_text(json.dumps(NATIONAL))
    b.write_text(json.dumps(TENFOLD))
    out = io.StringIO()

    call_command("benchmark", "--compare", str(a), str(b), stdout=out)

    lines = out.getvalue().splitlines()
    worklist = next(line for line in lines if line.startswith("worklist (social_worker) median"))
    assert worklist.split()[-5:] == ["85.0", "ms", "718.0", "ms", "×8.45"]
    queries = next(line for line in lines if line.startswith("case page (social_worker) queries"))
    assert queries.split()[-3:] == ["24", "24", "×1.00"]
    handovers = next(line for line in lines if line.startswith("handovers (coordinator) median"))
    assert handovers.split()[-3:] == ["–", "50.0", "ms"]
    memory = next(line for line in lines if line.startswith("worker peak memory"))
    assert memory.split()[-5:] == ["253.0", "MB", "261.0", "MB", "×1.03"]
    assert "national" in lines[2] and "tenfold" in lines[2]


def test_compare_refuses_a_file_that_is_not_json(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("benchmark", "--compare", str(bad), str(bad), stdout=io.StringIO())


def test_the_command_needs_a_file_to_write():
    with pytest.raises(CommandError, match="--json"):
        call_command("benchmark", stdout=io.StringIO())
