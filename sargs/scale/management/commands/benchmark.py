from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sargs.scale.benchmark import compare, measure


class Command(BaseCommand):
    help = (
        "Measure, on the current database, the computed indicators against hand-written SQL, "
        "the main pages (server time and queries) and the assessment report; write JSON. "
        "With --compare, print two such files side by side instead."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", "--output", dest="output", help="JSON file to write.")
        parser.add_argument(
            "--compare",
            nargs=2,
            metavar=("A.json", "B.json"),
            help="Print each figure of two benchmark files side by side with its ratio B/A.",
        )
        parser.add_argument("--year", type=int, default=2025, help="Indicator year.")
        parser.add_argument("--repeat", type=int, default=10, help="Runs per figure.")
        parser.add_argument(
            "--skip", action="append", default=[], choices=["indicators", "pages", "documents"]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["compare"]:
            self._compare(*options["compare"])
            return
        if not options["output"]:
            raise CommandError("Name the file to write with --json FILE (or use --compare).")
        if settings.PRODUCTION:
            raise CommandError("Benchmark on a copy, never on the production database.")
        repeat = max(1, options["repeat"])
        skip = set(options["skip"])
        result: dict[str, Any] = {"machine": self._machine(), "year": options["year"]}
        # Pages first: the process's peak memory right after them is what a web worker serving
        # those pages needs. The indicators of every municipality and the report documents are
        # built by the background worker (assessment.tasks), and their peak is the
        # process's peak at the end, reported beside it without the web worker's target.
        steps = [s for s in ("pages", "indicators", "documents") if s not in skip]
        for number, step in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] measuring {step} …")
            if step == "indicators":
                result[step] = measure.as_json(measure.measure_indicators(options["year"], repeat))
            elif step == "pages":
                result[step] = [
                    measure.as_json(p) for p in measure.measure_pages(repeat, options["year"])
                ]
            else:
                result[step] = measure.as_json(
                    measure.measure_documents(max(1, repeat // 5), options["year"])
                )
            if step == "pages":
                result["worker_memory_mb"] = round(measure.worker_memory_mb(), 1)
        if "worker_memory_mb" not in result:  # pages skipped: only the process's peak is known
            result["worker_memory_mb"] = round(measure.worker_memory_mb(), 1)
        result["worker_memory_target_met"] = result["worker_memory_mb"] < measure.WORKER_MB
        result["process_memory_mb"] = round(measure.worker_memory_mb(), 1)
        Path(options["output"]).write_text(json.dumps(result, indent=2, default=str))
        self._print(result)
        failed = [p["page"] for p in result.get("pages", []) if p["status"] != 200 or p["error"]]
        if failed:
            raise CommandError(f"Pages that did not answer 200: {', '.join(failed)}.")

    def _compare(self, first: str, second: str) -> None:
        try:
            a, b = (json.loads(Path(name).read_text()) for name in (first, second))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read a benchmark file: {error}") from error
        names = (Path(first).stem[:14], Path(second).stem[:14])
        self.stdout.write(f"A: {first}\nB: {second}")
        self.stdout.write(compare.render(a, b, names))

    def _machine(self) -> dict[str, Any]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT version()"
                if connection.vendor == "postgresql"
                else "SELECT sqlite_version()"
            )
            version = cursor.fetchone()[0]
        return {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "database": f"{connection.vendor} {version}".split(" on ")[0],
            # The machine may be shared: the 1, 5 and 15 minute load when the run started.
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }

    def _print(self, r: dict[str, Any]) -> None:
        w = self.stdout.write
        w(
            f"Machine: {r['machine']['cpus']} CPUs, {r['machine']['database']}, load average "
            f"{' '.join(str(x) for x in r['machine']['load_average'])}"
        )
        if "indicators" in r:
            i = r["indicators"]
            w(
                f"Indicators {i['year']}, {i['municipality']}: ORM "
                f"{i['orm_one']['median_ms']:.1f} ms against hand-written SQL "
                f"{i['sql_one']['median_ms']:.1f} ms (x{i['ratio_one']:.2f}); all "
                f"{i['municipalities']} municipalities: ORM {i['orm_all']['median_ms']:.0f} ms "
                f"against SQL {i['sql_all']['median_ms']:.0f} ms (x{i['ratio_all']:.2f}); "
                f"same figures: {'yes' if i['figures_match'] else 'NO'}"
            )
            for target, met in i["targets"].items():
                w(f"  target {target}: {'met' if met else 'MISSED'}")
        for p in r.get("pages", []):
            w(
                f"Page {p['page']:<28} median {p['timing']['median_ms']:7.1f} ms, "
                f"p95 {p['timing']['p95_ms']:7.1f} ms (target {measure.PAGE_P95_MS} ms: "
                f"{'met' if p['target_met'] else 'MISSED'}), {p['queries']} queries"
                + (f", status {p['status']} {p['error']}" if p["status"] != 200 else "")
            )
        d = r.get("documents")
        if d:
            if d["docx"]:
                w(
                    f"Report {d['assessment']}: Word {d['docx']['median_ms'] / 1000:.1f} s, "
                    f"PDF {d['pdf']['median_ms'] / 1000:.1f} s (target {measure.REPORT_S:g} s: "
                    f"{'met' if d['target_met'] else 'MISSED'})"
                )
            else:
                w(f"Report: not measured ({d['note']})")
        w(
            f"Worker memory (peak after the pages): {r['worker_memory_mb']} MB "
            f"(target {measure.WORKER_MB} MB: "
            f"{'met' if r['worker_memory_target_met'] else 'MISSED'})"
        )
        if "process_memory_mb" in r:
            w(f"Process peak (indicators and documents included): {r['process_memory_mb']} MB")
