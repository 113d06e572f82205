"""The benchmark command runs at a small scale and writes every figure with its yardstick.

A smoke test, not a timed one: the figures themselves go to docs/performance.md."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from sargs.assessment.models import Assessment
from sargs.audit.models import AuditEntry
from sargs.scale.generator import SCALES, generate

pytestmark = pytest.mark.django_db


def test_benchmark_writes_every_figure_and_leaves_no_trace(tmp_path):
    generate(SCALES["tiny"], seed=3)
    audit_before = AuditEntry.objects.count()
    output = tmp_path / "bench.json"
    out = io.StringIO()

    call_command("benchmark", "--output", str(output), "--repeat", "1", stdout=out)

    result = json.loads(output.read_text())
    indicators = result["indicators"]
    assert indicators["figures_match"] is True
    assert indicators["orm_one"]["runs"] == 1 and indicators["sql_one"]["median_ms"] > 0
    assert set(indicators["targets"]) == {
        "one municipality-year under 1 s",
        "within 3x the hand-written SQL",
    }
    pages = {p["page"]: p for p in result["pages"]}
    assert {"worklist", "child search", "dashboard", "audit search"} <= set(pages)
    assert all(p["status"] == 200 and p["queries"] > 0 for p in pages.values())
    documents = result["documents"]
    assert documents["docx_bytes"] > 0 and documents["pdf_bytes"] > 0, documents["note"]
    assert result["worker_memory_mb"] > 0
    assert "hand-written SQL" in out.getvalue()
    # Pages were read, and the year frozen, inside rolled-back transactions: nothing stays.
    assert AuditEntry.objects.count() == audit_before
    assert not Assessment.objects.filter(status="frozen").exists()
