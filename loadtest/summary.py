"""Print the load test's figures per page against the targets (issues 9 and 20) from locust's
CSV, with the largest web worker's resident memory."""

from __future__ import annotations

import csv
import sys

P95_TARGET_MS = 300
WORKER_TARGET_MB = 250


def main(stats_csv: str, worker_mb: str, worker_peak_mb: str = "") -> int:
    with open(stats_csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    missed = 0
    print(
        f"{'page':<30} {'requests':>9} {'errors':>7} {'median ms':>10} {'p95 ms':>8} {'req/s':>7}"
    )
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = row["Name"]
        p95 = float(row["95%"] or 0)
        errors = int(row["Failure Count"])
        line = (
            f"{name:<30} {int(row['Request Count']):>9} {errors:>7} "
            f"{float(row['Median Response Time'] or 0):>10.0f} {p95:>8.0f} "
            f"{float(row['Requests/s'] or 0):>7.1f}"
        )
        if name != "Aggregated" and (p95 >= P95_TARGET_MS or errors):
            line += "   MISSED (target: p95 < 300 ms, no errors)"
            missed += 1
        print(line)
    memory = int(worker_mb or 0)
    verdict = "met" if memory < WORKER_TARGET_MB else "MISSED"
    peak = f"; the most any worker reached: {int(worker_peak_mb)} MB" if worker_peak_mb else ""
    print(
        f"largest web worker after the run: {memory} MB "
        f"(target {WORKER_TARGET_MB} MB: {verdict}){peak}"
    )
    return 1 if missed or memory >= WORKER_TARGET_MB else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
