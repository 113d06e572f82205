"""The benchmark command runs at a small scale and writes every figure with its yardstick.

A smoke test, not a timed one: the figures themselves go to docs/performance.md."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sargs.assessment.models import Assessment
from sargs.audit.models import AuditEntry
from sargs.organisations.roles import Role
from sargs.scale.benchmark import measure
from sargs.scale.generator import SCALES, generate

pytestmark = pytest.mark.django_db

TIMING = {"runs", "median_ms", "p95_ms"}
PAGE = {"page", "user_role", "timing", "queries", "status", "target_met", "error"}


def test_benchmark_writes_every_figure_and_leaves_no_trace(tmp_path):
    generate(SCALES["tiny"], seed=3)
    audit_before = AuditEntry.objects.count()
    output = tmp_path / "bench.json"
    out = io.StringIO()

    call_command("benchmark", "--json", str(output), "--repeat", "1", stdout=out)

    result = json.loads(output.read_text())
    # The schema: what --compare and docs/performance.md read.
    assert set(result) == {
        "machine", "year", "indicators", "pages", "documents", "worker_memory_mb",
        "worker_memory_target_met", "process_memory_mb",
    }  # fmt: skip
    assert set(result["machine"]) == {"cpus", "python", "database", "load_average"}
    assert len(result["machine"]["load_average"]) == 3
    indicators = result["indicators"]
    assert indicators["figures_match"] is True
    assert indicators["orm_one"]["runs"] == 1 and indicators["sql_one"]["median_ms"] > 0
    assert all(set(indicators[k]) == TIMING for k in ("orm_one", "sql_one", "orm_all", "sql_all"))
    assert set(indicators["targets"]) >= {
        "one municipality-year under 1 s",
        "within 3x the hand-written SQL",
    }
    for page in result["pages"]:
        assert set(page) == PAGE and set(page["timing"]) == TIMING
    pages = {p["page"]: p for p in result["pages"]}
    assert {
        "worklist", "case page", "child search", "concern list", "case list",
        "cooperation group page", "meeting page", "programme page", "programme monitoring",
        "programme action plan", "programme budget", "handovers", "cost claims",
        "audit search", "audit by date range", "audit, a rare record type", "quality checks",
        "dashboard", "API children", "API cases", "API concerns", "API audit",
        "API handovers", "API cost claims",
    } <= set(pages)  # fmt: skip
    # The home of every role (each has a generated user).
    assert {f"home: {role.value}" for role in Role} <= set(pages)
    assert all(p["status"] == 200 and p["error"] == "" for p in pages.values()), [
        (p["page"], p["status"], p["error"]) for p in pages.values() if p["status"] != 200
    ]
    assert all(p["queries"] > 0 for p in pages.values())
    documents = result["documents"]
    assert documents["docx_bytes"] > 0 and documents["pdf_bytes"] > 0, documents["note"]
    # The worker's figure is the peak after the pages; the process's includes the background work.
    assert 0 < result["worker_memory_mb"] <= result["process_memory_mb"]
    assert "hand-written SQL" in out.getvalue()
    # Pages were read, and the year frozen, inside rolled-back transactions: nothing stays.
    assert AuditEntry.objects.count() == audit_before
    assert not Assessment.objects.filter(status="frozen").exists()


def test_a_failing_page_is_recorded_and_fails_the_command(tmp_path, monkeypatch):
    generate(SCALES["tiny"], seed=3)

    def broken(municipality, year=2025):
        return [("broken", Role.COORDINATOR, "get", "/audit/?page=x", {})]

    def failing_view(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(measure, "_page_requests", broken)
    monkeypatch.setattr("sargs.audit.views.present_entries", failing_view)
    output = tmp_path / "bench.json"

    with pytest.raises(CommandError, match="broken"):
        call_command(
            "benchmark", "--json", str(output), "--repeat", "1", "--skip", "indicators",
            "--skip", "documents", stdout=io.StringIO(),
        )  # fmt: skip

    (page,) = json.loads(output.read_text())["pages"]
    assert (page["page"], page["status"], page["error"]) == ("broken", 500, "RuntimeError")
