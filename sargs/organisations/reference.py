"""Loading the municipality reference data shipped with the app (a copy of shared/data)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any

CSV_PATH = Path(__file__).resolve().parent / "data" / "municipalities.csv"

# Successors of municipalities that ceased to exist. The CSV says it in prose notes only,
# so the mapping is written out here and a test checks every ended row has one.
SUCCESSORS = {
    "0038000": "0038001",  # Madonas novads before the merger → Madonas novads
    "0055000": "0038001",  # Varakļānu novads joined Madonas novads on 30.06.2024
}

KINDS = {"valstspilsētas pašvaldība": "state_city", "novada pašvaldība": "novads"}


def parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    return datetime.datetime.strptime(text, "%d.%m.%Y").date() if text else None


def municipality_rows(path: Path = CSV_PATH) -> list[dict[str, Any]]:
    """The CSV rows as field dictionaries for the Municipality model (without successor)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "atvk": row["atvk_code"],
                "lau": row["lau_code"],
                "name": row["name"],
                "kind": KINDS[row["type"]],
                "iso_3166_2": row["iso_3166_2"],
                "valid_from": parse_date(row["valid_from"]),
                "valid_to": parse_date(row["valid_to"]),
                "note": row["note"],
            }
            for row in csv.DictReader(handle)
        ]


def load_municipalities(model: Any) -> int:
    """Create or update every municipality and link successors; returns the row count."""
    rows = municipality_rows()
    for row in rows:
        model.objects.update_or_create(atvk=row["atvk"], defaults=row)
    by_code = {m.atvk: m for m in model.objects.all()}
    for old, new in SUCCESSORS.items():
        predecessor = by_code[old]
        predecessor.successor = by_code[new]
        predecessor.save(update_fields=["successor"])
    return len(rows)
